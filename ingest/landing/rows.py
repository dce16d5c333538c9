"""DocumentResult -> rows of each raw table (plain tuples in the column order of schema.py)."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from ingest.landing.schema import RAW_TABLES
from ingest.model import DocumentResult

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
            {"document_id": doc.document_id, "source_path": doc.source_path, **asdict(issue)},
        )
        for issue in [*doc.issues, *result.issues]
    ]


def table_rows(result: DocumentResult) -> list[tuple]:
    doc_id = result.loaded.document_id
    return [_ordered("fa_tables", {"document_id": doc_id, **asdict(t)}) for t in result.tables]


def value_rows(result: DocumentResult) -> list[tuple]:
    doc_id = result.loaded.document_id
    rows = []
    for v in result.values:
        record = _shallow(v)
        amount = v.amount
        record.update(
            document_id=doc_id,
            amount=None if amount is None else amount.value,
            printed=None if amount is None else amount.printed,
            decimals=None if amount is None else amount.decimals,
        )
        rows.append(_ordered("fa_values", record))
    return rows


def _shallow(obj: Any) -> dict[str, Any]:
    """The fields of a dataclass record, one level deep (nested values stay as they are)."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def simple_rows(table: str, result: DocumentResult, records: list) -> list[tuple]:
    doc_id = result.loaded.document_id
    return [_ordered(table, {"document_id": doc_id, **_shallow(r)}) for r in records]


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
    }
