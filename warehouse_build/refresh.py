"""Refresh: a build that recomputes only what the documents added, changed or removed touch.

The candidate starts as a copy of the published warehouse; ingest deletes the rows of every
document whose file changed or went, lands the new and changed ones, and lists those documents in
``raw.refreshed_documents`` (ingest/landing/carry_over.py). The dbt models keyed by document
delete and insert only those documents' rows (dbt_project/macros/refreshed_documents.sql); the
models that compare documents are rebuilt whole; the expectations step checks only those
documents and keeps the other documents' results. The result is the warehouse a full build of the
same inputs makes.

That holds only while the code that made the published rows is the code running now. So each
part of the candidate records, in ``build_state.json`` beside its database, the fingerprint of the
code that made it (``PARTS``); a step compares it with the code now and redoes its part whole when
they differ: other ingest code (or other versions of the locked packages, or of this build code)
means a full build; other models a full dbt build and new dbt docs; other rules or another
acknowledgement registry all documents checked again; another report code every source page of
the report written again. ``FULL_REFRESH=1`` builds everything anew.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from warehouse_build.layout import DATABASE, Layout

REPO = Path(__file__).resolve().parents[1]
STATE_NAME = "build_state.json"
DBT_SOURCES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests")


def _digest(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        if path.is_file():
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _files(*roots: str) -> list[Path]:
    found = []
    for root in roots:
        path = REPO / root
        found.extend([path] if path.is_file() else (p for p in path.rglob("*") if "__pycache__" not in p.parts))
    return found


@cache
def fingerprints() -> dict[str, str]:
    """The fingerprint of the code each part of a build is made by."""
    from ingest.landing.cache import code_fingerprint

    toolchain = _digest(_files("requirements.lock", "warehouse_build"))
    dbt = _digest(_files(*(f"dbt_project/{name}" for name in DBT_SOURCES)))
    return {
        "ingest": f"{code_fingerprint()}-{toolchain}",
        "dbt": f"{dbt}-{toolchain}",
        "docs": f"{dbt}-{toolchain}",
        "expectations": f"{_digest(_files('expectations'))}-{toolchain}",
        # the source pages are the documents as ingest's loader reads them
        "report": f"{_digest(_files('report'))}-{code_fingerprint()}-{toolchain}",
    }


def read_state(folder: Path) -> dict[str, str]:
    """The fingerprints recorded beside a database (the candidate's or a release's); {} when none."""
    try:
        state = json.loads((folder / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(folder: Path, state: dict[str, str]) -> None:
    staged = folder / f".{STATE_NAME}.new"
    staged.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(staged, folder / STATE_NAME)


def part_is_current(layout: Layout, part: str) -> bool:
    """Whether the candidate's part was made by the code running now (and can be refreshed)."""
    return read_state(layout.candidate).get(part) == fingerprints()[part]


def record_part(layout: Layout, part: str) -> None:
    """After a step made its part of the candidate: record the code that made it."""
    state = read_state(layout.candidate)
    state[part] = fingerprints()[part]
    write_state(layout.candidate, state)


def forget_part(layout: Layout, part: str) -> None:
    """Before a step remakes its part whole: until it is done, the part is of no known code."""
    state = read_state(layout.candidate)
    if state.pop(part, None) is not None:
        write_state(layout.candidate, state)


def refresh_base(layout: Layout, full_refresh: bool) -> tuple[Path | None, str]:
    """The published database a refresh starts from, or None and why the build is a full one."""
    if full_refresh:
        return None, "FULL_REFRESH=1"
    published = layout.current.resolve() if layout.current.is_symlink() else None
    if published is None or not (published / DATABASE).is_file():
        return None, "no published warehouse to refresh"
    state = read_state(published)
    if not state:
        return None, "the published warehouse does not say which code built it"
    if state.get("ingest") != fingerprints()["ingest"]:
        return None, "the published warehouse was built by other ingest code or other package versions"
    return published, "refresh"
