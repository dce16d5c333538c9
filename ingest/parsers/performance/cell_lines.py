"""Tables dumped one cell per line (003): a cell starts with a tab, a line without a tab continues the
cell above it, and a blank line ends the row. Level names carry their weight ("决策(10分)",
"项目立项规范性（1分）"); the numbers after the names are 指标分值, 评价得分, 扣分情况, then 扣分原因.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.model import Line
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
    return clean_name(match.group("name")), Decimal(match.group("weight"))


def parse_cell_rows(body: list[Line]) -> tuple[list[IndicatorRow], list[SubtotalRow]]:
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
        weight = numbers[0] if numbers else label_weight
        score = numbers[1] if len(numbers) > 1 else None
        indicators.append(IndicatorRow(level1, level2, name, None, None, weight, score, note, row[len(labels) - 1][1]))
    return indicators, subtotals


def total_numbers(lines: list[Line]) -> tuple[Decimal | None, Decimal | None]:
    """003 "合计 / 100 / 97 / 3": 指标分值, 评价得分, 扣分情况."""
    numbers = [to_decimal(line.text) for line in lines if is_number(line.text)]
    return (numbers[0] if numbers else None), (numbers[1] if len(numbers) > 1 else None)
