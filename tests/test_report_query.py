"""``python -m report.query``: the warehouse queried read-only, one statement or an interactive prompt."""

from __future__ import annotations

import builtins
from pathlib import Path

import duckdb
import pytest

from report.query import main


@pytest.fixture
def warehouse(tmp_path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts; create table marts.dim_department (department_name varchar)")
    con.execute("insert into marts.dim_department values ('天门市12345公共服务热线中心')")
    con.execute("comment on table marts.dim_department is 'One row per department.'")
    con.close()
    return db


def test_a_statement_prints_its_result(warehouse, capsys):
    assert main(["--db", str(warehouse), "select department_name from marts.dim_department"]) == 0
    assert "天门市12345公共服务热线中心" in capsys.readouterr().out


def test_an_sql_error_is_said_and_exits_1(warehouse, capsys):
    assert main(["--db", str(warehouse), "select nope from marts.dim_department"]) == 1
    assert "nope" in capsys.readouterr().err


def test_the_warehouse_is_opened_read_only(warehouse, capsys):
    assert main(["--db", str(warehouse), "create table marts.x (a integer)"]) == 1
    assert "read-only" in capsys.readouterr().err


def test_a_missing_warehouse_says_how_to_get_one(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.duckdb"), "select 1"]) == 2
    assert "make build" in capsys.readouterr().err


def test_the_prompt_runs_statements_over_several_lines_and_lists_tables(warehouse, capsys, monkeypatch):
    typed = iter([".tables", "select count(*) as departments", "from marts.dim_department;", ".quit"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(typed))
    assert main(["--db", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "marts.dim_department" in out and "One row per department." in out
    assert "departments" in out and "│           1 │" in out
