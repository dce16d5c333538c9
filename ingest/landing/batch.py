"""The rows of one ingest run, document by document, held until they are written (``take``).

Each document's rows are checked (landing/consistency.py) as they arrive: a document that cannot
be landed consistently is quarantined (landing/quarantine.py). A second file with the same bytes
as one already landed (the same document_id) is not landed again: an issue row names both files.
The rows are held as the Arrow tables the check converted them to, so they are converted once.
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

    def add(self, rows: Rows) -> Rows:
        """Take one document's rows; return what of them is landed."""
        if not rows.get("documents"):  # a file that could not even be identified: issues only
            landed = {"ingest_issues": rows.get("ingest_issues", [])}
            tables = _converted(landed)
        elif (first := self.first_path.get(rows["documents"][0][0])) is not None:
            landed = {"ingest_issues": [self._duplicate_issue(rows, first)]}
            tables = _converted(landed)
        else:
            self.first_path[rows["documents"][0][0]] = rows["documents"][0][1]
            landed, tables = _consistent(rows)
        for table, arrow_rows in tables.items():
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
    def _duplicate_issue(rows: Rows, first: str) -> tuple:
        document_id, source_path = rows["documents"][0][:2]
        record = {
            "document_id": document_id,
            "source_path": source_path,
            "stage": "land",
            "severity": "warn",
            "message": f"the same bytes as {first}, which is landed; this copy is not landed again",
        }
        return tuple(record.get(name) for name, _ in RAW_TABLES["ingest_issues"])


def _consistent(rows: Rows) -> tuple[Rows, dict[str, pa.Table]]:
    """The document's rows, or its quarantined rows when they cannot be landed consistently; and
    the same as Arrow tables."""
    found, tables = checked(rows)
    if not found:
        return rows, tables
    held_back = quarantined(rows, found)
    still, tables = checked(held_back)
    if still:  # its documents row or issue rows are what cannot be landed
        held_back = quarantined(rows, found, keep_documents_row=False)
        tables = _converted(held_back)
    return held_back, tables


def _converted(rows: Rows) -> dict[str, pa.Table]:
    return {table: to_arrow(table, table_rows) for table, table_rows in rows.items()}


def _concatenated(table: str, parts: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(parts) if parts else to_arrow(table, [])
