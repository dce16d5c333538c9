"""Tab-separated tables (Markdown/HTML exports): one row per line, cells separated by tabs.

Two kinds:
- positional (004): the header names each column (一级指标 分值 二级指标 分值 三级指标 分值 得分, or
  … 全年目标值 全年完成值) and rows keep their cells in place;
- labelled (002): weights are written into the level names ("数量指标 (30分)", "投入 (15)") and rows lose
  their empty cells or shift, so cells are read by what they contain, not where they are.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.model import Line
from ingest.parsers.performance.common import (
    IndicatorRow,
    SubtotalRow,
    clean_name,
    is_number,
    squash,
    strip_html,
    to_decimal,
)
from ingest.parsers.performance.patterns import EVALUATION_LEVEL1, PLACEHOLDER_NAME, WEIGHTED_LABEL

# "指标1：省级案件化解上报率": the per-group numbering printed in the indicator cell.
INDICATOR_MARKER_TEXT = re.compile(r"^\s*指标\s*\d+\s*[：:]\s*")

_ROLE_WORDS = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("level3", ("三级指标",)),
    ("target", ("目标值", "指标值")),
    ("actual", ("完成值", "实际值")),
    ("score", ("得分",)),
    ("note", ("偏差", "原因")),
)


def cells(line: Line) -> list[str]:
    return [strip_html(c) for c in line.text.split("\t")]


def _column_roles(header: list[str]) -> list[str | None]:
    """Role of each header cell; a 分值 column is the weight of the level before it."""
    roles: list[str | None] = []
    last_level = None
    for cell in header:
        text = squash(cell)
        role = next((r for r, words in _ROLE_WORDS if any(w in text for w in words)), None)
        if text == "分值" and last_level:
            role = {"level1": "level1_weight", "level2": "level2_weight", "level3": "weight"}[last_level]
        if role in ("level1", "level2", "level3"):
            last_level = role
        roles.append(role)
    return roles


def is_labelled(body: list[Line]) -> bool:
    """True when level weights are written into the level names (002)."""
    return sum(1 for line in body[1:] for c in cells(line) if WEIGHTED_LABEL.fullmatch(c.strip())) >= 2


def parse_positional(body: list[Line]) -> tuple[list[IndicatorRow], list[SubtotalRow]]:
    roles = _column_roles(cells(body[0]))
    indicators: list[IndicatorRow] = []
    subtotals: list[SubtotalRow] = []
    level1 = level2 = None
    for line in body[1:]:
        row = dict.fromkeys(("level1", "level1_weight", "level2", "level2_weight", "level3", "weight"))
        for role, cell in zip(roles, cells(line), strict=False):
            if role and cell.strip():
                row[role] = cell.strip()
        if row["level1"]:
            level1, level2 = clean_name(row["level1"]), None
            subtotals.append(SubtotalRow(1, level1, to_decimal(row["level1_weight"]), None, line))
        if row["level2"]:
            level2 = clean_name(row["level2"])
            if row["level2_weight"] is not None:
                subtotals.append(SubtotalRow(2, level2, to_decimal(row["level2_weight"]), None, line))
        if not row["level3"]:
            continue
        indicators.append(
            IndicatorRow(
                level1,
                level2,
                clean_name(INDICATOR_MARKER_TEXT.sub("", row["level3"])),
                row.get("target"),
                row.get("actual"),
                to_decimal(row["weight"]) if is_number(row["weight"]) else None,
                to_decimal(row.get("score")) if is_number(row.get("score")) else None,
                row.get("note"),
                line,
            )
        )
    return indicators, subtotals


def _merge_wrapped_rows(body: list[Line]) -> list[tuple[Line, list[str]]]:
    """Rows with their cells; a row whose labels wrapped onto the next row is merged cell by cell.

    002: "产出→职责→项目实→…" + "(20)→履行 (20)→际完成率 (6)→…" -> "产出(20)", "职责履行 (20)", "项目实际完成率 (6)".
    """
    rows = [(line, cells(line)) for line in body if line.text.strip()]
    merged: list[tuple[Line, list[str]]] = []
    i = 0
    while i < len(rows):
        line, row = rows[i]
        following = rows[i + 1][1] if i + 1 < len(rows) else None
        if following and not _labels(row) and re.match(r"^\s*[(（]\d+(?:\.\d+)?[)）]", following[0]):
            width = max(len(row), len(following))
            row = [
                (row[k] if k < len(row) else "") + (following[k] if k < len(following) else "") for k in range(width)
            ]
            i += 1
        merged.append((line, row))
        i += 1
    return merged


def _labels(row: list[str]) -> list[tuple[str, Decimal]]:
    """The weighted level labels at the start of a row, up to the first description cell."""
    labels = []
    for cell in row:
        text = cell.strip()
        if not text:
            continue
        match = WEIGHTED_LABEL.match(text)
        if match and (match.end() == len(text) or text[match.end()].isspace()):
            labels.append((clean_name(match.group("name")), Decimal(match.group("weight"))))
            continue
        if labels and len(squash(text)) <= 4 and not is_number(text):
            continue  # 002 "资产管理 (8)→资产→资产管理完整性 (3)": a stray fragment between labels
        break
    return labels


def parse_labelled(body: list[Line], *, with_target: bool) -> tuple[list[IndicatorRow], list[SubtotalRow]]:
    """Rows of 002's tables. In a self-evaluation table (with_target) the last label is the level-2
    name and the next cell the indicator; in a 部门整体 score table the last label is the indicator."""
    indicators: list[IndicatorRow] = []
    subtotals: list[SubtotalRow] = []
    level1 = level2 = None
    level2_weight: dict[str, Decimal] = {}
    for line, row in _merge_wrapped_rows(body[1:]):
        labels = _labels(row)
        if not labels:
            continue
        for name, weight in [x for x in labels if squash(x[0]) in EVALUATION_LEVEL1]:
            level1, level2 = name, None
            subtotals.append(SubtotalRow(1, name, weight, None, line))
        inner = [x for x in labels if squash(x[0]) not in EVALUATION_LEVEL1]
        values = _values_after_labels(row, len(labels))
        if with_target:
            if inner:
                level2 = inner[-1][0]
                level2_weight[level2] = inner[-1][1]
                subtotals.append(SubtotalRow(2, level2, inner[-1][1], None, line))
            if not values:
                continue
            indicators.append(_target_row(level1, level2, values, line))
        else:
            if not inner:
                continue
            if len(inner) >= 2:
                level2 = inner[-2][0]
                subtotals.append(SubtotalRow(2, level2, inner[-2][1], None, line))
            name, weight = inner[-1]
            score = to_decimal(values[-1]) if values and is_number(values[-1]) else None
            indicators.append(IndicatorRow(level1, level2, name, None, None, weight, score, None, line))
    if with_target:
        _weights_from_single_level2(indicators, level2_weight)
    return indicators, subtotals


def _values_after_labels(row: list[str], label_count: int) -> list[str]:
    seen = 0
    out: list[str] = []
    for cell in row:
        text = cell.strip()
        if not text:
            continue
        if seen < label_count:
            if WEIGHTED_LABEL.match(text):
                seen += 1
            continue
        out.append(text)
    return out


def _target_row(level1: str | None, level2: str | None, values: list[str], line: Line) -> IndicatorRow:
    """[name, target, actual, score] with blank cells lost: 002 "生态效益→→→10" is name and score only."""
    score = to_decimal(values[-1]) if is_number(values[-1]) and len(values) > 1 else None
    middle = values[1:-1] if score is not None else values[1:]
    target = middle[0] if middle else None
    actual = middle[1] if len(middle) > 1 else None
    name = clean_name(values[0])
    if name and PLACEHOLDER_NAME.match(name):
        name = None
    return IndicatorRow(level1, level2, name, target, actual, None, score, None, line)


def _weights_from_single_level2(indicators: list[IndicatorRow], level2_weight: dict[str, Decimal]) -> None:
    """002 prints one indicator per level-2 name and no indicator weight column: the indicator's weight is
    its level-2 weight ("数量指标 (30分) / 足额发放 … 30")."""
    counts: dict[str | None, int] = {}
    for row in indicators:
        counts[row.level2] = counts.get(row.level2, 0) + 1
    for row in indicators:
        if row.weight is None and counts.get(row.level2) == 1 and row.level2 in level2_weight:
            row.weight = level2_weight[row.level2]
