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


def test_the_guide_has_five_queries():
    assert sorted(guide_queries()) == [1, 2, 3, 4, 5]


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
