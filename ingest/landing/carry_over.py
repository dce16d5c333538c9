"""A refresh's ingest: the rows of unchanged documents are carried over from the published warehouse.

A document is identified by its content hash and the path it was read from. Comparing the files of
RAW_DIR with the documents the published warehouse holds gives the documents to refresh: those
whose (document_id, path) is new or gone, every document sharing a document_id with one of them
(the first path of a content in path order is the one landed, the others are copies: they are
decided together), and those ingest stopped at a limit (parsed again, as a full build would).
Their rows are deleted and their files landed again; every other document's rows stay as they are.
Rows that belong to the run rather than to a document (raw.source_files, raw.build_runs and the
issues about files that could not be identified) are made anew on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.landing.provenance import printable
from ingest.landing.rows import DOCUMENT_TABLES
from ingest.pipeline import document_id_of

RUN_TABLES = ("source_files", "build_runs", "refreshed_documents")  # made anew on every run


@dataclass(frozen=True)
class RefreshPlan:
    to_land: list[Path]  # files to parse (or read from the parse cache) and land, in path order
    refreshed: set[str]  # document ids whose rows are deleted (and landed again when a file has them)
    carried: int  # documents whose rows are kept


def plan_refresh(paths: list[Path], con: duckdb.DuckDBPyConnection) -> RefreshPlan:
    """What to land of ``paths`` into the warehouse open in ``con`` (a copy of the published one)."""
    landed = set(con.execute("select document_id, source_path from raw.documents").fetchall())
    failed = {
        row[0] for row in con.execute("select document_id from raw.documents where parse_status = 'failed'").fetchall()
    }
    ids: dict[Path, str | None] = {}
    for path in paths:
        try:
            ids[path] = document_id_of(path)
        except OSError:  # cannot be read now: landed again, so its issue row says why
            ids[path] = None
    current = {(doc_id, printable(path)) for path, doc_id in ids.items() if doc_id is not None}
    refreshed = {doc_id for doc_id, _ in current ^ landed} | failed
    to_land = [path for path, doc_id in ids.items() if doc_id is None or doc_id in refreshed]
    carried = len({doc_id for doc_id, _ in landed} - refreshed)
    return RefreshPlan(to_land, refreshed, carried)


def forget_refreshed(con: duckdb.DuckDBPyConnection, refreshed: set[str]) -> None:
    """Delete the rows of the refreshed documents and of the run, in one transaction."""
    ids = sorted(refreshed)
    con.execute("begin")
    for table in DOCUMENT_TABLES:
        con.execute(f"delete from raw.{table} where document_id in (select unnest(?::varchar[]))", [ids])
    con.execute("delete from raw.ingest_issues where document_id is null")
    for table in RUN_TABLES:
        con.execute(f"delete from raw.{table}")
    con.execute("insert into raw.refreshed_documents select unnest(?::varchar[])", [ids])
    con.execute("commit")
