"""Final-accounts tables (公开01–10) read from the sample corpus's text layouts and the published PDFs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import DOC_000, DOC_001, DOC_002, DOC_003, DOC_004, parsed, shared_pdf

from ingest.layout.metadata import read_metadata
from ingest.layout.tables import find_table_blocks, split_spaced_row
from ingest.loading import load_document
from ingest.model import Line, LoadedDocument
from ingest.parsers.fa_checks import document_checks
from ingest.parsers.fa_figures import parse_amount
from ingest.parsers.fa_patterns import VOCABULARY as FA_VOCABULARY
from ingest.parsers.final_accounts import parse_final_accounts


def tables_of(name: str) -> dict:
    return {t.table_key: t for t in parsed(name).tables}


def value(name: str, table_key: str, row_key: str, column_key: str):
    """The one value of a table cell, by normalized row and column."""
    found = [
        v
        for v in parsed(name).values
        if v.table_key == table_key and v.row_key == row_key and v.column_key == column_key
    ]
    assert len(found) == 1, f"{table_key}/{row_key}/{column_key}: {len(found)} values"
    return found[0]


def amount(name: str, table_key: str, row_key: str, column_key: str) -> Decimal | None:
    cell = value(name, table_key, row_key, column_key).amount
    return None if cell is None else cell.value


# --- 002: tab-separated, all tables ----------------------------------------------------------------


def test_002_finds_every_table_once_and_not_the_table_of_contents():
    tables = tables_of(DOC_002)
    assert set(tables) == {
        "income_expenditure_summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "general_budget_expenditure",
        "general_budget_basic_economic",
        "government_fund",
        "state_capital",
        "three_public",
    }
    # the 目录 lists the titles at lines 16-24; the tables start at line 65 and below
    assert all(t.line_no > 60 for t in tables.values())
    assert tables["income_expenditure_summary"].table_no == "公开01"
    assert tables["income_expenditure_summary"].table_title == "收入支出决算汇总表"


@pytest.mark.parametrize(("name", "checked"), [(DOC_001, 7), (DOC_002, 161)])
def test_the_grade_counts_the_identities_checked_while_the_tables_were_read(name, checked):
    """The identities each table's reading checked, not checked again, are the document's."""
    result = parsed(name)
    checks = document_checks(result.values)
    assert (result.reading.identities_checked, result.reading.identities_closed) == (checked, checked)
    assert (len(checks), sum(check.closed for check in checks)) == (checked, checked)


def test_002_expenditure_table_totals_and_a_split_row():
    assert amount(DOC_002, "expenditure", "total", "total") == Decimal("218.56")
    assert amount(DOC_002, "expenditure", "total", "basic") == Decimal("68.06")
    assert amount(DOC_002, "expenditure", "total", "project") == Decimal("150.50")
    row = value(DOC_002, "expenditure", "2010301", "basic")
    assert (row.function_code, row.row_label, row.amount.value) == ("2010301", "行政运行", Decimal("29.19"))
    assert amount(DOC_002, "expenditure", "2010301", "project") == Decimal("62.23")
    assert amount(DOC_002, "general_budget_expenditure", "2010301", "total") == Decimal("91.42")


def test_002_printed_text_unit_decimals_and_provenance():
    cell = value(DOC_002, "expenditure", "total", "project").amount
    assert (cell.printed, cell.decimals) == ("150.50", 2)
    row = value(DOC_002, "expenditure", "total", "project")
    assert row.unit == "万元"
    assert row.source_ref == "002_17f0692d4eecb2d0.txt | line 128 | 支出决算表 | 合计"


def test_002_income_table_keeps_the_misprinted_class_name():
    row = value(DOC_002, "income", "201", "fiscal_appropriation")
    assert (row.row_label, row.amount.value) == ("一般公共预算支出", Decimal("213.73"))
    assert amount(DOC_002, "income", "2010350", "total") == Decimal("34.04")


def test_002_basic_expenditure_three_column_groups():
    assert amount(DOC_002, "general_budget_basic_economic", "30113", "amount") == Decimal("1.83")
    assert amount(DOC_002, "general_budget_basic_economic", "302", "amount") == Decimal("2.17")
    assert amount(DOC_002, "general_budget_basic_economic", "39999", "amount") == Decimal("0.00")
    # 公用经费合计 is printed in the second group with its figure under the third (line 234)
    assert amount(DOC_002, "general_budget_basic_economic", "personnel_total", "amount") == Decimal("65.88")
    assert amount(DOC_002, "general_budget_basic_economic", "public_total", "amount") == Decimal("2.17")


def test_002_two_sided_summary_tables():
    assert amount(DOC_002, "income_expenditure_summary", "carryover_begin", "amount") == Decimal("3.00")
    assert amount(DOC_002, "income_expenditure_summary", "income_total", "amount") == Decimal("218.56")
    assert amount(DOC_002, "income_expenditure_summary", "expenditure_total", "amount") == Decimal("218.56")
    total = value(DOC_002, "income_expenditure_summary", "income_total", "amount")
    assert (total.side, total.line_code) == ("income", "31")
    # "一、一般公共预算支出" (line 71) is class 201 by its position
    assert amount(DOC_002, "income_expenditure_summary", "201", "amount") == Decimal("216.73")
    assert amount(DOC_002, "fiscal_summary", "carryover_begin_general_budget", "amount") == Decimal("3.00")
    assert amount(DOC_002, "fiscal_summary", "current_expenditure", "general_budget") == Decimal("218.56")


def test_002_tables_printed_without_data_are_empty_with_their_explanation():
    tables = tables_of(DOC_002)
    three_public = tables["three_public"]
    assert three_public.status == "empty"
    assert "本表无数据" in three_public.note
    assert tables["government_fund"].status == "empty"
    assert "无政府性基金" in tables["government_fund"].note
    assert not [v for v in parsed(DOC_002).values if v.table_key == "three_public"]


def test_002_blank_summary_cells_are_not_zero():
    # line 79: "	9		九、卫生健康支出	40	0.00" - the income side of that line is blank, not 0
    income_side = [v for v in parsed(DOC_002).values if v.line_no == 79 and v.side == "income"]
    assert income_side == []


# --- 001: space-separated, only 公开08-10 survive ------------------------------------------------------


def test_001_three_public_budget_and_final():
    assert set(tables_of(DOC_001)) == {"state_capital", "three_public", "state_assets"}
    assert amount(DOC_001, "three_public", "three_public_total", "budget") == Decimal("2.40")
    assert amount(DOC_001, "three_public", "three_public_total", "budget_initial") == Decimal("2.40")
    assert amount(DOC_001, "three_public", "three_public_total", "final") == Decimal("0.70")
    assert amount(DOC_001, "three_public", "three_public_reception", "final") == Decimal("0.70")
    assert value(DOC_001, "three_public", "three_public_total", "final").line_code == "1"


def test_001_dashes_are_blank_and_counts_are_not_money():
    assert amount(DOC_001, "three_public", "three_public_reception_domestic", "budget") is None
    assert amount(DOC_001, "three_public", "three_public_reception_domestic", "final") == Decimal("0.70")
    batches = value(DOC_001, "three_public", "reception_batches", "final")
    assert (batches.amount.value, batches.unit) == (Decimal("5"), "个")
    equipment = value(DOC_001, "state_assets", "equipment_over_1m", "amount")
    assert equipment.amount.value == Decimal("0")
    assert equipment.unit not in ("万元", "元")


def test_001_state_capital_table_of_zeros_is_parsed():
    table = tables_of(DOC_001)["state_capital"]
    assert table.status == "parsed"
    zero = value(DOC_001, "state_capital", "total", "expenditure").amount
    assert (zero.value, zero.printed, zero.decimals) == (Decimal("0"), "0", 0)


# --- documents without tables ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [DOC_000, DOC_003, DOC_004])
def test_documents_without_tables_give_none(name):
    assert parsed(name).tables == []
    assert parsed(name).values == []


# --- cells -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("201 06 01 行政运行 91.42 29.19 62.23", ["2010601", "行政运行", "91.42", "29.19", "62.23"]),
        ("2010301 行政运行 91.42", ["2010301", "行政运行", "91.42"]),
        (
            "二、单价 100 万元（含）以上设备（不含车辆） 10 0",
            ["二、单价 100 万元（含）以上设备（不含车辆）", "10", "0"],
        ),
        ("（1）国内接待费 7 ──── ──── 0.70", ["（1）国内接待费", "7", "────", "────", "0.70"]),
        (
            "一、一般公共预算财政拨款收入 1 215.56 一、一般公共服务支出 32 216.73",
            ["一、一般公共预算财政拨款收入", "1", "215.56", "一、一般公共服务支出", "32", "216.73"],
        ),
    ],
)
def test_split_spaced_row(text, cells):
    assert split_spaced_row(text) == cells


@pytest.mark.parametrize("blank", ["", " ", "-", "—", "/", "────"])
def test_blank_cells_are_none_not_zero(blank):
    assert parse_amount(blank) is None


def test_amount_keeps_printed_text_and_decimals():
    figure = parse_amount("1,234.50")
    assert (figure.value, figure.printed, figure.decimals) == (Decimal("1234.50"), "1,234.50", 2)


# --- rows of cells (what the PDF/DOCX loaders produce) ----------------------------------------------


def _doc_from_cells(rows: list[tuple[str, ...] | str]) -> LoadedDocument:
    lines = [
        Line(
            text=row if isinstance(row, str) else "\t".join(row), line_no=i, cells=None if isinstance(row, str) else row
        )
        for i, row in enumerate(rows, start=1)
    ]
    return LoadedDocument("x", "x.pdf", "x.pdf", "pdf", 0, lines)


def test_three_public_one_row_layout_with_budget_then_final_groups():
    items = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费")
    subs = ("", "", "小计", "公务用车购置费", "公务用车运行维护费", "")
    doc = _doc_from_cells(
        [
            "九、财政拨款“三公”经费支出决算表",
            ("部门：某局", "", "", "", "", "", "", "", "", "", "", "公开09表"),
            ("预算数", "", "", "", "", "", "", "", "", "", "", "决算数"),
            items + items,
            subs + subs,
            tuple(str(n) for n in range(1, 13)),
            ("5.00", "1.00", "3.00", "2.00", "1.00", "1.00", "4.50", "0.00", "3.50", "2.00", "1.50", "1.00"),
        ]
    )
    tables, values, _ = parse_final_accounts(doc, read_metadata(doc.lines))
    assert tables[0].status == "parsed"
    got = {(v.row_key, v.column_key): v.amount.value for v in values}
    assert got[("three_public_total", "budget")] == Decimal("5.00")
    assert got[("three_public_total", "final")] == Decimal("4.50")
    assert got[("three_public_vehicles", "final")] == Decimal("3.50")
    assert got[("three_public_vehicle_operation", "final")] == Decimal("1.50")
    assert got[("three_public_reception", "final")] == Decimal("1.00")


def test_a_title_in_the_narrative_is_not_a_table():
    doc = _doc_from_cells(["截止 2022 年 12 月 31 日，本部门国有资产占用情况", "见 公开 10 表《国有资产占用情况表》。"])
    assert find_table_blocks(doc.lines, FA_VOCABULARY) == []


def test_pdf_cells_of_a_published_document():
    loaded = load_document(shared_pdf("putuo_social_work_dept_2024.pdf"))
    tables, values, _ = parse_final_accounts(loaded, read_metadata(loaded.lines))
    by_key = {t.table_key: t for t in tables}
    assert by_key["three_public"].status == "empty"
    assert by_key["general_budget_expenditure"].status == "parsed"
    row = {v.column_key: v for v in values if v.table_key == "general_budget_expenditure" and v.row_key == "2013901"}
    assert row["total"].amount.value == Decimal("51.32")
    assert row["project"].amount is None  # printed blank, not zero
    assert row["total"].page_no == 12
    total = [v for v in values if v.table_key == "expenditure" and v.row_key == "total" and v.column_key == "basic"]
    assert total[0].amount.value == Decimal("105.58")


def test_space_separated_two_sided_summary_and_split_codes():
    text = """收入支出决算总表
公开01表
部门：某局 金额单位：万元
项目 行次 金额 项目 行次 金额
一、一般公共预算财政拨款收入 1 215.56 一、一般公共服务支出 32 216.73
9 九、卫生健康支出 40 -
总计 31 218.56 总计 62 218.56
注：本表反映部门本年度的总收支和年末结转结余情况。
二、收入决算表
科目代码 科目名称 本年收入合计 财政拨款收入 其他收入
201 03 01 行政运行 91.42 91.42 0.00"""
    doc = _doc_from_cells(text.splitlines())
    _, values, issues = parse_final_accounts(doc, read_metadata(doc.lines))
    got = {(v.table_key, v.row_key, v.column_key): v for v in values}
    assert got[("income_expenditure_summary", "general_budget_income", "amount")].amount.value == Decimal("215.56")
    assert got[("income_expenditure_summary", "201", "amount")].line_code == "32"
    assert got[("income_expenditure_summary", "210", "amount")].amount is None  # "-" is blank; 9 is the 行次
    assert got[("income_expenditure_summary", "expenditure_total", "amount")].amount.value == Decimal("218.56")
    assert got[("income", "2010301", "fiscal_appropriation")].amount.value == Decimal("91.42")
    assert issues == []


def test_function_code_over_class_item_columns_in_cells():
    doc = _doc_from_cells(
        [
            "五、一般公共预算财政拨款支出决算表",
            ("科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"),
            ("类", "款", "项", "", "", "", ""),
            ("合计", "", "", "", "30.00", "10.00", "20.00"),
            ("201", "", "", "一般公共服务支出", "30.00", "10.00", "20.00"),
            ("201", "06", "", "财政事务", "30.00", "10.00", "20.00"),
            ("201", "06", "01", "行政运行", "30.00", "10.00", "—"),
        ]
    )
    _, values, issues = parse_final_accounts(doc, read_metadata(doc.lines))
    got = {(v.row_key, v.column_key): v for v in values}
    assert got[("total", "total")].amount.value == Decimal("30.00")
    assert got[("20106", "basic")].function_code == "20106"
    assert got[("2010601", "total")].row_label == "行政运行"
    assert got[("2010601", "project")].amount is None
    assert issues == []


def test_class_section_item_rows_printing_only_their_own_part_take_the_rest_from_above():
    doc = _doc_from_cells(
        [
            "三、支出决算表",
            ("类", "款", "项", "科目名称", "本年支出合计", "基本支出", "项目支出"),
            ("201", "", "", "一般公共服务支出", "2,940.05", "940.05", "2000.00"),
            ("", "06", "", "财政事务", "2940.05", "940.05", "2000.00"),
            ("", "", "01", "行政运行", "940.05", "940.05", ""),
            ("", "", "02", "一般行政管理事务", "2000.00", "", "2000.00"),
            ("210", "", "", "卫生健康支出", "60.99", "60.99", ""),
            ("", "11", "", "行政事业单位医疗", "60.99", "60.99", ""),
            ("210", "11", "01", "行政单位医疗", "60.99", "60.99", ""),  # a child printing its whole code
        ]
    )
    _, values, issues = parse_final_accounts(doc, read_metadata(doc.lines))
    got = {(v.row_key, v.column_key): v.amount.value if v.amount else None for v in values}
    assert got[("201", "total")] == Decimal("2940.05")
    assert got[("20106", "basic")] == Decimal("940.05")
    assert got[("2010601", "total")] == Decimal("940.05")
    assert got[("2010602", "project")] == Decimal("2000.00")
    assert got[("21011", "total")] == got[("2101101", "total")] == Decimal("60.99")
    assert ("01", "total") not in got and issues == []


def test_rows_printed_by_name_only_get_their_codes_from_the_classification():
    doc = _doc_from_cells(
        [
            "五、一般公共预算财政拨款支出决算表",
            ("项目", "合计", "基本支出", "项目支出"),
            ("合计", "80.00", "70.00", "10.00"),
            ("一般公共服务支出", "30.00", "20.00", "10.00"),
            ("政府办公厅（室）及相关机构事务", "30.00", "20.00", "10.00"),
            ("行政运行", "20.00", "20.00", ""),  # 2010301 here, 2010101 under 人大事务
            ("事业运行", "10.00", "", "10.00"),
            ("社会保障和就业支出（类）", "50.00", "50.00", ""),
            ("行政事业单位养老支出", "50.00", "50.00", ""),
            ("机关事业单位基本养老保险缴费支出", "50.00", "50.00", ""),
            ("不在分类中的名称", "1.00", "1.00", ""),
        ]
    )
    _, values, issues = parse_final_accounts(doc, read_metadata(doc.lines))
    got = {(v.row_key, v.column_key): v for v in values}
    assert got[("2010301", "total")].amount.value == Decimal("20.00")
    assert got[("2010301", "total")].function_code == "2010301"
    assert got[("2010350", "project")].amount.value == Decimal("10.00")
    assert got[("208", "total")].row_label == "社会保障和就业支出（类）"
    assert got[("2080505", "basic")].amount.value == Decimal("50.00")
    (issue,) = issues
    assert issue.severity == "warn" and "不在分类中的名称" in issue.message


def test_space_separated_economic_table_in_side_by_side_groups():
    text = """六、一般公共预算财政拨款基本支出决算表
单位：万元
科目代码 科目名称 决算数 科目代码 科目名称 决算数
301 工资福利支出 65.88 302 商品和服务支出 2.17
30101 基本工资 33.04 30201 办公费 -
人员经费合计 65.88 公用经费合计 2.17"""
    doc = _doc_from_cells(text.splitlines())
    _, values, issues = parse_final_accounts(doc, read_metadata(doc.lines))
    got = {v.row_key: v.amount for v in values}
    assert got["302"].value == Decimal("2.17")
    assert got["30101"].value == Decimal("33.04")
    assert got["30201"] is None
    assert got["public_total"].value == Decimal("2.17")
    assert issues == []
