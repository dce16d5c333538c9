"""Publish a candidate: the database and its dq, report, docs and exports together, or nothing.

A candidate is publishable when every output is complete and bound to the database it was made
from: each output step writes ``<output>.sealed`` beside its folder, holding the SHA-256 of the
candidate database it read, once the folder is complete. Publication checks every seal against the
database as it is now, so a verdict (dq) of another database, a report of an earlier state, an
output a killed step left half-written, can never be published. Then the expectations verdict
(``dq/verdict.json``) decides: unacknowledged error failures refuse publication unless
``allow_failures``.

Publishing moves the candidate folder into ``.releases/`` and replaces the ``.current`` link in one
rename (layout.py); the names readers open are links through ``.current``, made before it (the
first time, they lead nowhere until then). Nothing is copied, so a full disk cannot leave a
partial file behind; a reader that opened the previous database keeps reading it. Older releases
are removed afterwards, and the leftovers of a publication that was killed before it starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import time
from pathlib import Path

from warehouse_build.layout import OUTPUTS, Layout

SEAL_SUFFIX = ".sealed"


class PublishRefused(Exception):
    """The candidate is incomplete, not bound to its database, or has unacknowledged error failures."""


# (device, inode, size, modification time) -> SHA-256 of the files hashed by this process
_HASHED: dict[tuple[int, int, int, int], str] = {}
QUIET_NS = 1_000_000_000  # a file is remembered only if it was not modified for this long before it was read


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes. A build seals each output with the database's hash and
    publication checks them all, so the same database would be read five times: a file this
    process hashed is not read again while its device, inode, size and modification time are the
    same, provided it had not been modified for a second before it was read, so that any later
    write gives it another modification time (the "racy timestamp" rule of git's index)."""
    before = os.stat(path)
    key = (before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns)
    if key in _HASHED:
        return _HASHED[key]
    started = time.time_ns()
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    after = os.stat(path)
    if (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns) == key and key[3] < started - QUIET_NS:
        _HASHED[key] = digest
    return digest


def seal_path(layout: Layout, output: str) -> Path:
    return layout.candidate / f"{output}{SEAL_SUFFIX}"


def seal(layout: Layout, output: str, database_sha256: str) -> None:
    """Record that ``candidate/<output>`` is complete and was made from the database with this hash."""
    _write_atomically(seal_path(layout, output), json.dumps({"database_sha256": database_sha256}) + "\n")


def unseal(layout: Layout, output: str) -> None:
    """Before an output is made again: it is not complete until sealed anew."""
    seal_path(layout, output).unlink(missing_ok=True)


def read_verdict(dq_dir: Path) -> list[dict]:
    """The blocking failures of the expectations verdict in ``dq_dir``."""
    verdict = dq_dir / "verdict.json"
    try:
        return json.loads(verdict.read_text(encoding="utf-8"))["blocking_failures"]
    except FileNotFoundError:
        raise PublishRefused(f"no expectations verdict at {verdict}: run the expectations step first") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise PublishRefused(
            f"the expectations verdict {verdict} is not readable ({exc}): run the step again"
        ) from None


def check_candidate(layout: Layout, allow_failures: bool = False) -> list[dict]:
    """The blocking failures of a complete candidate whose outputs were all made from its database.

    Raises PublishRefused for an incomplete or inconsistent candidate, and for blocking failures
    unless ``allow_failures``. The verdict is read first: its failures are the most useful news.
    """
    if not layout.candidate_db.is_file():
        raise PublishRefused(f"no candidate database at {layout.candidate_db}: run the build first")
    database_sha256 = file_sha256(layout.candidate_db)
    _check_seal(layout, "dq", database_sha256)
    failures = read_verdict(layout.candidate / "dq")
    if failures and not allow_failures:
        raise PublishRefused(f"{len(failures)} unacknowledged error failure(s)")
    for output in OUTPUTS:
        _check_seal(layout, output, database_sha256)
    return failures


def _check_seal(layout: Layout, output: str, database_sha256: str) -> None:
    if not (layout.candidate / output).is_dir():
        raise PublishRefused(
            f"the candidate has no {output}/ (its step did not run or did not finish): the database is published "
            "only with its dq, report, docs and exports; run the build again"
        )
    try:
        sealed = json.loads(seal_path(layout, output).read_text(encoding="utf-8"))["database_sha256"]
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        raise PublishRefused(f"the candidate's {output}/ is not complete (no seal): run the build again") from None
    if sealed != database_sha256:
        raise PublishRefused(
            f"the candidate's {output}/ was made from another state of the database than the one there now: "
            "run the build again"
        )


def publish(layout: Layout, allow_failures: bool = False) -> list[dict]:
    """Publish the candidate (see the module docstring); return the failures published anyway.

    Raises PublishRefused, changing nothing that is published, when the candidate cannot be published.
    """
    failures = check_candidate(layout, allow_failures)
    _check_links_are_ours(layout)
    remove_stale(layout)
    for link, target in layout.links().items():  # they lead nowhere until .current exists
        if not (link.is_symlink() and os.readlink(link) == target):
            _replace_link(link, target)
    layout.releases.mkdir(exist_ok=True)
    _sync_tree(layout.candidate)
    release = layout.releases / f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
    os.rename(layout.candidate, release)
    try:
        _replace_link(layout.current, f"{layout.releases.name}/{release.name}")
    except OSError:
        os.rename(release, layout.candidate)  # not published: the candidate stays where it was
        raise
    _sync_dir(layout.out_dir)
    remove_stale(layout)
    return failures


def remove_stale(layout: Layout) -> None:
    """Remove releases that are not current, and the leftovers of a publication that was killed."""
    current = os.readlink(layout.current) if layout.current.is_symlink() else None
    if layout.releases.is_dir():
        for release in layout.releases.iterdir():
            if f"{layout.releases.name}/{release.name}" == current:
                continue
            if release.is_dir() and not release.is_symlink():
                shutil.rmtree(release, ignore_errors=True)
            else:
                release.unlink(missing_ok=True)
    for leftover in layout.out_dir.glob(".*.new"):
        if leftover.is_symlink():
            leftover.unlink()
    # the staged copy of earlier versions of this program
    Path(layout.out_dir, f".{layout.warehouse.name}.publishing").unlink(missing_ok=True)


def _check_links_are_ours(layout: Layout) -> None:
    """A published name that is not a link made by a build is not replaced, except the outputs of the
    earlier layout of this folder (a plain warehouse file and folders beside it, written in place),
    which move into .releases/ and go."""
    previous_layout = layout.warehouse.is_file() and not layout.warehouse.is_symlink()
    for link, target in layout.links().items():
        if link.is_symlink():
            if os.readlink(link) != target:
                raise PublishRefused(f"{link} is a link the build did not make (to {os.readlink(link)}): not replaced")
        elif link.exists():
            if not previous_layout:
                raise PublishRefused(
                    f"{link} exists and was not made by a build: move it away or give WAREHOUSE a folder of its own"
                )
            layout.releases.mkdir(exist_ok=True)
            os.rename(link, layout.releases / f"previous-layout-{link.name}")


def _replace_link(link: Path, target: str) -> None:
    staged = link.with_name(f".{link.name}.new")
    staged.unlink(missing_ok=True)
    os.symlink(target, staged)
    os.replace(staged, link)


def _write_atomically(path: Path, text: str) -> None:
    staged = path.with_name(f".{path.name}.new")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)


def _sync_tree(folder: Path) -> None:
    """Flush the candidate to disk before it becomes visible: a crash right after publication
    leaves the new build whole, not files that were still in memory."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    _sync_dir(folder)


def _sync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def clean(layout: Layout) -> list[Path]:
    """Remove what builds made in the folder of the warehouse, and nothing else; return what went."""
    removed = []
    for link, target in layout.links().items():
        if link.is_symlink() and os.readlink(link) == target:
            link.unlink()
            removed.append(link)
    for link in (layout.current, *layout.out_dir.glob(".*.new")):
        if link.is_symlink():
            link.unlink()
            removed.append(link)
    for folder in (layout.releases, layout.work):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
            removed.append(folder)
    legacy = layout.out_dir / f".{layout.warehouse.name}.publishing"
    if legacy.is_file():
        legacy.unlink()
        removed.append(legacy)
    return removed
