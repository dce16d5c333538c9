"""Budgets in the warehouse: a department's budget beside its final accounts of the same year.

One small warehouse is built here (ingest, then dbt with its data tests) from
- 江苏省高级人民法院's published 2019 budget (tests/fixtures/corpus/budgets/js_high_court_2019_budget.pdf)
  and a generated 2019 final account of the same department (docgen);
- a hotline unit's budget: the text copy of 上海市普陀区社会福利院's published 2024 单位预算
  (tests/fixtures/budget_text) printed under a hotline unit's name, and a generated 2024 final
  account of that unit.
Figures asserted for the budgets are those the PDFs print (js_high_court_2019 p.8-9, in 万元; the
单位预算 p.5, in 元).
"""

from __future__ import annotations

import dataclasses
import os
import random
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, parsed_corpus

from docgen import reference, render_reportlab
from docgen.catalogue import PLAIN
from docgen.compose import compose
from docgen.generate import generate_for
from docgen.model import Department, FinalAccounts
from ingest.landing.duckdb_writer import write_raw
from ingest.landing.rows import rows_by_table
from ingest.pipeline import process_document

pytestmark = pytest.mark.build

COURT = Department(
    "江苏省高级人民法院", "高级人民法院", "江苏省", "江苏省", "province", ("江苏省高级人民法院（本级）",)
)
COURT_KIND = reference.DepartmentKind("人民法院", "高级人民法院", ("20405",), ())
HOTLINE_NAME = "上海市普陀区12345市民服务热线管理中心"
HOTLINE = Department(
    HOTLINE_NAME, "12345市民服务热线管理中心", "普陀区", "上海市", "county", (f"{HOTLINE_NAME}（本级）",)
)
HOTLINE_KIND = reference.DepartmentKind("12345市民服务热线管理中心", "12345市民服务热线管理中心", ("20103",), ())
WELFARE_TEXT = ROOT / "tests" / "fixtures" / "budget_text" / "sh_putuo_welfare_home_2024_unit_budget.txt"
COURT_BUDGET = "js_high_court_2019_budget.pdf"
WAN = Decimal(10_000)


def generated_final(kind: reference.DepartmentKind, department: Department, year: int, path: Path) -> FinalAccounts:
    """A final account of the department and year, printed in 万元 as a ruled PDF."""
    layout = dataclasses.replace(PLAIN, unit="wan")
    data = generate_for(random.Random(f"{department.name}:{year}"), kind, department, year, layout.quantum)
    render_reportlab.render(compose(data, layout), path)
    return data


def dbt_build(warehouse: Path, tmp: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "WAREHOUSE_DB": str(warehouse),
        "DBT_TARGET_PATH": str(tmp / "dbt_target"),
        "DBT_LOG_PATH": str(tmp / "dbt_logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    command = [str(ROOT / ".venv" / "bin" / "dbt"), "build", "--project-dir", "dbt_project"]
    command += ["--profiles-dir", "dbt_project", "--quiet", "--exclude-resource-type", "unit_test"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("budget_marts")
    court_final = tmp / "js_high_court_2019_final.pdf"
    hotline_final = tmp / "putuo_hotline_2024_final.pdf"
    hotline_budget = tmp / "putuo_hotline_2024_unit_budget.txt"
    finals = {
        "court": generated_final(COURT_KIND, COURT, 2019, court_final),
        "hotline": generated_final(HOTLINE_KIND, HOTLINE, 2024, hotline_final),
    }
    text = WELFARE_TEXT.read_text(encoding="utf-8").replace("上海市普陀区社会福利院", HOTLINE_NAME)
    hotline_budget.write_text(text, encoding="utf-8")
    results = [parsed_corpus("budgets", COURT_BUDGET)] + [
        process_document(path) for path in (court_final, hotline_final, hotline_budget)
    ]
    rows: dict[str, list[tuple]] = {}
    for result in results:
        for table, table_rows in rows_by_table(result).items():
            rows.setdefault(table, []).extend(table_rows)
    warehouse = tmp / "warehouse.duckdb"
    write_raw(warehouse, rows)
    done = dbt_build(warehouse, tmp)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    con = duckdb.connect(str(warehouse), read_only=True)
    ids = {
        name: con.execute("select document_id from marts.dim_document where file_name = ?", [name]).fetchone()[0]
        for name in (COURT_BUDGET, court_final.name, hotline_final.name, hotline_budget.name)
    }
    yield con, ids, finals
    con.close()


def query(con, sql: str, *params) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def test_budget_documents_are_typed_and_share_the_department_of_their_final_account(built):
    con, ids, _ = built
    rows = query(
        con,
        "select file_name, doc_type, fiscal_year, department_id from marts.dim_document order by file_name",
    )
    by_file = {file: (doc_type, year, department) for file, doc_type, year, department in rows}
    court_budget, court_final = by_file[COURT_BUDGET], by_file["js_high_court_2019_final.pdf"]
    assert court_budget[:2] == ("budget", 2019) and court_final[:2] == ("final_accounts", 2019)
    assert court_budget[2] == court_final[2] is not None
    hotline_budget, hotline_final = (
        by_file["putuo_hotline_2024_unit_budget.txt"],
        by_file["putuo_hotline_2024_final.pdf"],
    )
    assert hotline_budget[:2] == ("budget", 2024) and hotline_final[:2] == ("final_accounts", 2024)
    assert hotline_budget[2] == hotline_final[2] is not None


def test_budget_by_function_holds_the_printed_totals_and_classes(built):
    con, ids, _ = built
    rows = query(
        con,
        "select funding_scope, function_code, total_yuan, source_table from marts.fct_budget_by_function "
        "where document_id = ? and function_level <= 1",
        ids[COURT_BUDGET],
    )
    all_sources = {code: (total, table) for scope, code, total, table in rows if scope == "all_sources"}
    # p.9 公开03 支出预算总表: 合计 37,188.34; p.8 收支预算总表: 204 27,488.23, 208 2,355.65, 221 7,344.46 (万元)
    assert all_sources == {
        "TOTAL": (Decimal("37188.34") * WAN, "budget_expenditure"),
        "204": (Decimal("27488.23") * WAN, "budget_summary"),
        "208": (Decimal("2355.65") * WAN, "budget_summary"),
        "221": (Decimal("7344.46") * WAN, "budget_summary"),
    }


def test_department_budget_headlines_in_the_finance_metrics(built):
    con, ids, _ = built
    metrics = dict(
        query(
            con, "select metric, amount_yuan from marts.fct_department_budget where document_id = ?", ids[COURT_BUDGET]
        )
    )
    # p.8 收支预算总表 (万元)
    assert metrics["income_total"] == Decimal("37188.34") * WAN
    assert metrics["fiscal_appropriation_income"] == Decimal("37188.34") * WAN
    assert metrics["basic_expenditure"] == Decimal("21968.00") * WAN
    assert metrics["project_expenditure"] == Decimal("10208.94") * WAN
    assert metrics["reserve_expenditure"] == Decimal("5011.40") * WAN


def test_budget_against_final_by_class_with_each_sides_source(built):
    con, ids, finals = built
    final_id, budget_id = ids["js_high_court_2019_final.pdf"], ids[COURT_BUDGET]
    rows = query(
        con,
        "select coalesce(function_code, 'TOTAL'), category_level, budget_initial_yuan, final_yuan, completion_rate, "
        "budget_source, final_source, budget_document_id, budget_source_ref, final_source_ref "
        "from marts.fct_budget_vs_final where document_id = ? and source = 'budget_document'",
        final_id,
    )
    by_code = {row[0]: row[1:] for row in rows}
    expenditure = {row.code: Decimal(row.amounts["exp_total"]) / 100 for row in finals["court"].expenditure_rows()}
    budget = {
        "TOTAL": Decimal("37188.34") * WAN,
        "204": Decimal("27488.23") * WAN,
        "208": Decimal("2355.65") * WAN,
        "221": Decimal("7344.46") * WAN,
    }
    classes = {code for code in expenditure if len(code) == 3} | {"TOTAL"}
    assert set(by_code) == set(budget) | classes
    for code, row in by_code.items():
        level, budget_yuan, final_yuan, rate, budget_source, final_source, doc, budget_ref, final_ref = row
        assert level == ("合计" if code == "TOTAL" else "类")
        assert budget_yuan == budget.get(code)
        assert final_yuan == expenditure.get(code)
        assert doc == budget_id
        assert budget_source == ("budget_document" if code in budget else None)
        assert final_source == ("table" if code in expenditure else None)
        assert (budget_ref or "").startswith(COURT_BUDGET) == (code in budget)
        assert (final_ref or "").startswith("js_high_court_2019_final.pdf") == (code in expenditure)
        if budget_yuan and final_yuan:
            assert rate == round(final_yuan / budget_yuan, 6)
        else:
            assert rate is None


def test_no_budget_figure_is_in_a_final_accounts_mart(built):
    con, ids, _ = built
    budget_ids = [
        doc for doc, kind in query(con, "select document_id, doc_type from marts.dim_document") if kind == "budget"
    ]
    assert sorted(budget_ids) == sorted([ids[COURT_BUDGET], ids["putuo_hotline_2024_unit_budget.txt"]])
    marts = query(
        con,
        "select table_name from information_schema.columns where table_schema = 'marts' and column_name = 'document_id' "
        "and table_name not in ('dim_document', 'fct_budget_by_function', 'fct_department_budget') order by 1",
    )
    assert ("fct_expenditure_by_function",) in marts and ("fct_budget_vs_final",) in marts
    for (table,) in marts:
        leaked = query(
            con, f"select count(*) from marts.{table} where document_id in (select unnest(?::varchar[]))", budget_ids
        )
        assert leaked == [(0,)], table
    # the budget's figures are in the budget marts
    for table in ("fct_budget_by_function", "fct_department_budget"):
        assert query(con, f"select count(distinct document_id) from marts.{table}") == [(2,)], table


def test_hotline_unit_line_shows_its_budget_beside_its_final(built):
    con, ids, finals = built
    rows = query(
        con,
        "select spending_basis, spending_yuan, budget_yuan, budget_document_yuan, budget_document_basis, "
        "budget_document_id, budget_document_source_ref, document_id from marts.mart_hotline_spending "
        "where department_name = ?",
        HOTLINE_NAME,
    )
    current = Decimal(finals["hotline"].expenditure_rows()[0].amounts["exp_total"]) / 100
    assert len(rows) == 1
    basis, spent, evaluated_budget, budgeted, budgeted_basis, budget_doc, budget_ref, final_doc = rows[0]
    assert (basis, spent, final_doc) == ("department_total", current, ids["putuo_hotline_2024_final.pdf"])
    assert evaluated_budget is None  # no evaluation of the unit is in the warehouse
    # the 单位预算's 支出预算总表: 合计 12,121,164 元, this year's spending (no 当年支出小计 is printed)
    assert (budgeted, budgeted_basis) == (Decimal("12121164"), "unit_current_expenditure")
    assert budget_doc == ids["putuo_hotline_2024_unit_budget.txt"] and budget_ref.startswith("putuo_hotline_2024")
