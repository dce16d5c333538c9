"""Where the warehouse's figures come from, beyond the line they were read on: the build itself (when,
from which commit of this code, from which folder) and each source file (its content hash and
modification time, and where and when it was published, when the analyst says so).

Publication is supplied in an optional manifest in RAW_DIR, ``publications.csv`` (UTF-8):

    file,publication_url,publication_date
    000_a19997e405ff60dc.txt,https://www.example.gov.cn/zwgk/2023/0915.html,2023-09-15

``file`` is the path below RAW_DIR (a bare file name works when no other file has it);
``publication_date`` is a date (YYYY-MM-DD); either column may be left empty. A row that names no
file of RAW_DIR, or a date that is not one, is reported in dq.ingest_issues and otherwise ignored.
"""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from ingest.landing.schema import RAW_TABLES

MANIFEST_NAME = "publications.csv"
_CODE_ROOT = Path(__file__).resolve().parents[2]
_CHUNK = 1 << 20


def printable(path: Path | str) -> str:
    """A path as text that can be stored: bytes that are not UTF-8 in a file name become \\x escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _ordered(table: str, record: dict) -> tuple:
    return tuple(record.get(name) for name, _ in RAW_TABLES[table])


def code_commit(root: Path = _CODE_ROOT) -> str:
    """The git commit of the code that builds (``-dirty`` when files differ from it), else "unknown"."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{commit}-dirty" if commit and changed else (commit or "unknown")


def build_run_row(raw_dir: Path, started: datetime) -> tuple:
    return _ordered(
        "build_runs",
        {
            "built_at": started.astimezone(UTC).replace(tzinfo=None),
            "code_commit": code_commit(),
            "raw_dir": printable(raw_dir),
        },
    )


def content_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def source_file_rows(raw_dir: Path, paths: list[Path]) -> tuple[list[tuple], list[tuple]]:
    """(raw.source_files rows, raw.ingest_issues rows of the publication manifest)."""
    publications, issues = read_manifest(raw_dir, paths)
    rows = []
    for path in paths:
        try:
            stat = path.stat()
            sha = content_sha256(path)
        except OSError:  # removed while ingest ran: its issue row says so
            continue
        url, published = publications.get(path, (None, None))
        rows.append(
            _ordered(
                "source_files",
                {
                    "document_id": sha[:16],
                    "source_path": printable(path),
                    "content_sha256": sha,
                    "byte_size": stat.st_size,
                    "modified_at": datetime.fromtimestamp(stat.st_mtime, UTC).replace(tzinfo=None, microsecond=0),
                    "publication_url": url,
                    "publication_date": published,
                },
            )
        )
    return rows, issues


def read_manifest(raw_dir: Path, paths: list[Path]) -> tuple[dict[Path, tuple[str | None, date | None]], list[tuple]]:
    """path -> (publication_url, publication_date) from RAW_DIR/publications.csv, and the issues met."""
    manifest = raw_dir / MANIFEST_NAME
    if not manifest.is_file():
        return {}, []
    by_relative = {p.relative_to(raw_dir).as_posix(): p for p in paths}
    by_name: dict[str, list[Path]] = {}
    for p in paths:
        by_name.setdefault(p.name, []).append(p)
    found: dict[Path, tuple[str | None, date | None]] = {}
    issues: list[tuple] = []

    def issue(line_no: int, message: str) -> None:
        issues.append(
            _ordered(
                "ingest_issues",
                {
                    "source_path": printable(manifest),
                    "stage": "land",
                    "severity": "warn",
                    "message": message,
                    "line_no": line_no,
                },
            )
        )

    with manifest.open(encoding="utf-8-sig", newline="") as f:
        for line_no, row in enumerate(csv.DictReader(f), start=2):
            name = (row.get("file") or "").strip()
            path = by_relative.get(name) or (by_name[name][0] if len(by_name.get(name, [])) == 1 else None)
            if path is None:
                issue(line_no, f"{MANIFEST_NAME}: {name!r} is no document of RAW_DIR (or names more than one)")
                continue
            url = (row.get("publication_url") or "").strip() or None
            published = None
            if text := (row.get("publication_date") or "").strip():
                try:
                    published = date.fromisoformat(text)
                except ValueError:
                    issue(line_no, f"{MANIFEST_NAME}: publication_date {text!r} of {name} is not a date (YYYY-MM-DD)")
            found[path] = (url, published)
    return found, issues
