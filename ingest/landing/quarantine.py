"""Quarantine: a document whose rows cannot be landed consistently keeps only its identity.

Its rows are held back; what lands is its ``raw.documents`` row with parse_status
``quarantined`` and its issue rows, plus one issue row (stage ``land``, severity ``error``)
saying why. The other documents are landed and built as usual.

Two moments decide it: landing, from the checks of landing/consistency.py (the same tests dbt
runs on staging), and, as a last line of defence, a dbt test that still fails: the documents
behind its failing rows are found (landing/dbt_failures.py) and quarantined in the candidate
database before dbt runs again.
"""

from __future__ import annotations

import duckdb

from ingest.landing.rows import DOCUMENT_TABLES
from ingest.landing.schema import RAW_TABLES

QUARANTINED = "quarantined"
# The documents row keeps these facts when the rest of it cannot be landed either.
IDENTITY_COLUMNS = ("document_id", "source_path", "file_name", "file_format", "byte_size")


def _names(table: str) -> list[str]:
    return [name for name, _ in RAW_TABLES[table]]


def issue_row(document_id: str | None, source_path: str, message: str) -> tuple:
    record = {"document_id": document_id, "source_path": source_path, "stage": "land", "severity": "error"}
    record["message"] = message
    return tuple(record.get(name) for name in _names("ingest_issues"))


def reason_text(problems: list[str]) -> str:
    text = "quarantined, its rows are not landed: " + "; ".join(problems)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")  # text quoted from the document may not be


def quarantined(rows: dict[str, list[tuple]], problems: list[str], keep_documents_row: bool = True) -> dict:
    """The rows a quarantined document lands: its documents row (status quarantined) and its issues."""
    names = _names("documents")
    (document,) = rows["documents"]
    record = dict(zip(names, document, strict=True))
    if not keep_documents_row:  # the row itself is what could not be landed
        record = {name: record[name] for name in IDENTITY_COLUMNS}
        record["doc_type"], record["is_template"] = "unknown", False
    record["parse_status"] = QUARANTINED
    issues = rows["ingest_issues"] if keep_documents_row else []
    return {
        "documents": [tuple(record.get(name) for name in names)],
        "ingest_issues": [*issues, issue_row(record["document_id"], record["source_path"], reason_text(problems))],
    }


def quarantine_in_database(con: duckdb.DuckDBPyConnection, reasons: dict[str, str]) -> None:
    """Quarantine documents already landed in ``con`` (document_id -> why), in one transaction."""
    if not reasons:
        return
    ids = sorted(reasons)
    con.execute("begin")
    for table in DOCUMENT_TABLES:
        if table not in ("documents", "ingest_issues"):
            con.execute(f"delete from raw.{table} where document_id in (select unnest(?))", [ids])
    con.execute("update raw.documents set parse_status = ? where document_id in (select unnest(?))", [QUARANTINED, ids])
    # the models keyed by document rebuild these documents' rows (dbt_project/macros/refreshed_documents.sql)
    con.execute(
        "insert into raw.refreshed_documents select unnest(?::varchar[]) except select document_id from raw.refreshed_documents",
        [ids],
    )
    paths = dict(
        con.execute(
            "select document_id, source_path from raw.documents where document_id in (select unnest(?))", [ids]
        ).fetchall()
    )
    columns = ", ".join(_names("ingest_issues"))
    placeholders = ", ".join("?" for _ in _names("ingest_issues"))
    for document_id in ids:
        row = issue_row(document_id, paths.get(document_id, ""), reason_text([reasons[document_id]]))
        con.execute(f"insert into raw.ingest_issues ({columns}) values ({placeholders})", list(row))
    con.execute("commit")
