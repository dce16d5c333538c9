"""The ingest pipeline: parser failures isolated, the per-document cache, workers."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import duckdb
from conftest import DOC_002, DOC_003, SAMPLES

import ingest.pipeline as pipeline
from ingest.cli import main as ingest_main
from ingest.landing.batch import landable
from ingest.landing.cache import RowCache
from ingest.landing.duckdb_writer import rows_of, write_raw
from ingest.landing.rows import DOCUMENT_TABLES, rows_by_table
from ingest.pipeline import collect, document_id_of, find_documents, links_out_of, process_document, process_paths


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
    for table in DOCUMENT_TABLES:  # what lands is the same, cached or parsed again
        assert sorted(rows_of(rows[table]), key=repr) == sorted(rows_of(fresh[table]), key=repr)


def test_workers_give_the_same_rows_as_one_process():
    paths = find_documents(SAMPLES)
    one = [rows for _, rows, _ in process_paths(paths, 1)]
    two = [rows for _, rows, _ in process_paths(paths * 2, 2)]
    assert two == one * 2


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
    (old / "x.arrow").write_bytes(b"")
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
    assert len(list(cache.folder.glob("*.arrow"))) == 5


def test_a_cache_entry_is_data_verified_against_its_key(tmp_path):
    cache = RowCache(tmp_path / "cache")
    path = SAMPLES / DOC_003
    rows = landable(rows_by_table(process_document(path)))
    document_id = rows["documents"].column("document_id")[0].as_py()
    assert cache.put(document_id, str(path), rows)
    again = cache.get(document_id, str(path))
    for table in DOCUMENT_TABLES:
        assert again[table].equals(rows[table]), table
    # the same entry under another document's key is not taken for it
    other = SAMPLES / DOC_002
    entry = next(cache.folder.glob("*.arrow"))
    shutil.copyfile(entry, cache._path("c70b1d14cc0bfe60", str(other)))
    assert cache.get("c70b1d14cc0bfe60", str(other)) is None
    assert cache.get(document_id, str(SAMPLES / "elsewhere.txt")) is None


def test_a_planted_cache_entry_never_runs_code(tmp_path):
    cache = RowCache(tmp_path / "cache")
    path = SAMPLES / DOC_003
    document_id = document_id_of(path)
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache.folder.mkdir(parents=True)
    cache._path(document_id, str(path)).write_bytes(pickle.dumps(Planted()))
    assert cache.get(document_id, str(path)) is None
    assert not marker.exists()
    rows, summary = collect(process_paths([path], 1, cache))
    assert (summary.documents, summary.from_cache) == (1, 0) and not marker.exists()
    assert cache.get(document_id, str(path)) is not None  # parsed again and stored as data


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    name = os.fsdecode(b"bad\xffname.txt")
    shutil.copyfile(SAMPLES / DOC_003, raw / name)
    cache = RowCache(tmp_path / "cache")
    for expected_from_cache in (0, 1):
        rows, summary = collect(process_paths(find_documents(raw), 1, cache))
        assert (summary.documents, summary.from_cache) == (1, expected_from_cache)
        (document,) = rows_of(rows["documents"])
        assert document[2] == "bad\\xffname.txt" and document[1].endswith("bad\\xffname.txt")
        assert any("not UTF-8" in issue[4] for issue in rows_of(rows["ingest_issues"]))
        assert rows["perf_indicators"].num_rows > 0
    db = tmp_path / "c.duckdb"
    write_raw(db, rows)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select file_name from raw.documents").fetchone() == ("bad\\xffname.txt",)
    con.close()


def test_links_out_of_the_folder_are_not_followed(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir()
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("本部门2022年度收入总计1.00万元 a secret", encoding="utf-8")
    (raw / "inside.txt").write_bytes((SAMPLES / DOC_003).read_bytes())
    (raw / "link_out.txt").symlink_to(secret)
    (raw / "folder_out").symlink_to(outside)
    (raw / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (raw / "link_in.txt").symlink_to(raw / "inside.txt")
    assert find_documents(raw) == [raw / "inside.txt", raw / "link_in.txt"]
    assert links_out_of(raw) == [raw / "dangling.txt", raw / "folder_out", raw / "link_out.txt"]
    db = tmp_path / "c.duckdb"
    assert ingest_main(["run", "--raw-dir", str(raw), "--db", str(db)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select source_path from raw.documents").fetchall() == [(str(raw / "inside.txt"),)]
    issues = con.execute("select source_path, message from raw.ingest_issues").fetchall()
    con.close()
    assert {Path(p).name for p, m in issues if "not followed" in m} == {"dangling.txt", "folder_out", "link_out.txt"}
    assert [Path(p).name for p, m in issues if "the same bytes as" in m] == ["link_in.txt"]
    assert not any("secret" in m for _, m in issues)
