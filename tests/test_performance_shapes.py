"""Performance tables copied from web pages with a pipe after every cell (placeholder rows, cells
spanning rows), and hotline projects a self-evaluation report names only in its prose."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from conftest import corpus_file

from ingest.loading.text import text_to_lines
from ingest.model import Line, LoadedDocument
from ingest.parsers.performance.pipe_rows import regroup
from ingest.parsers.performance.prose import hotline_projects
from ingest.pipeline import process_document

EZHOU = "hb_ezhou_xzspj_2021_perf_selfeval_table.txt"


@cache
def ezhou():
    return process_document(corpus_file("more", EZHOU))


def test_pipe_separated_self_evaluation_table():
    result = ezhou()
    (project,) = result.projects
    assert (project.project_name, project.evaluation_kind, project.fiscal_year) == (
        "市民中心运行维护费",
        "self_evaluation",
        2021,
    )
    assert (project.budget, project.executed, project.execution_rate) == (
        Decimal("150"),
        Decimal("125.25"),
        Decimal("0.835"),
    )
    assert project.department_name == "鄂州市行政审批局"
    rows = [
        (i.level1_name, i.level2_name, i.level3_name, i.target_text, i.actual_text, i.weight, i.score)
        for i in result.indicators
        if i.level3_name != "年度资金总额"
    ]
    assert rows == [
        ("产出指标", "数量指标", "预算执行率", "100%", "83.5%", Decimal(20), Decimal(18)),
        ("产出指标", "数量指标", "预算资金拨款率", "100%", "100%", Decimal(10), Decimal(10)),
        ("产出指标", "质量指标", "政务服务工作办结率", "100%", "100%", Decimal(10), Decimal(10)),
        ("产出指标", "质量指标", "大厅业务日常考核结果", "100%", "100%", Decimal(10), Decimal(10)),
        ("产出指标", "成本指标", "市民中心运行维护费", "150万", "150万", Decimal(10), Decimal(10)),
        ("效益指标", "经济效益指标", "大厅运行正常率", "100%", "100%", Decimal(10), Decimal(10)),
    ]
    first = next(i for i in result.indicators if i.level3_name == "预算执行率")
    assert first.source_ref == f"{EZHOU} | line 74 | 项目支出绩效自评表 | 预算执行率"


def test_pipe_rows_are_rebuilt_and_right_aligned_under_their_header():
    text = "\n".join(
        [
            "绩 效 指 标 |",
            "一级指标 |",
            "二级指标 |",
            "三级指标 |",
            "||||",
            "产出指标 |",
            "数量指标 |",
            "预算执行率 |",
            "|||||",
            "预算资金拨款率 |",
            "||||||",
            "|",
            "|",
            "||||||",
            "发文单位: | 鄂州市行政审批局 | 发布日期: | 2022年11月04日 | ||",
        ]
    )
    rows = [line.cells for line in regroup(text_to_lines(text))]
    assert rows == [
        ("绩 效 指 标", "一级指标", "二级指标", "三级指标"),
        ("", "产出指标", "数量指标", "预算执行率"),
        ("", "", "", "预算资金拨款率"),
        ("", "", "", ""),
        ("发文单位:", "鄂州市行政审批局", "发布日期:", "2022年11月04日", "", ""),
    ]


def test_text_without_pipe_rows_is_left_as_it_is():
    lines = text_to_lines("一级指标\t二级指标\n产出 | 数量\n")
    assert regroup(lines) == lines


def test_a_hotline_project_named_in_prose_with_its_amounts():
    (draft,) = hotline_projects(
        [Line("12345政务服务便民热线运行维护项目全年预算200万元，实际支出199.56万元，预算执行率99.78%。", 7)], 2021
    )
    assert (draft.name, draft.budget, draft.executed, draft.line.line_no) == (
        "12345政务服务便民热线运行维护项目",
        Decimal("200"),
        Decimal("199.56"),
        7,
    )
    (spent,) = hotline_projects([Line("2021年度，12345政务服务便民热线运行经费支出199.56万元。", 1)], 2021)
    assert (spent.name, spent.budget, spent.executed) == ("12345政务服务便民热线运行经费", None, Decimal("199.56"))


def test_an_amount_without_a_word_saying_what_it_is_is_not_read():
    assert hotline_projects([Line("12345政务服务便民热线199.56万元。", 1)], 2021) == []


def test_a_self_evaluation_report_lands_its_prose_hotline_project():
    text = "\n".join(
        [
            "鄂州市行政审批局2021年度部门整体支出绩效自评报告",
            "一、部门基本情况",
            "2021年度，我局12345政务服务便民热线运行经费支出199.56万元，全年受理群众来电12.5万个。",
        ]
    )
    lines = text_to_lines(text)
    doc = LoadedDocument("x", "report.txt", "report.txt", "txt", 0, lines)
    from ingest.layout.metadata import read_metadata
    from ingest.parsers.performance import parse_performance

    meta = read_metadata(lines)
    assert meta.doc_type == "performance_evaluation"
    projects, _, _, _ = parse_performance(doc, meta)
    assert [(p.project_name, p.executed, p.fiscal_year) for p in projects] == [
        ("12345政务服务便民热线运行经费", Decimal("199.56"), 2021)
    ]
    assert projects[0].source_ref.startswith("report.txt | line 3")
