"""Publication: the database with its dq, report, docs and exports, all from one candidate or none,
only when the verdict judged that very candidate and has no blocking failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from warehouse_build import publish as publish_module
from warehouse_build.cli import settings_from
from warehouse_build.layout import OUTPUTS, Layout
from warehouse_build.publish import PublishRefused, clean, file_sha256, publish, remove_stale, seal

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


def candidate(layout: Layout, version: str, failures: list[dict] | None = None, sealed: tuple = OUTPUTS) -> None:
    """A complete candidate: a database whose marker says ``version``, each output naming it too."""
    layout.candidate.mkdir(parents=True)
    con = duckdb.connect(str(layout.candidate_db))
    con.execute("create table marker as select ? as version", [version])
    con.close()
    for output in OUTPUTS:
        (layout.candidate / output).mkdir()
        (layout.candidate / output / "index.html").write_text(version, encoding="utf-8")
    verdict = {"blocking_failures": failures or [], "stale_acknowledgements": []}
    (layout.candidate / "dq" / "verdict.json").write_text(json.dumps(verdict), encoding="utf-8")
    for output in sealed:
        seal(layout, output, file_sha256(layout.candidate_db))


def version(path: Path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select version from marker").fetchone()[0]
    finally:
        con.close()


def published_state(layout: Layout) -> dict[str, str]:
    """What a reader sees: the database's version and each output's page."""
    state = {"warehouse": version(layout.warehouse)}
    for output in OUTPUTS:
        state[output] = (layout.published(output) / "index.html").read_text(encoding="utf-8")
    return state


@pytest.fixture
def layout(tmp_path: Path) -> Layout:
    return Layout(tmp_path / "out" / "warehouse.duckdb")


def test_a_passing_candidate_is_published_with_all_its_outputs(layout):
    candidate(layout, "v1")
    assert publish(layout) == []
    assert published_state(layout) == dict.fromkeys(["warehouse", *OUTPUTS], "v1")
    assert not layout.candidate.exists()
    candidate(layout, "v2")
    publish(layout)
    assert published_state(layout) == dict.fromkeys(["warehouse", *OUTPUTS], "v2")
    assert [p.name for p in layout.releases.iterdir()] == [os.readlink(layout.current).split("/")[1]]
    leftovers = [p.name for p in layout.out_dir.iterdir() if p.name.endswith((".new", ".publishing"))]
    assert leftovers == []


def test_a_failing_candidate_changes_nothing_that_is_published(layout):
    candidate(layout, "v1")
    publish(layout)
    before = published_state(layout)
    candidate(layout, "v2", failures=[FAILURE])
    with pytest.raises(PublishRefused, match="1 unacknowledged error failure"):
        publish(layout)
    assert published_state(layout) == before
    assert version(layout.candidate_db) == "v2"  # kept for inspection


def test_allow_failures_publishes_and_returns_them(layout):
    candidate(layout, "v1", failures=[FAILURE])
    assert publish(layout, allow_failures=True) == [FAILURE]
    assert version(layout.warehouse) == "v1"


@pytest.mark.parametrize("missing", OUTPUTS)
def test_an_output_that_was_not_finished_is_not_published(layout, missing):
    candidate(layout, "v1")
    publish(layout)
    candidate(layout, "v2", sealed=tuple(o for o in OUTPUTS if o != missing))
    with pytest.raises(PublishRefused, match=f"{missing}/ is not complete"):
        publish(layout)
    assert published_state(layout)["warehouse"] == "v1"


def test_a_verdict_is_bound_to_the_database_it_judged(layout):
    candidate(layout, "v1")
    publish(layout)
    candidate(layout, "v2")
    con = duckdb.connect(str(layout.candidate_db))  # changed after it was judged: by `make dbt`, say
    con.execute("create table later as select 1 as x")
    con.close()
    with pytest.raises(PublishRefused, match="made from another state of the database"):
        publish(layout)
    assert published_state(layout)["warehouse"] == "v1"


def test_no_candidate_or_no_verdict_publishes_nothing(layout):
    with pytest.raises(PublishRefused, match="no candidate database"):
        publish(layout)
    candidate(layout, "v1")
    (layout.candidate / "dq" / "verdict.json").write_text('{"blocking_fail', encoding="utf-8")  # cut short
    with pytest.raises(PublishRefused, match="not readable"):
        publish(layout)
    assert not layout.warehouse.exists()


def test_a_reader_holding_the_old_file_keeps_reading_it(layout):
    candidate(layout, "v1")
    publish(layout)
    reader = duckdb.connect(str(layout.warehouse), read_only=True)
    try:
        candidate(layout, "v2")
        publish(layout)
        # the open connection still reads the file it opened; the path now leads to the new file
        assert reader.execute("select version from marker").fetchone()[0] == "v1"
        new_reader = subprocess.run(
            [sys.executable, "-c", READ_VERSION, str(layout.warehouse)], capture_output=True, text=True, check=True
        )
        assert new_reader.stdout.strip() == "v2"
    finally:
        reader.close()


def test_a_name_the_build_did_not_make_is_never_replaced(layout):
    layout.out_dir.mkdir(parents=True)
    (layout.out_dir / "report").mkdir()
    (layout.out_dir / "report" / "mine.txt").write_text("an analyst's notes")
    candidate(layout, "v1")
    with pytest.raises(PublishRefused, match="report exists and was not made by a build"):
        publish(layout)
    assert (layout.out_dir / "report" / "mine.txt").read_text() == "an analyst's notes"
    assert not layout.warehouse.exists()


def test_outputs_written_in_place_by_an_earlier_layout_are_taken_over(layout):
    layout.out_dir.mkdir(parents=True)
    (layout.out_dir / "report").mkdir()
    (layout.out_dir / "report" / "index.html").write_text("old")
    layout.warehouse.write_bytes(b"an old warehouse file")
    (layout.out_dir / ".warehouse.duckdb.publishing").write_bytes(b"half a copy")
    candidate(layout, "v1")
    publish(layout)
    assert published_state(layout) == dict.fromkeys(["warehouse", *OUTPUTS], "v1")
    assert sorted(p.name for p in layout.out_dir.iterdir()) == sorted(
        [".build", ".current", ".releases", "warehouse.duckdb", *OUTPUTS]
    )


def test_clean_removes_what_builds_made_and_nothing_else(tmp_path):
    layout = Layout(tmp_path / "shared folder" / "w.duckdb")
    candidate(layout, "v1")
    publish(layout)
    candidate(layout, "v2")
    mine = layout.out_dir / "notes.txt"
    mine.write_text("kept")
    removed = clean(layout)
    assert sorted(p.name for p in layout.out_dir.iterdir()) == ["notes.txt"]
    assert layout.work in removed and layout.warehouse in removed
    assert tmp_path.is_dir() and mine.read_text() == "kept"
    assert clean(layout) == []


def _publish_killed_at(layout: Layout, call: int) -> int:
    """Publish in another process that kills its own process group at the ``call``-th rename."""
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "import warehouse_build.publish as p\n"
        "from warehouse_build.layout import Layout\n"
        "calls = {'n': 0}\n"
        "def kill_at(real):\n"
        "    def wrapped(*args):\n"
        "        calls['n'] += 1\n"
        f"        if calls['n'] == {call}:\n"
        "            os.killpg(0, signal.SIGKILL)\n"
        "        return real(*args)\n"
        "    return wrapped\n"
        "p.os.rename, p.os.replace = kill_at(os.rename), kill_at(os.replace)\n"
        "p.publish(Layout(Path(sys.argv[1])))\n"
        "sys.exit(100)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(layout.warehouse)], start_new_session=True)
    return done.returncode


def visible(layout: Layout) -> dict[str, str] | None:
    """The published state, or None when nothing is published (the names lead nowhere)."""
    if not layout.warehouse.exists():
        assert not any((layout.published(output) / "index.html").exists() for output in OUTPUTS)
        return None
    return published_state(layout)


# The first publication replaces 5 names and .current and renames the candidate: 7 renames;
# a later one renames the candidate and replaces .current: 2. Call 99 is never reached.
@pytest.mark.parametrize(
    ("earlier", "call"), [(False, n) for n in (1, 3, 5, 6, 7, 99)] + [(True, 1), (True, 2), (True, 99)]
)
def test_publication_killed_at_any_rename_leaves_one_whole_build_published(layout, earlier, call):
    if earlier:
        candidate(layout, "v1")
        publish(layout)
    candidate(layout, "v2")
    code = _publish_killed_at(layout, call)
    assert code == (100 if call == 99 else -9)
    state = visible(layout)
    whole = [dict.fromkeys(["warehouse", *OUTPUTS], v) for v in ("v1", "v2")]
    assert state in [*whole, None] and (state is not None or not earlier), state
    remove_stale(layout)  # what the next publication does first
    assert len(list(layout.releases.iterdir())) <= 1 if layout.releases.exists() else True
    assert not [p for p in layout.out_dir.iterdir() if p.name.endswith(".publishing") or p.name == ".current.new"]
    assert visible(layout) == state
    if layout.candidate.exists():  # killed before the candidate moved: publishing again completes it
        publish(layout)
        assert visible(layout) == whole[1]


def test_build_settings_come_from_the_environment_as_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    defaults = settings_from({"RAW_DIR": "", "WAREHOUSE": ""})
    assert defaults.raw_dir == tmp_path / "data" / "samples"
    assert defaults.layout.warehouse == tmp_path / "warehouse" / "warehouse.duckdb"
    assert (defaults.workers, defaults.allow_failures) == (2, False)
    odd = "out `x` $(y) 'z'"
    settings = settings_from({"WAREHOUSE": f"{odd}/w.duckdb", "ALLOW_FAILURES": "1", "WORKERS": "3"})
    assert settings.layout.candidate_db == tmp_path / odd / ".build" / "candidate" / "warehouse.duckdb"
    assert (settings.workers, settings.allow_failures) == (3, True)


def test_a_database_hashed_again_is_read_again_once_it_changes(tmp_path, monkeypatch):
    """The hash of a file is remembered while the file keeps its size and modification time, and
    only when it was quiet for a second before it was read: a write right after is never missed."""
    reads = []
    digest = publish_module.hashlib.file_digest
    monkeypatch.setattr(publish_module.hashlib, "file_digest", lambda f, name: reads.append(1) or digest(f, name))
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"a" * 100)
    assert file_sha256(db) == file_sha256(db) and len(reads) == 2  # just written: read each time
    os.utime(db, ns=(time.time_ns() - 5 * 10**9,) * 2)
    first = file_sha256(db)
    assert file_sha256(db) == first and len(reads) == 3  # quiet before it was read: remembered
    db.write_bytes(b"b" * 100)  # the same size, another modification time
    assert file_sha256(db) != first and len(reads) == 4
