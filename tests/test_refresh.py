"""A refresh recomputes only the documents that changed, and makes the warehouse a full build makes.

The samples are built fully and published; then one document changes (a figure), one is removed
and one added, and the warehouse is refreshed; a full build of the same folder is made beside it.
Every mart, dq table and raw table must hold the same rows in both (order aside), and the refresh
must have landed, modelled and checked only the documents that changed. The builds through dbt
take minutes (marked slow); ingest and the identity checks alone are refreshed the same way in
the default run.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from conftest import CORPUS, DOC_000, DOC_004, SAMPLES

from expectations.runner import run_expectations
from ingest.cli import main as ingest_main
from ingest.pipeline import document_id_of
from report.html import write_report
from warehouse_build import steps
from warehouse_build.layout import OUTPUTS, Layout
from warehouse_build.publish import file_sha256, publish, seal
from warehouse_build.refresh import STATE_NAME, fingerprints, read_state, refresh_base
from warehouse_build.steps import Settings, dbt_models, expectations, exports, ingest, report

ADDED = CORPUS / "more" / "hb_ezhou_xzspj_2021_perf_selfeval_table.txt"
PER_BUILD_COLUMNS = {"built_at"}  # when the build ran: differs between any two builds
PER_BUILD_TABLES = {"raw.refreshed_documents"}  # what the build refreshed: differs by design
# exports that say when the build ran (dim_document.built_at, the package's "created")
PER_BUILD_EXPORTS = {"dim_document.csv", "dim_document.parquet", ".documents/dim_document.parquet", "datapackage.json"}
EXPORT_RUNS: dict[str, list[str]] = {}  # warehouse -> the arguments of its exports steps, in turn


def _settings(warehouse: Path, raw: Path, full_refresh: bool = False) -> Settings:
    return Settings(raw_dir=raw, layout=Layout(warehouse), workers=2, allow_failures=True, full_refresh=full_refresh)


def _build(settings: Settings) -> None:
    """Ingest, the dbt models, the checks, the report and the exports into the candidate, then
    publish it (the docs, which describe the models, are left empty here)."""
    ingest(settings)
    dbt_models(settings)
    expectations(settings)
    report(settings)
    run = steps._run

    def recorded(argv: list, env: dict[str, str] | None = None) -> int:
        EXPORT_RUNS.setdefault(str(settings.layout.warehouse), []).append(" ".join(str(a) for a in argv))
        return run(argv, env)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps, "_run", recorded)
        exports(settings)
    layout = settings.layout
    for output in OUTPUTS:
        if output not in ("dq", "report", "exports"):
            (layout.candidate / output).mkdir()
            seal(layout, output, file_sha256(layout.candidate_db))
    publish(layout, allow_failures=True)


def _relations(db: Path) -> dict[str, Counter]:
    """Every table and view of marts and dq, and every raw table, as a multiset of rows."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = con.execute(
            "select schema_name, table_name from duckdb_tables() where schema_name in ('marts', 'dq', 'raw') "
            "union select schema_name, view_name from duckdb_views() "
            "where schema_name in ('marts', 'dq') and not internal"
        ).fetchall()
        relations = {}
        for schema, name in sorted(names):
            columns = [
                c[0] for c in con.execute(f"describe {schema}.{name}").fetchall() if c[0] not in PER_BUILD_COLUMNS
            ]
            rows = con.execute(f"select {', '.join(columns)} from {schema}.{name}").fetchall()
            relations[f"{schema}.{name}"] = Counter(rows)
        return relations
    finally:
        con.close()


def _refreshed(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {row[0] for row in con.execute("select document_id from raw.refreshed_documents").fetchall()}
    finally:
        con.close()


def _change_one_remove_one_add_one(raw: Path) -> None:
    changed = raw / DOC_000
    text = changed.read_text(encoding="utf-8")
    assert "本年收入合计 902.93 万元" in text
    changed.write_text(text.replace("本年收入合计 902.93 万元", "本年收入合计 903.93 万元"), encoding="utf-8")
    (raw / DOC_004).unlink()
    shutil.copy(ADDED, raw / ADDED.name)


def _assert_same_rows(got: dict[str, Counter], expected: dict[str, Counter]) -> None:
    assert set(got) == set(expected)
    for name in sorted(set(expected) - PER_BUILD_TABLES):
        assert got[name] == expected[name], (
            f"{name}: only in the refresh {list((got[name] - expected[name]).items())[:3]}, "
            f"only in the full build {list((expected[name] - got[name]).items())[:3]}"
        )


@pytest.fixture(scope="module")
def refreshed_and_full(tmp_path_factory) -> tuple[Path, Path, set[str], dict[str, int]]:
    """(the refreshed warehouse, a full build of the same documents, the ids that changed, the
    first build's source pages: document id -> the file's inode)."""
    work = tmp_path_factory.mktemp("refresh")
    raw = work / "raw"
    shutil.copytree(SAMPLES, raw)
    refreshed = _settings(work / "refreshed" / "warehouse.duckdb", raw)
    _build(refreshed)
    first_pages = {p.stem: p.stat().st_ino for p in (refreshed.layout.current / "report" / "sources").iterdir()}
    before = {document_id_of(raw / DOC_000), document_id_of(raw / DOC_004)}
    _change_one_remove_one_add_one(raw)
    _build(refreshed)
    full = _settings(work / "full" / "warehouse.duckdb", raw)
    _build(full)
    after = {document_id_of(raw / DOC_000), document_id_of(raw / ADDED.name)}
    return refreshed.layout.warehouse, full.layout.warehouse, before | after, first_pages


@pytest.mark.slow
def test_a_refresh_makes_every_table_a_full_build_makes(refreshed_and_full):
    refreshed, full, _, _ = refreshed_and_full
    removed_id = document_id_of(SAMPLES / DOC_004)
    got, expected = _relations(refreshed), _relations(full)
    assert {"marts.fct_department_finance", "marts.fct_indicator_scores", "dq.identity_results"} <= set(got)
    _assert_same_rows(got, expected)
    con = duckdb.connect(str(refreshed), read_only=True)
    try:  # the changed figure is there, the removed document nowhere
        assert con.execute(
            "select amount_yuan from marts.fct_department_finance f join marts.dim_document d using (document_id) "
            "where d.file_name = ? and metric = 'current_income' and source = 'narrative'",
            [DOC_000],
        ).fetchall() == [(9039300,)]
        for table in ("marts.dim_document", "marts.fct_department_finance", "dq.identity_results", "dq.ingest_issues"):
            assert con.execute(f"select count(*) from {table} where document_id = ?", [removed_id]).fetchone() == (0,)
    finally:
        con.close()


@pytest.mark.slow
def test_a_refreshed_report_is_the_full_report_of_the_refreshed_warehouse(refreshed_and_full, tmp_path):
    refreshed, _, changed, first_pages = refreshed_and_full
    published = Layout(refreshed).current.resolve() / "report"
    write_report(refreshed, tmp_path / "full")
    pages = sorted(p.relative_to(tmp_path / "full") for p in (tmp_path / "full").rglob("*") if p.is_file())
    assert sorted(p.relative_to(published) for p in published.rglob("*") if p.is_file()) == pages
    for page in pages:
        assert (published / page).read_bytes() == (tmp_path / "full" / page).read_bytes(), page
    # the pages of the three documents the refresh did not touch are the first build's files
    kept = {p.stem for p in (published / "sources").iterdir() if p.stat().st_ino == first_pages.get(p.stem)}
    assert len(kept) == 3 and not kept & changed


@pytest.mark.slow
def test_refreshed_exports_copy_unchanged_documents_and_are_a_full_builds_files(refreshed_and_full):
    refreshed, full, _, _ = refreshed_and_full
    first, second = EXPORT_RUNS[str(refreshed)]
    assert "--published" not in first and "--published" in second  # the refresh copies from the published
    assert all("--published" not in run for run in EXPORT_RUNS[str(full)])
    folders = [Layout(w).current.resolve() / "exports" for w in (refreshed, full)]
    files = [sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) for folder in folders]
    assert (
        files[0] == files[1]
        and "dq_identity_results.csv" in files[0]
        and ".documents/dq_identity_results.parquet" in files[0]
    )
    for name in sorted(set(files[0]) - PER_BUILD_EXPORTS):
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name


@pytest.mark.slow
def test_a_refresh_lands_and_checks_only_the_documents_that_changed(refreshed_and_full):
    refreshed, full, changed, _ = refreshed_and_full
    assert _refreshed(refreshed) == changed  # the old and new bytes of the changed file, the removed, the added
    assert len(_refreshed(full)) == 5  # a full build refreshes every document


@pytest.mark.slow
def test_other_code_makes_a_full_build(tmp_path, refreshed_and_full, monkeypatch):
    refreshed, _, _, _ = refreshed_and_full
    layout = Layout(refreshed)
    base, why = refresh_base(layout, full_refresh=False)
    assert why == "refresh" and base == layout.current.resolve()
    state = read_state(base)
    assert {part: state[part] for part in ("ingest", "dbt", "expectations")} == {
        part: fingerprints()[part] for part in ("ingest", "dbt", "expectations")
    }
    assert refresh_base(layout, full_refresh=True) == (None, "FULL_REFRESH=1")
    monkeypatch.setitem(fingerprints(), "ingest", "other ingest code")
    assert refresh_base(layout, full_refresh=False)[0] is None
    (layout.current.resolve() / STATE_NAME).rename(tmp_path / STATE_NAME)
    try:
        assert refresh_base(layout, full_refresh=False) == (
            None,
            "the published warehouse does not say which code built it",
        )
    finally:
        (tmp_path / STATE_NAME).rename(layout.current.resolve() / STATE_NAME)


def test_a_refreshed_ingest_and_its_checks_are_those_of_a_full_one(tmp_path):
    """Ingest with --carry-over and the checks of the refreshed documents only, against both anew."""
    raw, cache = tmp_path / "raw", tmp_path / "parsed"
    shutil.copytree(SAMPLES, raw)
    published, refreshed, full = tmp_path / "published.duckdb", tmp_path / "refreshed.duckdb", tmp_path / "full.duckdb"

    def ingest_into(db: Path, carry_over: Path | None = None) -> None:
        argv = ["run", "--raw-dir", str(raw), "--db", str(db), "--cache-dir", str(cache)]
        assert ingest_main(argv + (["--carry-over", str(carry_over)] if carry_over else [])) == 0

    ingest_into(published)
    assert run_expectations(published, tmp_path / "dq_published") == 0
    removed_id = document_id_of(raw / DOC_004)
    _change_one_remove_one_add_one(raw)
    ingest_into(refreshed, carry_over=published)
    # in chunks of two documents: the four refreshed documents' checks in two runs
    assert run_expectations(refreshed, tmp_path / "dq_refreshed", only_refreshed=True, chunk_documents=2) == 0
    ingest_into(full)
    assert run_expectations(full, tmp_path / "dq_full") == 0
    assert len(_refreshed(refreshed)) == 4 and removed_id in _refreshed(refreshed)
    _assert_same_rows(_relations(refreshed), _relations(full))
    verdicts = [json.loads((tmp_path / f"dq_{name}" / "verdict.json").read_text()) for name in ("refreshed", "full")]
    assert verdicts[0] == verdicts[1]
