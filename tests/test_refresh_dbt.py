"""In a refresh, dbt's data tests see only the refreshed documents' rows of the relations that keep
each document's rows as the published build had them (dbt_project/macros/refreshed_documents_tests.sql);
a full build runs every test on the whole relation.

The published sample warehouse is copied into a candidate that refreshed one document (000); a bad
row is planted in a mart's rows of that document and another in the rows of a document that did not
change (001). The refresh's tests fail on the first and cannot see the second; a full build's fail
on both. The SQL each test ran says which rows it read.
"""

from __future__ import annotations

import json
import shutil
from typing import NamedTuple

import duckdb
import pytest
from conftest import DOC_000, DOC_001, SAMPLES
from sample_build import sample_warehouse

from ingest.landing.dbt_failures import failed_build
from ingest.pipeline import document_id_of
from warehouse_build.layout import Layout
from warehouse_build.steps import REFRESH_SKIPS, _dbt

pytestmark = pytest.mark.build

REFRESHED, UNCHANGED = document_id_of(SAMPLES / DOC_000), document_id_of(SAMPLES / DOC_001)
# the tests of an incremental mart, of a view of each document's rows, of a table that compares
# documents (with the relationships into it), of a view that compares documents, and a unique key
SELECTED = [
    f"{model}+1,resource_type:test"
    for model in (
        "fct_department_finance",
        "stg_raw__fa_tables",
        "dim_department",
        "int_budget_vs_final_by_class",
        "fct_project_performance",
        "dim_function_class",
    )
]
DOCUMENT_FILTER = f"document_id in ('{REFRESHED}') or document_id is null"


def _tests_run(layout: Layout, *options: str) -> dict[str, tuple[str, str]]:
    """dbt build of the selected tests: test name -> (status, the SQL it ran)."""
    assert _dbt(layout, "build", "--quiet", "--select", *SELECTED, *options) in (0, 1)
    results = json.loads((layout.dbt_target / "run_results.json").read_text(encoding="utf-8"))["results"]
    tests = [r for r in results if r["unique_id"].startswith("test.")]
    return {r["unique_id"].split(".")[2]: (r["status"], r["compiled_code"]) for r in tests}


class Runs(NamedTuple):
    refresh: dict[str, tuple[str, str]]  # test name -> (status, SQL) in a refresh
    full: dict[str, tuple[str, str]]  # the same in a full build
    refresh_culprits: dict[str, str]  # the documents the quarantine would hold back after each
    full_culprits: dict[str, str]


def _documents_behind_failures(layout: Layout) -> dict[str, str]:
    """What the dbt step's quarantine would hold back after the last run (steps.py `dbt`)."""
    con = duckdb.connect(str(layout.candidate_db), read_only=True)
    try:
        failed = failed_build(con, layout.dbt_target)
    finally:
        con.close()
    assert failed.unexplained == []
    return failed.culprits


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Runs:
    layout = Layout(tmp_path_factory.mktemp("refresh_dbt") / "warehouse.duckdb")
    layout.candidate.mkdir(parents=True)
    shutil.copyfile(sample_warehouse(), layout.candidate_db)
    con = duckdb.connect(str(layout.candidate_db))
    try:
        con.execute("delete from raw.refreshed_documents")
        con.execute("insert into raw.refreshed_documents values (?)", [REFRESHED])
        plant = "update marts.fct_department_finance set {} = null where document_id = ? and metric = 'current_income'"
        con.execute(plant.format("source_ref"), [REFRESHED])
        con.execute(plant.format("is_ocr"), [UNCHANGED])
    finally:
        con.close()
    refresh = _tests_run(layout, *REFRESH_SKIPS)
    refresh_culprits = _documents_behind_failures(layout)
    full = _tests_run(layout, "--full-refresh", "--indirect-selection", "empty")  # the same tests
    return Runs(refresh, full, refresh_culprits, _documents_behind_failures(layout))


def _named(results: dict, prefix: str) -> tuple[str, str]:
    (name,) = [name for name in results if name.startswith(prefix)]
    return results[name]


def test_a_refresh_tests_the_refreshed_documents_rows_and_a_full_build_every_row(runs):
    refresh, full = runs.refresh, runs.full
    assert set(refresh) == set(full) and len(refresh) > 30
    # the bad row of the refreshed document fails both; the unchanged document's only the full build
    # (test_the_quarantine_names_the_refreshed_document_behind_a_scoped_failure: whose rows failed)
    assert _named(refresh, "not_null_fct_department_finance")[0] == "fail"
    assert _named(full, "not_null_fct_department_finance")[0] == "fail"
    assert _named(refresh, "accepted_values_fct_department_finance_source")[0] == "pass"
    ran = [sql for status, sql in full.values() if status != "skipped"]  # dbt build skips below a failure
    assert len(ran) > 30 and all(REFRESHED not in sql for sql in ran)


@pytest.mark.parametrize(
    ("test", "scoped"),
    [
        ("accepted_values_fct_department_finance_source", True),  # a row test of an incremental mart
        ("not_null_stg_raw__fa_tables", True),  # a row test of a view declared rows_of_own_document
        ("unique_key_columns_fct_department_finance_document_id", True),  # document_id in the key
        ("unique_key_columns_stg_raw__fa_tables_document_id", True),  # a view declared rows_of_own_document
        ("relationships_fct_department_finance_document_id", True),  # into dim_document: keys_of_own_document
        ("relationships_fct_department_finance_metric", True),  # into a seed
        ("relationships_fct_income_by_function_function_code", True),  # into a model of seeds alone
        ("not_null_dim_department", False),  # a table that compares documents
        ("unique_dim_department_department_id", False),
        ("not_null_int_budget_vs_final_by_class", False),  # a view that compares documents
    ],
)
def test_which_tests_a_refresh_scopes_to_the_refreshed_documents(runs, test, scoped):
    refresh = runs.refresh
    status, sql = _named(refresh, test)
    assert status == "pass"
    assert (DOCUMENT_FILTER in sql) is scoped, sql


def test_a_unique_column_is_tested_on_the_rows_sharing_a_refreshed_rows_value(runs):
    refresh = runs.refresh
    _, sql = _named(refresh, "unique_fct_project_performance_project_id")
    assert (
        f'project_id in (select project_id from "warehouse"."marts"."fct_project_performance" where {DOCUMENT_FILTER})'
        in sql
    )


def test_a_tests_own_where_is_kept_beside_the_document_filter(runs):
    refresh, full = runs.refresh, runs.full
    scoped = [sql for name, (_, sql) in refresh.items() if name.startswith("relationships_fct_department_finance_d")]
    whole = [sql for name, (_, sql) in full.items() if name.startswith("relationships_fct_department_finance_d")]
    department = [sql for sql in scoped if "department_id is not null" in sql]
    assert len(department) == 1 and DOCUMENT_FILTER in department[0]
    assert any("department_id is not null" in sql for sql in whole)


def test_the_quarantine_names_the_refreshed_document_behind_a_scoped_failure(runs):
    assert runs.refresh_culprits == {
        REFRESHED: "its rows fail the dbt test not_null_fct_department_finance (without source_ref)"
    }
    assert runs.full_culprits == {
        REFRESHED: "its rows fail the dbt test not_null_fct_department_finance (without source_ref)",
        UNCHANGED: "its rows fail the dbt test not_null_fct_department_finance (without is_ocr)",
    }
