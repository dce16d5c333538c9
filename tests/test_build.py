"""A full `make build` on a folder with the sample corpus plus unreadable files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SAMPLES
from sample_build import sample_warehouse

pytestmark = pytest.mark.build

UNREADABLE = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02\x03PK\x03\x04" * 64,
    "not_text.md": bytes(range(128, 256)) * 16,
}


def make_build(raw_dir: Path, warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "build", f"RAW_DIR={raw_dir}", f"WAREHOUSE={warehouse}", "ALLOW_FAILURES=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("build")
    raw = tmp / "raw"
    shutil.copytree(SAMPLES, raw)
    for name, data in UNREADABLE.items():
        (raw / name).write_bytes(data)
    warehouse = tmp / "out" / "warehouse.duckdb"
    # Relative paths, as a user types them (`make build WAREHOUSE=warehouse/warehouse.duckdb`).
    done = make_build(Path(os.path.relpath(raw, ROOT)), Path(os.path.relpath(warehouse, ROOT)))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return warehouse


def _query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_document_has_a_dim_document_row_with_its_status(built):
    rows = dict(_query(built, "select file_name, parse_status from marts.dim_document"))
    assert len(rows) == 8
    for name in UNREADABLE:
        assert rows[name] == "unreadable"
    assert {rows[p.name] for p in SAMPLES.iterdir()} == {"parsed"}


def test_final_accounts_are_graded_by_how_well_they_were_read(built):
    rows = {
        r[0]: r[1:]
        for r in _query(
            built,
            "select file_name, quality_grade, template_tables_found, identities_checked = identities_closed, "
            "identities_closed_share from marts.dim_document",
        )
    }
    assert rows["002_17f0692d4eecb2d0.txt"] == ("read_well", 9, True, 1)  # every table, every identity closes
    assert rows["001_ba354a0d5473f1fe.txt"][:2] == ("partly", 2)  # the text copy lost seven tables
    assert rows["000_a19997e405ff60dc.txt"][:2] == ("not_read", 0)  # narrative only
    assert rows["003_206130ca332d3ec9.txt"] == (None, None, None, None)  # not final accounts


def test_unreadable_documents_are_listed_in_dq_ingest_issues(built):
    rows = _query(
        built,
        "select source_path, stage, severity, message from dq.ingest_issues where severity = 'error' order by 1",
    )
    by_file = {Path(r[0]).name: r for r in rows}
    assert set(by_file) >= set(UNREADABLE)
    assert "empty" in by_file["empty.txt"][3]
    assert "NUL" in by_file["binary.txt"][3]
    assert all(r[1] == "load" for name, r in by_file.items() if name in UNREADABLE)


def test_build_outputs_exist(built):
    out = built.parent
    for relative in ("report/index.html", "docs/index.html", "exports/dim_document.parquet", "dq/verdict.json"):
        assert (out / relative).exists(), relative


def test_same_inputs_give_the_same_warehouse(built):
    """The sample documents land identically whether built alone or beside other files."""
    again = sample_warehouse()
    for sql in (
        "select document_id, department_id, fiscal_year, parse_status from marts.dim_document",
        "select document_id, * exclude (document_id) from marts.fct_department_finance",
        "select document_id, * exclude (document_id) from marts.fct_indicator_scores",
        "select document_id, * exclude (document_id) from marts.fct_expenditure_by_function",
    ):
        first = sorted(r for r in _query(built, sql) if r[0] in _sample_ids(again))
        assert first and first == sorted(_query(again, sql)), sql


def _sample_ids(warehouse: Path) -> set[str]:
    return {r[0] for r in _query(warehouse, "select document_id from marts.dim_document")}


def test_a_second_build_of_the_same_warehouse_stops_at_once(tmp_path):
    import fcntl

    warehouse = tmp_path / "out" / "warehouse.duckdb"
    lock_path = warehouse.parent / ".build" / "build.lock"
    lock_path.parent.mkdir(parents=True)
    with open(lock_path, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        done = make_build(SAMPLES, warehouse)
    assert done.returncode != 0
    assert "another build of" in done.stderr and "is running" in done.stderr
    assert not warehouse.exists() and not (warehouse.parent / ".build" / "candidate.duckdb").exists()
