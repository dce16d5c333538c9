"""Logical rows -> TableValue records (one per amount cell), with their provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.layout.tables import TableBlock
from ingest.model import IngestIssue, Line, TableValue, rendered_ref
from ingest.parsers.fa_figures import is_blank_text, parse_amount
from ingest.parsers.fa_rows import RowPart, RowState, has_figures, issue, printed_label, row_key_for, row_unit

if TYPE_CHECKING:
    from ingest.parsers.fa_checks import TableChecks


@dataclass
class TableRead:
    """What reading one block produced."""

    values: list[TableValue] = field(default_factory=list)
    issues: list[IngestIssue] = field(default_factory=list)
    rows_with_figures: int = 0
    checked: TableChecks | None = None  # the table's identities on these values, once checked (fa_checks.read_checks)


def emit(
    block: TableBlock, line: Line, parts: list[RowPart], state: RowState, read: TableRead, file_name: str, unit: str
) -> None:
    for part in parts:
        if not (part.label or part.code or has_figures(part)):
            continue  # a side with nothing but its 行次 (002 line 79, income side)
        state.row_no += 1
        row_key = row_key_for(block.spec.key, part, state)  # also moves the row context on
        if part.amounts:
            emit_part(block, line, part, state.row_no, read, file_name, unit, row_key)


def emit_part(
    block: TableBlock,
    line: Line,
    part: RowPart,
    row_no: int,
    read: TableRead,
    file_name: str,
    unit: str,
    row_key: str | None,
) -> None:
    label = printed_label(part.label)
    row_label = f"{part.code} {label}".strip() if part.code else label
    table_name = f"{block.table_no} {block.title}" if block.table_no else block.title
    ref = rendered_ref(file_name, line.line_no, line.page_no, line.locator, table_name, row_label)
    value_unit = row_unit(part.label, unit)
    kind, table_key = block.spec.kind, block.spec.key
    function_code = part.code if part.code and kind == "function_coded" else None
    if kind == "two_sided" and row_key and row_key.isdigit():
        function_code = row_key
    economic_code = part.code if part.code and kind == "economic_coded" else None
    line_code, side, line_no, page_no = part.line_code, part.side, line.line_no, line.page_no
    figures = False
    for column, text in part.amounts:
        amount = parse_amount(text)
        if amount is None:
            if text and not is_blank_text(text):
                read.issues.append(issue("warn", f"{block.title}: not a figure: {text!r} ({row_label})", line))
                continue
        else:
            figures = True
        read.values.append(
            TableValue(table_key, row_no, label, row_key, line_code, function_code, economic_code, side,
                       column.key or "unknown", column.label, amount, value_unit, line_no, page_no, ref)
        )  # fmt: skip
    if figures:
        read.rows_with_figures += 1
