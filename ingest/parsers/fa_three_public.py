"""The “三公”经费 table printed in one row (budget and final groups side by side, 002 lines 266-270)."""

from __future__ import annotations

from ingest.layout.tables import TableBlock
from ingest.parsers import fa_patterns as fa
from ingest.parsers.fa_figures import is_amount_text, parse_amount
from ingest.parsers.fa_header import Column, column_key, header_paths
from ingest.parsers.fa_rows import RowPart, issue, row_text
from ingest.parsers.fa_values import TableRead, emit_part

THREE_PUBLIC_LABELS = {key: label for label, key in reversed(fa.THREE_PUBLIC_ROWS.items())}


def is_one_row_layout(data_rows: list[list[str]]) -> bool:
    filled = [[c for c in r if c] for r in data_rows]
    return not data_rows or all(all(is_amount_text(c) for c in r) for r in filled if r)


def read_three_public_one_row(
    block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str
) -> TableRead:
    read = TableRead()
    width = max((len(r) for r in rows), default=0)
    paths = header_paths(rows[:header_end], width)
    items = [_three_public_item(path) for path in paths]
    measures = _three_public_measures(paths, items)
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        if not any(cells):
            continue
        by_item: dict[str, RowPart] = {}
        for index, text in enumerate(cells):
            item = items[index] if index < len(items) else None
            measure = measures[index] if index < len(measures) else None
            if not item or not measure:
                if parse_amount(text) is not None:
                    read.issues.append(issue("warn", f"{block.title}: figure {text} under no item/measure", line))
                continue
            part = by_item.setdefault(item, RowPart(THREE_PUBLIC_LABELS.get(item, item), None, None, []))
            part.amounts.append((Column(index, "amount", measure, "/".join(paths[index]), 0, None), text))
        for n, part in enumerate(by_item.values(), start=1):
            emit_part(block, line, part, n, read, file_name, unit, row_key=_three_public_key(part.label))
    return read


def _three_public_item(path: list[str]) -> str | None:
    for label in reversed(path):
        if label in fa.THREE_PUBLIC_SUBTOTAL_WORDS:
            continue
        key = fa.THREE_PUBLIC_ROWS.get(row_text(label))
        if key:
            return key
    return None


def _three_public_measures(paths: list[list[str]], items: list[str | None]) -> list[str | None]:
    """Measure per column: from its own header, or by repetition of the item run (预算数 … | 决算数 …)."""
    order = []
    for path in paths:
        for label in path:
            key = column_key(label, "three_public")
            if key in ("budget", "budget_initial", "final") and key not in order:
                order.append(key)
    runs = [i for n, i in enumerate(items) if i and (n == 0 or items[n - 1] != i)]
    if len(runs) == len(set(runs)):
        return [next((k for lbl in reversed(p) if (k := column_key(lbl, "three_public"))), None) for p in paths]
    measures: list[str | None] = []
    group, seen, previous = 0, set(), None
    for item in items:
        if item and item != previous and item in seen:
            group, seen = group + 1, set()
        if item:
            seen.add(item)
        previous = item
        measures.append(order[group] if item and group < len(order) else None)
    return measures


def _three_public_key(label: str) -> str | None:
    return fa.THREE_PUBLIC_ROWS.get(row_text(label), label if label.startswith("three_public") else None)
