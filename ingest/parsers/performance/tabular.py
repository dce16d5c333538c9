"""Tab-separated tables (Markdown/HTML exports): one row per line, cells separated by tabs.

Two kinds:
- positional (004): the header names each column (一级指标 分值 二级指标 分值 三级指标 分值 得分, or
  … 全年目标值 全年完成值) and rows keep their cells in place;
- labelled (002; the DOCX of 003's table): weights are written into the level names ("数量指标 (30分)",
  "投入 (15)"). Text rows lose their empty cells or shift, so names are read by what they contain and
  figures in the order the header lists its figure columns; rows whose cells the loader knows (DOCX,
  ruled PDF) take each figure from the column the header names (columns.py).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.model import Line
from ingest.numbers import parse_number
from ingest.parsers.performance import columns
from ingest.parsers.performance.common import (
    IndicatorRow,
    SubtotalRow,
    clean_name,
    is_number,
    squash,
    to_decimal,
)
from ingest.parsers.performance.patterns import EVALUATION_LEVEL1, PLACEHOLDER_NAME, WEIGHTED_LABEL

# "指标1：省级案件化解上报率": the per-group numbering printed in the indicator cell.
INDICATOR_MARKER_TEXT = re.compile(r"^\s*指标\s*\d+\s*[：:]\s*")


def cells(line: Line) -> list[str]:
    return columns.cells(line)


def header_rows(body: list[Line]) -> list[list[str]]:
    """The header row and the rows continuing it: 002 "一级指标→二级指标→三级指标→→评分标准→得分" over
    "→→指标名称→指标解释说明→→" (no level label, no figure, a column label)."""
    rows = [cells(body[0])]
    for line in body[1:3]:
        row = cells(line)
        if not line.text.strip():
            continue
        if any(WEIGHTED_LABEL.match(c.strip()) or is_number(c) for c in row):
            break
        if not any(c.strip() and columns.role_of(c) for c in row):
            break
        rows.append(row)
    return rows


def header_roles(body: list[Line]) -> list[str | None]:
    return columns.column_roles(columns.merged_header(header_rows(body)))


def is_labelled(body: list[Line]) -> bool:
    """True when level weights are written into the level names (002)."""
    return sum(1 for line in body[1:] for c in cells(line) if WEIGHTED_LABEL.fullmatch(c.strip())) >= 2


def parse_positional(body: list[Line]) -> tuple[list[IndicatorRow], list[SubtotalRow]]:
    header = header_rows(body)
    roles = columns.column_roles(columns.merged_header(header))
    indicators: list[IndicatorRow] = []
    subtotals: list[SubtotalRow] = []
    level1 = level2 = None
    for line in body[len(header) :]:
        row: dict[str, str | None] = dict.fromkeys(
            ("level1", "level1_weight", "level2", "level2_weight", "level3", "weight")
        )
        row.update(columns.by_column(roles, cells(line)))
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
                columns.number(row["weight"]),
                columns.number(row.get("score")),
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
            labels.append((clean_name(match.group("name")), parse_number(match.group("weight"))))
            continue
        if labels and len(squash(text)) <= 4 and not is_number(text):
            continue  # 002 "资产管理 (8)→资产→资产管理完整性 (3)": a stray fragment between labels
        break
    return labels


def parse_labelled(body: list[Line], *, with_target: bool) -> tuple[list[IndicatorRow], list[SubtotalRow]]:
    """Rows of 002's tables. In a self-evaluation table (with_target) the last label is the level-2
    name and the next cell the indicator; in a 部门整体 score table the last label is the indicator.
    Figures are read from the columns the header names (columns.py)."""
    roles = header_roles(body)
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
        grid = columns.by_column(roles, row) if line.cells is not None else None
        if with_target:
            if inner:
                level2 = inner[-1][0]
                level2_weight[level2] = inner[-1][1]
                subtotals.append(SubtotalRow(2, level2, inner[-1][1], None, line))
            if grid is not None and "level3" in roles:
                if "level3" in grid:
                    indicators.append(_grid_target_row(level1, level2, grid, line))
                continue
            if not values:
                continue
            indicators.append(_target_row(level1, level2, values, line, roles))
        else:
            if not inner:
                continue
            if len(inner) >= 2:
                level2 = inner[-2][0]
                subtotals.append(SubtotalRow(2, level2, inner[-2][1], None, line))
            name, weight = inner[-1]
            figures, note = _figures(roles, grid, values)
            weight = figures.get("weight", weight)
            indicators.append(IndicatorRow(level1, level2, name, None, None, weight, figures.get("score"), note, line))
    if with_target:
        _weights_from_single_level2(indicators, level2_weight)
    return indicators, subtotals


_INDICATOR_FIGURES = ("weight", "score", "deduction")


def _figures(
    roles: list[str | None], grid: dict[str, str] | None, values: list[str]
) -> tuple[dict[str, Decimal], str | None]:
    """An indicator's figures (weight, score, deduction) and note, by the header's columns.

    A grid row (DOCX, ruled PDF) by position: the DOCX of 003's table "… | 1 | 1 | 0 |" under
    指标分值 | 评价得分 | 扣分情况. A text row by the order of the header's figure columns: its first run of
    figures; a header with only a 得分 column scores the row's last cell (002 部门整体 "… | 评分标准 | 1").
    """
    if grid is not None:
        figures = {role: columns.number(grid.get(role)) for role in _INDICATOR_FIGURES}
        return {k: v for k, v in figures.items() if v is not None}, clean_name(grid.get("note"))
    ordered = [r for r in columns.figure_roles(roles) if r in _INDICATOR_FIGURES]
    if len(ordered) < 2:
        score = to_decimal(values[-1]) if values and is_number(values[-1]) else None
        return ({"score": score} if score is not None else {}), None
    start = next((k for k, text in enumerate(values) if is_number(text)), len(values))
    end = start
    while end < len(values) and is_number(values[end]):
        end += 1
    numbers = [d for d in (to_decimal(v) for v in values[start:end]) if d is not None]
    note = clean_name(" ".join(values[end:])) if "note" in roles else None
    return columns.figures_in_order(ordered, numbers), note


def _grid_target_row(level1: str | None, level2: str | None, grid: dict[str, str], line: Line) -> IndicatorRow:
    """A self-evaluation row whose cells are in their columns: name, target, actual, weight, score, note."""
    name = clean_name(INDICATOR_MARKER_TEXT.sub("", grid["level3"]))
    if name and PLACEHOLDER_NAME.match(name):
        name = None
    return IndicatorRow(
        level1,
        level2,
        name,
        grid.get("target"),
        grid.get("actual"),
        columns.number(grid.get("weight")),
        columns.number(grid.get("score")),
        clean_name(grid.get("note")),
        line,
    )


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


def _target_row(
    level1: str | None, level2: str | None, values: list[str], line: Line, roles: list[str | None]
) -> IndicatorRow:
    """[name, target, actual, <figures the header names>, note] with blank cells lost: the figures are the
    last run of numbers, given to the header's figure columns in order (002 "… | 年度指标值 | 全年完成值 |
    得分": "生态效益→→→10" is name and score only)."""
    ordered = [r for r in columns.figure_roles(roles) if r in _INDICATOR_FIGURES] or ["score"]
    rest = values[1:]
    end = len(rest) if rest and is_number(rest[-1]) else 0  # the figures end the row
    if not end and "note" in roles:  # figures, then the note: "… | 10 | 9 | 受疫情影响延期"
        end = max((k + 1 for k, text in enumerate(rest) if is_number(text)), default=0)
    start = end
    while start > 0 and is_number(rest[start - 1]) and end - start < len(ordered):
        start -= 1
    if end < len(rest) and end - start < len(ordered):
        start = end = 0  # a row ending in text has its figures blank unless a full run precedes a note
    figures = columns.figures_in_order(ordered, [d for d in map(to_decimal, rest[start:end]) if d is not None])
    middle = rest[:start] if end else rest
    note = clean_name(" ".join(rest[end:])) if "note" in roles and end else None
    name = clean_name(values[0])
    if name and PLACEHOLDER_NAME.match(name):
        name = None
    target = middle[0] if middle else None
    actual = middle[1] if len(middle) > 1 else None
    return IndicatorRow(level1, level2, name, target, actual, figures.get("weight"), figures.get("score"), note, line)


def _weights_from_single_level2(indicators: list[IndicatorRow], level2_weight: dict[str, Decimal]) -> None:
    """002 prints one indicator per level-2 name and no indicator weight column: the indicator's weight is
    its level-2 weight ("数量指标 (30分) / 足额发放 … 30")."""
    counts: dict[str | None, int] = {}
    for row in indicators:
        counts[row.level2] = counts.get(row.level2, 0) + 1
    for row in indicators:
        if row.weight is None and counts.get(row.level2) == 1 and row.level2 in level2_weight:
            row.weight = level2_weight[row.level2]
