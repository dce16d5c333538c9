"""Which documents the identity checks read, a chunk of documents at a time.

The rule queries read the raw tables as ``raw.<table>``. They run on an in-memory connection to
which the candidate is attached (as ``candidate``), where ``raw`` holds the rows of the documents
in ``checked_documents``: the documents of one chunk, copied from the candidate once per chunk (a
table per raw table of documents; a view of each other raw table). So every rule checks one chunk
without knowing it, the warehouse is read once per chunk whatever the number of rules, and the
step holds one chunk's checks at a time whatever the number of documents. The documents to check
are every document of the candidate, or in a refresh only those in ``raw.refreshed_documents``: a
refresh keeps the results of the other documents as the published warehouse had them (runner.py).
A rule comparing two documents would have to be checked whole; every rule of the catalog checks
one document's own rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb

from ingest.landing.rows import DOCUMENT_TABLES
from ingest.landing.schema import RAW_TABLES
from ingest.warehouse_db import connect

REFRESHED = "select document_id from candidate.raw.refreshed_documents"


def open_candidate(db: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the candidate attached and ``raw`` showing one chunk's rows."""
    if not db.is_file():
        raise FileNotFoundError(f"no warehouse at {db}")
    con = connect(":memory:")
    con.execute("set threads = 1")  # a chunk's queries are small: a second thread costs more than it saves
    quoted = str(db).replace("'", "''")
    con.execute(f"attach '{quoted}' as candidate")
    con.execute("create table checked_documents (document_id varchar)")
    con.execute("create schema raw")
    for table in RAW_TABLES:
        if table in DOCUMENT_TABLES:
            con.execute(f"create table raw.{table} as select * from candidate.raw.{table} limit 0")
        else:
            con.execute(f"create view raw.{table} as select * from candidate.raw.{table}")
    return con


def document_chunks(con: duckdb.DuckDBPyConnection, only_refreshed: bool, size: int) -> Iterator[int]:
    """Fill ``checked_documents`` with one chunk of ``size`` documents after another (in document
    order); yield the number of documents in each. The documents are those with rows in any raw
    table (only the refreshed ones in a refresh)."""
    union = " union ".join(f"select document_id from candidate.raw.{table}" for table in DOCUMENT_TABLES)
    scope = f" and document_id in ({REFRESHED})" if only_refreshed else ""
    con.execute(
        "create or replace table documents_to_check as "
        f"select document_id, (row_number() over (order by document_id) - 1) // {int(size)} as chunk "
        f"from ({union}) where document_id is not null{scope}"
    )
    chunks = con.execute("select count(distinct chunk) from documents_to_check").fetchone()
    for chunk in range(chunks[0] if chunks else 0):
        con.execute("delete from checked_documents")
        con.execute("insert into checked_documents select document_id from documents_to_check where chunk = ?", [chunk])
        counted = con.execute("select count(*), min(document_id), max(document_id) from checked_documents").fetchone()
        _copy_chunk(con, counted[1], counted[2]) if counted else None
        yield counted[0] if counted else 0


def _copy_chunk(con: duckdb.DuckDBPyConnection, first: str, last: str) -> None:
    """The chunk's rows of every raw table of documents, from the candidate into ``raw`` (the range
    lets DuckDB skip the row groups of other documents)."""
    for table in DOCUMENT_TABLES:
        con.execute(
            f"create or replace table raw.{table} as select * from candidate.raw.{table} "
            "where document_id between ? and ? and document_id in (select document_id from checked_documents)",
            [first, last],
        )
