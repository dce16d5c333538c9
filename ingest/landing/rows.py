"""DocumentResult -> rows of each raw table (plain tuples in the column order of schema.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, fields
from functools import cache
from operator import attrgetter, itemgetter
from typing import Any

from ingest.landing.schema import RAW_TABLES
from ingest.model import DocumentResult, TableValue

PARSER_VERSION = "1"


def _ordered(table: str, record: dict[str, Any]) -> tuple:
    return tuple(record.get(name) for name, _ in RAW_TABLES[table])


def document_row(result: DocumentResult) -> tuple:
    doc, meta = result.loaded, result.meta
    record = {
        "document_id": doc.document_id,
        "source_path": doc.source_path,
        "file_name": doc.file_name,
        "file_format": doc.file_format,
        "byte_size": doc.byte_size,
        "encoding": doc.encoding,
        "page_count": doc.page_count,
        "line_count": len(doc.lines),
        "parse_status": result.parse_status,
        "parser_version": PARSER_VERSION,
        **asdict(meta),
        **(asdict(result.reading) if result.reading else {}),
    }
    return _ordered("documents", record)


def issue_rows(result: DocumentResult) -> list[tuple]:
    doc = result.loaded
    return [
        _ordered(
            "ingest_issues",
            {"document_id": doc.document_id, "source_path": doc.source_path, **vars(issue)},
        )
        for issue in [*doc.issues, *result.issues]
    ]


def table_rows(result: DocumentResult) -> list[tuple]:
    doc_id = result.loaded.document_id
    return [_ordered("fa_tables", {"document_id": doc_id, **asdict(t)}) for t in result.tables]


def value_rows(result: DocumentResult) -> list[tuple]:
    doc_id = result.loaded.document_id
    given_names = ("document_id", "amount", "printed", "decimals")
    blank = (doc_id, None, None, None)
    rows = []
    row_of = _row_builder("fa_values", TableValue, given_names, given_first=True)
    for v in result.values:
        amount = v.amount
        given = blank if amount is None else (doc_id, amount.value, amount.printed, amount.decimals)
        rows.append(row_of(v, given))
    return rows


def simple_rows(table: str, result: DocumentResult, records: list) -> list[tuple]:
    given = (result.loaded.document_id,)
    return [_row_builder(table, type(r), ("document_id",), given_first=False)(r, given) for r in records]


@cache
def _row_builder(
    table: str, record_type: type, given_names: tuple[str, ...], given_first: bool
) -> Callable[[Any, tuple], tuple]:
    """A function (record, given values) -> the table's row: each column from the record's field of
    that name (one level deep: nested values stay as they are) or from the values given for
    ``given_names``, the given ones first when ``given_first``; None when neither has it. The row
    is picked out of the record's values in one step (attrgetter, itemgetter), not column by column."""
    columns = [name for name, _ in RAW_TABLES[table]]
    own = {f.name for f in fields(record_type)}
    from_record = [n for n in columns if n in own and not (given_first and n in given_names)]
    # the values the row is picked from: the record's fields, then the given values, then None
    position = {name: i for i, name in enumerate(from_record)}
    for i, name in enumerate(given_names):
        position.setdefault(name, len(from_record) + i)
    missing = len(from_record) + len(given_names)
    pick = itemgetter(*(position.get(name, missing) for name in columns))
    if not from_record:
        return lambda record, given: pick((*given, None))
    read = attrgetter(*from_record)
    if len(from_record) == 1:
        return lambda record, given: pick((read(record), *given, None))
    return lambda record, given: pick(read(record) + given + (None,))


# The raw tables a document's rows go to (the others describe the build and the files).
DOCUMENT_TABLES = (
    "documents",
    "ingest_issues",
    "fa_tables",
    "fa_values",
    "narrative_figures",
    "perf_projects",
    "perf_indicators",
    "perf_subtotals",
    "service_volumes",
    "text_checks",
)


def rows_by_table(result: DocumentResult) -> dict[str, list[tuple]]:
    """All raw rows one document contributes, keyed by raw table name."""
    return {
        "documents": [document_row(result)],
        "ingest_issues": issue_rows(result),
        "fa_tables": table_rows(result),
        "fa_values": value_rows(result),
        "narrative_figures": simple_rows("narrative_figures", result, result.narrative),
        "perf_projects": simple_rows("perf_projects", result, result.projects),
        "perf_indicators": simple_rows("perf_indicators", result, result.indicators),
        "perf_subtotals": simple_rows("perf_subtotals", result, result.subtotals),
        "service_volumes": simple_rows("service_volumes", result, result.service_volumes),
        "text_checks": simple_rows("text_checks", result, result.text_checks),
    }
