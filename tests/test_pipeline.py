"""The ingest pipeline: parser failures isolated, the per-document cache, workers."""

from __future__ import annotations

import shutil

import duckdb
from conftest import DOC_002, DOC_003, SAMPLES

import ingest.pipeline as pipeline
from ingest.cli import main as ingest_main
from ingest.landing.cache import RowCache
from ingest.pipeline import collect, find_documents, process_document, process_paths


def test_a_failing_parser_becomes_an_issue_and_the_document_still_lands(monkeypatch):
    def broken(doc, meta):
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "parse_narrative", broken)
    result = process_document(SAMPLES / DOC_003)
    assert result.parse_status == "partial"
    assert result.meta.department_name == "富民县信访局"
    [issue] = [i for i in result.issues if i.stage == "parse_narrative"]
    assert issue.severity == "error" and "ValueError: boom" in issue.message


def test_cache_reparses_only_changed_documents(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLES, raw)
    cache = RowCache(tmp_path / "cache")
    paths = find_documents(raw)
    _, first = collect(process_paths(paths, 1, cache))
    assert (first.documents, first.from_cache) == (5, 0)
    changed = raw / DOC_002
    changed.write_bytes(changed.read_bytes() + b"\n")
    rows, second = collect(process_paths(paths, 1, cache))
    assert (second.documents, second.from_cache) == (5, 4)
    fresh, _ = collect(process_paths(paths, 1, None))
    assert sorted(rows["documents"]) == sorted(fresh["documents"])
    assert sorted(map(repr, rows["fa_values"])) == sorted(map(repr, fresh["fa_values"]))


def test_workers_give_the_same_rows_as_one_process():
    paths = find_documents(SAMPLES)
    one, _ = collect(process_paths(paths, 1))
    two, _ = collect(process_paths(paths * 2, 2))
    assert sorted(two["documents"]) == sorted(one["documents"] * 2)


def test_cli_run_lands_raw_tables(tmp_path):
    db = tmp_path / "c.duckdb"
    assert ingest_main(["run", "--raw-dir", str(SAMPLES), "--db", str(db), "--cache-dir", str(tmp_path / "cache")]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from raw.documents").fetchone() == (5,)
    con.close()


def test_cli_rejects_a_missing_folder(tmp_path, capsys):
    assert ingest_main(["run", "--raw-dir", str(tmp_path / "nope"), "--db", str(tmp_path / "c.duckdb")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_cache_entries_of_other_code_versions_are_pruned(tmp_path):
    cache = RowCache(tmp_path / "cache")
    old = cache.folder.parent / "0123456789ab"
    old.mkdir(parents=True)
    (old / "x.pickle").write_bytes(b"")
    assert (
        ingest_main(
            [
                "run",
                "--raw-dir",
                str(SAMPLES),
                "--db",
                str(tmp_path / "c.duckdb"),
                "--cache-dir",
                str(tmp_path / "cache"),
            ]
        )
        == 0
    )
    assert not old.exists()
    assert len(list(cache.folder.glob("*.pickle"))) == 5
