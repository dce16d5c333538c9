"""A refreshed report is the full report of the same warehouse, file for file.

In a refresh the source pages of the documents the refresh did not touch are taken from the
published report (hard links) instead of being read and written again; the index and the pages of
the refreshed documents are written anew. A report code other than the one that wrote the
published report (its templates included) writes every page anew.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import DOC_000, DOC_001, SAMPLES

from report.html import write_report
from warehouse_build import refresh
from warehouse_build.layout import Layout
from warehouse_build.refresh import fingerprints, read_state, write_state
from warehouse_build.steps import Settings
from warehouse_build.steps import report as report_step

REFRESHED = "d0"  # the document of DOC_000: its file changed since the published report was written


def _warehouse(db: Path, raw: Path, refreshed: bool = True) -> Path:
    """The report's tables for the five samples (copied to ``raw``), one failure cited in 000 and
    an ingest issue of 001; ``raw.refreshed_documents`` lists 000 when ``refreshed``."""
    shutil.copytree(SAMPLES, raw, dirs_exist_ok=True)
    names = sorted(p.name for p in raw.iterdir())
    con = duckdb.connect(str(db))
    con.execute("create schema marts; create schema raw; create schema dq")
    con.execute(
        "create table marts.dim_document (document_id varchar, file_name varchar, source_path varchar, "
        "doc_type varchar, fiscal_year integer, title varchar, parse_status varchar, department_id varchar)"
    )
    con.executemany(
        "insert into marts.dim_document values (?, ?, ?, 'final_accounts', 2022, ?, 'parsed', 'dep')",
        [(f"d{i}", name, str(raw / name), f"title {i}") for i, name in enumerate(names)],
    )
    con.execute(
        "create table marts.dim_department as select 'dep' as department_id, '景德镇市委信访局' as department_name, "
        "'景德镇市' as jurisdiction_name, '江西省' as province"
    )
    if refreshed:
        con.execute(f"create table raw.refreshed_documents as select '{REFRESHED}' as document_id")
    con.execute(
        "create table dq.identity_results as select 'd0' as document_id, 'FA-01' as rule_id, 'error' as severity, "
        "'收入支出决算总表' as subject, 1.0 as lhs_value, 2.0 as rhs_value, -1.0 as difference, 0.005 as tolerance, "
        f"'fail' as status, null as finding, 'off' as message, '{DOC_000} | line 80' as source_ref"
    )
    con.execute(
        "create table dq.ingest_issues as select 'd1' as document_id, ? as source_path, 'parse' as stage, "
        "'warn' as severity, 'a row left out' as message, 12 as line_no, null::integer as page_no",
        [str(raw / DOC_001)],
    )
    con.close()
    return db


def _same_files(got: Path, expected: Path) -> None:
    files = sorted(p.relative_to(expected) for p in expected.rglob("*") if p.is_file())
    assert sorted(p.relative_to(got) for p in got.rglob("*") if p.is_file()) == files
    assert len(files) == 6  # the index and a page per document
    _, mismatch, errors = filecmp.cmpfiles(got, expected, [str(f) for f in files], shallow=False)
    assert mismatch == [] and errors == []


def _linked(report: Path, published: Path) -> set[str]:
    """The pages of ``report`` that are the published report's files (hard links)."""
    return {
        page.stem
        for page in (report / "sources").iterdir()
        if (published / "sources" / page.name).exists()
        and page.stat().st_ino == (published / "sources" / page.name).stat().st_ino
    }


def _publish_stale_page(published: Path) -> None:
    """The published page of the refreshed document shows its earlier text."""
    (published / "sources" / f"{REFRESHED}.html").write_text("the document before it changed", encoding="utf-8")


def test_a_refreshed_report_is_the_full_report_file_for_file(tmp_path):
    db = _warehouse(tmp_path / "w.duckdb", tmp_path / "raw")
    published = tmp_path / "published"
    write_report(db, published)
    _publish_stale_page(published)
    write_report(db, tmp_path / "refreshed", published=published)
    write_report(db, tmp_path / "full")
    _same_files(tmp_path / "refreshed", tmp_path / "full")
    assert _linked(tmp_path / "refreshed", published) == {"d1", "d2", "d3", "d4"}
    kept = (tmp_path / "refreshed" / "sources" / "d1.html").read_text(encoding="utf-8")
    assert '<td><a href="#L12">12</a></td><td>a row left out</td>' in kept  # its issue, kept with it


def test_without_the_list_of_refreshed_documents_every_page_is_written(tmp_path):
    db = _warehouse(tmp_path / "w.duckdb", tmp_path / "raw", refreshed=False)
    published = tmp_path / "published"
    write_report(db, published)
    write_report(db, tmp_path / "refreshed", published=published)
    assert _linked(tmp_path / "refreshed", published) == set()
    _same_files(tmp_path / "refreshed", published)


@pytest.fixture
def refreshed_layout(tmp_path) -> Layout:
    """A candidate refreshed from a published release whose report this code wrote."""
    layout = Layout(tmp_path / "out" / "warehouse.duckdb")
    release = layout.releases / "r1"
    release.mkdir(parents=True)
    db = _warehouse(release / "warehouse.duckdb", tmp_path / "raw")
    write_report(db, release / "report")
    _publish_stale_page(release / "report")
    layout.current.symlink_to(Path(".releases") / "r1")
    layout.candidate.mkdir(parents=True)
    shutil.copy(db, layout.candidate_db)
    write_state(layout.candidate, {"report": fingerprints()["report"]})
    write_report(db, tmp_path / "full")
    return layout


def _settings(layout: Layout) -> Settings:
    return Settings(raw_dir=layout.out_dir, layout=layout, workers=1, allow_failures=True)


def test_the_report_step_keeps_the_published_pages_of_the_same_code(refreshed_layout, tmp_path):
    layout = refreshed_layout
    report_step(_settings(layout))
    assert _linked(layout.candidate / "report", layout.current / "report") == {"d1", "d2", "d3", "d4"}
    _same_files(layout.candidate / "report", tmp_path / "full")
    assert read_state(layout.candidate)["report"] == fingerprints()["report"]


def test_other_report_code_writes_every_page_again(refreshed_layout, tmp_path, monkeypatch):
    layout = refreshed_layout
    monkeypatch.setitem(fingerprints(), "report", "other report code")
    report_step(_settings(layout))
    assert _linked(layout.candidate / "report", layout.current / "report") == set()
    _same_files(layout.candidate / "report", tmp_path / "full")


def test_a_changed_template_is_other_report_code(tmp_path, monkeypatch):
    for folder in ("report", "warehouse_build"):
        shutil.copytree(refresh.REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(refresh, "REPO", tmp_path)
    before = fingerprints.__wrapped__()
    template = tmp_path / "report" / "templates" / "source.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("← report", "← back"), encoding="utf-8")
    after = fingerprints.__wrapped__()
    assert after["report"] != before["report"]
    assert {part: after[part] for part in after if part != "report"} == {
        part: before[part] for part in before if part != "report"
    }
