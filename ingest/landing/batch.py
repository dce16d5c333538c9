"""The rows of one ingest run, document by document, held until they are written (``take``).

Each document's rows are checked (landing/consistency.py) as they arrive: a document that cannot
be landed consistently is quarantined (landing/quarantine.py). A second file with the same bytes
as one already landed (the same document_id) is not landed again: an issue row names both files.
"""

from __future__ import annotations

from ingest.landing.consistency import problems
from ingest.landing.quarantine import quarantined
from ingest.landing.schema import RAW_TABLES

Rows = dict[str, list[tuple]]


class LandingBatch:
    def __init__(self) -> None:
        self.rows: Rows = {table: [] for table in RAW_TABLES}
        self.first_path: dict[str, str] = {}  # document_id -> the file it was landed from
        self.held = 0  # rows taken in and not yet handed over by take()

    def add(self, rows: Rows) -> Rows:
        """Take one document's rows; return what of them is landed."""
        if not rows.get("documents"):  # a file that could not even be identified: issues only
            landed = {"ingest_issues": rows.get("ingest_issues", [])}
        elif (first := self.first_path.get(rows["documents"][0][0])) is not None:
            landed = {"ingest_issues": [self._duplicate_issue(rows, first)]}
        else:
            self.first_path[rows["documents"][0][0]] = rows["documents"][0][1]
            landed = _consistent(rows)
        for table, table_rows in landed.items():
            self.rows[table].extend(table_rows)
            self.held += len(table_rows)
        return landed

    def take(self) -> Rows:
        """The rows held so far, handed over: the batch holds none afterwards (documents already
        landed are still known, so a later copy of one is still reported as a copy)."""
        rows, self.rows, self.held = self.rows, {table: [] for table in RAW_TABLES}, 0
        return rows

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


def _consistent(rows: Rows) -> Rows:
    """The document's rows, or its quarantined rows when they cannot be landed consistently."""
    found = problems(rows)
    if not found:
        return rows
    held_back = quarantined(rows, found)
    if problems(held_back):  # its documents row or issue rows are what cannot be landed
        held_back = quarantined(rows, found, keep_documents_row=False)
    return held_back
