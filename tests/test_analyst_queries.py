"""The README's analyst queries run as printed against the warehouse built from data/samples."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT
from sample_build import sample_warehouse

pytestmark = pytest.mark.build


def guide_queries(readme: Path = ROOT / "README.md") -> dict[int, str]:
    """The ```sql blocks of the "## Analyst guide" section, by the number of their first comment."""
    text = readme.read_text(encoding="utf-8")
    section = text.split("## Analyst guide", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, flags=re.S)
    return {int(re.match(r"-- (\d+)\.", block).group(1)): block for block in blocks}


def run(number: int) -> list[dict]:
    """Rows of guide query ``number`` (round() gives doubles: 万元 figures compare as floats)."""
    con = duckdb.connect(str(sample_warehouse()), read_only=True)
    try:
        cursor = con.execute(guide_queries()[number])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def test_the_guide_has_its_queries():
    assert sorted(guide_queries()) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]


def test_cross_city_hotline_comparison():
    rows = {(r["jurisdiction_name"], r["fiscal_year"]): r for r in run(1)}
    assert set(rows) == {("景德镇市", 2022), ("天门市", 2022), ("富民县", 2025), ("子洲县", 2021)}
    tianmen = rows[("天门市", 2022)]
    assert (tianmen["spending_wan"], tianmen["spending_basis"], tianmen["unit_cost_yuan"]) == (
        218.56,
        "department_total",
        None,
    )
    jingdezhen = rows[("景德镇市", 2022)]
    assert (jingdezhen["spending_wan"], jingdezhen["service_volume"], jingdezhen["service_volume_unit"]) == (
        194.59,
        Decimal(110083),
        "个",
    )
    assert jingdezhen["unit_cost_yuan"] == Decimal("17.68")  # 1 945 900 元 / 110 083 calls
    assert rows[("富民县", 2025)]["unit_cost_yuan"] == Decimal("5.25")  # 19 900 元 / 3 794 cases
    assert rows[("子洲县", 2021)]["unit_cost_yuan"] == Decimal("271.43")  # 488 300 元 / 1 799 work orders
    # three different things counted: no unit cost is comparable with another
    assert not any(r["is_volume_comparable"] for r in rows.values())


def test_hotline_lines_carry_their_sources():
    rows = {(r["jurisdiction_name"], r["fiscal_year"]): r for r in run(2)}
    jingdezhen = rows[("景德镇市", 2022)]
    assert jingdezhen["evaluations_merged"] == 2  # self-evaluation and department evaluation: one line
    assert jingdezhen["project_name"] == "“12345”政务服务热线运营费"
    assert jingdezhen["source_ref"].startswith("000_a19997e405ff60dc.txt | line ")
    assert "全年受理咨询量" in jingdezhen["service_volume_source_ref"]
    assert rows[("富民县", 2025)]["service_volume_source_ref"].startswith("003_206130ca332d3ec9.txt | line 33")
    assert rows[("天门市", 2022)]["project_name"] is None


def test_current_expenditure_per_department():
    rows = {r["department_name"]: r for r in run(3)}
    tianmen = rows["天门市12345公共服务热线中心"]
    assert (tianmen["current_expenditure_wan"], tianmen["source"]) == (218.56, "table")
    assert rows["景德镇市委信访局"]["current_expenditure_wan"] == 900.56


def test_expenditure_by_function_class():
    rows = [r for r in run(4) if r["department_name"] == "天门市12345公共服务热线中心"]
    assert [(r["function_code"], r["total_wan"], r["share_pct"]) for r in rows][:2] == [
        ("201", 216.73, 99.2),
        ("221", 1.83, 0.8),
    ]


def test_indicators_that_lost_points():
    rows = run(5)
    assert rows, "no indicator lost points"
    assert all(r["score"] < r["weight"] for r in rows)
    lost = {(r["jurisdiction_name"], r["level3_name"], r["weight"], r["score"]) for r in rows}
    assert ("子洲县", "配套设施完善率", 10, 8) in lost  # 004: 产出质量 配套设施完善率 10 分, 得 8 分


def test_three_public_by_department_with_budget_final_and_change():
    rows = {(r["department_name"], r["item_name"]): r for r in run(6)}
    total = rows[("景德镇市委信访局", "“三公”经费")]  # 000 line 134: 全年预算数为4.59万元，决算数为7.28万元
    assert (total["budget_wan"], total["budget_basis"], total["final_wan"]) == (4.59, "full_year", 7.28)
    assert (total["completion_pct"], total["change_wan"], total["change_pct"]) == (
        Decimal("158.61"),
        2.69,
        Decimal("58.61"),
    )
    assert (total["compared_year"], total["final_source"]) == (2021, "narrative")
    # 001 prints 公开09: the table wins; the change is the narrative's, signed (减少0.2万元，下降28.57%)
    reception = rows[("景德镇市人民政府行政服务中心管理委员会", "公务接待费")]
    assert (reception["budget_wan"], reception["final_wan"], reception["final_source"]) == (2.4, 0.7, "table")
    assert (reception["change_wan"], reception["change_pct"]) == (-0.2, Decimal("-28.57"))
    assert reception["source_ref"].startswith("001_ba354a0d5473f1fe.txt | line 193 | 公开09")
    # a change printed without its rate ("增加4.23万元，增长%") keeps the amount, not a guessed rate
    operation = rows[("景德镇市委信访局", "公务用车运行维护费")]
    assert (operation["change_wan"], operation["change_pct"], operation["completion_pct"]) == (
        4.23,
        None,
        Decimal("261.39"),
    )


def test_budget_against_final_by_function_class():
    rows = {(r["department_name"], r["function_code"]): r for r in run(7)}
    general = rows[("景德镇市委信访局", "201")]  # 000 line 76: 年初预算数为562.41万元，决算数为808.79万元
    assert (general["budget_initial_wan"], general["final_wan"], general["completion_pct"]) == (562.41, 808.79, 143.81)
    assert general["stated_completion_pct"] == Decimal("143.81")
    # 001 prints 108.68% where 1707.45 / 1571.75 is 108.63% (NA-04 reports it)
    stated = rows[("景德镇市人民政府行政服务中心管理委员会", "201")]
    assert (stated["completion_pct"], stated["stated_completion_pct"]) == (108.63, Decimal("108.68"))


def test_department_expenditure_by_class_item_and_sub_item():
    rows = run(8)
    assert [(r["function_code"], r["function_level"], r["final_wan"]) for r in rows][:3] == [
        ("201", 1, 216.73),
        ("20103", 2, 216.73),
        ("2010301", 3, 91.42),
    ]
    assert {r["figure_source"] for r in rows} == {"table"}
    assert rows[0]["source_ref"].startswith("002_17f0692d4eecb2d0.txt | line 129 | 支出决算表")


def test_documents_read_in_part_say_why():
    rows = run(9)
    why = {(r["file_name"], r["kind"], r["detail"]) for r in rows}
    assert ("000_a19997e405ff60dc.txt", "standard table not found (acknowledged)", "公开表: 收入支出决算总表") in why
    warned = [r for r in rows if r["file_name"] == "003_206130ca332d3ec9.txt"]
    assert [r["kind"] for r in warned] == ["ingest warn"]
    assert "caption says 2025, table title says 2024" in warned[0]["detail"]
    assert "002_17f0692d4eecb2d0.txt" not in {r["file_name"] for r in rows}  # read whole


def test_indicators_that_missed_their_targets():
    rows = run(10)
    missed = {(r["jurisdiction_name"], r["level3_name"]): r for r in rows}
    # 004 prints targets and points in two tables: one row carries both
    satisfaction = missed[("子洲县", "社会公众或服务对象满意度")]
    assert (satisfaction["target_text"], satisfaction["actual_text"]) == ("≥95%", "90%")
    assert (satisfaction["comparison_operator"], satisfaction["comparison_operator_basis"]) == (">=", "printed")
    assert (satisfaction["weight"], satisfaction["score"]) == (10, 8)
    assert satisfaction["target_source_ref"].startswith("004_ecf4f4267058fbb0.txt | line 78 |")
    # 000: 100% asked, 99.30% reached: missed although the table gives full points
    reported = missed[("景德镇市", "省级案件化解上报率")]
    assert (reported["actual_text"], reported["weight"], reported["score"]) == ("99.30%", 6, 6)
    # "≤49万元" against "48.83万元" is met, not a miss
    assert ("子洲县", "投入资金≤49万元") not in missed and ("子洲县", "预算编制科学性") not in missed
    assert ("子洲县", "全年完成工单") not in missed  # ≥300件, 1799件
