"""Hotline service volumes: what the documents state, and what is not a volume."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import DOC_000, DOC_001, DOC_002, DOC_003, DOC_004, parsed

from ingest.model import Line, PerfIndicator
from ingest.parsers.service_volume import measure_of, volume_from_indicator, volumes_in_sentence


def _indicator(level3: str, target: str | None, actual: str | None, project_key: int = 1) -> PerfIndicator:
    return PerfIndicator(
        project_key,
        1,
        "产出指标",
        "数量指标",
        level3,
        target,
        actual,
        Decimal(6),
        Decimal(6),
        None,
        601,
        None,
        "x | line 601",
    )


def test_prose_volume_of_003_is_cases_handed_over():
    volumes = parsed(DOC_003).service_volumes
    prose = [v for v in volumes if v.project_key is None]
    assert [(v.measure, v.value, v.unit, v.line_no) for v in prose] == [("cases_handled", Decimal(3794), "件", 33)]
    assert "共办理12345政务热线交办件3794件" in prose[0].context
    assert prose[0].source_ref.startswith(f"{DOC_003} | line 33")


def test_indicator_volume_takes_the_completed_value_and_the_targets_unit():
    # 000 line 618: "指标 1：全年受理咨询量 100000个 110083" with "个" wrapped onto the next line.
    volume = volume_from_indicator(_indicator("指标 1：全年受理咨询量", "100000个", "110083"))
    assert volume is not None
    assert (volume.measure, volume.label, volume.value, volume.unit) == (
        "calls_accepted",
        "全年受理咨询量",
        110083,
        "个",
    )


def test_work_orders_of_004():
    volume = volume_from_indicator(_indicator("全年完成工单", "≥300件", "1799件"))
    assert volume is not None
    assert (volume.measure, volume.value, volume.unit) == ("work_orders", 1799, "件")


@pytest.mark.parametrize(
    ("level3", "target", "actual"),
    [
        ("热线接通率", "99%", "99.35%"),  # a rate
        ("群众满意率", "95%", "95%以上"),
        ("预算编制科学性", "≤49万元", "48.83万元"),  # money
        ("坐席人员安排及时", "及时", "及时"),  # not a number
    ],
)
def test_rates_money_and_words_are_not_volumes(level3, target, actual):
    assert volume_from_indicator(_indicator(level3, target, actual)) is None


def test_operators_are_staff_not_service():
    volume = volume_from_indicator(_indicator("指标 2：话务员配备", "32 人", "32 人"))
    assert volume is not None and volume.measure == "operators"
    assert measure_of("话务员配备", "人").measure == "operators"


def test_table_rows_are_not_read_as_prose():
    # 004 prints the work orders in tab-separated table rows (lines 64, 73), 000 in "指标 N：" rows:
    # only the indicator parser may read them, with the completed value, never the target.
    for name in (DOC_000, DOC_004):
        assert [v for v in parsed(name).service_volumes if v.project_key is None] == []


def _volumes(name: str) -> list[tuple]:
    result = parsed(name)
    projects = {p.project_key: p.project_name for p in result.projects}
    return [(v.measure, v.value, v.unit, projects.get(v.project_key), v.line_no) for v in result.service_volumes]


def test_volumes_of_000_come_from_the_self_evaluation_table():
    # 指标 1：全年受理咨询量 100000个 110083 个 (line 618); 指标 2：话务员配备 32 人 (staff)
    assert _volumes(DOC_000) == [
        ("calls_accepted", 110083, "个", "“12345”政务服务热线运营费", 618),
        ("operators", 32, "人", "“12345”政务服务热线运营费", 624),
    ]
    assert parsed(DOC_000).service_volumes[0].source_ref.startswith(f"{DOC_000} | line 618 |")


def test_volume_of_004_is_the_completed_work_orders():
    # 产出数量 | 全年完成工单 | ≥300件 | 1799件 (line 73): the completed value, not the target
    assert _volumes(DOC_004) == [("work_orders", 1799, "件", "12345市民热线服务经费", 73)]


def test_documents_without_a_hotline_volume():
    # 002 prints 热线接通率 99.35% and 群众满意率 99.8%: rates, not volumes; 001 no hotline count
    assert _volumes(DOC_002) == []
    assert _volumes(DOC_001) == []


def test_counts_printed_in_wan():
    # 万 multiplies a count; a count must still carry a count unit (2万 alone is money).
    volumes = volumes_in_sentence(Line("12345热线全年接听来电3.2万个，接通率99%。", 7), "x.txt")
    assert [(v.measure, v.value, v.unit, v.printed) for v in volumes] == [("calls_accepted", 32000, "个", "3.2万个")]
    assert volumes_in_sentence(Line("12345热线运行经费2万元", 8), "x.txt") == []
    assert volume_from_indicator(_indicator("全年受理来电量", "10万个", "12.5万个")).value == 125000
