"""Publish a candidate warehouse: an atomic replace, only when its expectations passed.

The verdict of the expectations step is ``<dq>/verdict.json``: {"blocking_failures": [...]}.
A reader that opened the published file before the replace keeps reading the old file (its
inode stays alive until closed); a new reader sees the new one. Nothing is ever written into the
published file itself.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path


class PublishRefused(Exception):
    """The candidate has unacknowledged error failures."""


def read_verdict(dq_dir: Path) -> list[dict]:
    verdict = dq_dir / "verdict.json"
    if not verdict.exists():
        raise PublishRefused(f"no expectations verdict at {verdict}: run the expectations step first")
    return json.loads(verdict.read_text(encoding="utf-8"))["blocking_failures"]


def publish(candidate: Path, warehouse: Path, dq_dir: Path, allow_failures: bool = False) -> list[dict]:
    """Replace ``warehouse`` with ``candidate`` atomically; return the failures published anyway.

    Raises PublishRefused (leaving ``warehouse`` untouched) when there are blocking failures and
    allow_failures is false.
    """
    failures = read_verdict(dq_dir)
    if failures and not allow_failures:
        raise PublishRefused(f"{len(failures)} unacknowledged error failure(s)")
    if not candidate.exists():
        raise PublishRefused(f"no candidate warehouse at {candidate}")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    staged = warehouse.with_name(f".{warehouse.name}.publishing")
    shutil.copyfile(candidate, staged)
    with open(staged, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staged, warehouse)
    return failures
