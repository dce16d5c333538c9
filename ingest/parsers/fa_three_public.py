"""The “三公”经费 table printed in one row (budget and final groups side by side, 002 lines 266-270;
a budget's items with 会议费 and 培训费 beside them, js_cppcc_office_2018_budget_tables.pdf p.9)."""

from __future__ import annotations

import re

from ingest.layout.tables import TableBlock
from ingest.parsers import fa_patterns as fa
from ingest.parsers.fa_decide import decide, reading, summary
from ingest.parsers.fa_figures import is_amount_text, parse_amount
from ingest.parsers.fa_header import Column, column_key, header_paths
from ingest.parsers.fa_patterns import THREE_PUBLIC_GRAND_TOTAL, THREE_PUBLIC_SUBTOTAL_WORDS
from ingest.parsers.fa_rows import RowPart, issue, row_text
from ingest.parsers.fa_values import TableRead, emit_part
from ingest.parsers.template_vocabulary import TemplateVocabulary
from ingest.parsers.templates import vocabulary_of

YEAR = re.compile(r"^\d{4}年度?")  # "2024年“三公”经费预算数" (sh_putuo_wanli_street_2024_budget.pdf p.31)
MEASURES = ("budget", "budget_initial", "final")


def is_one_row_layout(data_rows: list[list[str]]) -> bool:
    """Every row that prints a figure prints nothing else (rows of text only are not rows of the table)."""
    filled = [[c for c in r if c] for r in data_rows]
    with_figures = [r for r in filled if any(parse_amount(c) is not None for c in r)]
    return not with_figures or all(all(is_amount_text(c) for c in r) for r in with_figures)


def read_three_public_one_row(
    block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str
) -> TableRead:
    """Figures by the items and measures the header names over their columns. When that reading of
    a final-accounts table leaves figures unplaced or its identities (FA-13) do not close, the
    template's column order (fa_patterns.THREE_PUBLIC_TEMPLATE_COLUMNS) is tried as well, and the
    identities decide."""
    vocabulary = vocabulary_of(block.spec.key)
    width = max((len(r) for r in rows), default=0)
    paths = header_paths(rows[:header_end], width)
    items = _items(paths, vocabulary)
    measures = _three_public_measures(paths, items, block.spec.key, vocabulary)
    by_header = _read_columns(block, rows, header_end, file_name, unit, paths, items, measures)
    if vocabulary is not fa.VOCABULARY or width != len(fa.THREE_PUBLIC_TEMPLATE_COLUMNS):
        return by_header
    header = reading("read by the header's labels", block.spec.key, by_header)
    if header.failed == 0 and not by_header.issues:
        return by_header
    template_items = [item for item, _ in fa.THREE_PUBLIC_TEMPLATE_COLUMNS]
    template_measures = [measure for _, measure in fa.THREE_PUBLIC_TEMPLATE_COLUMNS]
    by_template = _read_columns(block, rows, header_end, file_name, unit, paths, template_items, template_measures)
    template = reading("read in the template's column order", block.spec.key, by_template)
    chosen = decide([header, template])
    if chosen is None or chosen is header:
        return by_header
    by_template.issues.append(issue("info", f"{block.title}: {summary(chosen, [header, template])}", block.title_line))
    return by_template


def _read_columns(
    block: TableBlock,
    rows: list[list[str]],
    header_end: int,
    file_name: str,
    unit: str,
    paths: list[list[str]],
    items: list[str | None],
    measures: list[str | None],
) -> TableRead:
    read = TableRead()
    vocabulary = vocabulary_of(block.spec.key)
    labels = {key: label for label, key in reversed(vocabulary.three_public_rows.items())}
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        if not any(parse_amount(c) is not None for c in cells):
            continue
        by_item: dict[str, RowPart] = {}
        for index, text in enumerate(cells):
            item = items[index] if index < len(items) else None
            measure = measures[index] if index < len(measures) else None
            if not item or not measure:
                if parse_amount(text) is not None:
                    read.issues.append(issue("warn", f"{block.title}: figure {text} under no item/measure", line))
                continue
            part = by_item.setdefault(item, RowPart(labels.get(item) or paths[index][-1], None, None, []))
            part.amounts.append((Column(index, "amount", measure, "/".join(paths[index]), 0, None), text))
        for n, (item, part) in enumerate(by_item.items(), start=1):
            emit_part(block, line, part, n, read, file_name, unit, row_key=item)
    return read


def _items(paths: list[list[str]], vocabulary: TemplateVocabulary) -> list[str | None]:
    """The item of every column; of two columns both read as the “三公” total, the one outside the
    “三公” group (its path names no “三公”) is the total of the whole table."""
    items = [_three_public_item(path, vocabulary) for path in paths]
    total_columns = [n for n, item in enumerate(items) if item == "three_public_total"]
    named = [n for n in total_columns if any("三公" in label for label in paths[n])]
    if len(total_columns) > 1 and named:
        for n in total_columns:
            if n not in named:
                items[n] = THREE_PUBLIC_GRAND_TOTAL
    return items


def _three_public_item(path: list[str], vocabulary: TemplateVocabulary) -> str | None:
    """The item a column's labels name, from the leaf up; a label wrapped over header lines ruled
    apart ("因公出国" / "（境）费", js_high_court_2017_budget.pdf p.17) is read joined first."""
    for n in range(len(path) - 1, -1, -1):
        if path[n] in THREE_PUBLIC_SUBTOTAL_WORDS:
            continue
        for label in ("".join(path[m:]) for m in range(n, -1, -1)) if n == len(path) - 1 else (path[n],):
            text = row_text(label)
            key = vocabulary.three_public_rows.get(text) or vocabulary.three_public_rows.get(YEAR.sub("", text))
            if key:
                return key
    return None


def _three_public_measures(
    paths: list[list[str]], items: list[str | None], table_key: str, vocabulary: TemplateVocabulary
) -> list[str | None]:
    """Measure per column: from its own header, or by repetition of the item run (预算数 … | 决算数 …),
    or the family's (a budget's figures are all 预算数)."""
    order = []
    for path in paths:
        for label in path:
            key = column_key(label, table_key)
            if key in MEASURES and key not in order:
                order.append(key)
    runs = [i for n, i in enumerate(items) if i and (n == 0 or items[n - 1] != i)]
    if len(runs) == len(set(runs)):
        return [
            next(
                (k for lbl in reversed(p) if (k := column_key(lbl, table_key)) in MEASURES),
                vocabulary.three_public_measure,
            )
            for p in paths
        ]
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
