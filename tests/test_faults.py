"""The fault battery: a build killed at every step, a full disk, a read-only output folder, paths
that look like shell text. Whatever happens, what is published stays whole: the warehouse with the
dq, report, docs and exports of the same build, and nothing half-written beside them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import DOC_004, ROOT, SAMPLES
from sample_build import sample_warehouse
from test_publish import candidate, published_state

from warehouse_build.layout import OUTPUTS, Layout
from warehouse_build.publish import file_sha256, publish
from warehouse_build.refresh import forget_part

pytestmark = pytest.mark.build

STEPS = ("ingest", "dbt", "expectations", "report", "docs", "exports", "publish")
# A folder name that runs commands wherever it is pasted into shell or make text.
SHELL_TEXT = "a b `touch PWNED1` $(touch PWNED2) $$(shell touch PWNED3) ';touch PWNED4'"


def make(*args: str, **popen: object) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *args], cwd=ROOT, capture_output=True, text=True, **popen)


def whole(layout: Layout, version: str) -> dict[str, str]:
    return dict.fromkeys(["warehouse", *OUTPUTS], version)


def leftovers(layout: Layout) -> list[str]:
    return [p.name for p in layout.out_dir.iterdir() if p.name.endswith((".publishing", ".new"))]


def snapshot(layout: Layout) -> tuple:
    """What readers see: the release the names lead to, and the content of every published file."""
    files = []
    for name in ("warehouse", *OUTPUTS):
        path = layout.warehouse if name == "warehouse" else layout.published(name)
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                files.append((str(file.relative_to(layout.out_dir)), file_sha256(file)))
    return os.readlink(layout.current), tuple(files)


def kill_inside(step: str, args: list[str], begun: Callable[[], bool]) -> None:
    """Start ``make <step>`` and kill its whole process group once the step has ``begun``."""
    process = subprocess.Popen(
        ["make", step, *args], cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        start_new_session=True,
    )  # fmt: skip
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith(f"== {step}"):
            break
    deadline = time.monotonic() + 60
    while not begun() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        os.killpg(process.pid, signal.SIGKILL)
        killed = True
    except ProcessLookupError:  # the whole group had ended
        killed = False
    process.wait()
    process.stderr.close()
    assert killed or step == "publish", f"make {step} ended before it could be killed"


def seed_candidate(layout: Layout) -> None:
    """A complete candidate: a copy of the shared sample build's release (database, outputs, seals).
    Its docs are not current, so the docs step generates them (seconds) instead of copying the
    published ones (milliseconds, over before it could be killed)."""
    shutil.rmtree(layout.candidate, ignore_errors=True)
    shutil.copytree(sample_warehouse().resolve().parent, layout.candidate)
    forget_part(layout, "docs")


def test_a_build_killed_in_every_step_never_publishes_a_mix(tmp_path):
    """Each step is killed (its whole process group) while it runs, on a complete candidate: what is
    published stays as it was, and the candidate cannot be published until the build is redone."""
    raw = tmp_path / f"raw {SHELL_TEXT}"
    raw.mkdir()
    shutil.copyfile(SAMPLES / DOC_004, raw / DOC_004)
    layout = Layout(tmp_path / f"out {SHELL_TEXT}" / "w.duckdb")
    candidate(layout, "v1")
    publish(layout)  # an earlier build is published
    before = snapshot(layout)
    (layout.out_dir / "notes.txt").write_text("an analyst's file beside the warehouse")
    args = [f"RAW_DIR={raw}", f"WAREHOUSE={layout.warehouse}", "ALLOW_FAILURES=1"]
    ingested = make("ingest", *args)  # the folders' names reach ingest as they are, and run nothing
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    con = duckdb.connect(str(layout.candidate_db), read_only=True)
    assert con.execute("select file_name from raw.documents").fetchall() == [(DOC_004,)]
    con.close()
    for step in STEPS:
        seed_candidate(layout)
        first_seal = layout.candidate / f"{step if step in OUTPUTS else 'dq'}.sealed"
        kill_inside(step, args, begun=lambda: step == "publish" or not first_seal.exists())  # noqa: B023
        assert leftovers(layout) == [], step
        if step == "publish" and snapshot(layout) != before:
            break  # it finished before the kill: published whole (checked below)
        assert snapshot(layout) == before, step
        if step != "publish":
            refused = make("publish", *args)
            assert refused.returncode != 0 and "NOT published" in refused.stderr, (step, refused.stderr)
            assert snapshot(layout) == before, step
    if snapshot(layout) == before:
        seed_candidate(layout)
        published = make("publish", *args)
        assert published.returncode == 0, published.stderr[-2000:]
    con = duckdb.connect(str(layout.warehouse), read_only=True)
    assert con.execute("select count(*) from marts.dim_document").fetchone() == (5,)
    con.close()
    assert DOC_004 in (layout.published("report") / "index.html").read_text(encoding="utf-8")
    assert (layout.published("exports") / "dim_document.parquet").is_file()
    assert len(list(layout.releases.iterdir())) == 1 and leftovers(layout) == []
    for folder in (ROOT, tmp_path, raw.parent):
        assert not list(folder.glob("PWNED*")), folder
    # clean removes what builds made beside the warehouse, and nothing else
    assert make("clean", f"WAREHOUSE={layout.warehouse}").returncode == 0
    assert [p.name for p in layout.out_dir.iterdir()] == ["notes.txt"]
    assert raw.is_dir() and tmp_path.is_dir()


@pytest.mark.faults
def test_a_document_whose_rows_fail_a_dbt_test_is_quarantined_and_the_rest_publishes(tmp_path):
    """The last line of defence, with a real dbt build: the unit's name carries a bracketed alias, no
    department is read, a mart's not-null test fails on its rows; it is quarantined and dbt runs again."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(SAMPLES / DOC_004, raw / DOC_004)
    alias = (SAMPLES / DOC_004).read_text(encoding="utf-8")
    (raw / "alias.txt").write_text(
        alias.replace("子洲县行政审批服务局", "子洲县行政审批服务局（子洲县政务服务中心）"), encoding="utf-8"
    )
    layout = Layout(tmp_path / "out" / "warehouse.duckdb")
    done = make("build", f"RAW_DIR={raw}", f"WAREHOUSE={layout.warehouse}")
    assert done.returncode == 0, done.stderr[-3000:]
    con = duckdb.connect(str(layout.warehouse), read_only=True)
    statuses = dict(con.execute("select file_name, parse_status from marts.dim_document").fetchall())
    (reason,) = con.execute("select message from dq.ingest_issues where stage = 'land'").fetchone()
    lines = con.execute("select count(*) from marts.mart_hotline_spending").fetchone()
    con.close()
    assert statuses == {DOC_004: "parsed", "alias.txt": "quarantined"}
    assert reason.startswith("quarantined, its rows are not landed: its rows fail the dbt test not_null_mart_hotline")
    assert lines == (1,)  # 004's hotline line is published
    assert "quarantined, rows held back: " in done.stderr and "alias.txt" in done.stderr


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs, or a skip saying why there cannot be one."""
    if os.geteuid() != 0:
        pytest.skip("a full disk is simulated with a small tmpfs, which only root can mount (CI runs as root)")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill the disk, leaving about ``leave`` bytes free."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with open(disk / "filler", "wb") as handle:
        handle.truncate(0)
        for _ in range(max(0, free - leave) // (64 * 1024)):
            handle.write(b"\1" * (64 * 1024))


def test_a_full_disk_stops_the_build_and_leaves_the_published_build_whole(small_disk, tmp_path):
    layout = Layout(small_disk / "out" / "warehouse.duckdb")
    candidate(layout, "v1")
    publish(layout)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(SAMPLES / DOC_004, raw / DOC_004)
    fill(small_disk, leave=0)
    done = make("ingest", f"RAW_DIR={raw}", f"WAREHOUSE={layout.warehouse}")
    assert done.returncode != 0
    assert "cannot be written" in done.stderr and "No space left on device" in done.stderr.replace("\n", " ")
    assert not list(layout.parse_cache.rglob("*.tmp"))  # no half-written cache entry either
    assert published_state(layout) == whole(layout, "v1") and leftovers(layout) == []
    refused = make("publish", f"WAREHOUSE={layout.warehouse}")
    assert refused.returncode != 0 and published_state(layout) == whole(layout, "v1")


def test_publication_on_a_full_disk_is_whole_or_nothing(small_disk):
    layout = Layout(small_disk / "out" / "warehouse.duckdb")
    candidate(layout, "v1")
    publish(layout)
    candidate(layout, "v2")
    fill(small_disk, leave=0)
    done = make("publish", f"WAREHOUSE={layout.warehouse}")
    state = published_state(layout)
    assert state == whole(layout, "v2" if done.returncode == 0 else "v1"), done.stderr
    assert leftovers(layout) == []


def test_a_read_only_output_folder_stops_the_build_at_once(tmp_path, small_disk):
    layout = Layout(small_disk / "out" / "warehouse.duckdb")
    candidate(layout, "v1")
    publish(layout)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    done = make("build", f"RAW_DIR={SAMPLES}", f"WAREHOUSE={layout.warehouse}")
    assert done.returncode != 0 and "Read-only file system" in done.stderr
    assert published_state(layout) == whole(layout, "v1")
