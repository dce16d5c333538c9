"""Logical rows -> TableValue records (one per amount cell), with their provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.layout.tables import TableBlock
from ingest.model import IngestIssue, Line, SourceRef, TableValue
from ingest.parsers.fa_figures import is_blank_text, parse_amount
from ingest.parsers.fa_rows import RowPart, RowState, has_figures, issue, printed_label, row_key_for, row_unit


@dataclass
class TableRead:
    """What reading one block produced."""

    values: list[TableValue] = field(default_factory=list)
    issues: list[IngestIssue] = field(default_factory=list)
    rows_with_figures: int = 0


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
    ref = SourceRef.of_line(file_name, line, table_name, row_label or None).render()
    value_unit = row_unit(part.label, unit)
    function_code = part.code if part.code and block.spec.kind == "function_coded" else None
    if block.spec.kind == "two_sided" and row_key and row_key.isdigit():
        function_code = row_key
    economic_code = part.code if part.code and block.spec.kind == "economic_coded" else None
    figures = False
    for column, text in part.amounts:
        amount = parse_amount(text)
        if amount is None and text and not is_blank_text(text):
            read.issues.append(issue("warn", f"{block.title}: not a figure: {text!r} ({row_label})", line))
            continue
        figures = figures or amount is not None
        read.values.append(
            TableValue(
                table_key=block.spec.key,
                row_no=row_no,
                row_label=label,
                row_key=row_key,
                line_code=part.line_code,
                function_code=function_code,
                economic_code=economic_code,
                side=part.side,
                column_key=column.key or "unknown",
                column_label=column.label,
                amount=amount,
                unit=value_unit,
                line_no=line.line_no,
                page_no=line.page_no,
                source_ref=ref,
            )
        )
    if figures:
        read.rows_with_figures += 1
