"""Which documents the identity checks read, a chunk of documents at a time.

The rule queries read the raw tables as ``raw.<table>``. They run in a workspace: a database of
its own (``attach ':memory:'``, made the default of one cursor) in the instance to which the
candidate is attached (as ``candidate``), where ``raw`` holds the rows of the documents in
``checked_documents``: the documents of one chunk, copied from the candidate once per chunk (a
table per raw table of documents; a view of each other raw table). So every rule checks one chunk
without knowing it, the warehouse is read once per chunk whatever the number of rules, and a
workspace holds one chunk's checks at a time whatever the number of documents. Workspaces share the
candidate and nothing else, so two of them check two chunks at once, each on a thread of its own
(DuckDB works outside Python's lock). The documents to check are every document of the candidate,
or in a refresh only those in ``raw.refreshed_documents``: a refresh keeps the results of the other
documents as the published warehouse had them (runner.py). A rule comparing two documents would
have to be checked whole; every rule of the catalog checks one document's own rows.

The chunks follow the order the documents were landed in, not their ids (a content hash): ingest
appends a document's rows to every raw table together (a refresh appends the refreshed documents
after the rows it kept), so a chunk's rows of each table lie in one short range of row ids, which
DuckDB reads without scanning the rest of the table. Where each document's rows lie is found once,
in one pass over each table (``plan_chunks``); each chunk's copy then reads the range of row ids
its documents span, so the step grows with the number of documents, not with its square. A copy
is counted against that pass: a count that differs (row ids the candidate renumbered since) makes
the chunk be copied again by its document ids alone, over the whole table.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.landing.rows import DOCUMENT_TABLES
from ingest.landing.schema import RAW_TABLES
from ingest.warehouse_db import connect

REFRESHED = "select document_id from candidate.raw.refreshed_documents"
IN_CHUNK = "document_id in (select document_id from checked_documents)"


def open_candidate(db: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the candidate attached; its default database holds the plan
    of the chunks (``plan_chunks``)."""
    if not db.is_file():
        raise FileNotFoundError(f"no warehouse at {db}")
    con = connect(":memory:")
    # a chunk's queries are small: a second thread for one query costs more than it saves; chunks are
    # checked side by side instead, each by the thread that asks (one cursor each)
    con.execute("set threads = 1")
    quoted = str(db).replace("'", "''")
    con.execute(f"attach '{quoted}' as candidate")
    return con


def plan_chunks(con: duckdb.DuckDBPyConnection, only_refreshed: bool, size: int, parallel: int = 1) -> int:
    """Number the documents to check into chunks of at most ``size`` (in the order they were
    landed), so that ``parallel`` workspaces all have a chunk when there are few documents; return
    the number of chunks. The documents are those with rows in any raw table (only the refreshed
    ones in a refresh)."""
    locate_documents(con, only_refreshed)
    [(documents,)] = con.execute("select count(distinct document_id) from document_rows").fetchall()
    size = max(1, min(int(size), -(-documents // max(1, parallel))))
    con.execute(
        "create or replace table documents_to_check as "
        f"select document_id, (row_number() over (order by landed nulls last, document_id) - 1) // {size} "
        "as chunk from (select document_id, min(first_row) filter (where table_name = 'documents') as landed "
        "from document_rows group by document_id)"
    )
    [(chunks,)] = con.execute("select count(distinct chunk) from documents_to_check").fetchall()
    return chunks


def locate_documents(con: duckdb.DuckDBPyConnection, only_refreshed: bool) -> None:
    """``document_rows``: for each document to check and each raw table it has rows in, the first
    and last row id of its rows there and their number."""
    scope = f" and document_id in ({REFRESHED})" if only_refreshed else ""
    located = " union all ".join(
        f"select document_id, '{table}' as table_name, min(rowid) as first_row, max(rowid) as last_row, "
        f"count(*) as row_count from candidate.raw.{table} where document_id is not null{scope} group by document_id"
        for table in DOCUMENT_TABLES
    )
    con.execute(f"create or replace table document_rows as {located}")


def open_workspace(con: duckdb.DuckDBPyConnection, name: str) -> duckdb.DuckDBPyConnection:
    """A cursor of ``con`` whose default database is a new in-memory one named ``name``, with
    ``raw`` as the rule queries read it (empty until ``load_chunk``) and ``checked_documents``."""
    cursor = con.cursor()
    cursor.execute(f"attach ':memory:' as {name}")
    cursor.execute(f"use {name}")
    cursor.execute("create table checked_documents (document_id varchar)")
    cursor.execute("create schema raw")
    for table in RAW_TABLES:
        if table in DOCUMENT_TABLES:
            cursor.execute(f"create table raw.{table} as select * from candidate.raw.{table} limit 0")
        else:
            cursor.execute(f"create view raw.{table} as select * from candidate.raw.{table}")
    return cursor


def load_chunk(workspace: duckdb.DuckDBPyConnection, chunk: int) -> int:
    """Fill the workspace's ``checked_documents`` and ``raw`` with chunk ``chunk`` of the plan;
    return its number of documents."""
    workspace.execute("delete from checked_documents")
    workspace.execute(
        "insert into checked_documents select document_id from memory.main.documents_to_check where chunk = ?",
        [chunk],
    )
    copy_chunk(workspace)
    counted = workspace.execute("select count(*) from checked_documents").fetchone()
    return counted[0] if counted else 0


def copy_chunk(workspace: duckdb.DuckDBPyConnection) -> None:
    """The chunk's rows of every raw table of documents, from the candidate into the workspace's
    ``raw``: the range of row ids they span is read, every row of them once."""
    spans = {
        table: (first, last, rows)
        for table, first, last, rows in workspace.execute(
            "select table_name, min(first_row), max(last_row), sum(row_count) from memory.main.document_rows "
            f"where {IN_CHUNK} group by table_name"
        ).fetchall()
    }
    for table in DOCUMENT_TABLES:
        first, last, rows = spans.get(table, (0, -1, 0))
        copied = _copy_rows(workspace, table, "rowid between ? and ? and ", [first, last])
        if copied != rows:  # the row ids moved since they were located: find the rows by their documents
            _copy_rows(workspace, table, "", [])


def _copy_rows(workspace: duckdb.DuckDBPyConnection, table: str, where: str, parameters: list) -> int:
    workspace.execute(
        f"create or replace table raw.{table} as select * from candidate.raw.{table} where {where}{IN_CHUNK}",
        parameters,
    )
    counted = workspace.execute(f"select count(*) from raw.{table}").fetchone()
    return counted[0] if counted else 0
