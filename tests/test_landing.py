"""Landing: each document's rows are checked against the staging tests and the column types, and a
document that cannot be landed consistently is quarantined while the others land."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import DOC_002, DOC_003, as_tuples, parsed

from ingest.landing.batch import LandingBatch
from ingest.landing.consistency import problems, staging_rules
from ingest.landing.dbt_failures import failed_build
from ingest.landing.duckdb_writer import write_raw
from ingest.landing.quarantine import quarantine_in_database
from ingest.landing.rows import rows_by_table
from ingest.landing.schema import RAW_TABLES


def rows_of(name: str) -> dict[str, list[tuple]]:
    return rows_by_table(parsed(name))


def column(table: str, name: str) -> int:
    return [n for n, _ in RAW_TABLES[table]].index(name)


def with_value(rows: dict, table: str, name: str, value: object, index: int = 0) -> dict:
    changed = {t: list(r) for t, r in rows.items()}
    row = list(changed[table][index])
    row[column(table, name)] = value
    changed[table][index] = tuple(row)
    return changed


def test_the_rules_are_the_staging_tests_on_columns_staging_passes_through():
    rules = staging_rules()
    assert ("document_id", "table_key", "row_no", "side", "column_key") in rules["fa_values"].keys
    assert ("document_id", "project_key", "seq") in rules["perf_indicators"].keys
    assert rules["documents"].keys == (("document_id",),)
    assert {"document_id", "table_key", "row_no", "column_key"} <= set(rules["fa_values"].not_null)
    assert rules["perf_subtotals"].accepted["level"] == {1, 2}
    assert rules["perf_projects"].accepted["evaluation_kind"] == {
        "self_evaluation",
        "department_evaluation",
        "overall_department",
    }
    assert rules["documents"].accepted["parse_status"] == {"parsed", "partial", "unreadable", "failed", "quarantined"}
    # staging fills a missing doc_type with 'unknown': a raw null is no problem
    assert "doc_type" not in rules["documents"].not_null and "parse_status" in rules["documents"].not_null


def test_real_documents_have_no_problems():
    assert problems(rows_of(DOC_002)) == []
    assert problems(rows_of(DOC_003)) == []


def test_a_duplicate_key_is_named_with_where_it_was_read():
    rows = rows_of(DOC_002)
    rows["fa_values"] = [*rows["fa_values"], rows["fa_values"][3]]
    (problem,) = problems(rows)
    assert problem.startswith("fa_values: 2 rows share the key document_id='c70b1d14cc0bfe60', table_key=")
    assert f"(at {DOC_002} | line " in problem


def test_missing_values_and_unknown_values_are_problems():
    rows = with_value(rows_of(DOC_002), "fa_values", "column_key", None)
    assert problems(rows) == [
        f"fa_values: 1 row(s) without column_key (at {rows['fa_values'][0][column('fa_values', 'source_ref')]})"
    ]
    rows = with_value(rows_of(DOC_003), "perf_projects", "evaluation_kind", "guess")
    (problem,) = problems(rows)
    assert problem.startswith("perf_projects: evaluation_kind guess is not one of ")


@pytest.mark.parametrize(
    ("table", "name", "value", "expected"),
    [
        (
            "fa_values",
            "amount",
            Decimal("12345678901234567890.56"),
            "fa_values.amount: 12345678901234567890.56 is too large",
        ),
        ("fa_values", "amount", Decimal("123456789012345.56"), "fa_values.amount: 123456789012345.56 is too large"),
        ("fa_values", "row_no", 2**40, "fa_values.row_no: 1099511627776 is not a integer"),
        ("fa_values", "row_label", "\ud800收入", "fa_values.row_label: text that is not valid Unicode"),
        ("documents", "is_template", "yes", "documents.is_template: 'yes' is not true or false"),
    ],
)
def test_a_value_the_warehouse_cannot_hold_is_a_problem(table, name, value, expected):
    rows = with_value(rows_of(DOC_002), table, name, value)
    (problem,) = problems(rows)
    assert problem.startswith(expected)


def test_a_score_too_large_for_its_column_is_a_problem():
    rows = with_value(rows_of(DOC_003), "perf_indicators", "weight", Decimal("123456789"))
    assert problems(rows)[0].startswith("perf_indicators.weight: 123456789 does not fit DECIMAL(12,4)")
    assert problems(with_value(rows_of(DOC_003), "perf_indicators", "weight", Decimal("99999999.9999"))) == []


def test_a_quarantined_document_keeps_its_identity_and_says_why():
    batch = LandingBatch()
    broken = rows_of(DOC_002)
    broken["fa_values"] = [*broken["fa_values"], broken["fa_values"][0]]
    batch.add(broken)
    batch.add(rows_of(DOC_003))
    held = as_tuples(batch.take())
    status = {
        row[column("documents", "file_name")]: row[column("documents", "parse_status")] for row in held["documents"]
    }
    assert status == {DOC_002: "quarantined", DOC_003: "parsed"}
    doc_002 = broken["documents"][0][0]
    for table in ("fa_values", "fa_tables", "narrative_figures"):
        assert not [r for r in held[table] if r[0] == doc_002], table
    assert len(held["perf_indicators"]) == len(rows_of(DOC_003)["perf_indicators"])
    (issue,) = [r for r in held["ingest_issues"] if r[column("ingest_issues", "stage")] == "land"]
    assert issue[0] == doc_002 and issue[column("ingest_issues", "severity")] == "error"
    assert "quarantined" in issue[column("ingest_issues", "message")] and "share the key" in issue[4]
    documents_row = held["documents"][0]
    assert documents_row[column("documents", "department_name")] == "天门市12345公共服务热线中心"


def test_a_documents_row_that_cannot_land_keeps_only_the_file_facts():
    batch = LandingBatch()
    batch.add(with_value(rows_of(DOC_002), "documents", "title", "\udcff title"))
    held = as_tuples(batch.take())
    (row,) = held["documents"]
    assert row[column("documents", "parse_status")] == "quarantined"
    assert row[column("documents", "title")] is None and row[column("documents", "doc_type")] == "unknown"
    assert row[column("documents", "file_name")] == DOC_002
    (issue,) = held["ingest_issues"]
    assert "\\udcff" in issue[column("ingest_issues", "message")]  # the reason itself can be landed
    assert problems(held) == []


def test_a_second_copy_of_the_same_bytes_is_landed_once():
    batch = LandingBatch()
    first = rows_of(DOC_003)
    copy = with_value(first, "documents", "source_path", "elsewhere/copy.txt")
    batch.add(first)
    landed = batch.add(copy)
    assert batch.take()["documents"].num_rows == 1
    (issue,) = as_tuples(landed)["ingest_issues"]
    assert issue[column("ingest_issues", "source_path")] == "elsewhere/copy.txt"
    assert issue[column("ingest_issues", "severity")] == "warn"
    assert str(first["documents"][0][1]) in issue[column("ingest_issues", "message")]


def test_quarantine_in_the_database_holds_back_the_rows_already_landed(tmp_path):
    db = tmp_path / "c.duckdb"
    batch = LandingBatch()
    batch.add(rows_of(DOC_002))
    batch.add(rows_of(DOC_003))
    write_raw(db, batch.take())
    doc_002 = rows_of(DOC_002)["documents"][0][0]
    con = duckdb.connect(str(db))
    quarantine_in_database(con, {doc_002: "its rows fail the dbt test t"})
    assert con.execute("select count(*) from raw.fa_values where document_id = ?", [doc_002]).fetchone() == (0,)
    assert con.execute("select count(*) from raw.perf_indicators").fetchone()[0] > 0
    statuses = dict(con.execute("select file_name, parse_status from raw.documents").fetchall())
    assert statuses == {DOC_002: "quarantined", DOC_003: "parsed"}
    (message,) = con.execute("select message from raw.ingest_issues where stage = 'land'").fetchone()
    assert message == "quarantined, its rows are not landed: its rows fail the dbt test t"
    con.close()


def _dbt_target(tmp_path: Path, db: Path, results: list[dict], nodes: dict) -> Path:
    target = tmp_path / "target"
    target.mkdir()
    (target / "run_results.json").write_text(json.dumps({"results": results}))
    (target / "manifest.json").write_text(json.dumps({"nodes": nodes}))
    return target


def test_the_documents_behind_a_failing_dbt_test_are_named(tmp_path):
    db = tmp_path / "c.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.spending as select * from (values ('d1', 'A'), ('d2', null), ('d3', 'B')) t(document_id, jurisdiction_name)"
    )
    test = {
        "resource_type": "test",
        "name": "not_null_spending_jurisdiction_name",
        "attached_node": "model.w.spending",
        "column_name": "jurisdiction_name",
    }
    model = {"resource_type": "model", "name": "spending", "relation_name": '"c"."marts"."spending"'}
    results = [
        {"unique_id": "test.w.nn", "status": "fail", "message": "Got 1 result",
         "compiled_code": 'select jurisdiction_name from "c"."marts"."spending" where jurisdiction_name is null'},
        {"unique_id": "test.w.ok", "status": "pass", "compiled_code": "select 1 where false"},
    ]  # fmt: skip
    failed = failed_build(con, _dbt_target(tmp_path, db, results, {"test.w.nn": test, "model.w.spending": model}))
    assert failed.culprits == {"d2": "its rows fail the dbt test not_null_spending_jurisdiction_name"}
    assert failed.unexplained == []
    con.close()


def test_a_model_that_fails_to_build_is_reported_as_it_is(tmp_path):
    db = tmp_path / "c.duckdb"
    con = duckdb.connect(str(db))
    results = [{"unique_id": "model.w.m", "status": "error", "message": "Conversion Error: DECIMAL(20,2)"}]
    failed = failed_build(
        con, _dbt_target(tmp_path, db, results, {"model.w.m": {"resource_type": "model", "name": "m"}})
    )
    assert failed.culprits == {} and failed.unexplained == ["model m: Conversion Error: DECIMAL(20,2)"]
    con.close()


def _failing_dbt_build(layout, document_id: str, rounds_failing: int):
    """A stand-in for `dbt build`: a not-null test fails on the given document's mart row while that
    document is landed, for the first ``rounds_failing`` runs."""
    calls = []

    def dbt(_, *command):
        calls.append(command)
        con = duckdb.connect(str(layout.candidate_db))
        con.execute("create schema if not exists marts")
        con.execute("create or replace table marts.spending as select document_id, null as jurisdiction_name "
                    "from raw.documents where parse_status = 'parsed' and document_id = ?", [document_id])  # fmt: skip
        failing = con.execute("select count(*) from marts.spending").fetchone()[0] > 0 or len(calls) <= rounds_failing
        con.close()
        node = {"resource_type": "test", "name": "not_null_spending_jurisdiction_name",
                "attached_node": "model.w.spending", "column_name": "jurisdiction_name"}  # fmt: skip
        sql = 'select jurisdiction_name from "warehouse"."marts"."spending" where jurisdiction_name is null'
        results = [{"unique_id": "test.w.nn", "status": "fail" if failing else "pass", "compiled_code": sql}]
        layout.dbt_target.mkdir(parents=True, exist_ok=True)
        (layout.dbt_target / "run_results.json").write_text(json.dumps({"results": results}))
        model = {"resource_type": "model", "name": "spending", "relation_name": '"warehouse"."marts"."spending"'}
        (layout.dbt_target / "manifest.json").write_text(
            json.dumps({"nodes": {"test.w.nn": node, "model.w.spending": model}})
        )
        return 1 if failing else 0

    return dbt, calls


def test_dbt_runs_again_after_quarantining_the_documents_behind_a_failing_test(tmp_path, monkeypatch, capsys):
    from warehouse_build import steps
    from warehouse_build.layout import Layout

    layout = Layout(tmp_path / "out" / "warehouse.duckdb")
    batch = LandingBatch()
    batch.add(rows_of(DOC_002))
    batch.add(rows_of(DOC_003))
    write_raw(layout.candidate_db, batch.take())
    doc_003 = rows_of(DOC_003)["documents"][0][0]
    fake, calls = _failing_dbt_build(layout, doc_003, rounds_failing=0)
    monkeypatch.setattr(steps, "_dbt", fake)
    steps.dbt(steps.Settings(tmp_path, layout, 1, False))
    assert len(calls) == 2
    con = duckdb.connect(str(layout.candidate_db), read_only=True)
    assert dict(con.execute("select file_name, parse_status from raw.documents").fetchall()) == {
        DOC_002: "parsed",
        DOC_003: "quarantined",
    }
    con.close()
    assert (
        f"{DOC_003} (its rows fail the dbt test not_null_spending_jurisdiction_name); building again"
        in capsys.readouterr().err
    )


def test_a_dbt_failure_that_quarantine_does_not_end_stops_the_build_naming_it(tmp_path, monkeypatch):
    from warehouse_build import steps
    from warehouse_build.layout import Layout

    layout = Layout(tmp_path / "out" / "warehouse.duckdb")
    batch = LandingBatch()
    batch.add(rows_of(DOC_003))
    write_raw(layout.candidate_db, batch.take())
    doc_003 = rows_of(DOC_003)["documents"][0][0]
    fake, calls = _failing_dbt_build(layout, doc_003, rounds_failing=9)
    monkeypatch.setattr(steps, "_dbt", fake)
    with pytest.raises(steps.StepFailed) as failed:
        steps.dbt(steps.Settings(tmp_path, layout, 1, False))
    assert str(failed.value) == (
        "dbt build failed:\n  test not_null_spending_jurisdiction_name: fails; no document can be named for its rows"
    )
    assert len(calls) == 2  # the test still fails with its document held back: no use going on
