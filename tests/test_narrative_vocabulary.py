"""The narrative vocabulary seeds, entry by entry, and the wording of other provinces' 情况说明:
enumerations ("各是 A、B"), numbered items ("1、收入:"), "其中" lists, clauses that are not totals,
and figures whose subject is not understood (landed as unclassified with their sentence)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import pytest
from conftest import corpus_file

from ingest.loading.text import text_to_lines
from ingest.model import DocumentMeta, LoadedDocument, NarrativeFigure
from ingest.parsers.narrative import UNCLASSIFIED, parse_narrative
from ingest.pipeline import process_document
from ingest.seeds import read_seed

# A heading that opens each section a subject can be read in.
HEADINGS = {
    "overview": "一、收入支出决算总体情况说明",
    "income": "二、收入决算情况说明",
    "expenditure": "三、支出决算情况说明",
    "fiscal_overview": "四、财政拨款收入支出决算总体情况说明",
    "fiscal_expenditure": "五、一般公共预算财政拨款支出决算情况说明",
    "basic": "六、一般公共预算财政拨款基本支出决算情况说明",
    "three_public": "七、财政拨款“三公”经费支出决算情况说明",
    "operating": "八、机关运行经费支出情况说明",
    "procurement": "九、政府采购支出情况说明",
}
META = DocumentMeta("final_accounts", None, None, None, None, 2022, 2022, "万元")


def read(section: str, *sentences: str) -> tuple[list[NarrativeFigure], list]:
    text = "\n".join([HEADINGS[section], *sentences]) + "\n"
    doc = LoadedDocument("x", "x.txt", "x.txt", "txt", 0, text_to_lines(text))
    return parse_narrative(doc, META)


def got(figures: list[NarrativeFigure]) -> dict[tuple[str, str], list[Decimal]]:
    found: dict[tuple[str, str], list[Decimal]] = {}
    for f in figures:
        found.setdefault((f.metric, f.measure), []).append(f.value)
    return found


SUBJECTS = read_seed("ref_narrative_subjects")


@pytest.mark.parametrize("row", SUBJECTS, ids=lambda r: f"{r['metrics']}:{r['phrase']}")
def test_every_subject_reads_its_example(row):
    sections = row["sections"].split()
    assert set(sections) <= set(HEADINGS)
    assert re.search(row["phrase"], "".join(row["example"].split())), "the phrase does not match its example"
    for section in sections:
        figures, _ = read(section, row["example"])
        metrics = {f.metric for f in figures}
        wanted = {"fiscal_final"} if row["kind"] == "fiscal" else set(row["metrics"].split())
        assert wanted <= metrics, f"{section}: {sorted(metrics)}"


def test_subject_phrases_are_unique():
    keys = [(r["phrase"], r["sections"]) for r in SUBJECTS]
    assert len(keys) == len(set(keys))


CLAUSES = read_seed("ref_narrative_clauses")


@pytest.mark.parametrize("row", [r for r in CLAUSES if r["role"] == "enumeration"], ids=lambda r: r["word"])
def test_every_enumeration_word_gives_each_subject_its_figure(row):
    assert row["word"] in row["example"]
    figures, issues = read("overview", row["example"])
    by_measure: dict[str, dict[str, Decimal]] = {}
    for f in figures:
        assert f.metric != UNCLASSIFIED
        by_measure.setdefault(f.measure, {})[f.metric] = f.value
    assert by_measure and not issues
    for values in by_measure.values():
        assert len(values) == 2 and len(set(values.values())) == 2, values


@pytest.mark.parametrize("row", [r for r in CLAUSES if r["role"] == "not_a_total"], ids=lambda r: r["word"])
def test_every_clause_that_is_not_a_total_lands_unclassified(row):
    assert row["word"] in row["example"]
    figures, _ = read("overview", row["example"])
    assert [(f.metric, f.value) for f in figures] == [(UNCLASSIFIED, Decimal("315"))]
    assert figures[0].context == row["example"]


def test_totals_listed_with_each():
    figures, _ = read(
        "overview",
        "2022年度收、支总计各是4125.49,4143.91万元。与2021年相比,收、支总计各减少1267.86,2570.97万元,各下降23.51%、38.28%。",
    )
    assert got(figures) == {
        ("income_total", "amount"): [Decimal("4125.49")],
        ("expenditure_total", "amount"): [Decimal("4143.91")],
        ("income_total", "change_amount"): [Decimal("-1267.86")],
        ("expenditure_total", "change_amount"): [Decimal("-2570.97")],
        ("income_total", "change_rate"): [Decimal("-23.51")],
        ("expenditure_total", "change_rate"): [Decimal("-38.28")],
    }


def test_a_list_that_does_not_match_its_subjects_is_reported_not_guessed():
    figures, issues = read("overview", "2022年度收、支总计各是4125.49,4143.91,12万元。")
    assert [f for f in figures if f.metric != UNCLASSIFIED] == []
    assert any("3 figures listed for 2 subjects" in i.message for i in issues)


def test_numbered_items_and_their_parts():
    figures, _ = read(
        "overview",
        "1、收入:792.22万元",
        "2、支出:799.12万元。其中:人员经费支出434.89万元,公用经费支出77.4万元,项目支出286.83万元",
    )
    found = got(figures)
    assert found[("current_income", "amount")] == [Decimal("792.22")]
    assert found[("current_expenditure", "amount")] == [Decimal("799.12")]
    assert found[("personnel_expenditure", "amount")] == [Decimal("434.89")]
    assert found[("public_expenditure", "amount")] == [Decimal("77.4")]
    assert found[("project_expenditure", "amount")] == [Decimal("286.83")]


def test_a_figure_whose_subject_is_not_understood_lands_unclassified_with_its_sentence():
    sentence = "2022年度收入总计902.93万元，另有往来款项12.5万元。"
    figures, _ = read("income", sentence)
    assert [(f.metric, f.value) for f in figures] == [
        ("income_total", Decimal("902.93")),
        (UNCLASSIFIED, Decimal("12.5")),
    ]
    assert figures[1].context == sentence
    assert figures[1].source_ref == "x.txt | line 2 | 二、收入决算情况说明"


@cache
def more(name: str):
    return process_document(corpus_file("more", name))


def test_sichuan_unit_narrative_figures():
    found = got(more("sc_unknown_unit_2022_final_narrative.txt").narrative)
    assert found[("income_total", "amount")] == [Decimal("4125.49")]
    assert found[("expenditure_total", "amount")] == [Decimal("4143.91")]
    assert found[("expenditure_total", "change_rate")] == [Decimal("-38.28")]
    assert found[("current_income", "amount")] == [Decimal("4125.49")]
    assert found[("general_budget_income", "amount")] == [Decimal("3859.16")]
    assert found[("other_income", "amount")] == [Decimal("266.33")]
    assert found[("current_expenditure", "amount")] == [Decimal("4143.91")]
    assert found[("basic_expenditure", "amount")] == [Decimal("1140.27")]
    assert found[("project_expenditure", "amount")] == [Decimal("3003.64")]
    assert found[("project_expenditure", "share")] == [Decimal("72.48")]


def test_traditional_character_narrative_figures():
    result = more("gs_tianshui_kindergarten_2017_final_trad.txt")
    found = got(result.narrative)
    assert found[("current_income", "amount")] == [Decimal("1687.45")]
    assert found[("fiscal_appropriation_income", "amount")][0] == Decimal("1516.64")
    assert found[("business_income", "amount")] == [Decimal("170.81")]
    assert found[("current_expenditure", "amount")] == [Decimal("1942.57")]
    assert found[("basic_expenditure", "amount")] == [Decimal("1121.09")]
    assert found[("project_expenditure", "amount")] == [Decimal("821.48")]
    assert found[("general_budget_income", "amount")] == [Decimal("1486.64")]
    assert found[("government_fund_income", "amount")] == [Decimal("30")]
    assert found[("fiscal_final", "amount")] == [Decimal("1741.75")]
    assert found[("fiscal_final", "completion_rate")] == [Decimal("100")]
    education = [f for f in result.narrative if f.metric == "category_budget_vs_final" and f.measure == "final"]
    assert [(f.subject, f.value) for f in education] == [("教育支出", Decimal("1595.95"))]
    # "决算数大于预算数55.93万元": a difference, not the subject's figure
    assert found[(UNCLASSIFIED, "amount")] == [Decimal("55.93")]
