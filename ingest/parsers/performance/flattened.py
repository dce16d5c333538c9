"""Tables flattened by PDF text extraction: cells run together on lines, long cells wrap over lines.

Two grammars:
- self-evaluation rows (项目支出绩效自评表, 000/001): each row ends with "<分值> <得分>" and reads
  "[一级] [二级] [指标 N：]name target actual weight score";
- level rows (项目支出绩效评价表, 000): "决 策 40 项目立项 8 立项依据充分性 4 4" - level names each
  followed by their weight, the indicator by weight and score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.model import Line
from ingest.numbers import parse_number
from ingest.parsers.performance.common import (
    IndicatorRow,
    SubtotalRow,
    clean_name,
    is_number,
    join_wrapped,
    merge_unit_tokens,
    squash,
    to_decimal,
)
from ingest.parsers.performance.patterns import (
    EVALUATION_LEVEL1,
    INDICATOR_MARKER,
    PLACEHOLDER_NAME,
    SELF_DEFAULT_LEVEL1,
    SELF_LEVEL1,
    SELF_LEVEL2_FAMILY,
)

# 000 "100% 99.30% 6 6", "较好 较好 5 4", and "6 6" alone when the values wrapped.
_ROW_END = re.compile(r"(?:^|\s)\d+(?:\.\d+)?\s+\d+(?:\.\d+)?\s*$")
# A row whose 偏差原因分析及改进措施 cell follows the scores on the same line: "… 100% 95% 6 5 疫情影响延期"
# (a note without digits, after a score no larger than its weight).
_ROW_END_WITH_NOTE = re.compile(r"(?:^|\s)(?P<w>\d+(?:\.\d+)?)\s+(?P<s>\d+(?:\.\d+)?)\s+(?P<note>[^\d\s%][^\d%]*)$")


def _ends_row(text: str) -> bool:
    if _ROW_END.search(text):
        return True
    match = _ROW_END_WITH_NOTE.search(text)
    return bool(match) and parse_number(match.group("s")) <= parse_number(match.group("w")) <= 100


_SELF_LABELS = sorted({*SELF_LEVEL1, *SELF_LEVEL2_FAMILY}, key=len, reverse=True)


@dataclass
class _SelfRow:
    level1: str | None
    level2: str | None
    marker: int | None
    row: IndicatorRow


def _data_start(body: list[Line]) -> int:
    """Index of the first row after the multi-line header (it ends with 偏差原因分析及改进措施 or 得分)."""
    head = [squash(line.text) for line in body[:30]]
    with_measures = [i for i, text in enumerate(head) if "措施" in text]
    if with_measures:
        return with_measures[0] + 1
    with_score = [i for i, text in enumerate(head) if "得分" in text]
    return with_score[0] + 1 if with_score else 1


def _strip_labels(name: str) -> tuple[str, str | None, str | None, int | None]:
    level1 = level2 = None
    marker = None
    changed = True
    while changed:
        changed = False
        for label in _SELF_LABELS:
            if name.startswith(label) and len(name) > len(label):
                if label in SELF_LEVEL1 and level1 is None and level2 is None:
                    level1 = label
                else:
                    level2 = label
                name, changed = name[len(label) :], True
                break
        match = INDICATOR_MARKER.match(name)
        if match and len(name) > match.end():
            marker, name, changed = int(match.group("no")), name[match.end() :], True
    return name, level1, level2, marker


def _self_row(lines: list[Line], with_values: bool) -> _SelfRow | None:
    text = join_wrapped(lines)
    note = None
    if not _ROW_END.search(text):
        match = _ROW_END_WITH_NOTE.search(text)
        note, text = clean_name(match.group("note")), text[: match.start("note")]
    tokens = text.split()
    if len(tokens) < 3:
        return None
    weight, score = to_decimal(tokens[-2]), to_decimal(tokens[-1])
    rest = merge_unit_tokens(tokens[:-2])
    target = actual = None
    if not with_values:
        name_parts = rest
    elif len(rest) >= 3:
        target, actual, name_parts = rest[-2], rest[-1], rest[:-2]
    elif len(rest) == 2:
        actual, name_parts = rest[-1], rest[:-1]
    else:
        name_parts = rest
    name, level1, level2, marker = _strip_labels(squash("".join(name_parts)))
    row = IndicatorRow(None, None, clean_name(name), target, actual, weight, score, note, _first_line(lines))
    return _SelfRow(level1, level2, marker, row)


def _first_line(lines: list[Line]) -> Line:
    """The line an indicator row starts on: the first line past the level labels printed above it (merged
    level cells, themselves wrapped). 000 lines 617-622 "数量指标" / "指标 1：全年受理咨询量 100000个 110083"
    / "个" / "6 6" starts on line 618; lines 700-708 "满 意 度" / "指 标" / "服务对象" / "满意度指" / "标" /
    "指标 1：社会公众满意度 较好 较好 5 5" on line 708."""
    printed = [line for line in lines if line.text.strip()]
    labels = _label_prefix_length(squash("".join(line.text for line in printed)))
    seen = 0
    for line in printed:
        seen += len(squash(line.text))
        if seen > labels:
            return line
    return printed[0]


def _label_prefix_length(text: str) -> int:
    """How many characters of a row's squashed text are level labels ("经济效益指标指标1：…" -> 6)."""
    rest = text
    while True:
        label = next((x for x in _SELF_LABELS if rest.startswith(x) and len(rest) > len(x)), None)
        if label is None:
            return len(text) - len(rest)
        rest = rest[len(label) :]


def _assign_levels(rows: list[_SelfRow]) -> None:
    """Give every row its printed level names.

    A group of indicators restarts its numbering at "指标 1"; a level-2 label printed anywhere in the
    group names the group (000 table 2 prints 质量指标 after its first indicator). Level 1 is the printed
    level-1 name of the level-2's family, or the family's standard name when the table lost it (001).
    """
    groups: list[list[_SelfRow]] = []
    for row in rows:
        if not groups or row.marker in (None, 1):
            groups.append([row])
        else:
            groups[-1].append(row)
    printed_level1 = {SELF_LEVEL1[r.level1]: r.level1 for r in rows if r.level1}
    level1 = level2 = None
    for group in groups:
        level2 = next((r.level2 for r in group if r.level2), level2)
        own_level1 = next((r.level1 for r in group if r.level1), None)
        family = SELF_LEVEL2_FAMILY.get(level2 or "")
        if family:
            level1 = printed_level1.get(family) or SELF_DEFAULT_LEVEL1[family]
        elif own_level1:
            level1 = own_level1
        for r in group:
            r.row.level1, r.row.level2 = level1, level2


def parse_self_rows(body: list[Line]) -> list[IndicatorRow]:
    """Rows of a flattened self-evaluation table; a table without 指标值 / 完成值 columns has no
    target and actual, only names, weight and score."""
    rows: list[_SelfRow] = []
    buffer: list[Line] = []
    start = _data_start(body)
    header = squash("".join(line.text for line in body[:start]))
    with_values = any(word in header for word in ("指标值", "完成值", "实际值", "目标值"))
    for line in body[start:]:
        buffer.append(line)
        if line.text.strip() and _ends_row(line.text):
            row = _self_row(buffer, with_values)
            if row:
                rows.append(row)
            buffer = []
    _assign_levels(rows)
    return [r.row for r in rows]


@dataclass
class _Token:
    text: str
    line: Line

    @property
    def is_number(self) -> bool:
        return is_number(self.text)


def _level_tokens(lines: list[Line]) -> list[_Token]:
    """Tokens of a flattened level table, Chinese fragments of one cell merged ("决 策" -> 决策)."""
    tokens: list[_Token] = []
    for line in lines:
        for part in line.text.split():
            tokens.append(_Token(part, line))
    merged: list[_Token] = []
    for token in tokens:
        previous = merged[-1] if merged else None
        if (
            previous
            and not token.is_number
            and not previous.is_number
            and squash(previous.text) not in EVALUATION_LEVEL1
            and squash(token.text) not in EVALUATION_LEVEL1
        ):
            previous.text += token.text
        else:
            merged.append(_Token(token.text, token.line))
    return merged


def parse_level_rows(body: list[Line]) -> tuple[list[IndicatorRow], list[SubtotalRow]]:
    start = 1 if "得分" in squash(body[0].text) else _data_start(body)
    tokens = _level_tokens([line for line in body[start:] if line.text.strip()])
    indicators: list[IndicatorRow] = []
    subtotals: list[SubtotalRow] = []
    level1 = level2 = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.is_number:
            i += 1
            continue
        numbers = []
        j = i + 1
        while j < len(tokens) and tokens[j].is_number:
            numbers.append(to_decimal(tokens[j].text))
            j += 1
        name = clean_name(token.text)
        if squash(token.text) in EVALUATION_LEVEL1:
            level1, level2 = name, None
            weight = numbers[0] if len(numbers) == 1 else None
            subtotals.append(SubtotalRow(1, name, weight, None, token.line))
            i = i + 1 + (1 if weight is not None else 0)
            continue
        if len(numbers) in (0, 1):
            level2 = name
            subtotals.append(SubtotalRow(2, name, numbers[0] if numbers else None, None, token.line))
        elif len(numbers) == 2:
            indicators.append(_level_indicator(level1, level2, name, numbers[0], numbers[1], token.line))
        else:
            level2 = name
            subtotals.append(SubtotalRow(2, name, numbers[0], None, token.line))
            indicators.append(_level_indicator(level1, level2, None, numbers[-2], numbers[-1], token.line))
        i = j
    return indicators, subtotals


def _level_indicator(
    level1: str | None,
    level2: str | None,
    name: str | None,
    weight: Decimal | None,
    score: Decimal | None,
    line: Line,
) -> IndicatorRow:
    if name and PLACEHOLDER_NAME.match(name):
        name = None
    return IndicatorRow(level1, level2, name, None, None, weight, score, None, line)


def total_numbers(lines: list[Line]) -> tuple[Decimal | None, Decimal | None]:
    """(total weight, total score) of a total row: first and last number (000 "总 分 100 1 100 98");
    a single number is the score (002 "自评得分合计 100")."""
    numbers = [to_decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", " ".join(line.text for line in lines))]
    if not numbers:
        return None, None
    if len(numbers) == 1:
        return None, numbers[0]
    return numbers[0], numbers[-1]
