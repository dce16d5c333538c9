"""Provenance landed by ingest: the build (time, code commit) and every source file (content hash,
modification time, publication from RAW_DIR/publications.csv)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from conftest import DOC_000, DOC_004, SAMPLES

from ingest.cli import run
from ingest.landing.provenance import MANIFEST_NAME, code_commit, read_manifest, source_file_rows

MODIFIED = datetime(2023, 9, 15, 8, 30, 5, tzinfo=UTC)


@pytest.fixture
def raw_dir(tmp_path) -> Path:
    raw = tmp_path / "raw"
    (raw / "jx").mkdir(parents=True)
    shutil.copy(SAMPLES / DOC_000, raw / "jx" / DOC_000)
    shutil.copy(SAMPLES / DOC_004, raw / DOC_004)
    os.utime(raw / "jx" / DOC_000, (MODIFIED.timestamp(), MODIFIED.timestamp()))
    (raw / MANIFEST_NAME).write_text(
        "file,publication_url,publication_date\n"
        f"jx/{DOC_000},https://www.example.gov.cn/jdz/2022.html,2023-09-15\n"
        f"{DOC_004},,2022-06-30\n"
        "gone.txt,https://www.example.gov.cn/gone.html,\n"
        f"{DOC_004},,30/06/2022\n",
        encoding="utf-8",
    )
    return raw


def test_source_files_carry_hash_size_mtime_and_publication(raw_dir):
    paths = [raw_dir / "jx" / DOC_000, raw_dir / DOC_004]
    rows, _ = source_file_rows(raw_dir, paths)
    first = dict(
        zip(
            [
                "document_id",
                "source_path",
                "content_sha256",
                "byte_size",
                "modified_at",
                "publication_url",
                "publication_date",
            ],
            rows[0],
            strict=True,
        )
    )
    data = (SAMPLES / DOC_000).read_bytes()
    assert first["content_sha256"] == hashlib.sha256(data).hexdigest()
    assert first["document_id"] == first["content_sha256"][:16] == "5c3abc64933aa4fd"
    assert first["byte_size"] == len(data)
    assert first["modified_at"] == MODIFIED.replace(tzinfo=None)
    assert (first["publication_url"], first["publication_date"]) == (
        "https://www.example.gov.cn/jdz/2022.html",
        date(2023, 9, 15),
    )


def test_manifest_rows_that_name_no_file_or_no_date_are_reported(raw_dir):
    paths = [raw_dir / "jx" / DOC_000, raw_dir / DOC_004]
    found, issues = read_manifest(raw_dir, paths)
    assert found[raw_dir / DOC_004] == (None, None)  # the later row: its date is not one
    messages = [issue[4] for issue in issues]
    assert any("'gone.txt' is no document of RAW_DIR" in m for m in messages)
    assert any("'30/06/2022'" in m and "not a date" in m for m in messages)
    assert {issue[3] for issue in issues} == {"warn"}


def test_no_manifest_no_publication(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert read_manifest(tmp_path, [tmp_path / "a.txt"]) == ({}, [])


def test_code_commit_names_the_commit_and_uncommitted_changes(tmp_path):
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    assert code_commit(tmp_path) == "unknown"  # not a checkout
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    (tmp_path / "f.txt").write_text("1", encoding="utf-8")
    subprocess.run([*git, "add", "f.txt"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    assert code_commit(tmp_path) == head
    (tmp_path / "f.txt").write_text("2", encoding="utf-8")
    assert code_commit(tmp_path) == f"{head}-dirty"


def test_ingest_lands_the_build_and_the_source_files(raw_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    before = datetime.now(UTC).replace(tzinfo=None)
    assert run(raw_dir, db, workers=1) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        built_at, commit, folder = con.execute("select * from raw.build_runs").fetchone()
        files = con.execute(
            "select document_id, modified_at, publication_url, publication_date from raw.source_files order by 1"
        ).fetchall()
        documents = {r[0] for r in con.execute("select document_id from raw.documents").fetchall()}
        manifest_issues = con.execute("select count(*) from raw.ingest_issues where stage = 'land'").fetchone()
    finally:
        con.close()
    assert before <= built_at <= datetime.now(UTC).replace(tzinfo=None)
    assert commit and folder == str(raw_dir)
    assert {f[0] for f in files} == documents  # every document has its file row, the manifest none
    assert files[0] == ("5c3abc64933aa4fd", MODIFIED.replace(tzinfo=None), "https://www.example.gov.cn/jdz/2022.html",
                        date(2023, 9, 15))  # fmt: skip
    assert manifest_issues == (2,)
