"""A row of cells -> the logical rows it prints (RowPart: code, label, 行次, amounts), their
支出功能分类 codes and their row keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.layout.tables import CODE, LIST_MARKER, TableBlock, normalize_label
from ingest.model import IngestIssue, Line
from ingest.parsers import fa_patterns as fa
from ingest.parsers.fa_figures import parse_amount
from ingest.parsers.fa_header import Column
from ingest.parsers.function_classes import function_classes
from ingest.parsers.template_vocabulary import TemplateVocabulary
from ingest.parsers.templates import kind_of, vocabulary_of

COUNT_UNIT = re.compile(fa.COUNT_UNIT_PATTERN)


PREFIX_WORDS = re.compile(r"^(其中[：:]|合计[：:])")


CODE_PART = re.compile(r"^\d{2}$")


# "2010301 行政运行" in one cell; some producers print no space ("2010301行政运行").
CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?:\s+(\D.*)|([\u3400-\u9fff].*))$")


@dataclass(slots=True)
class RowPart:
    """One logical row read from a line (a two-sided or multi-group line gives several)."""

    label: str
    code: str | None
    line_code: str | None
    amounts: list[tuple[Column, str]]  # (column, printed cell)
    side: str | None = None
    group: int = 0
    code_parts: dict[int, str] = field(default_factory=dict)  # 类 | 款 | 项 cells as printed, by level
    code_from_name: bool = False  # the code was looked up from the name (the row prints none)
    # The table's header has no code or name column: it prints its one row of figures, its total
    # (支出预算总表 "合计 | 基本支出 | 项目支出 | …", js_cppcc_office_2018_budget_tables.pdf p.3).
    figures_only: bool = False


def figures_only(columns: list[Column]) -> bool:
    """Whether a table's header has no code or name column (its rows are RowPart.figures_only)."""
    return not any(column.role in ("code", "name") for column in columns)


def row_parts(cells: list[str], columns: list[Column], no_names: bool) -> list[RowPart]:
    """A row's cells under the columns; ``no_names``: figures_only(columns), asked once a table."""
    parts: dict[int, RowPart] = {}
    for column in columns:
        part = parts.get(column.group)
        if part is None:  # a group's first column
            part = parts[column.group] = RowPart("", None, None, [], column.side, column.group)
            part.figures_only = no_names
        text = cells[column.index] if column.index < len(cells) else ""
        if column.role in ("code", "name") and (joined := CODE_AND_NAME.match(text)):
            part.code, part.label = joined.group(1), joined.group(2) or joined.group(3)
        elif column.role == "code" and column.level and text.isdigit():
            part.code_parts[column.level] = text  # 类 | 款 | 项 columns: composed in _resolve_codes
        elif column.role == "code" and text:
            if CODE.match(text):
                part.code = text
            elif CODE_PART.match(text) and part.code:
                part.code += text  # 类 | 款 | 项 columns: "201 | 06 | 01" is 2010601
            else:
                part.label = part.label or text
        elif column.role == "name" and text:
            part.label = part.label or text
        elif column.role == "line_no" and text:
            part.line_code = text
        elif column.role == "amount":
            part.amounts.append((column, text))
    return list(parts.values())


def join_wrapped_labels(
    table_key: str, table_rows: list[tuple[Line, list[RowPart]]]
) -> list[tuple[Line, list[RowPart]]]:
    """Labels wrapped over lines of their own, joined; the lines holding only their pieces are
    left out:

    - a label wrapped above and below its row's figures (a row ruled finer beside it:
      "三、单位预留机动经" / "3258.06" / "费", js_high_court_2018_budget.pdf p.9) is the label of the
      part with figures and no label next to it in the same column group;
    - a label continued on the next line ("七、文化旅游体育与传媒支" / "出", a row without figures,
      js_high_court_2019_budget.pdf p.8; or, as word processors break a row over a page break,
      "其他自然资" with its figures at the foot of a page and "源事务支出" at the top of the next) is
      joined when only the joined text names a row the table's vocabulary knows.
    """
    return _join_continued_labels(table_key, _join_around_figures(table_rows))


def _join_around_figures(table_rows: list[tuple[Line, list[RowPart]]]) -> list[tuple[Line, list[RowPart]]]:
    fragments = [_fragment(parts) for _, parts in table_rows]
    kept: list[tuple[Line, list[RowPart]]] = []
    for n, (line, parts) in enumerate(table_rows):
        if fragments[n] is not None and _joined_into(table_rows, fragments, n) is not None:
            continue
        for part in parts:
            if part.label or part.code or not has_figures(part):
                continue
            above = _piece(table_rows, fragments, n - 1, part.group)
            below = _piece(table_rows, fragments, n + 1, part.group)
            if above or below:
                part.label = (above or "") + (below or "")
        kept.append((line, parts))
    return kept


def _join_continued_labels(
    table_key: str, table_rows: list[tuple[Line, list[RowPart]]]
) -> list[tuple[Line, list[RowPart]]]:
    kept: list[tuple[Line, list[RowPart]]] = []
    for line, parts in table_rows:
        fragment = _fragment(parts)
        previous = kept and next((p for p in kept[-1][1] if p.group == fragment.group), None) if fragment else None
        if (
            previous
            and previous.label
            and not names_a_row(table_key, previous.label)
            and names_a_row(table_key, previous.label + fragment.label)
        ):
            previous.label += fragment.label
            continue
        kept.append((line, parts))
    return kept


def names_a_row(table_key: str, label: str) -> bool:
    """Whether a label names a row the table's vocabulary knows (or a 支出功能分类 name)."""
    text = row_text(label)
    vocabulary = vocabulary_of(table_key)
    known = (
        vocabulary.summary_income_rows,
        vocabulary.summary_expenditure_rows,
        vocabulary.row_labels_by_table.get(table_key, {}),
        vocabulary.economic_total_rows,
        vocabulary.three_public_rows,
        fa.FUNCTION_CLASS_CODES,
    )
    return any(text in words for words in known) or function_classes().has_name(text)


def _fragment(parts: list[RowPart]) -> RowPart | None:
    """The one part of a line that prints nothing but a piece of text."""
    filled = [p for p in parts if p.label or p.code or p.code_parts or p.line_code or has_figures(p)]
    if len(filled) != 1:
        return None
    part = filled[0]
    return part if part.label and not (part.code or part.code_parts or part.line_code or has_figures(part)) else None


def _piece(table_rows, fragments, n: int, group: int) -> str | None:
    if 0 <= n < len(table_rows) and fragments[n] is not None and fragments[n].group == group:
        return fragments[n].label
    return None


def _joined_into(table_rows, fragments, n: int) -> int | None:
    """The line next to a fragment whose part of the same group has figures and no label."""
    group = fragments[n].group
    for m in (n + 1, n - 1):
        if 0 <= m < len(table_rows) and any(
            p.group == group and not p.label and not p.code and has_figures(p) for p in table_rows[m][1]
        ):
            return m
    return None


def merge_orphan_amounts(parts: list[RowPart]) -> list[RowPart]:
    """公用经费合计 printed in one group with its figure under the next group (002 line 234)."""
    for n, part in enumerate(parts):
        if not (part.label or part.code) or has_figures(part):
            continue
        for later in parts[n + 1 :]:
            if later.label or later.code:
                break
            if has_figures(later):
                part.amounts = later.amounts
                later.amounts = []
                break
    return parts


def has_figures(part: RowPart) -> bool:
    # a loop, not any() over a generator (three times slower): asked several times of every row
    for _, text in part.amounts:  # noqa: SIM110
        if parse_amount(text) is not None:
            return True
    return False


@dataclass
class CodeReading:
    """What resolving a table's codes met: issues, and the rows whose name fits two codes."""

    issues: list[IngestIssue] = field(default_factory=list)
    ambiguous: dict[int, tuple[str, ...]] = field(default_factory=dict)  # part index -> candidate codes


def resolve_function_codes(
    block: TableBlock, table_rows: list[tuple[Line, list[RowPart]]], choices: dict[int, str] | None = None
) -> CodeReading:
    """Every row's 支出功能分类 code, from what the row prints and the codes in force above it.

    - 类 | 款 | 项 columns: "201 | 06 | 01" is 2010601; a row printing only its own part takes the
      rest from the rows above ("| 06 |" under 201 is 20106; "| | 01" under 20106 is 2010601);
    - names without codes: the name is looked up in the 支出功能分类 list (function_classes.py), a 项
      under the 款 in force or a 款 under the 类 in force. A name that fits two codes takes the one
      `choices` gives for that row (its index among the table's rows), else the first; the row is
      listed as ambiguous for the identities to decide.
    """
    vocabulary = function_classes()
    labelled_rows = vocabulary_of(block.spec.key).row_labels_by_table.get(block.spec.key, {})
    reading = CodeReading()
    in_force: dict[int, str] = {}  # level -> code of the last row of that level
    index = -1
    for line, parts in table_rows:
        for part in parts:
            index += 1
            if part.code_parts:
                part.code = _compose(block, line, part, in_force, reading.issues)
            elif (
                (part.code is None or part.code_from_name)
                and part.label
                and row_text(part.label) not in fa.TOTAL_ROW_LABELS
                and row_text(part.label) not in labelled_rows
            ):
                options = _codes_from_name(vocabulary, part.label, in_force)
                chosen = (choices or {}).get(index)
                part.code = chosen if chosen in options else (options[0] if options else None)
                part.code_from_name = part.code is not None
                if len(options) > 1:
                    reading.ambiguous[index] = options
                if part.code is None and has_figures(part):
                    message = f"{block.title}: {printed_label(part.label)} has no code and its name is not in the 支出功能分类 list (seed ref_function_classes)"
                    reading.issues.append(issue("warn", message, line))
            if part.code and CODE.match(part.code):
                level = (len(part.code) - 1) // 2
                in_force = {k: v for k, v in in_force.items() if k < level} | {level: part.code}
    return reading


def compose_codes(block: TableBlock, table_rows: list[tuple[Line, list[RowPart]]]) -> list[IngestIssue]:
    """The codes of a table printing them over 类 | 款 (| 项) columns (an 经济分类 table: "301 | 01"
    is 30101), with the codes in force above each row in its column group (公开06 prints groups side by
    side)."""
    issues: list[IngestIssue] = []
    in_force: dict[int, dict[int, str]] = {}  # group -> level -> code of the group's last row of that level
    for line, parts in table_rows:
        for part in parts:
            group = in_force.setdefault(part.group, {})
            if part.code_parts:
                part.code = _compose(block, line, part, group, issues)
            if part.code and CODE.match(part.code):
                level = (len(part.code) - 1) // 2
                in_force[part.group] = {k: v for k, v in group.items() if k < level} | {level: part.code}
    return issues


def _compose(
    block: TableBlock, line: Line, part: RowPart, in_force: dict[int, str], issues: list[IngestIssue]
) -> str | None:
    """A row's code from its 类 | 款 | 项 cells and the codes in force. Two misprints are read and
    reported: a 款/项 printed with one digit, as a spreadsheet prints the number 2 for "02"
    ("301 | 2 | 津贴补贴", sh_putuo_wanli_street_2024_budget.pdf p.29); a 类 that is not three digits
    under the 类 and 款 in force ("7 | 11 | 02 | 事业单位医疗" under "210 | 11", sh_putuo_welfare_home
    p.9): the 类 in force is read."""
    parts = dict(part.code_parts)
    for level in (2, 3):
        if len(parts.get(level, "")) == 1:
            parts[level] = parts[level].zfill(2)
            issues.append(
                issue(
                    "info",
                    f"{block.title}: {printed_label(part.label)}: the code part {part.code_parts[level]} read as {parts[level]}",
                    line,
                )
            )
    printed_class = parts.get(1)
    if printed_class is not None and len(printed_class) != 3 and in_force.get(1) and parts.get(2):
        parts[1] = in_force[1]
        message = f"{block.title}: {printed_label(part.label)}: 类 printed as {printed_class}, read as {in_force[1]}, the 类 of the rows above"
        issues.append(issue("warn", message, line))
    return _composed_code(parts, in_force)


def _composed_code(code_parts: dict[int, str], in_force: dict[int, str]) -> str | None:
    code = ""
    for level in (1, 2, 3):
        printed = code_parts.get(level)
        if printed is None:
            if code:
                break
            continue
        if level == 1 or len(printed) == 1 + 2 * level:  # a 类, or a full code in its part's column
            code = printed
        else:
            code = (code or in_force.get(level - 1, "")) + printed
    return code if CODE.match(code) and len(code) >= 3 else None


def _codes_from_name(vocabulary, label: str, in_force: dict[int, str]) -> tuple[str, ...]:
    """The codes a row printed by name only can have: a 类, a 项 of the 款 in force, a 款 of the 类
    in force; never a code in force (a row does not repeat a row it belongs to: "其他支出" under
    类 229 其他支出 is 款 22999, under that 款 项 2299999)."""
    name = row_text(label)
    found = (
        vocabulary.code_of(name, None),
        in_force.get(2) and vocabulary.code_of(name, in_force[2]),
        in_force.get(1) and vocabulary.code_of(name, in_force[1]),
    )
    return tuple(dict.fromkeys(code for code in found if code and code not in in_force.values()))


@dataclass
class RowState:
    """Context carried down a table: rows under 年初财政拨款结转和结余 split that carryover by fund."""

    row_no: int = 0
    after_carryover_begin: bool = False


# Labels repeat within a document and across documents of one template: the pure functions of a
# label are remembered (a few thousand each, so a worker's memory stays flat).
@lru_cache(maxsize=1 << 12)
def printed_label(label: str) -> str:
    return "".join(label.split())


@lru_cache(maxsize=1 << 12)
def row_unit(label: str, table_unit: str) -> str:
    m = COUNT_UNIT.search(row_text(label, keep_unit=True))
    return m.group(1) if m else table_unit


@lru_cache(maxsize=1 << 12)
def row_text(label: str, keep_unit: bool = False) -> str:
    """A row label in the form fa_patterns compares: no markers, quotes, spaces; full-width parentheses."""
    text = normalize_label(label).replace("(", "（").replace(")", "）").replace("（类）", "")
    for _ in range(2):
        text = LIST_MARKER.sub("", text)
        text = PREFIX_WORDS.sub("", text)
    if not keep_unit:
        text = COUNT_UNIT.sub("", text)
    return text


def row_key_for(table_key: str, part: RowPart, state: RowState) -> str | None:
    """The normalized identity of a row within its table (the family's row vocabulary)."""
    text = row_text(part.label)
    kind = kind_of(table_key)
    vocabulary = vocabulary_of(table_key)
    if kind == "two_sided":
        return _summary_row_key(text, part, state, vocabulary)
    if part.code:
        return part.code
    if text in ("合计", "总计"):
        return "total"
    if not text and part.figures_only:
        return "total"
    if kind == "economic_coded":
        return vocabulary.economic_total_rows.get(text)
    if kind == "three_public":
        return vocabulary.three_public_rows.get(text)
    return vocabulary.row_labels_by_table.get(table_key, {}).get(text)


def _summary_row_key(text: str, part: RowPart, state: RowState, vocabulary: TemplateVocabulary) -> str | None:
    if part.side == "income":
        key = vocabulary.summary_income_rows.get(text)
        if key == "carryover_begin":
            state.after_carryover_begin = True
        elif state.after_carryover_begin and key in vocabulary.carryover_fund_rows:
            return vocabulary.carryover_fund_rows[key]
        return key
    key = vocabulary.summary_expenditure_rows.get(text) or fa.FUNCTION_CLASS_CODES.get(text)
    if key or not text:
        return key
    ordinal = _ordinal(part.label)
    order = vocabulary.summary_class_order
    if ordinal and ordinal <= len(order) and text.endswith("支出"):
        return order[ordinal - 1]  # 002 line 71: "一、一般公共预算支出" is class 201
    return None


CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _ordinal(label: str) -> int | None:
    m = re.match(r"^\s*([一二三四五六七八九十]+)\s*、", label)
    if not m:
        return None
    text, total = m.group(1), 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        total = (CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + CHINESE_DIGITS.get(ones, 0)
    else:
        total = CHINESE_DIGITS.get(text, 0)
    return total or None


def issue(severity: str, message: str, line: Line) -> IngestIssue:
    return IngestIssue("parse_tables", severity, message, line.line_no, line.page_no)
