"""Level-1 weights printed in merged cells: one figure beside several consecutive level-1 names spans them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import DOC_000, DOC_004, parsed

from ingest.model import Line
from ingest.parsers.performance.common import IndicatorRow, ProjectDraft, SubtotalRow
from ingest.parsers.performance.merged_weights import level_key, mark_spanning_weights


def _spans(name: str, project_name: str) -> dict[str, int]:
    result = parsed(name)
    keys = {p.project_key for p in result.projects if p.project_name == project_name}
    return {s.name: s.spans for s in result.subtotals if s.project_key in keys and s.level == 1}


def test_000_merged_level1_weights_span_the_groups_they_are_printed_beside():
    """000 lines 941-1002: 决策 40 = 决策 24 + 过程 16 (过程 prints none); 产出 60 = 产出 28 + 效益 32."""
    assert _spans(DOC_000, "“12345”热线运行经费") == {"决策": 2, "过程": 1, "产出": 2, "效益": 1}


def test_004_weights_that_are_their_own_groups_sums_span_one_group():
    """004 lines 145-161: 决策 20, 过程 20, 产出 40, 效益 20, each the sum of its own indicators."""
    assert set(_spans(DOC_004, "12345市民热线服务经费").values()) == {1}


def _draft(groups: list[tuple[str, str | None, list[str]]]) -> ProjectDraft:
    """A table of level-1 groups: (name, printed weight, indicator weights)."""
    draft = ProjectDraft("p", "department_evaluation", 2022, Line("t", 1))
    line_no = 1
    for name, weight, weights in groups:
        line_no += 1
        draft.subtotals.append(SubtotalRow(1, name, Decimal(weight) if weight else None, None, Line(name, line_no)))
        for w in weights:
            line_no += 1
            row = IndicatorRow(
                f"{name[0]} {name[1:]} (10分)", "l2", "l3", None, None, Decimal(w), None, None, Line(w, line_no)
            )
            draft.indicators.append(row)
    return draft


@pytest.mark.parametrize(
    ("groups", "spans"),
    [
        pytest.param([("决策", "40", ["4", "20"]), ("过程", None, ["10", "6"])], [2, 1], id="two groups"),
        pytest.param(
            [("产出", "60", ["28"]), ("效益", None, ["28"]), ("满意度", None, ["4"])], [3, 1, 1], id="three groups"
        ),
        pytest.param([("决策", "24", ["24"]), ("过程", None, ["16"])], [1, 1], id="own sum"),
        pytest.param([("决策", "40", ["24"]), ("过程", "16", ["16"])], [1, 1], id="next group prints its weight"),
        pytest.param([("决策", "41", ["24"]), ("过程", None, ["16"])], [1, 1], id="no sum of groups"),
        pytest.param([("决策", "40", ["24"]), ("过程", None, ["16"]), ("决策", None, ["1"])], [1, 1, 1], id="repeated"),
        pytest.param([("决策", "40", ["24"]), ("过程", None, [])], [1, 1], id="group without indicators"),
    ],
)
def test_a_weight_equal_to_the_sum_of_consecutive_unweighted_groups_spans_them(groups, spans):
    draft = _draft(groups)
    mark_spanning_weights(draft)
    assert [s.spans for s in draft.subtotals] == spans


def test_level_names_compare_without_whitespace_and_printed_weights():
    assert level_key("产出指标 (40分)") == level_key("产 出指标（40 分）") == "产出指标"
