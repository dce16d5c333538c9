"""Exports: the analyst tables as Parquet and as CSV that Excel opens safely with Chinese intact,
described by a datapackage.json that validates."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from sample_build import sample_warehouse

from report import export_files
from report.exports import CSV_LEAVES_OUT, EXPORTED_TABLES, export_marts, resource_name

UTF8_BOM = "\ufeff".encode()
HOTLINE = "“12345”政务服务热线运营费"


@pytest.fixture
def small_warehouse(tmp_path) -> Path:
    """One mart and one dq table, described the way dbt describes them, and a label seed."""
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts; create schema dq")
    con.execute(
        "create table marts.mart_hotline_spending (jurisdiction_name varchar, fiscal_year integer, "
        "project_name varchar, spending_yuan decimal(20,2))"
    )
    con.execute(
        "insert into marts.mart_hotline_spending values ('景德镇市', 2022, ?, 1945900.00), "
        "('=HYPERLINK(\"http://x\")', 2021, '-1+2', -12.50), ('@SUM(A1)', 2020, '+cmd', 0)",
        [HOTLINE],
    )
    con.execute("comment on table marts.mart_hotline_spending is 'Hotline spending lines.'")
    for column, text in [
        ("jurisdiction_name", "Official name of the jurisdiction."),
        ("fiscal_year", "Year the money was spent."),
        ("project_name", "Project as printed."),
        ("spending_yuan", "Spending in yuan."),
    ]:
        con.execute(f"comment on column marts.mart_hotline_spending.{column} is '{text}'")
    con.execute("create table dq.ingest_issues (source_path varchar, message varchar)")
    con.execute(
        "insert into dq.ingest_issues values ('raw/a.txt', '=1+1 is not a figure'), ('raw/b.txt', chr(9) || 'tab'), "
        "('raw/c.txt', chr(13) || 'return'), ('raw/d.txt', 'a - b = c')"
    )
    con.execute("comment on column dq.ingest_issues.source_path is 'Path of the source file.'")
    con.execute("comment on column dq.ingest_issues.message is 'What went wrong.'")
    con.execute("create table marts.ref_column_labels as select * from (values ('fiscal_year', '年度'), "
                "('spending_yuan', '支出（元）'), ('jurisdiction_name', '行政区划')) t(column_name, label_zh)")  # fmt: skip
    con.execute("create table marts.scratch (x integer)")  # not an exported table
    con.close()
    return db


def _csv_lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    assert raw.startswith(UTF8_BOM)
    return raw[len(UTF8_BOM) :].decode("utf-8").splitlines()


def test_only_exported_tables_are_written_with_a_datapackage(small_warehouse, tmp_path):
    out = tmp_path / "exports"
    assert export_marts(small_warehouse, out) == ["mart_hotline_spending", "dq_ingest_issues"]
    assert sorted(p.name for p in out.iterdir()) == [
        "datapackage.json",
        "dq_ingest_issues.csv",
        "dq_ingest_issues.parquet",
        "mart_hotline_spending.csv",
        "mart_hotline_spending.parquet",
    ]


def test_csv_neutralizes_formulas_and_keeps_numbers_and_chinese(small_warehouse, tmp_path):
    out = tmp_path / "exports"
    export_marts(small_warehouse, out)
    assert _csv_lines(out / "mart_hotline_spending.csv") == [
        "jurisdiction_name,fiscal_year,project_name,spending_yuan",
        '"\'=HYPERLINK(""http://x"")",2021,\'-1+2,-12.50',
        "'@SUM(A1),2020,'+cmd,0.00",
        f"景德镇市,2022,{HOTLINE},1945900.00",
    ]
    with (out / "dq_ingest_issues.csv").open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f))[1:] == [
            ["raw/a.txt", "'=1+1 is not a figure"],
            ["raw/b.txt", "'\ttab"],
            ["raw/c.txt", "'\rreturn"],
            ["raw/d.txt", "a - b = c"],  # only the first character counts
        ]
    # Parquet keeps every value as it is
    parquet = duckdb.sql(f"select * from '{out / 'mart_hotline_spending.parquet'}' order by fiscal_year").fetchall()
    assert parquet[0] == ("@SUM(A1)", 2020, "+cmd", Decimal("0.00"))
    assert parquet[2] == ("景德镇市", 2022, HOTLINE, Decimal("1945900.00"))


def test_chinese_labels_as_csv_headers(small_warehouse, tmp_path):
    out = tmp_path / "exports"
    export_marts(small_warehouse, out, labels="zh")
    assert _csv_lines(out / "mart_hotline_spending.csv")[0] == "行政区划,年度,project_name,支出（元）"
    fields = _resource(out, "mart_hotline_spending")["schema"]["fields"]
    assert [(f["name"], f["title"]) for f in fields][:2] == [("行政区划", "jurisdiction_name"), ("年度", "fiscal_year")]


def test_datapackage_carries_types_descriptions_and_fiscal_column_types(small_warehouse, tmp_path):
    out = tmp_path / "exports"
    export_marts(small_warehouse, out)
    resource = _resource(out, "mart_hotline_spending")
    assert resource["description"] == "Hotline spending lines."
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert fields["fiscal_year"] == {
        "name": "fiscal_year",
        "title": "年度",
        "type": "integer",
        "description": "Year the money was spent.",
        "columnType": "date:fiscal-year",
    }
    assert (fields["spending_yuan"]["type"], fields["spending_yuan"]["columnType"]) == ("number", "value")
    assert fields["project_name"]["title"] == "project_name"  # no label: the name itself


def test_datapackage_validates_with_frictionless(small_warehouse, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "exports"
    export_marts(small_warehouse, out, labels="zh")
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "type", "message"])


def _resource(out: Path, name: str) -> dict:
    descriptor = json.loads((out / "datapackage.json").read_text("utf-8"))
    return next(r for r in descriptor["resources"] if r["name"] == name)


@pytest.mark.build
def test_sample_exports_read_back_equal_to_the_tables():
    warehouse = sample_warehouse()
    exports = warehouse.parent / "exports"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        present = set(con.execute("select table_schema, table_name from information_schema.tables").fetchall())
        expected = [(s, t) for s, t in EXPORTED_TABLES if (s, t) in present]
        assert ("marts", "fct_three_public_expenditure") in expected and ("dq", "identity_results") in expected
        assert sorted(p.name for p in exports.iterdir()) == sorted(
            [".documents", "datapackage.json"]
            + [f"{resource_name(s, t)}.{ext}" for s, t in expected for ext in ("csv", "parquet")]
        )
        keyed = [
            (s, t) for s, t in expected if "document_id" in (c[0] for c in con.execute(f"describe {s}.{t}").fetchall())
        ]
        assert ("dq", "identity_results") in keyed and ("marts", "dim_function_class") not in keyed
        assert sorted(p.name for p in (exports / ".documents").iterdir()) == sorted(
            f"{resource_name(s, t)}.parquet" for s, t in keyed
        )
        for schema, table in expected:
            name = resource_name(schema, table)
            rows = con.execute(f"select * from {schema}.{table} order by all").fetchall()
            assert con.execute(f"select * from '{exports / name}.parquet' order by all").fetchall() == rows, name
            csv_count = con.execute(f"select count(*) from read_csv('{exports / name}.csv', header=true)").fetchone()
            column, value = CSV_LEAVES_OUT.get(name, ("1", "0"))  # the CSV lists every row but those left out
            listed = con.execute(f"select count(*) from {schema}.{table} where {column} is distinct from ?", [value])
            assert csv_count == listed.fetchone(), name
        # the identity checks' CSV lists those that did not pass: the samples' failures and acknowledgements
        assert (
            con.execute(
                "select count(*), count(*) filter (where status = 'fail'), count(*) filter (where status = 'acknowledged') "
                f"from read_csv('{exports}/dq_identity_results.csv')"
            ).fetchone()
            == con.execute(
                "select count(*) filter (where status <> 'pass'), count(*) filter (where status = 'fail'), "
                "count(*) filter (where status = 'acknowledged') from dq.identity_results"
            ).fetchone()
        )
        departments = con.execute(f"select department_name from read_csv('{exports}/dim_department.csv')").fetchall()
    finally:
        con.close()
    assert ("天门市12345公共服务热线中心",) in departments


@pytest.mark.build
def test_sample_datapackage_validates_and_describes_every_column():
    frictionless = pytest.importorskip("frictionless")
    exports = sample_warehouse().parent / "exports"
    descriptor = json.loads((exports / "datapackage.json").read_text("utf-8"))
    undescribed = [
        f"{r['name']}.{f['name']}"
        for r in descriptor["resources"]
        for f in r["schema"]["fields"]
        if not f["description"]
    ]
    assert not undescribed
    assert all(r["description"] for r in descriptor["resources"])
    report = frictionless.validate(exports / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "type", "message"])


def test_parquet_row_groups_are_bounded_and_the_csv_holds_every_row(tmp_path, monkeypatch):
    """The Parquet file and the CSV are written a row group at a time: the row groups are
    ROW_GROUP_ROWS long at most, however long the table, and the CSV has every row in order."""
    monkeypatch.setattr(export_files, "ROW_GROUP_ROWS", 2048)
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema dq")
    con.execute(
        "create table dq.ingest_issues as select 'raw/' || i || '.txt' as source_path, i as line_no from range(10000) t(i)"
    )
    con.close()
    export_marts(db, tmp_path / "out")
    groups = pq.ParquetFile(tmp_path / "out" / "dq_ingest_issues.parquet").metadata
    assert groups.num_row_groups == 5
    assert max(groups.row_group(n).num_rows for n in range(groups.num_row_groups)) == 2048
    lines = _csv_lines(tmp_path / "out" / "dq_ingest_issues.csv")
    assert len(lines) == 10001 and lines[1] == "raw/0.txt,0" and lines[-1] == "raw/9999.txt,9999"
