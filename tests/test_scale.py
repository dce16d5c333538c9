"""Ingest at scale: rows landed in batches as documents come, a database that appears only whole,
cached rows read one document at a time, and the build's seconds and peak memory per step."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import duckdb
import pytest
from conftest import DOC_002, DOC_003, SAMPLES

import ingest.pipeline as pipeline
from ingest.cli import main as ingest_main
from ingest.landing.cache import RowCache
from ingest.landing.duckdb_writer import RawWriter, rows_of, write_raw
from ingest.landing.schema import RAW_TABLES
from ingest.pipeline import collect, find_documents, process_paths
from warehouse_build.measure import MB, BuildSummary, PeakSampler, measured, read_parts

DOCUMENT_TABLES_WITH_ROWS = ("documents", "fa_tables", "fa_values", "narrative_figures", "ingest_issues")


def _table_rows(db, table: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(f"select * from raw.{table}").fetchall(), key=repr)
    finally:
        con.close()


def test_rows_are_handed_to_the_database_in_batches_as_documents_come():
    handed: list[dict] = []
    rest, summary = collect(process_paths(find_documents(SAMPLES), 1), sink=handed.append, batch_rows=200)
    whole, _ = collect(process_paths(find_documents(SAMPLES), 1))
    assert summary.documents == 5 and len(handed) >= 2
    assert all(sum(map(len, batch.values())) >= 200 for batch in handed)
    for table in RAW_TABLES:
        joined = [row for batch in [*handed, rest] for row in rows_of(batch[table])]
        assert joined == rows_of(whole[table]), table


def test_ingest_in_small_batches_lands_what_one_batch_lands(tmp_path, monkeypatch):
    one = tmp_path / "one.duckdb"
    assert ingest_main(["run", "--raw-dir", str(SAMPLES), "--db", str(one)]) == 0
    appended: list[int] = []
    append = RawWriter.append
    monkeypatch.setattr(RawWriter, "append", lambda self, rows: appended.append(1) or append(self, rows))
    monkeypatch.setattr(pipeline, "BATCH_ROWS", 100)
    many = tmp_path / "many.duckdb"
    timings = tmp_path / "timings.json"
    assert ingest_main(["run", "--raw-dir", str(SAMPLES), "--db", str(many), "--timings", str(timings)]) == 0
    assert len(appended) >= 3  # batches of the documents, then the files and the run
    for table in DOCUMENT_TABLES_WITH_ROWS:
        assert _table_rows(many, table) == _table_rows(one, table), table
    assert set(json.loads(timings.read_text())) == {"find", "parse and land", "write", "total"}


def test_a_database_that_cannot_be_completed_is_never_left_at_its_name(tmp_path, monkeypatch):
    db = tmp_path / "c.duckdb"
    calls: list[int] = []
    append = RawWriter.append

    def fail_second(self, rows):
        calls.append(1)
        if len(calls) == 2:
            raise duckdb.IOException("disk full")
        append(self, rows)

    monkeypatch.setattr(RawWriter, "append", fail_second)
    monkeypatch.setattr(pipeline, "BATCH_ROWS", 100)
    assert ingest_main(["run", "--raw-dir", str(SAMPLES), "--db", str(db)]) == 1
    assert not db.exists() and list(tmp_path.iterdir()) == []


def test_write_raw_replaces_the_raw_schema_in_place(tmp_path):
    db = tmp_path / "c.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table main.kept as select 1 as x")
    con.close()
    write_raw(db, {"build_runs": []})
    assert _table_rows(db, "documents") == []
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select x from main.kept").fetchall() == [(1,)]
    con.close()


def test_cached_rows_are_read_when_their_document_comes(tmp_path, monkeypatch):
    cache = RowCache(tmp_path / "cache")
    paths = find_documents(SAMPLES)
    fresh, _ = collect(process_paths(paths, 1, cache))
    read: list[str] = []
    get = RowCache.get
    monkeypatch.setattr(RowCache, "get", lambda self, doc, path: read.append(path) or get(self, doc, path))
    seen = []
    for path, _, from_cache in process_paths(paths, 1, cache):
        assert from_cache and read == [str(p) for p in paths[: len(seen) + 1]]
        seen.append(path)
    assert seen == paths


def test_an_entry_gone_between_check_and_read_is_parsed(tmp_path, monkeypatch):
    cache = RowCache(tmp_path / "cache")
    paths = [SAMPLES / DOC_002, SAMPLES / DOC_003]
    fresh, _ = collect(process_paths(paths, 1, cache))
    monkeypatch.setattr(RowCache, "get", lambda self, doc, path: None)
    rows, summary = collect(process_paths(paths, 1, cache))
    assert (summary.documents, summary.from_cache) == (2, 0)
    assert rows == fresh


def test_the_peak_memory_of_a_step_counts_the_processes_it_starts():
    allocate = "import time; block = bytearray(300 * 1024 * 1024); time.sleep(0.6)"
    summary = BuildSummary()
    with PeakSampler(interval=0.05) as sampler:
        with measured(summary, sampler, "small"):
            time.sleep(0.2)
        with measured(summary, sampler, "child"):
            subprocess.run([sys.executable, "-c", allocate], check=True)
        with pytest.raises(RuntimeError), measured(summary, sampler, "stops"):
            raise RuntimeError
    small, child, stops = summary.steps
    assert child.peak_rss_mb > small.peak_rss_mb + 250  # the child's 300 MB, not only this process
    assert child.cpu_seconds > 0.05 and small.cpu_seconds < 0.1  # the child filled its 300 MB; sleeping costs none
    assert small.peak_rss_mb < child.peak_rss_mb and small.seconds >= 0.2
    assert (small.finished, child.finished, stops.finished) == (True, True, False)
    assert summary.peak_rss_mb == child.peak_rss_mb
    assert "(stopped)" in summary.text().splitlines()[3]
    assert summary.cpu_seconds == pytest.approx(small.cpu_seconds + child.cpu_seconds + stops.cpu_seconds)


def test_the_summary_is_written_with_each_steps_breakdown(tmp_path):
    (tmp_path / "parts.json").write_text(json.dumps({"parse and land": 2.5, "write": 0.5}))
    summary = BuildSummary()
    with PeakSampler() as sampler, measured(summary, sampler, "ingest"):
        pass
    summary.parts["ingest"] = read_parts(tmp_path / "parts.json")
    assert read_parts(tmp_path / "missing.json") == {}
    summary.write(tmp_path / "summary.json")
    record = json.loads((tmp_path / "summary.json").read_text())
    assert [s["step"] for s in record["steps"]] == ["ingest"]
    assert record["parts"] == {"ingest": {"parse and land": 2.5, "write": 0.5}}
    assert 10 < record["peak_rss_mb"] < 4096 * MB
    assert "  parse and land       2.5" in summary.text()


def test_the_executor_is_chosen_by_the_environment():
    from warehouse_build.cli import settings_from

    assert settings_from({}).ray_address is None
    assert settings_from({"EXECUTOR": "ray"}).ray_address == "auto"
    assert settings_from({"EXECUTOR": "ray", "RAY_ADDRESS": "10.0.0.5:6379"}).ray_address == "10.0.0.5:6379"
    assert settings_from({"EXECUTOR": "process", "RAY_ADDRESS": "10.0.0.5:6379"}).ray_address is None
    with pytest.raises(SystemExit, match="EXECUTOR=spark"):
        settings_from({"EXECUTOR": "spark"})
