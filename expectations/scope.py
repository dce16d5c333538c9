"""Which documents the identity checks read: every document, or (a refresh) only the refreshed ones.

The rule queries read the raw tables as ``raw.<table>``. They run on an in-memory connection to
which the candidate is attached read-only, where ``raw`` holds one view per raw table: the
candidate's rows, or only the rows of the documents in ``raw.refreshed_documents``. So every rule
checks the refreshed documents without knowing it, and a refresh keeps the results of the other
documents as the published warehouse had them (runner.py). A rule comparing two documents would
have to be checked whole; every rule of the catalog checks one document's own rows.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.landing.rows import DOCUMENT_TABLES
from ingest.landing.schema import RAW_TABLES
from ingest.warehouse_db import connect

REFRESHED = "select document_id from candidate.raw.refreshed_documents"


def checked_rows(db: Path, only_refreshed: bool) -> duckdb.DuckDBPyConnection:
    """An in-memory connection whose ``raw`` schema shows the candidate's rows to check."""
    con = connect(":memory:")
    quoted = str(db).replace("'", "''")
    con.execute(f"attach '{quoted}' as candidate (read_only)")
    con.execute("create schema raw")
    for table in RAW_TABLES:
        scoped = only_refreshed and table in DOCUMENT_TABLES
        where = f" where document_id in ({REFRESHED})" if scoped else ""
        con.execute(f"create view raw.{table} as select * from candidate.raw.{table}{where}")
    return con


def refreshed_documents(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The documents a refresh checks again (``con``: the candidate)."""
    return [row[0] for row in con.execute("select document_id from raw.refreshed_documents").fetchall()]
