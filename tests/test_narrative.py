"""Narrative figures (情况说明) read from the sample corpus, and the prose line-wrap repair."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from conftest import DOC_000, DOC_001, DOC_002, DOC_003, DOC_004, parsed, shared_pdf

from ingest.layout.text_flow import flow_paragraphs, join_wrapped, split_sentences
from ingest.loading.text import text_to_lines
from ingest.model import DocumentMeta, Line, LoadedDocument, NarrativeFigure
from ingest.parsers.narrative import parse_narrative
from ingest.pipeline import process_document


def figures(name: str, metric: str, measure: str = "amount", subject: str | None = None) -> list[NarrativeFigure]:
    return [
        f
        for f in parsed(name).narrative
        if f.metric == metric and f.measure == measure and (subject is None or f.subject == subject)
    ]


def values(name: str, metric: str, measure: str = "amount", subject: str | None = None) -> list[Decimal]:
    return [f.value for f in figures(name, metric, measure, subject)]


# --- 000: tables lost in the dump, the narrative is the only source -------------------------------


def test_000_income_total_with_provenance():
    (income,) = figures(DOC_000, "income_total")
    assert income.value == Decimal("902.93")
    assert (income.unit, income.decimals, income.printed, income.line_no) == ("万元", 2, "902.93", 42)
    assert "收入总计902.93万元" in income.context
    assert income.source_ref.startswith(f"{DOC_000} | line 42 | 一、收入决算情况说明 | 收入总计")


def test_000_summary_figures():
    assert values(DOC_000, "current_income") == [Decimal("902.93")]
    assert values(DOC_000, "carryover_begin") == [Decimal("0")]
    assert values(DOC_000, "fiscal_appropriation_income") == [Decimal("902.93")]
    # the prose calls 900.56 支出总计 although it is 本年支出合计: recorded under the prose name
    assert values(DOC_000, "expenditure_total") == [Decimal("900.56")]
    assert values(DOC_000, "current_expenditure") == [Decimal("900.56")]
    assert values(DOC_000, "carryover_end") == [Decimal("2.38")]
    assert values(DOC_000, "basic_expenditure") == [Decimal("471.03")]
    assert values(DOC_000, "project_expenditure") == [Decimal("429.52")]
    assert values(DOC_000, "general_budget_basic_expenditure") == [Decimal("471.03")]


def test_000_shares_and_changes_carry_sign_and_whole():
    (share,) = figures(DOC_000, "basic_expenditure", "share")
    assert (share.value, share.unit, share.subject) == (Decimal("52.3"), "%", "本年支出")
    assert values(DOC_000, "carryover_begin", "change_amount") == [Decimal("-11.15")]
    assert values(DOC_000, "carryover_begin", "change_rate") == [Decimal("-100")]
    assert values(DOC_000, "current_income", "change_amount") == [Decimal("176.79")]
    assert values(DOC_000, "current_income", "change_rate") == [Decimal("24.35")]


def test_000_fiscal_budget_and_completion():
    assert values(DOC_000, "fiscal_budget_initial") == [Decimal("654.52")]
    assert values(DOC_000, "fiscal_final") == [Decimal("900.56")]
    assert values(DOC_000, "fiscal_final", "completion_rate") == [Decimal("137.59")]


def test_000_category_budget_vs_final():
    name = "一般公共服务支出"
    assert values(DOC_000, "category_budget_vs_final", "budget_initial", name) == [Decimal("562.41")]
    assert values(DOC_000, "category_budget_vs_final", "final", name) == [Decimal("808.79")]
    assert values(DOC_000, "category_budget_vs_final", "completion_rate", name) == [Decimal("143.81")]
    # printed without 支出, and its budget split across a line wrap ("46.36\n\n万元")
    assert values(DOC_000, "category_budget_vs_final", "final", "社会保障和就业") == [Decimal("46.36")]


def test_000_economic_classes_and_three_public():
    assert values(DOC_000, "wages_benefits") == [Decimal("401.85")]
    assert values(DOC_000, "household_subsidies") == [Decimal("9.3")]
    assert values(DOC_000, "capital_expenditure") == [Decimal("13.41")]
    assert values(DOC_000, "three_public_total", "budget") == [Decimal("4.59")]
    assert values(DOC_000, "three_public_total") == [Decimal("7.28")]
    assert values(DOC_000, "three_public_vehicles") == [Decimal("6.77")]
    assert values(DOC_000, "three_public_vehicle_operation", "budget") == [Decimal("2.59")]
    assert values(DOC_000, "three_public_vehicle_operation") == [Decimal("6.77")]
    assert values(DOC_000, "three_public_reception", "completion_rate") == [Decimal("25.5")]
    assert values(DOC_000, "operating_expenses") == [Decimal("59.87")]
    assert values(DOC_000, "procurement_total") == [Decimal("13.41")]


def test_000_comparison_words_and_template_text():
    (comparison,) = figures(DOC_000, "three_public_vehicle_operation", "comparison")
    assert (comparison.value, comparison.printed, comparison.unit) == (Decimal(1), "增加", "sign")
    # "增长%" prints no number: no change rate, an issue instead
    assert figures(DOC_000, "three_public_vehicle_operation", "change_rate") == []
    messages = [i.message for i in parsed(DOC_000).issues if i.stage == "parse_narrative"]
    assert any("change rate left blank" in m for m in messages)
    assert any("without its word" in m for m in messages)  # "决算数较全年预算数的主要原因" (line 156)
    assert any("增加（减少）" in m for m in messages)


def test_000_performance_sections_are_not_finance():
    # "资金到位 42 万元", "共涉及资金 429 万元" are in the 绩效 part (line 224 on)
    assert all(f.line_no is not None and f.line_no < 224 for f in parsed(DOC_000).narrative)


# --- 001 ---------------------------------------------------------------------------------------


def test_001_summary_and_fiscal():
    assert values(DOC_001, "income_total") == [Decimal("4914.2")]
    assert values(DOC_001, "other_income") == [Decimal("0.47")]
    assert values(DOC_001, "fiscal_budget_initial") == [Decimal("1689.1")]
    assert values(DOC_001, "fiscal_final") == [Decimal("4744.92")]
    # stated 279.61% ("279.61%\n\n。其中："), though 4744.92 / 1689.1 = 280.91%: kept as printed
    assert values(DOC_001, "fiscal_final", "completion_rate") == [Decimal("279.61")]


def test_001_basic_expenditure_stated_twice_differently():
    assert values(DOC_001, "basic_expenditure") == [Decimal("562.29")]
    assert values(DOC_001, "general_budget_basic_expenditure") == [Decimal("562.28")]


def test_001_garbled_direction_and_parenthetical():
    # "较 2021年减少148.48万元，增下降58.88%"
    assert values(DOC_001, "carryover_end", "change_rate") == [Decimal("-58.88")]
    # "26.03 万元（与…基本支出中公用经费之和一致），较上年决算数减少 64.53 万元，降低 247.90%"
    assert values(DOC_001, "operating_expenses") == [Decimal("26.03")]
    assert values(DOC_001, "operating_expenses", "change_amount") == [Decimal("-64.53")]
    assert values(DOC_001, "operating_expenses", "change_rate") == [Decimal("-247.90")]
    (comparison,) = figures(DOC_001, "three_public_vehicle_purchase", "comparison")
    assert comparison.value == 0  # "决算数较全年预算数无增\n\n增减变化"


# --- 002 ---------------------------------------------------------------------------------------


def test_002_totals_stated_once_for_both():
    assert values(DOC_002, "income_total") == [Decimal("218.56")]
    assert values(DOC_002, "expenditure_total") == [Decimal("218.56")]
    assert values(DOC_002, "current_income") == [Decimal("215.56")]
    assert values(DOC_002, "current_expenditure") == [Decimal("218.56")]
    # "财政拨款收、支总计均为 218.56" is not the department's total
    assert values(DOC_002, "fiscal_total") == [Decimal("218.56")]


def test_002_basic_and_fiscal():
    assert values(DOC_002, "personnel_expenditure") == [Decimal("65.88")]
    assert values(DOC_002, "public_expenditure") == [Decimal("2.17")]
    assert values(DOC_002, "fiscal_budget_initial") == [Decimal("0")]
    assert set(values(DOC_002, "fiscal_final")) == {Decimal("218.56")}
    assert values(DOC_002, "three_public_total", "budget") == [Decimal("0")]
    assert values(DOC_002, "three_public_total") == [Decimal("0")]


def test_002_procurement_share_as_printed():
    assert values(DOC_002, "procurement_total") == [Decimal("88.58")]
    assert values(DOC_002, "procurement_small_micro") == [Decimal("20.928")]
    (share,) = figures(DOC_002, "procurement_sme", "share")
    assert (share.value, share.subject) == (Decimal("8.4"), "政府采购支出总额")


def test_002_categories_as_printed():
    item = "一般公共服务支出(类)财政事务(款)行政运行(项)"
    assert values(DOC_002, "category_budget_vs_final", "budget_initial", item) == [Decimal("0")]
    assert values(DOC_002, "category_budget_vs_final", "final", item) == [Decimal("216.73")]
    assert values(DOC_002, "category_budget_vs_final", "share", "住房保障支出（类）") == [Decimal("0.84")]


@pytest.mark.parametrize("name", [DOC_003, DOC_004])
def test_performance_reports_have_no_narrative_figures(name):
    assert parsed(name).narrative == []


# --- published PDF -----------------------------------------------------------------------------


@cache
def _pdf_result(name: str):
    return process_document(shared_pdf(name))


def test_pdf_items_at_item_level_with_adjusted_budget():
    result = _pdf_result("putuo_social_work_dept_2024.pdf")
    item = "一般公共服务支出（类）社会工作事务（款）行政运行（项）"
    by_measure = {f.measure: f.value for f in result.narrative if f.subject == item}
    assert by_measure["budget_full"] == Decimal("52.00")
    assert by_measure["final"] == Decimal("51.32")
    assert by_measure["completion_rate"] == Decimal("98.69")
    assert by_measure["comparison"] == -1  # 决算数小于全年预算数
    fiscal = {(f.metric, f.measure): f.value for f in result.narrative if f.metric.startswith("fiscal_")}
    assert fiscal[("fiscal_budget_initial", "amount")] == 0
    assert fiscal[("fiscal_budget_full", "amount")] == Decimal("321.02")
    assert fiscal[("fiscal_final", "completion_rate")] == Decimal("95.89")


# --- line-wrap repair --------------------------------------------------------------------------

# 000_a19997e405ff60dc.txt lines 42-46, wrapped differently, with a page footer and blank lines.
WRAPPED = """一、收入决算情况说明

本部门2022年度收入总计902.93 万

元，较2021年增加165.64
- 3 -

万元。其中年初结转和结余 0 万元，较 2021 年减少 11.15 万元，
下降 100%。
"""


def test_flow_joins_numbers_and_units_split_across_lines():
    text = join_wrapped(WRAPPED)
    assert text.splitlines() == [
        "一、收入决算情况说明",
        "本部门2022年度收入总计902.93万元，较2021年增加165.64万元。其中年初结转和结余0万元，较2021年减少11.15万元，下降100%。",
    ]


def test_flow_keeps_source_lines_and_ascii_word_gaps():
    paragraphs = flow_paragraphs(text_to_lines(WRAPPED))
    prose = paragraphs[1]
    assert prose.line_at(prose.text.index("165.64")).line_no == 5
    assert prose.line_at(prose.text.index("万元。其中")).line_no == 8
    first, second = split_sentences(prose)
    assert first.text.endswith("增加165.64万元。")
    assert second.text.startswith("其中年初结转和结余0万元") and second.text.endswith("下降100%。")
    assert join_wrapped("天门市 12345 公共服务热线中心，2022 12345") == "天门市12345公共服务热线中心，2022 12345"


def test_flow_keeps_a_bare_number_that_a_unit_continues():
    assert join_wrapped("本部门政府采购支出总额\n100\n万元。") == "本部门政府采购支出总额100万元。"


def test_parse_wrapped_text_reads_figures_on_their_lines():
    lines = text_to_lines(WRAPPED)
    doc = LoadedDocument("x", "wrapped.txt", "wrapped.txt", "txt", 0, lines)
    meta = DocumentMeta("final_accounts", None, None, None, None, 2022, 2022, "万元")
    found, _ = parse_narrative(doc, meta)
    got = {(f.metric, f.measure): (f.value, f.line_no) for f in found}
    assert got[("income_total", "amount")] == (Decimal("902.93"), 3)
    assert got[("income_total", "change_amount")] == (Decimal("165.64"), 5)
    assert got[("carryover_begin", "change_rate")] == (Decimal("-100"), 9)


def test_unknown_heading_path_is_not_read():
    text = "四、绩效目标完成情况总体分析\n1.项目资金到位情况分析。信访工作经费项目资金到位 42 万元。\n"
    doc = LoadedDocument("x", "p.txt", "p.txt", "txt", 0, text_to_lines(text))
    meta = DocumentMeta("final_accounts", None, None, None, None, 2022, 2022, "万元")
    found, _ = parse_narrative(doc, meta)
    assert found == []


def test_sample_files_exist():
    assert Path(__file__).resolve().parents[1].joinpath("data", "samples", DOC_000).exists()


def test_flow_drops_a_running_head_between_wrapped_lines():
    head = "景德镇市委信访局 2022 年度部门决算"
    pages = [
        [head, "一、收入决算情况说明", "本部门2022年度收入总计902.93"],
        [head, "万元，较2021年增加165.64万元。"],
        [head, "二、支出决算情况说明"],
    ]
    lines = [Line(text, n, page) for page, texts in enumerate(pages, start=1) for n, text in enumerate(texts, start=1)]
    texts = [p.text for p in flow_paragraphs(lines)]
    assert "本部门2022年度收入总计902.93万元，较2021年增加165.64万元。" in texts
    assert not any("部门决算" in t and "收入总计" in t for t in texts)
