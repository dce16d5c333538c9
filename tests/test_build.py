"""A full `make build` on a folder with the sample corpus plus unreadable files and one document of
each kind that used to stop a build: it publishes, lists each of them in dq.ingest_issues, and
leaves every sample figure as it is when the samples are built alone. (A document whose rows fail a
dbt test further down is in test_faults.py: it takes a second dbt build.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import pytest
from conftest import DOC_002, DOC_003, ROOT, SAMPLES
from sample_build import sample_warehouse

from warehouse_build.layout import Layout

pytestmark = pytest.mark.build

UNREADABLE = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02\x03PK\x03\x04" * 64,
    "not_text.md": bytes(range(128, 256)) * 16,
}


SECRET = "a file outside RAW_DIR that must never be published"
NOT_UTF8 = os.fsdecode(b"\xe5\x90\x8d\xff.txt")  # 名 and a byte that is not UTF-8
NOT_UTF8_SHOWN = "名\\xff.txt"
# Limits lowered for this build, so that small documents stand for large ones.
LIMITS = ["DOCUMENT_TEXT_MB=2", "DOCUMENT_UNPACKED_MB=16"]


def make_build(raw_dir: Path, warehouse: Path, *settings: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "build", f"RAW_DIR={raw_dir}", f"WAREHOUSE={warehouse}", "ALLOW_FAILURES=1", *settings],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def _sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def _in_table(text: str, title: str, old: str, new: str) -> str:
    at = text.index(title)
    return text[:at] + text[at:].replace(old, new, 1)


def write_poisons(raw: Path, outside: Path) -> None:
    """One document of each kind that used to stop a build (POISONS)."""
    poisons = {
        "amount_20_digits.txt": _in_table(_sample(DOC_002), "三、支出决算表", "218.56", "12345678901234567890.56"),
        "amount_15_digits_wan.txt": _in_table(_sample(DOC_002), "三、支出决算表", "218.56", "123456789012345.56"),
        "one_long_line.txt": "本部门2022年度收入总计902.93万元，" * 40_000,  # 1.6 MB without a line break
        "big_text.txt": "本部门收入。\n" * 200_000,  # 3.8 MB: over DOCUMENT_TEXT_MB=2
        NOT_UTF8: "本部门2022年度部门决算\n",
    }
    for name, text in poisons.items():
        (raw / name).write_text(text, encoding="utf-8")
    package = zipfile.ZipFile(raw / "inflates.docx", "w", zipfile.ZIP_DEFLATED)
    with package, package.open("word/document.xml", "w") as member:  # 40 MB of XML in a few kB
        for _ in range(40):
            member.write(b" " * 1024 * 1024)
    shutil.copyfile(SAMPLES / DOC_003, raw / "copy_of_003.txt")
    outside.write_text(SECRET, encoding="utf-8")
    (raw / "outside.txt").symlink_to(outside)


# file name as listed -> what it stands for
POISONS = {
    "amount_20_digits.txt": "an amount of 20 digits",
    "amount_15_digits_wan.txt": "15 digits in 万元",
    "one_long_line.txt": "a very long single line",
    "big_text.txt": "a text over the size limit",
    "inflates.docx": "a .docx that inflates",
    NOT_UTF8_SHOWN: "a file name that is not UTF-8",
    "copy_of_003.txt": "the same bytes twice",
    "outside.txt": "a link out of RAW_DIR",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("build")
    raw = tmp / "raw"
    shutil.copytree(SAMPLES, raw)
    for name, data in UNREADABLE.items():
        (raw / name).write_bytes(data)
    write_poisons(raw, tmp / "outside.txt")
    warehouse = tmp / "out" / "warehouse.duckdb"
    # Relative paths, as a user types them (`make build WAREHOUSE=warehouse/warehouse.duckdb`).
    done = make_build(Path(os.path.relpath(raw, ROOT)), Path(os.path.relpath(warehouse, ROOT)), *LIMITS)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (tmp / "build.stderr").write_text(done.stderr, encoding="utf-8")
    return warehouse


def _query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_successful_build_ends_by_saying_where_its_outputs_are(built):
    said = (built.parent.parent / "build.stderr").read_text(encoding="utf-8")
    ending = said[said.rindex("published ") :]
    for output in ("report/index.html", "docs/index.html", "exports/", "dq/failures.txt"):
        assert f"{built.parent}/{output}" in ending or f"{built.parent.resolve()}/{output}" in ending, output


def test_every_document_has_a_dim_document_row_with_its_status(built):
    rows = dict(_query(built, "select file_name, parse_status from marts.dim_document"))
    for name in UNREADABLE:
        assert rows[name] == "unreadable"
    assert {rows[p.name] for p in SAMPLES.iterdir()} == {"parsed"}
    assert rows["amount_20_digits.txt"] == rows["amount_15_digits_wan.txt"] == "quarantined"
    assert rows["big_text.txt"] == rows["inflates.docx"] == "failed"
    assert rows["one_long_line.txt"] == rows[NOT_UTF8_SHOWN] == "parsed"
    assert "copy_of_003.txt" not in rows and "outside.txt" not in rows
    assert len(rows) == len(list(SAMPLES.iterdir())) + len(UNREADABLE) + len(POISONS) - 2


def test_each_poison_is_listed_and_the_build_publishes_without_failures(built):
    issues = _query(built, "select source_path, stage, severity, message from dq.ingest_issues")
    by_file: dict[str, list[str]] = {}
    for source_path, stage, _, message in issues:
        by_file.setdefault(Path(source_path).name, []).append(f"{stage}: {message}")
    for name, kind in POISONS.items():
        assert name in by_file, kind
    assert any("DECIMAL" in m or "too large" in m for m in by_file["amount_20_digits.txt"])
    assert any("too large" in m for m in by_file["amount_15_digits_wan.txt"])
    assert any("DOCUMENT_TEXT_MB" in m for m in by_file["big_text.txt"])
    assert any("DOCUMENT_UNPACKED_MB" in m for m in by_file["inflates.docx"])
    assert any("not followed" in m for m in by_file["outside.txt"])
    assert any("the same bytes as" in m for m in by_file["copy_of_003.txt"])
    assert any("not UTF-8" in m for m in by_file[NOT_UTF8_SHOWN])
    verdict = json.loads((built.parent / "dq" / "verdict.json").read_text(encoding="utf-8"))
    assert verdict["blocking_failures"] == []  # it would publish without ALLOW_FAILURES too


def test_nothing_outside_raw_dir_is_published(built):
    for file in built.parent.joinpath("report").rglob("*"):
        if file.is_file():
            assert SECRET not in file.read_text(encoding="utf-8", errors="replace"), file


def test_final_accounts_are_graded_by_how_well_they_were_read(built):
    rows = {
        r[0]: r[1:]
        for r in _query(
            built,
            "select file_name, quality_grade, template_tables_found, identities_checked = identities_closed, "
            "identities_closed_share from marts.dim_document",
        )
    }
    assert rows["002_17f0692d4eecb2d0.txt"] == ("read_well", 9, True, 1)  # every table, every identity closes
    assert rows["001_ba354a0d5473f1fe.txt"][:2] == ("partly", 2)  # the text copy lost seven tables
    assert rows["000_a19997e405ff60dc.txt"][:2] == ("not_read", 0)  # narrative only
    assert rows["003_206130ca332d3ec9.txt"] == (None, None, None, None)  # not final accounts


def test_unreadable_documents_are_listed_in_dq_ingest_issues(built):
    rows = _query(
        built,
        "select source_path, stage, severity, message from dq.ingest_issues where severity = 'error' order by 1",
    )
    by_file = {Path(r[0]).name: r for r in rows}
    assert set(by_file) >= set(UNREADABLE)
    assert "empty" in by_file["empty.txt"][3]
    assert "NUL" in by_file["binary.txt"][3]
    assert all(r[1] == "load" for name, r in by_file.items() if name in UNREADABLE)


def test_build_outputs_exist(built):
    out = built.parent
    for relative in ("report/index.html", "docs/index.html", "exports/dim_document.parquet", "dq/verdict.json"):
        assert (out / relative).exists(), relative


def test_same_inputs_give_the_same_warehouse(built):
    """The sample documents land identically whether built alone or beside other files."""
    again = sample_warehouse()
    for sql in (
        "select document_id, department_id, fiscal_year, parse_status from marts.dim_document",
        "select document_id, * exclude (document_id) from marts.fct_department_finance",
        "select document_id, * exclude (document_id) from marts.fct_indicator_scores",
        "select document_id, * exclude (document_id) from marts.fct_expenditure_by_function",
    ):
        first = sorted(r for r in _query(built, sql) if r[0] in _sample_ids(again))
        assert first and first == sorted(_query(again, sql)), sql


def _sample_ids(warehouse: Path) -> set[str]:
    return {r[0] for r in _query(warehouse, "select document_id from marts.dim_document")}


def test_a_second_build_of_the_same_warehouse_stops_at_once(tmp_path):
    import fcntl

    warehouse = tmp_path / "out folder; with `spaces`" / "warehouse.duckdb"
    lock_path = warehouse.parent / ".build" / "build.lock"
    lock_path.parent.mkdir(parents=True)
    with open(lock_path, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        done = make_build(SAMPLES, warehouse)
        steps = [subprocess.run(["make", step, f"WAREHOUSE={warehouse}"], cwd=ROOT, capture_output=True, text=True)
                 for step in ("ingest", "publish", "report")]  # fmt: skip
    for run in (done, *steps):
        assert run.returncode != 0
        assert f"another build of {warehouse} is running; nothing was done" in run.stderr
    assert sorted(p.name for p in warehouse.parent.iterdir()) == [".build"]
    assert [p.name for p in lock_path.parent.iterdir()] == ["build.lock"]


@pytest.mark.build
def test_dbt_logs_which_node_ran_not_every_statement():
    log = (Layout(sample_warehouse()).dbt_logs / "dbt.log").read_text(encoding="utf-8")
    assert "[info ]" in log and "Completed successfully" in log
    assert "[debug]" not in log  # every statement and event, at debug, was a sixth of dbt's time per node
