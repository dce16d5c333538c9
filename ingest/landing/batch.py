"""The rows of one ingest run, document by document, held until they are written (``take``).

Each document's rows are checked (landing/consistency.py) as they arrive: a document that cannot
be landed consistently is quarantined (landing/quarantine.py). A second file with the same bytes
as one already landed (the same document_id) is not landed again: an issue row names both files.
The check and the conversion to Arrow (``landable``) run where the document was parsed (a worker
process, a Ray task), so the process landing every document only gathers Arrow tables; rows that
come as tuples (a document that reached a limit) are checked and converted here.
"""

from __future__ import annotations

import pyarrow as pa

from ingest.landing.consistency import checked
from ingest.landing.duckdb_writer import to_arrow
from ingest.landing.quarantine import quarantined
from ingest.landing.schema import RAW_TABLES

Rows = dict[str, list[tuple]]
ArrowRows = dict[str, pa.Table]  # raw table -> its rows, of the raw schema


class LandingBatch:
    def __init__(self) -> None:
        self.tables: dict[str, list[pa.Table]] = {table: [] for table in RAW_TABLES}
        self.first_path: dict[str, str] = {}  # document_id -> the file it was landed from
        self.held = 0  # rows taken in and not yet handed over by take()

    def add(self, rows: Rows | ArrowRows) -> ArrowRows:
        """Take one document's rows (as ``landable`` made them, or as tuples still to be checked);
        return what of them is landed."""
        identity = _identity(rows)
        if identity is None:  # a file that could not even be identified: issues only
            issues = rows.get("ingest_issues", [])
            landed = {"ingest_issues": issues if isinstance(issues, pa.Table) else to_arrow("ingest_issues", issues)}
        elif (first := self.first_path.get(identity[0])) is not None:
            landed = _converted({"ingest_issues": [self._duplicate_issue(identity, first)]})
        else:
            self.first_path[identity[0]] = identity[1]
            landed = rows if is_arrow(rows) else landable(rows)
        for table, arrow_rows in landed.items():
            if arrow_rows.num_rows:
                self.tables[table].append(arrow_rows)
                self.held += arrow_rows.num_rows
        return landed

    def take(self) -> ArrowRows:
        """The rows held so far, one Arrow table per raw table, handed over: the batch holds none
        afterwards (documents already landed are still known, so a later copy of one is still
        reported as a copy)."""
        tables = {table: _concatenated(table, parts) for table, parts in self.tables.items()}
        self.tables, self.held = {table: [] for table in RAW_TABLES}, 0
        return tables

    @staticmethod
    def _duplicate_issue(identity: tuple[str, str], first: str) -> tuple:
        document_id, source_path = identity
        record = {
            "document_id": document_id,
            "source_path": source_path,
            "stage": "land",
            "severity": "warn",
            "message": f"the same bytes as {first}, which is landed; this copy is not landed again",
        }
        return tuple(record.get(name) for name, _ in RAW_TABLES["ingest_issues"])


def landable(rows: Rows) -> ArrowRows:
    """One document's rows as they are landed, as Arrow tables: all of them, or its quarantined
    rows when they cannot be landed consistently."""
    found, tables = checked(rows)
    if not found:
        return tables
    held_back = quarantined(rows, found)
    still, tables = checked(held_back)
    if still:  # its documents row or issue rows are what cannot be landed
        tables = _converted(quarantined(rows, found, keep_documents_row=False))
    return tables


def is_arrow(rows: Rows | ArrowRows) -> bool:
    """Whether a document's rows are already Arrow tables (``landable``'s)."""
    return all(isinstance(table_rows, pa.Table) for table_rows in rows.values())


def _identity(rows: Rows | ArrowRows) -> tuple[str, str] | None:
    """(document_id, source_path) of the document the rows are of; None for issues about a file."""
    documents = rows.get("documents")
    if documents is None or not len(documents):
        return None
    if isinstance(documents, pa.Table):
        first = documents.slice(0, 1).select(["document_id", "source_path"]).to_pylist()[0]
        return first["document_id"], first["source_path"]
    return documents[0][0], documents[0][1]


def _converted(rows: Rows) -> dict[str, pa.Table]:
    return {table: to_arrow(table, table_rows) for table, table_rows in rows.items()}


def _concatenated(table: str, parts: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(parts) if parts else to_arrow(table, [])
