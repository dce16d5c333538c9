"""Publication: an atomic replace of the warehouse, only when the verdict has no blocking failure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from expectations.cli import main
from expectations.publish import PublishRefused, publish

FAILURE = {
    "document_id": "c70b1d14cc0bfe60",
    "document": "002_17f0692d4eecb2d0.txt",
    "rule_id": "FA-01",
    "severity": "error",
    "status": "fail",
    "subject": "收入支出决算总表: 收入总计",
    "lhs_value": "2185600",
    "rhs_value": "2195600",
    "difference": "-10000",
    "tolerance": "200",
    "message": "收入总计 vs 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
    "source_ref": "002_17f0692d4eecb2d0.txt | line 101 | 公开01 收入支出决算汇总表 | 总计",
}


# a reader in another process (DuckDB shares one instance per file within a process)
READ_VERSION = "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True).execute('select version from marker').fetchone()[0])"


def _warehouse(path: Path, marker: str) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create table marker as select ? as version", [marker])
    con.close()
    return path


def _verdict(dq: Path, failures: list[dict]) -> Path:
    dq.mkdir(parents=True, exist_ok=True)
    (dq / "verdict.json").write_text(
        json.dumps({"blocking_failures": failures, "stale_acknowledgements": []}), encoding="utf-8"
    )
    return dq


def _version(path: Path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select version from marker").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    (tmp_path / ".build").mkdir()
    published = _warehouse(tmp_path / "warehouse.duckdb", "old")
    candidate = _warehouse(tmp_path / ".build" / "candidate.duckdb", "new")
    return published, candidate, tmp_path / "dq"


def test_a_failing_build_leaves_the_published_warehouse_byte_identical(files):
    published, candidate, dq = files
    before = published.read_bytes()
    with pytest.raises(PublishRefused):
        publish(candidate, published, _verdict(dq, [FAILURE]))
    assert published.read_bytes() == before
    assert candidate.exists()  # kept for inspection


def test_a_passing_build_replaces_the_warehouse(files):
    published, candidate, dq = files
    publish(candidate, published, _verdict(dq, []))
    assert _version(published) == "new"
    assert not any(p.name.endswith(".publishing") for p in published.parent.iterdir())


def test_allow_failures_publishes_and_returns_them(files):
    published, candidate, dq = files
    assert publish(candidate, published, _verdict(dq, [FAILURE]), allow_failures=True) == [FAILURE]
    assert _version(published) == "new"


def test_no_verdict_publishes_nothing(files):
    published, candidate, dq = files
    before = published.read_bytes()
    with pytest.raises(PublishRefused):
        publish(candidate, published, dq)
    assert published.read_bytes() == before


def test_a_reader_holding_the_old_file_keeps_reading_it(files):
    published, candidate, dq = files
    reader = duckdb.connect(str(published), read_only=True)
    try:
        assert reader.execute("select version from marker").fetchone()[0] == "old"
        publish(candidate, published, _verdict(dq, []))
        # the open connection still reads the file it opened; the path now holds the new file
        assert reader.execute("select version from marker").fetchone()[0] == "old"
        assert published.read_bytes() == candidate.read_bytes()
        new_reader = subprocess.run(
            [sys.executable, "-c", READ_VERSION, str(published)], capture_output=True, text=True, check=True
        )
        assert new_reader.stdout.strip() == "new"
    finally:
        reader.close()


def test_the_publish_command_names_each_failure_and_exits_non_zero(files, capsys, monkeypatch):
    published, candidate, dq = files
    _verdict(dq, [FAILURE])
    monkeypatch.setenv("ALLOW_FAILURES", "0")
    code = main(["publish", "--candidate", str(candidate), "--warehouse", str(published), "--dq", str(dq)])
    err = capsys.readouterr().err
    assert code == 1
    for text in ("002_17f0692d4eecb2d0.txt", "FA-01", "收入支出决算总表: 收入总计", "2185600", "2195600"):
        assert text in err
    assert _version(published) == "old"
