"""The standard tables of a document -> FinalAccountsTable + TableValue rows: the final accounts'
(部门决算 公开01–10) or, in a budget (部门预算 / 单位预算), the budget's (收支预算总表 …).

The family of tables looked for is the document's kind's (parsers/templates.py); the reading is
the same for every family, its vocabulary is the family's (fa_patterns.py, budget_patterns.py).
layout/tables.py finds each table's block of lines and gives its rows as cells, whatever format
they came from; this module reads them, in steps that each have their module:

- fa_header: the header's rows -> columns, each with its role (code, name, 行次, amount) and the
  column_key of an amount column (vocabulary: fa_patterns);
- fa_rows: each row of cells -> logical rows (a two-sided or multi-group row gives several) with
  their codes: 类 | 款 | 项 parts composed with the codes in force, names without codes looked up
  in the 支出功能分类 (function_classes);
- fa_values: logical rows -> TableValue records with provenance;
- fa_spaced, fa_three_public: the layouts read differently (space-separated text, whose blank
  cells are not printed; the “三公” table printed in one row);
- fa_checks: the accounting identities, by which a reading that has alternatives is decided
  (fa_decide) and by which every document's reading is graded.

Positional rows (PDF/DOCX cells, tab-separated text, PDF tables without ruling lines): a cell's
position is its column and blank cells are blank. A blank, "-", "—", "/" cell is a blank (amount
None), never zero. A table printed with a header but no figures is status 'empty', with the
explanation printed under it as its note.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ingest.layout.tables import TableBlock, find_table_blocks
from ingest.loading.text import aligned_spans
from ingest.model import DocumentMeta, FinalAccountsTable, IngestIssue, Line, LoadedDocument, TableValue
from ingest.parsers.fa_checks import Check, cross_table_checks, read_checks
from ingest.parsers.fa_decide import decide, reading, summary
from ingest.parsers.fa_header import columns_from_paths, first_data_row, header_paths, is_repeated_header
from ingest.parsers.fa_rows import (
    RowPart,
    RowState,
    compose_codes,
    figures_only,
    issue,
    join_wrapped_labels,
    merge_orphan_amounts,
    resolve_function_codes,
    row_parts,
)
from ingest.parsers.fa_spaced import read_sequential
from ingest.parsers.fa_three_public import is_one_row_layout, read_three_public_one_row
from ingest.parsers.fa_values import TableRead, emit
from ingest.parsers.templates import family_for

MONEY_UNITS = ("万元", "元")


@dataclass
class FinalAccountsRead:
    """What a document's standard tables read, with the identities their values close or fail
    (fa_checks: within each table and across tables), by which the reading is graded (fa_quality)."""

    tables: list[FinalAccountsTable] = field(default_factory=list)
    values: list[TableValue] = field(default_factory=list)
    issues: list[IngestIssue] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def parse_final_accounts(
    doc: LoadedDocument, meta: DocumentMeta
) -> tuple[list[FinalAccountsTable], list[TableValue], list[IngestIssue]]:
    read = read_final_accounts(doc, meta)
    return read.tables, read.values, read.issues


def read_final_accounts(doc: LoadedDocument, meta: DocumentMeta) -> FinalAccountsRead:
    """The document's standard tables; each table's identities are those checked while it was read
    (a table read in two ways is checked once for each, not again here)."""
    default_unit = meta.money_unit if meta.money_unit in MONEY_UNITS else "万元"
    found = FinalAccountsRead()
    parsed_keys: set[str] = set()
    rows_checked = {}  # each table's rows with figures, which only its parsed printing has
    for block in find_table_blocks(doc.lines, family_for(meta.doc_type)):
        if block.spec.key in parsed_keys:
            found.issues.append(
                issue("info", f"{block.title}: printed again; the first occurrence is kept", block.title_line)
            )
            continue
        table, read = read_table(block, doc.file_name, default_unit)
        found.issues.extend(read.issues)
        found.tables.append(table)
        found.values.extend(read.values)
        checked = read_checks(block.spec.key, read)
        found.checks.extend(checked.checks)
        if checked.rows:
            rows_checked[block.spec.key] = checked.rows
        if table.status == "parsed":
            parsed_keys.add(block.spec.key)
    found.tables = _drop_superseded(found.tables)
    found.checks.extend(cross_table_checks(rows_checked))
    return found


def _drop_superseded(tables: list[FinalAccountsTable]) -> list[FinalAccountsTable]:
    """An empty/unparsed printing of a table that is also printed with data is not a second table."""
    parsed = {t.table_key for t in tables if t.status == "parsed"}
    kept, seen = [], set()
    for t in tables:
        if (t.status != "parsed" and t.table_key in parsed) or t.table_key in seen:
            continue
        seen.add(t.table_key)
        kept.append(t)
    return kept


def read_table(block: TableBlock, file_name: str, default_unit: str) -> tuple[FinalAccountsTable, TableRead]:
    """Read one table block into values; the table's status says whether it had figures."""
    unit = _table_unit(block, default_unit)
    read = _read_block(block, file_name, unit)
    if block.sequential and block.laid_out_in_columns:
        read = _read_as_aligned(block, read, file_name, unit)
    status = "parsed" if read.rows_with_figures else "empty"
    if status == "empty" and read.issues and any(i.severity == "warn" for i in read.issues):
        status = "unparsed"
    table = FinalAccountsTable(
        table_key=block.spec.key,
        table_title=block.title,
        table_no=block.table_no,
        unit=unit,
        status=status,
        note=block.explanation or (block.note if status != "parsed" else None),
        line_no=block.title_line.line_no,
        page_no=block.title_line.page_no,
        row_count=read.rows_with_figures,
    )
    return table, read


def _read_block(block: TableBlock, file_name: str, unit: str) -> TableRead:
    grid = block.grid()
    block = replace(block, lines=[line for line, _ in grid])
    rows = [cells for _, cells in grid]
    header_end = first_data_row(rows)
    if block.sequential:
        read = read_sequential(block, rows, header_end, file_name, unit)
    elif block.spec.kind == "three_public" and is_one_row_layout(rows[header_end:]):
        read = read_three_public_one_row(block, rows, header_end, file_name, unit)
    else:
        read = _read_positional(block, rows, header_end, file_name, unit)
    _drop_cells_read_twice(block, read)
    return read


def _read_as_aligned(block: TableBlock, sequential: TableRead, file_name: str, unit: str) -> TableRead:
    """A table of text set in columns by spaces (a dump: blank cells printed as spaces, names
    indented under their 类) is read again by the columns its words stand in, as a PDF table
    without ruling lines is. The identities decide
    (fa_decide): the reading that fails fewer, then closes more, is kept, and an info issue says
    which and why; when they cannot tell the two apart, the space-separated reading stands."""
    aligned_block = replace(block, lines=[Line(**{**vars(line), "spans": aligned_spans(line)}) for line in block.lines])
    readings = [
        reading("read by the columns its words stand in", block.spec.key, _read_block(aligned_block, file_name, unit)),
        reading("read as space-separated figures", block.spec.key, sequential),
    ]
    chosen = decide(readings)
    if chosen is None:
        return sequential
    chosen.read.issues.append(issue("info", f"{block.title}: {summary(chosen, readings)}", block.title_line))
    return chosen.read


def _drop_cells_read_twice(block: TableBlock, read: TableRead) -> None:
    """Two figures read for one cell of a row (columns the reader could not tell apart): neither is
    landed, each such cell is reported, and the document's other figures still land."""
    keys = [(value.row_no, value.side, value.column_key) for value in read.values]
    if len(set(keys)) == len(keys):
        return  # no cell read twice: nearly every table
    doubled = {key for key, count in Counter(keys).items() if count > 1}
    reported: set[tuple] = set()
    kept = []
    for value in read.values:
        key = (value.row_no, value.side, value.column_key)
        if key not in doubled:
            kept.append(value)
        elif key not in reported:
            reported.add(key)
            message = f"{block.title}: two figures read for {value.row_label or value.row_key} / {value.column_label}: the cell is not read"
            read.issues.append(IngestIssue("parse_tables", "warn", message, value.line_no, value.page_no))
    read.values = kept


def _table_unit(block: TableBlock, default_unit: str) -> str:
    if block.unit in MONEY_UNITS:
        return block.unit
    if block.spec.key == "state_assets":
        return block.unit or "台、辆、套"
    return default_unit


def _read_positional(block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str) -> TableRead:
    width = max((len(r) for r in rows), default=0)
    columns = columns_from_paths(header_paths(rows[:header_end], width), block.spec.key)
    if rows[header_end:] and not any(c.role == "amount" for c in columns):
        read = TableRead()
        read.issues.append(issue("warn", f"{block.title}: no amount column recognized in its header", block.title_line))
        return read
    table_rows: list[tuple[Line, list[RowPart]]] = []
    no_names = figures_only(columns)
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        cells = cells + [""] * (width - len(cells))
        if is_repeated_header(cells, block.spec.key):
            continue  # the header printed again where the table continues on a new page
        table_rows.append((line, row_parts(cells, columns, no_names)))
    joined = join_wrapped_labels(block.spec.key, table_rows)
    table_rows = [(line, merge_orphan_amounts(parts)) for line, parts in joined]
    if block.spec.kind == "function_coded":
        return _read_function_coded(block, table_rows, file_name, unit)
    code_issues = compose_codes(block, table_rows)
    read = _emit_rows(block, table_rows, file_name, unit)
    read.issues[:0] = code_issues
    return read


def _emit_rows(block: TableBlock, table_rows: list[tuple[Line, list[RowPart]]], file_name: str, unit: str) -> TableRead:
    read = TableRead()
    state = RowState()
    for line, parts in table_rows:
        emit(block, line, parts, state, read, file_name, unit)
    return read


def _read_function_coded(
    block: TableBlock, table_rows: list[tuple[Line, list[RowPart]]], file_name: str, unit: str
) -> TableRead:
    """Codes resolved row by row; a row whose name fits two codes takes the one whose reading
    closes the table's identities (fa_decide), or is left out when the identities cannot tell."""
    choices: dict[int, str] = {}
    decisions: list[IngestIssue] = []
    left_out: set[int] = set()
    codes = resolve_function_codes(block, table_rows, choices)
    for index in sorted(codes.ambiguous):
        readings = {}
        for code in codes.ambiguous[index]:
            choices[index] = code
            resolve_function_codes(block, table_rows, choices)
            readings[code] = reading(f"read as {code}", block.spec.key, _emit_rows(block, table_rows, file_name, unit))
        line, part = _part_at(table_rows, index)
        chosen = decide(list(readings.values()))
        if chosen is None:
            left_out.add(index)
            message = f"{block.title}: {part.label} is printed without a code and its name fits {', '.join(codes.ambiguous[index])}; the identities cannot tell which, so the row is not read"
            decisions.append(issue("warn", message, line))
            continue
        choices[index] = next(code for code, r in readings.items() if r is chosen)
        message = f"{block.title}: {part.label} is printed without a code and its name fits {', '.join(readings)}; {summary(chosen, list(readings.values()))}"
        decisions.append(issue("info", message, line))
    if codes.ambiguous:  # the codes read again with the choices made (otherwise as read above)
        codes = resolve_function_codes(block, table_rows, choices)
    kept = _without_parts(table_rows, left_out)
    read = _emit_rows(block, kept, file_name, unit)
    read.issues[:0] = codes.issues + decisions
    return read


def _part_at(table_rows: list[tuple[Line, list[RowPart]]], index: int) -> tuple[Line, RowPart]:
    flat = [(line, part) for line, parts in table_rows for part in parts]
    return flat[index]


def _without_parts(table_rows: list[tuple[Line, list[RowPart]]], indexes: set[int]) -> list[tuple[Line, list[RowPart]]]:
    kept, index = [], -1
    for line, parts in table_rows:
        remaining = []
        for part in parts:
            index += 1
            if index not in indexes:
                remaining.append(part)
        kept.append((line, remaining))
    return kept
