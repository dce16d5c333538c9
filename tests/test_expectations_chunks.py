"""The identity checks run a chunk of documents at a time: any chunk size gives the same results.

A chunk is the next documents in the order they were landed, and its copy of the raw tables holds
every row of its documents and no other, found by the row ids they span, or by their ids alone
when those row ids moved.

The samples (five documents) are checked whole and in chunks of two documents with a registry
that acknowledges half of their failures (the others fail) and names a check that does not fail
(a stale entry): dq.identity_results, the verdict and both failure reports must agree.
"""

from __future__ import annotations

import contextlib
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import DOC_000, SAMPLES

from expectations.acknowledgements import REGISTRY
from expectations.runner import run_expectations
from expectations.scope import copy_chunk, load_chunk, locate_documents, open_candidate, open_workspace, plan_chunks
from ingest.cli import main as ingest_main
from ingest.landing.rows import DOCUMENT_TABLES
from ingest.pipeline import document_id_of

REPORTS = ("verdict.json", "failures.txt", "failures.html")
SAMPLE_ID = document_id_of(SAMPLES / DOC_000)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("chunks")
    db = work / "samples.duckdb"
    argv = ["run", "--raw-dir", str(SAMPLES), "--db", str(db), "--cache-dir", str(work / "parsed")]
    assert ingest_main(argv) == 0
    return db


def _results(db: Path) -> Counter:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return Counter(con.execute("select * from dq.identity_results").fetchall())
    finally:
        con.close()


@contextlib.contextmanager
def _candidate_copy(
    sample_db: Path, tmp_path: Path, landed_in_reverse: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A copy of the landed samples, opened as the checks open a candidate."""
    db = tmp_path / "w.duckdb"
    shutil.copy(sample_db, db)
    if landed_in_reverse:
        _land_again_in_reverse(db)
    con = open_candidate(db)
    try:
        yield con
    finally:
        con.close()


def _chunk_sizes(con: duckdb.DuckDBPyConnection, size: int, parallel: int = 1) -> list[int]:
    workspace = open_workspace(con, f"sizes_{size}_{parallel}")
    return [load_chunk(workspace, chunk) for chunk in range(plan_chunks(con, False, size, parallel))]


def test_documents_are_checked_in_chunks_of_the_size_asked(sample_db, tmp_path):
    with _candidate_copy(sample_db, tmp_path) as con:
        assert _chunk_sizes(con, 2) == [2, 2, 1]
        assert _chunk_sizes(con, 250) == [5]


def test_few_documents_are_split_so_that_every_thread_has_a_chunk(sample_db, tmp_path):
    with _candidate_copy(sample_db, tmp_path) as con:
        assert _chunk_sizes(con, 250, parallel=2) == [3, 2]
        assert _chunk_sizes(con, 2, parallel=2) == [2, 2, 1]


def _chunk_rows(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Every row of ``raw`` (the chunk's copy, in the workspace ``con`` is) and every row of the
    candidate of the chunk's documents."""
    copied, expected = {}, {}
    for table in DOCUMENT_TABLES:
        copied[table] = Counter(con.execute(f"select * from raw.{table}").fetchall())
        expected[table] = Counter(
            con.execute(
                f"select * from candidate.raw.{table} where document_id in (select document_id from checked_documents)"
            ).fetchall()
        )
    return copied, expected


def _land_again_in_reverse(db: Path) -> None:
    """Every document's rows deleted and appended again, the documents in reverse order of their ids."""
    con = duckdb.connect(str(db))
    try:
        for table in DOCUMENT_TABLES:
            con.execute(f"create temp table landed as select * from raw.{table} order by document_id desc, rowid")
            con.execute(f"delete from raw.{table}")
            con.execute(f"insert into raw.{table} select * from landed")
            con.execute("drop table landed")
    finally:
        con.close()


def test_chunks_follow_the_landing_order_and_copy_every_row_of_their_documents(sample_db, tmp_path):
    with _candidate_copy(sample_db, tmp_path, landed_in_reverse=True) as con:
        landed = [
            row[0] for row in con.execute("select document_id from candidate.raw.documents order by rowid").fetchall()
        ]
        assert landed == sorted(landed, reverse=True)
        chunks, figures = [], 0
        workspace = open_workspace(con, "landing_order")
        for chunk in range(plan_chunks(con, only_refreshed=False, size=2)):
            load_chunk(workspace, chunk)
            chunks += [row[0] for row in workspace.execute("select document_id from checked_documents").fetchall()]
            copied, expected = _chunk_rows(workspace)
            assert copied == expected
            figures += sum(copied["fa_values"].values())
        assert chunks == landed
        assert figures == con.execute("select count(*) from candidate.raw.fa_values").fetchone()[0] > 0


def test_a_chunk_whose_rows_moved_is_copied_by_its_documents(sample_db, tmp_path):
    with _candidate_copy(sample_db, tmp_path) as con:
        locate_documents(con, only_refreshed=False)
        workspace = open_workspace(con, "moved")
        workspace.execute("insert into checked_documents select document_id from candidate.raw.documents")
        con.execute("update document_rows set first_row = first_row + 7, last_row = last_row + 7")  # 7 rows off
        copy_chunk(workspace)
        copied, expected = _chunk_rows(workspace)
        assert copied == expected
        assert (
            sum(copied["fa_values"].values())
            == con.execute("select count(*) from candidate.raw.fa_values").fetchone()[0]
        )


def _half_registry(tmp_path: Path) -> Path:
    lines = REGISTRY.read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines[1:] if line.strip()]
    stale = f"{SAMPLE_ID},FA-01,no such subject,source_error,line 1 says so"
    registry = tmp_path / "acknowledgements.csv"
    registry.write_text("\n".join([lines[0], *entries[::2], stale]) + "\n", encoding="utf-8")
    return registry


def test_checks_in_chunks_are_the_checks_of_every_document_at_once(sample_db, tmp_path):
    registry = _half_registry(tmp_path)
    runs = {}
    for name, size in (("whole", 250), ("chunks", 2)):
        db = tmp_path / f"{name}.duckdb"
        shutil.copy(sample_db, db)
        assert run_expectations(db, tmp_path / name, registry=registry, chunk_documents=size) == 0
        runs[name] = db
    whole = _results(runs["whole"])
    statuses = Counter(row[8] for row in whole.elements())
    assert statuses["acknowledged"] and statuses["fail"] and statuses["pass"] > 500
    assert "no such subject" in (tmp_path / "whole" / "failures.txt").read_text(encoding="utf-8")
    assert _results(runs["chunks"]) == whole
    for report in REPORTS:
        assert (tmp_path / "chunks" / report).read_bytes() == (tmp_path / "whole" / report).read_bytes(), report
    assert (tmp_path / "chunks" / "data_docs" / "index.html").is_file()
