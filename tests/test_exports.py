"""Exports: the analyst marts as Parquet and as CSV that Excel opens with Chinese intact."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from sample_build import sample_warehouse

from report.exports import EXPORTED_MARTS, UTF8_BOM, export_marts


@pytest.fixture
def small_warehouse(tmp_path) -> Path:
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.mart_hotline_spending (jurisdiction_name varchar, fiscal_year integer, "
        "project_name varchar, spending_yuan decimal(20,2))"
    )
    con.execute(
        "insert into marts.mart_hotline_spending values ('景德镇市', 2022, '“12345”政务服务热线运营费', 1945900.00)"
    )
    con.execute("create table marts.ref_jurisdictions (jurisdiction_name varchar)")  # a seed: not exported
    con.execute("create table marts.scratch (x integer)")  # not a contract mart: not exported
    con.close()
    return db


def test_only_contract_marts_are_exported(small_warehouse, tmp_path):
    out = tmp_path / "exports"
    assert export_marts(small_warehouse, out) == ["mart_hotline_spending"]
    assert sorted(p.name for p in out.iterdir()) == ["mart_hotline_spending.csv", "mart_hotline_spending.parquet"]


def test_csv_has_a_bom_and_round_trips_chinese_and_money(small_warehouse, tmp_path):
    out = tmp_path / "exports"
    export_marts(small_warehouse, out)
    raw = (out / "mart_hotline_spending.csv").read_bytes()
    assert raw.startswith(UTF8_BOM)
    assert raw[len(UTF8_BOM) :].decode("utf-8").splitlines() == [
        "jurisdiction_name,fiscal_year,project_name,spending_yuan",
        "景德镇市,2022,“12345”政务服务热线运营费,1945900.00",
    ]
    parquet = duckdb.sql(f"select * from '{out / 'mart_hotline_spending.parquet'}'").fetchall()
    assert parquet == [("景德镇市", 2022, "“12345”政务服务热线运营费", Decimal("1945900.00"))]


@pytest.mark.build
def test_sample_exports_read_back_equal_to_the_marts():
    warehouse = sample_warehouse()
    exports = warehouse.parent / "exports"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        marts = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema='marts'"
            ).fetchall()
        }
        expected = [m for m in EXPORTED_MARTS if m in marts]
        assert {"dim_document", "dim_department"} <= set(expected)
        assert sorted(p.name for p in exports.iterdir()) == sorted(
            f"{m}.{ext}" for m in expected for ext in ("csv", "parquet")
        )
        for mart in expected:
            rows = con.execute(f"select * from marts.{mart} order by all").fetchall()
            assert con.execute(f"select * from '{exports / mart}.parquet' order by all").fetchall() == rows, mart
            csv_count = con.execute(f"select count(*) from read_csv('{exports / mart}.csv', header=true)").fetchone()
            assert csv_count == (len(rows),), mart
        departments = con.execute(f"select department_name from read_csv('{exports}/dim_department.csv')").fetchall()
    finally:
        con.close()
    assert ("天门市12345公共服务热线中心",) in departments
    assert (exports / "dim_department.csv").read_bytes().startswith(UTF8_BOM)
