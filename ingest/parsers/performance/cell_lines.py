"""Tables dumped one cell per line (003): a cell starts with a tab, a line without a tab continues the
cell above it, and a blank line ends the row. Level names carry their weight ("决策(10分)",
"项目立项规范性（1分）"); the figures after the names are read in the order the header row names its
figure columns (003: 指标分值, 评价得分, 扣分情况, then the note 扣分原因).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.model import Line
from ingest.numbers import parse_number
from ingest.parsers.performance import columns
from ingest.parsers.performance.common import IndicatorRow, SubtotalRow, clean_name, is_number, squash, to_decimal
from ingest.parsers.performance.patterns import WEIGHTED_LABEL

_LABEL = re.compile(r"^(?P<name>.+?)[(（](?P<weight>\d+(?:\.\d+)?)分[)）]$")


def rows(lines: list[Line]) -> list[list[tuple[str, Line]]]:
    """Rows of (cell text, line the cell starts on)."""
    out: list[list[tuple[str, Line]]] = []
    current: list[tuple[str, Line]] = []
    for line in lines:
        if not line.text.strip():
            if current:
                out.append(current)
                current = []
            continue
        if line.text.startswith("\t") or not current:
            current.append((line.text.strip(), line))
        else:
            text, first = current[-1]
            current[-1] = (text + "\n" + line.text.strip(), first)
    if current:
        out.append(current)
    return out


def _label(cell: str) -> tuple[str, Decimal] | None:
    match = _LABEL.match(squash(cell))
    if not match or not WEIGHTED_LABEL.match(squash(cell)):
        return None
    return clean_name(match.group("name")), parse_number(match.group("weight"))


# The figure columns of a header that names none: 003's order.
_DEFAULT_FIGURES = ["weight", "score", "deduction"]


def header_roles(body: list[Line]) -> list[str | None]:
    """Roles of the header row's cells (003 "一级\n指标", …, "指标分值", "评价得分", "扣分情况", "扣分原因")."""
    table = rows(body)
    return columns.column_roles([text for text, _ in table[0]]) if table else []


def _figure_order(roles: list[str | None]) -> list[str]:
    ordered = [r for r in columns.figure_roles(roles) if r in ("weight", "score", "deduction")]
    return ordered or _DEFAULT_FIGURES


def parse_cell_rows(body: list[Line]) -> tuple[list[IndicatorRow], list[SubtotalRow]]:
    order = _figure_order(header_roles(body))
    indicators: list[IndicatorRow] = []
    subtotals: list[SubtotalRow] = []
    level1 = level2 = None
    for row in rows(body):
        labels = []
        for text, _line in row:
            label = _label(text)
            if not label:
                break
            labels.append(label)
        if not labels:
            continue
        line = row[0][1]
        if len(labels) >= 3:
            level1 = labels[-3][0]
            subtotals.append(SubtotalRow(1, level1, labels[-3][1], None, line))
        if len(labels) >= 2:
            level2 = labels[-2][0]
            subtotals.append(SubtotalRow(2, level2, labels[-2][1], None, line))
        name, label_weight = labels[-1]
        rest = [text for text, _ in row[len(labels) :]]
        first_number = next((k for k, text in enumerate(rest) if is_number(text)), None)
        numbers, note = [], None
        if first_number is not None:
            k = first_number
            while k < len(rest) and is_number(rest[k]):
                numbers.append(to_decimal(rest[k]))
                k += 1
            note = clean_name(" ".join(rest[k:])) or None
        figures = columns.figures_in_order(order, numbers)
        weight = figures.get("weight", label_weight)
        score = figures.get("score")
        indicators.append(IndicatorRow(level1, level2, name, None, None, weight, score, note, row[len(labels) - 1][1]))
    return indicators, subtotals


def total_numbers(lines: list[Line], roles: list[str | None]) -> tuple[Decimal | None, Decimal | None]:
    """003 "合计 / 100 / 97 / 3": 指标分值, 评价得分, 扣分情况, in the header's order."""
    numbers = [d for d in (to_decimal(line.text) for line in lines if is_number(line.text)) if d is not None]
    figures = columns.figures_in_order(_figure_order(roles), numbers)
    return figures.get("weight"), figures.get("score")
