"""Budget tables (部门预算 / 单位预算) read from the published PDFs and workbooks of
tests/fixtures/corpus/budgets/: every table found, every identity closing, and the figures the
documents print (read from the PDFs with pdftotext -layout and checked on the rendered pages).

The provincial departments of Jiangsu (2017–2019) come from Word, Excel and Acrobat; the units of
Shanghai's 普陀区 (2024) from WPS. Amounts below are as printed (万元 in Jiangsu, 元 in Shanghai
except the “三公” table, printed in 万元).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import corpus_file, parsed_corpus

from expectations.acknowledgements import load_registry
from expectations.template_identities import table_rows
from ingest.layout.tables import match_title
from ingest.loading import document_id_for, load_document
from ingest.model import DocumentResult, Line
from ingest.parsers import budget_patterns
from ingest.parsers.fa_checks import document_checks

JIANGSU_TABLES = {
    "budget_summary",
    "budget_income",
    "budget_expenditure",
    "budget_fiscal_summary",
    "budget_fiscal_expenditure",
    "budget_fiscal_basic_economic",
    "budget_general_expenditure",
    "budget_general_basic_economic",
    "budget_operating_expenses",
    "budget_three_public",
    "budget_government_fund",
    "budget_procurement",
}
SHANGHAI_TABLES = {
    "budget_summary",
    "budget_income",
    "budget_expenditure",
    "budget_fiscal_summary",
    "budget_general_expenditure",
    "budget_government_fund",
    "budget_state_capital",
    "budget_general_basic_economic",
    "budget_three_public",
}
WITH_TABLES = {
    "js_cppcc_office_2017_budget_tables.pdf": JIANGSU_TABLES,
    "js_cppcc_office_2018_budget_tables.pdf": JIANGSU_TABLES,
    "js_cppcc_office_2019_budget_tables.pdf": JIANGSU_TABLES,
    "js_high_court_2017_budget.pdf": JIANGSU_TABLES,
    "js_high_court_2018_budget.pdf": JIANGSU_TABLES,
    "js_high_court_2019_budget.pdf": JIANGSU_TABLES,
    "sh_putuo_wanli_street_2024_budget.pdf": SHANGHAI_TABLES,
    "sh_putuo_welfare_home_2024_unit_budget.pdf": SHANGHAI_TABLES,
}
# The full documents of 江苏省政协办公厅 print their narrative only: "2017 年度部门预算公开表附后"
# (p.6), the tables being published apart (the *_tables.pdf beside them).
NARRATIVE_ONLY = (
    "js_cppcc_office_2017_budget.pdf",
    "js_cppcc_office_2018_budget.pdf",
    "js_cppcc_office_2019_budget.pdf",
)

# 收支预算总表 of each document: (side, row_key or 类 code, printed amount). 收入: 一、财政拨款 / 1.一般公共预算 /
# 三、其他资金 / 当年收入小计 / 收入合计; 支出: each 类 with a figure, 支出用途 (基本支出, 项目支出, 单位预留机动经费),
# 当年支出小计 / 支出合计.
SUMMARIES = {
    "js_cppcc_office_2017_budget_tables.pdf": {  # p.1
        ("income", "fiscal_appropriation_income"): "9,066.79",
        ("income", "general_budget_income"): "9,066.79",
        ("income", "other_funds_income"): "80.00",
        ("income", "current_income"): "9,146.79",
        ("income", "income_total"): "9,146.79",
        ("expenditure", "201"): "6,543.55",
        ("expenditure", "208"): "1,509.72",
        ("expenditure", "221"): "1,093.52",
        ("expenditure", "basic_expenditure"): "5,916.27",
        ("expenditure", "project_expenditure"): "3,123.68",
        ("expenditure", "reserve_expenditure"): "106.84",
        ("expenditure", "current_expenditure"): "9,146.79",
        ("expenditure", "expenditure_total"): "9,146.79",
    },
    "js_cppcc_office_2018_budget_tables.pdf": {  # p.1 (公开01表)
        ("income", "fiscal_appropriation_income"): "10,070.48",
        ("income", "general_budget_income"): "10,070.48",
        ("income", "other_funds_income"): "80.00",
        ("income", "income_total"): "10,150.48",
        ("expenditure", "201"): "7,827.46",
        ("expenditure", "208"): "823.76",
        ("expenditure", "221"): "1,499.26",
        ("expenditure", "basic_expenditure"): "5,678.17",
        ("expenditure", "project_expenditure"): "3,314.68",
        ("expenditure", "reserve_expenditure"): "1,157.63",
        ("expenditure", "expenditure_total"): "10,150.48",
    },
    "js_cppcc_office_2019_budget_tables.pdf": {  # p.1
        ("income", "fiscal_appropriation_income"): "13,297.11",
        ("income", "other_funds_income"): "80.00",
        ("income", "income_total"): "13,377.11",
        ("expenditure", "201"): "10,271.56",
        ("expenditure", "208"): "858.51",
        ("expenditure", "221"): "2,247.04",
        ("expenditure", "basic_expenditure"): "6,522.75",
        ("expenditure", "project_expenditure"): "4,968.34",
        ("expenditure", "reserve_expenditure"): "1,886.02",
        ("expenditure", "expenditure_total"): "13,377.11",
    },
    "js_high_court_2017_budget.pdf": {  # p.11-12, a Word table ruled a few points apart row by row
        ("income", "fiscal_appropriation_income"): "28,849.38",
        ("income", "income_total"): "28,849.38",
        ("expenditure", "204"): "23,513.11",
        ("expenditure", "208"): "2,347.13",
        ("expenditure", "221"): "2,989.14",
        ("expenditure", "basic_expenditure"): "17,123.19",
        ("expenditure", "project_expenditure"): "11,543.27",
        ("expenditure", "reserve_expenditure"): "182.92",
        ("expenditure", "expenditure_total"): "28,849.38",
    },
    "js_high_court_2018_budget.pdf": {  # p.9-10: "三、单位预留机动经" / "3,258.06" / "费" on three lines
        ("income", "fiscal_appropriation_income"): "33,172.15",
        ("income", "income_total"): "33,172.15",
        ("expenditure", "204"): "26,200.88",
        ("expenditure", "208"): "2,254.76",
        ("expenditure", "221"): "4,716.51",
        ("expenditure", "basic_expenditure"): "18,570.82",
        ("expenditure", "project_expenditure"): "11,343.27",
        ("expenditure", "reserve_expenditure"): "3,258.06",
        ("expenditure", "expenditure_total"): "33,172.15",
    },
    "js_high_court_2019_budget.pdf": {  # p.8 (公开 01 表)
        ("income", "fiscal_appropriation_income"): "37,188.34",
        ("income", "income_total"): "37,188.34",
        ("expenditure", "204"): "27,488.23",
        ("expenditure", "208"): "2,355.65",
        ("expenditure", "221"): "7,344.46",
        ("expenditure", "basic_expenditure"): "21,968.00",
        ("expenditure", "project_expenditure"): "10,208.94",
        ("expenditure", "reserve_expenditure"): "5,011.40",
        ("expenditure", "expenditure_total"): "37,188.34",
    },
    "sh_putuo_wanli_street_2024_budget.pdf": {  # p.10, 单位：元
        ("income", "fiscal_appropriation_income"): "156,211,123",
        ("income", "general_budget_income"): "156,211,123",
        ("income", "income_total"): "156,211,123",
        ("expenditure", "201"): "2,932,700",
        ("expenditure", "204"): "1,633,000",
        ("expenditure", "205"): "250,000",
        ("expenditure", "206"): "100,000",
        ("expenditure", "207"): "200,000",
        ("expenditure", "208"): "19,604,064",
        ("expenditure", "210"): "3,223,657",
        ("expenditure", "212"): "119,385,303",
        ("expenditure", "221"): "8,882,399",
        ("expenditure", "expenditure_total"): "156,211,123",
    },
    "sh_putuo_welfare_home_2024_unit_budget.pdf": {  # p.5: 合计 | 人员经费 | 公用经费 | 项目支出 per 类
        ("income", "fiscal_appropriation_income"): "9,501,164",
        ("income", "business_income"): "2,620,000",
        ("income", "income_total"): "12,121,164",
        ("expenditure", "208"): "11,281,624",
        ("expenditure", "210"): "503,724",  # printed under its old name 医疗卫生与计划生育支出
        ("expenditure", "221"): "335,816",
        ("expenditure", "expenditure_total"): "12,121,164",
    },
}


def figure(result: DocumentResult, table_key: str, row_key: str, column_key: str | None = None, side: str = ""):
    """The one figure a table prints in a row (and column), as printed; None for a blank cell."""
    found = [
        v
        for v in result.values
        if v.table_key == table_key
        and v.row_key == row_key
        and (column_key is None or v.column_key == column_key)
        and (v.side or "") == side
    ]
    assert len(found) == 1, f"{table_key} {side} {row_key} {column_key}: {[(v.column_key, v.amount) for v in found]}"
    return found[0].amount.value if found[0].amount else None


def amount(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


@pytest.mark.parametrize("name", sorted(WITH_TABLES))
def test_every_table_of_a_budget_is_found_and_its_identities_close(name):
    result = parsed_corpus("budgets", name)
    assert result.meta.doc_type == "budget"
    assert {t.table_key for t in result.tables} == WITH_TABLES[name]
    failing = [check for check in document_checks(result.values) if not check.closed]
    assert failing == []
    assert result.reading is not None and result.reading.quality_grade == "read_well"


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_the_summary_totals_and_classes_are_read_as_printed(name):
    result = parsed_corpus("budgets", name)
    summary = {
        (v.side, v.row_key): v.amount.value
        for v in result.values
        if v.table_key == "budget_summary" and v.amount is not None and v.column_key in ("amount", "total")
    }
    for key, printed in SUMMARIES[name].items():
        assert summary.get(key) == amount(printed), key
    # every 类 the summary prints with a figure is one of the printed ones (nothing else read as a class)
    classes = {key for key in summary if key[1].isdigit()}
    assert classes == {key for key in SUMMARIES[name] if key[1].isdigit()}


@pytest.mark.parametrize("name", NARRATIVE_ONLY)
def test_a_budget_printing_its_narrative_only_has_no_table_figures(name):
    result = parsed_corpus("budgets", name)
    assert result.meta.doc_type == "budget" and result.meta.department_name == "江苏省政协办公厅"
    assert result.tables == [] and result.values == []
    assert result.reading is not None and result.reading.quality_grade == "not_read"


@pytest.mark.parametrize("name", NARRATIVE_ONLY)
def test_the_missing_tables_of_a_narrative_only_budget_are_acknowledged_as_published_apart(name):
    """BU-09 lists each standard table such a file lacks; the registry says why, citing the line that
    prints "…部门预算公开表附后" (the tables are the *_tables.pdf beside it)."""
    path = corpus_file("budgets", name)
    document = document_id_for(path.read_bytes())
    entries = {e.subject: e for e in load_registry() if e.document == document and e.rule_id == "BU-09"}
    standard = {title for _, title, family, _, in_template in table_rows() if family == "budget" and in_template}
    assert set(entries) == {f"标准表: {title}" for title in standard}
    lines = {(line.page_no, line.line_no): line.text for line in load_document(path).lines}
    for entry in entries.values():
        assert entry.finding == "incomplete_copy"
        page, line = map(int, re.search(r"p\.(\d+) line (\d+)", entry.reason).groups())
        assert "部门预算公开表附后" in lines[(page, line)].replace(" ", "")


def test_cppcc_2018_tables_by_function_economic_class_and_purpose():
    result = parsed_corpus("budgets", "js_cppcc_office_2018_budget_tables.pdf")
    # 公开03 支出预算总表: one row of totals under 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金
    assert figure(result, "budget_expenditure", "total", "total") == Decimal("10150.48")
    assert figure(result, "budget_expenditure", "total", "reserve") == Decimal("1157.63")
    assert figure(result, "budget_expenditure", "total", "carryover_end") is None
    # 公开05 财政拨款支出预算表 (金额 is the row's total)
    assert figure(result, "budget_fiscal_expenditure", "2010201", "total") == Decimal("4432.78")
    assert figure(result, "budget_fiscal_expenditure", "2080505", "total") == Decimal("407.81")
    assert figure(result, "budget_fiscal_expenditure", "total", "total") == Decimal("10070.48")
    # 公开08 一般公共预算基本支出预算表
    assert figure(result, "budget_general_basic_economic", "total", "amount") == Decimal("5598.17")
    assert figure(result, "budget_general_basic_economic", "301", "amount") == Decimal("3806.26")
    assert figure(result, "budget_general_basic_economic", "30102", "amount") == Decimal("1863.72")
    assert figure(result, "budget_general_basic_economic", "303", "amount") == Decimal("676.06")
    # 公开09 “三公”经费、会议费、培训费支出预算表: one row of figures under a three-level header
    three_public = {
        "three_public_meeting_training_total": "1656.86",
        "three_public_total": "675.10",
        "three_public_abroad": "106.00",
        "three_public_vehicles": "156.60",
        "three_public_vehicle_operation": "156.60",
        "three_public_reception": "412.50",
        "meeting_expenses": "884.16",
        "training_expenses": "97.60",
    }
    for item, printed in three_public.items():
        assert figure(result, "budget_three_public", item, "budget") == Decimal(printed), item
    assert figure(result, "budget_three_public", "three_public_vehicle_purchase", "budget") is None
    # 公开11 机关运行经费 and 公开12 政府采购预算表
    assert figure(result, "budget_operating_expenses", "total", "amount") == Decimal("1115.85")
    assert figure(result, "budget_procurement", "total", "amount") == Decimal("1281.76")
    assert figure(result, "budget_procurement", "goods", "amount") == Decimal("355.67")
    assert figure(result, "budget_procurement", "services", "amount") == Decimal("926.09")


def test_a_word_table_ruled_row_by_row_is_read_under_its_header():
    """js_high_court_2017: Word rules each row of a table a few points apart (slivers of columns
    between the header's and the rows' cells); page 16 continues the 基本支出 table ruled otherwise,
    and its first row ("30206 电费 235.00") is printed outside the ruling."""
    result = parsed_corpus("budgets", "js_high_court_2017_budget.pdf")
    assert figure(result, "budget_fiscal_expenditure", "2040501", "total") == Decimal("11786.92")
    assert figure(result, "budget_expenditure", "total", "basic") == Decimal("17123.19")
    assert figure(result, "budget_general_basic_economic", "302", "amount") == Decimal("3528.37")
    assert figure(result, "budget_general_basic_economic", "30206", "amount") == Decimal("235.00")
    assert figure(result, "budget_general_basic_economic", "30312", "amount") == Decimal("1959.99")
    assert figure(result, "budget_operating_expenses", "total", "amount") == Decimal("9193.40")
    # p.17: its header's labels are wrapped over lines ruled apart ("因公出国" / "（境）费", "公务接" / "待费")
    assert figure(result, "budget_three_public", "three_public_abroad", "budget") == Decimal("180.00")
    assert figure(result, "budget_three_public", "three_public_reception", "budget") == Decimal("185.72")
    assert figure(result, "budget_three_public", "training_expenses", "budget") == Decimal("1701.25")


def test_a_class_name_wrapped_in_its_cell_is_one_row():
    result = parsed_corpus("budgets", "js_high_court_2019_budget.pdf")  # p.8 "七、文化旅游体育与传媒支" / "出"
    rows = {
        v.row_key: v.row_label for v in result.values if v.table_key == "budget_summary" and v.side == "expenditure"
    }
    assert rows["207"] == "七、文化旅游体育与传媒支出" and None not in rows
    assert [t.table_no for t in result.tables[:3]] == ["公开01", "公开02", "公开03"]  # printed above each title


def test_shanghai_budget_tables_by_class_item_and_economic_code():
    result = parsed_corpus("budgets", "sh_putuo_wanli_street_2024_budget.pdf")
    assert {v.unit for v in result.values if v.table_key == "budget_expenditure"} == {"元"}
    assert figure(result, "budget_expenditure", "212", "total") == Decimal("119385303")
    assert figure(result, "budget_expenditure", "212", "basic") == Decimal("76609000")
    assert figure(result, "budget_expenditure", "212", "project") == Decimal("42776303")
    assert figure(result, "budget_expenditure", "2120199", "total") == Decimal("54212362")
    assert figure(result, "budget_general_expenditure", "total", "basic") == Decimal("99706020")
    # p.15: the 收入预算总表's 合计 printed alone on a page, outside the ruling
    assert figure(result, "budget_income", "total", "total") == Decimal("156211123")
    # p.29: "301 | 2 | 津贴补贴", the 款 printed as the number 2
    assert figure(result, "budget_general_basic_economic", "30102", "amount") == Decimal("16623810")
    assert figure(result, "budget_general_basic_economic", "total", "personnel") == Decimal("88537451")
    # p.31 in 万元: the “三公” items and 机关运行经费
    assert {v.unit for v in result.values if v.table_key == "budget_three_public"} == {"万元"}
    assert figure(result, "budget_three_public", "three_public_total", "budget") == Decimal("47.91")
    assert figure(result, "budget_three_public", "three_public_vehicle_purchase", "budget") == Decimal("25")
    assert figure(result, "budget_three_public", "three_public_vehicle_operation", "budget") == Decimal("21.56")
    assert figure(result, "budget_three_public", "operating_expenses", "budget") == Decimal("443.18")


def test_a_unit_budget_with_misprinted_codes():
    result = parsed_corpus("budgets", "sh_putuo_welfare_home_2024_unit_budget.pdf")
    # p.9 and p.11 print "7 | 11 | 02 | 事业单位医疗" under "210 | 11": read as 2101102, and said so
    assert figure(result, "budget_expenditure", "2101102", "total") == Decimal("503724")
    assert figure(result, "budget_general_expenditure", "2101102", "total") == Decimal("503724")
    warnings = [i.message for i in result.issues if i.severity == "warn"]
    assert warnings == [
        "支出预算总表: 事业单位医疗: 类 printed as 7, read as 210, the 类 of the rows above",
        "一般公共预算支出功能分类预算表: 事业单位医疗: 类 printed as 7, read as 210, the 类 of the rows above",
    ]
    # p.5: the summary splits 基本支出 into 人员经费 and 公用经费
    assert figure(result, "budget_summary", "208", "personnel", "expenditure") == Decimal("6540674")
    assert figure(result, "budget_summary", "208", "public", "expenditure") == Decimal("2120950")
    assert figure(result, "budget_summary", "208", "project", "expenditure") == Decimal("2620000")
    # p.14: the unit's own 经济分类 numbering is kept as printed (30206 is 办公设备购置费 here)
    office = [v for v in result.values if v.economic_code == "30206" and v.column_key == "amount"]
    assert [(v.row_label, v.amount.value) for v in office] == [("办公设备购置费", Decimal("8000"))]


@pytest.mark.parametrize("name", ["sh_putuo_department_budget_template.xlsx", "sh_putuo_unit_budget_template.xlsx"])
def test_the_excel_budget_templates_are_read_as_workbooks(name):
    result = parsed_corpus("budgets", name)
    assert result.loaded.file_format == "xlsx" and result.meta.doc_type == "budget"
    assert {t.table_key for t in result.tables} == SHANGHAI_TABLES
    assert {t.status for t in result.tables} == {"empty"}  # a template prints no figures


@pytest.mark.parametrize(
    ("printed", "table_key"),
    [
        ("表一", None),
        ("收支预算总表部门：江苏省政协办公厅单位：万元", "budget_summary"),  # one cell, js_cppcc_office_2018 p.1
        ("一、2017年度江苏省高级人民法院部门收支预算总表", "budget_summary"),  # js_high_court_2017 p.11
        ("2024年预算单位财务收支预算总表", "budget_summary"),  # sh_putuo_welfare_home p.5
        ("部门“三公”经费和机关运行经费预算表", "budget_three_public"),  # sh_putuo_wanli p.31
        ("九、2018年江苏省高级人民法院“三公”经费、会议费、培训费支出预算表", "budget_three_public"),
        ("财政拨款支出预算表（功能科目）", "budget_fiscal_expenditure"),  # js_cppcc_office_2019 p.5
        ("2024年部门一般公共预算基本支出部门预算经济分类预算表", "budget_general_basic_economic"),
        ("十二、2017年江苏省高级人民法院部门政府采购预算表", "budget_procurement"),
        ("五、财政拨款支出预算表情况说明", None),  # a narrative heading, not a title
        ("本表（公开 01 表）反映部门年度总体收支预算情况。根据《收支预算总表》", None),
    ],
)
def test_budget_titles_as_printed(printed, table_key):
    found = match_title(Line(printed, 1), budget_patterns.VOCABULARY)
    assert (found[0].key if found else None) == table_key


@pytest.mark.parametrize(
    ("spec", "title"), [(spec, title) for spec in budget_patterns.TABLES for title in (spec.title, *spec.aliases)]
)
def test_every_budget_title_and_alias_names_its_table(spec, title):
    found = match_title(Line(title, 1), budget_patterns.VOCABULARY)
    assert found is not None and found[0] is spec
