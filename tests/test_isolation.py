"""Per-document isolation: limits on size, time and memory, each giving the document an issue row,
and worker processes replaced without losing the other documents."""

from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import DOC_003, ROOT, SAMPLES

from ingest.landing.duckdb_writer import rows_of
from ingest.landing.schema import RAW_TABLES
from ingest.limits import MB, DocumentLimits, size_limit_reached, unpacked_size
from ingest.loading import document_id_for
from ingest.parsing_context import ParsingContext
from ingest.pipeline import collect, cores_per_document, document_id_of, parse_document, process_paths
from ingest.worker_pool import WorkerPool

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from pool_work import behave_as_named  # noqa: E402  (a module the worker processes import by name)


def column(table: str, name: str) -> int:
    return [n for n, _ in RAW_TABLES[table]].index(name)


def test_limits_have_defaults_and_come_from_the_environment():
    assert DocumentLimits() == DocumentLimits.from_environment({})
    limits = DocumentLimits.from_environment(
        {"DOCUMENT_SECONDS": "2.5", "DOCUMENT_MEMORY_MB": "300", "DOCUMENT_TEXT_MB": ""}
    )
    assert (limits.seconds, limits.memory_mb, limits.text_mb) == (2.5, 300, DocumentLimits().text_mb)
    with pytest.raises(ValueError, match="DOCUMENT_UNPACKED_MB must be positive"):
        DocumentLimits.from_environment({"DOCUMENT_UNPACKED_MB": "0"})


def test_size_limits_are_checked_before_reading(tmp_path):
    text = tmp_path / "big.txt"
    text.write_bytes(b"x" * (2 * MB))
    assert "over the limit of 1 MB per text document (DOCUMENT_TEXT_MB)" in size_limit_reached(
        text, text.stat().st_size, DocumentLimits(text_mb=1)
    )
    assert size_limit_reached(text, text.stat().st_size, DocumentLimits(text_mb=3)) is None
    assert "per file (DOCUMENT_FILE_MB)" in size_limit_reached(text, text.stat().st_size, DocumentLimits(file_mb=1))


def test_a_package_that_unpacks_beyond_the_limit_is_not_opened(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as member:
            for _ in range(40):
                member.write(b"\0" * MB)
    assert bomb.stat().st_size < MB / 5
    assert unpacked_size(bomb) > 40 * MB
    reason = size_limit_reached(bomb, bomb.stat().st_size, DocumentLimits(unpacked_mb=32))
    assert reason == "its parts unpack to 40 MB, over the limit of 32 MB (DOCUMENT_UNPACKED_MB)"
    rows = parse_document(bomb, DocumentLimits(unpacked_mb=32))
    (document,) = rows["documents"]
    assert document[column("documents", "parse_status")] == "failed"
    assert document[0] == document_id_for(bomb.read_bytes()) == document_id_of(bomb)
    (issue,) = rows["ingest_issues"]
    assert issue[column("ingest_issues", "stage")] == "limits" and issue[4] == f"not parsed: {reason}"


def test_a_file_removed_before_it_is_read_is_an_issue_row(tmp_path):
    gone = tmp_path / "gone.txt"
    rows = parse_document(gone, DocumentLimits())
    assert "documents" not in rows
    (issue,) = rows["ingest_issues"]
    assert issue[0] is None and issue[1] == str(gone) and "could not be read: No such file" in issue[4]
    kept = tmp_path / "kept.txt"
    kept.write_bytes((SAMPLES / DOC_003).read_bytes())
    rows, summary = collect(process_paths([kept, gone], 1))
    assert summary.documents == 1 and [Path(i[1]).name for i in rows_of(rows["ingest_issues"]) if i[0] is None] == [
        "gone.txt"
    ]


def test_workers_past_a_limit_are_replaced_and_no_document_is_lost(tmp_path):
    names = ["a.txt", "hangs.txt", "b.txt", "grows.txt", "c.txt", "crashes.txt", "d.txt", "exits.txt", "e.txt"]
    paths = []
    for name in names:
        paths.append(tmp_path / name)
        paths[-1].write_text(name, encoding="utf-8")
    started = time.monotonic()
    with WorkerPool(2, DocumentLimits(seconds=8, memory_mb=400), work=behave_as_named) as pool:
        results = list(pool.map(paths))
        assert all(w.process.is_alive() for w in pool.workers)
    assert time.monotonic() - started < 60
    assert [path.name for path, _ in results] == names
    outcome = {path.name: rows for path, rows in results}
    good = {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"}
    for name in good:
        assert outcome[name]["ingest_issues"][0][4] == "parsed on 1 cores"
    messages = {name: outcome[name]["ingest_issues"][0][4] for name in names if name not in good}
    assert "longer than the limit of 8 s per document (DOCUMENT_SECONDS)" in messages["hangs.txt"]
    assert "over the limit of 400 MB per document (DOCUMENT_MEMORY_MB)" in messages["grows.txt"]
    assert "was killed by signal 11" in messages["crashes.txt"]
    assert "exited with code 3" in messages["exits.txt"]
    for name in messages:
        (document,) = outcome[name]["documents"]
        assert document[column("documents", "parse_status")] == "failed"


def test_a_document_with_pages_to_read_by_ocr_is_allowed_their_time(tmp_path):
    paths = [tmp_path / "scans.txt", tmp_path / "scans_then_hangs.txt"]
    for path in paths:
        path.write_text(path.name, encoding="utf-8")
    limits = DocumentLimits(seconds=1, ocr_page_seconds=1.5)  # a scan of 2 pages: 1 + 2 x 1.5 s
    with WorkerPool(2, limits, work=behave_as_named, context=ParsingContext(cores=3)) as pool:
        outcome = {path.name: rows for path, rows in pool.map(paths)}
    assert outcome["scans.txt"]["ingest_issues"][0][4] == "parsed on 3 cores"  # 2.5 s, over the 1 s of a document
    (issue,) = outcome["scans_then_hangs.txt"]["ingest_issues"]
    assert issue[4] == (
        "not parsed: parsing took longer than its limit of 4 s: 1 s per document (DOCUMENT_SECONDS) "
        "and 1.5 s per page read by OCR (DOCUMENT_OCR_PAGE_SECONDS)"
    )


def test_documents_fewer_than_the_workers_share_the_cores_left_over():
    assert [cores_per_document(2, n) for n in (1, 2, 5)] == [2, 1, 1]
    assert [cores_per_document(4, n) for n in (1, 2, 3)] == [4, 2, 1]


def test_a_loader_defect_fails_its_document_only(tmp_path, monkeypatch):
    import ingest.pipeline as pipeline

    def broken(path):
        raise RecursionError("a loader defect")

    monkeypatch.setattr(pipeline, "load_document", broken)
    document = tmp_path / "x.txt"
    document.write_text("本部门", encoding="utf-8")
    rows = parse_document(document, DocumentLimits())
    assert rows["documents"][0][column("documents", "parse_status")] == "failed"
    (issue,) = rows["ingest_issues"]
    assert issue[2:5] == ("load", "error", "not parsed: reading it failed: RecursionError: a loader defect")


def test_workers_that_cannot_start_stop_ingest_with_the_reason():
    from pool_work_unimportable import never_runs

    with pytest.raises(RuntimeError, match="a parsing worker process could not start"):
        WorkerPool(1, DocumentLimits(), work=never_runs).__enter__()
