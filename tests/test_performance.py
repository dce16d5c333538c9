"""Performance evaluations: projects, indicators and subtotals of every layout in the sample corpus."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import DOC_000, DOC_001, DOC_002, DOC_003, DOC_004, parsed

from ingest.model import Line
from ingest.parsers.performance.common import checked_grade, join_wrapped, score_bands
from ingest.parsers.performance.regions import find_tables


def projects(name, kind=None, project=None):
    result = parsed(name)
    return [
        p
        for p in result.projects
        if (kind is None or p.evaluation_kind == kind) and (project is None or p.project_name == project)
    ]


def only(name, kind, project):
    found = projects(name, kind, project)
    assert len(found) == 1, [(p.project_name, p.evaluation_kind) for p in parsed(name).projects]
    return found[0]


def indicators(name, project):
    return [i for i in parsed(name).indicators if i.project_key == project.project_key]


def by_name(rows, level3):
    found = [r for r in rows if r.level3_name == level3]
    assert len(found) == 1, [r.level3_name for r in rows]
    return found[0]


def sums(rows):
    return sum((r.weight or 0 for r in rows), Decimal(0)), sum((r.score or 0 for r in rows), Decimal(0))


# --- flattened self-evaluation tables (PDF text, 000 / 001) ---------------------------------------


def test_flattened_self_evaluation_with_stray_project_cell_and_execution_row():
    project = only(DOC_000, "self_evaluation", "信访稳定工作经费")  # printed "项目名称 项目 信访稳定工作经费"
    assert (project.fiscal_year, project.budget, project.executed) == (2022, Decimal("42"), Decimal("42"))
    assert (project.execution_rate, project.execution_weight, project.execution_score) == (1, 10, 10)
    assert (project.total_weight, project.total_score, project.grade) == (100, 99, None)
    rows = indicators(DOC_000, project)
    assert len(rows) == 19  # 年度资金总额 + 18 indicators
    assert sums(rows[1:]) == (100, 99)  # 总分 100 / 99 leaves the budget-execution row out
    wrapped = by_name(rows, "省级案件化解上报率")  # "指标 1：省级案件化解上报 / 率 / 100% 99.30% 6 6"
    assert (wrapped.level1_name, wrapped.level2_name, wrapped.target_text, wrapped.actual_text) == (
        "产出指标",
        "数量指标",
        "100%",
        "99.30%",
    )
    assert by_name(rows, "严格按预算执行培训计划").target_text == "按计划完成"
    assert by_name(rows, "社会公众满意度").level2_name == "服务对象满意度指标"
    assert (rows[0].level1_name, rows[0].level3_name, rows[0].target_text) == ("预算执行", "年度资金总额", "42")


def test_flattened_self_evaluation_label_printed_after_its_first_indicator():
    project = only(DOC_000, "self_evaluation", "“12345”政务服务热线运营费")
    rows = indicators(DOC_000, project)
    assert by_name(rows, "人员培训合格率").level2_name == "质量指标"  # printed before the 质量指标 label
    volume = by_name(rows, "全年受理咨询量")  # "100000个 110083 / 个 / 6 6"
    assert (volume.target_text, volume.actual_text, volume.weight) == ("100000个", "110083个", 6)
    assert sums(rows[1:]) == (100, 98)


def test_table_year_wins_over_document_year_and_level1_is_inferred():
    project = only(DOC_001, "self_evaluation", "景德镇市政务服务代办中心运转经费")
    assert project.fiscal_year == 2021  # "（ 2021 年度）" inside the 2022 决算
    assert (project.budget, project.executed, project.execution_rate) == (85, Decimal("53.45"), Decimal("0.629"))
    assert (project.execution_weight, project.execution_score) == (10, Decimal("6.29"))
    assert (project.total_weight, project.total_score) == (100, Decimal("91.44"))
    rows = indicators(DOC_001, project)
    assert sums(rows) == (100, Decimal("91.44"))  # here 总分 includes the budget-execution row
    assert by_name(rows, "预约服务事项数").target_text == "0.3万件"  # "0.3万 / 件"
    assert by_name(rows, "优化政务服务和营商环境工作").level1_name == "效益指标"  # cell not printed
    assert by_name(rows, "社会公众满意度度").score == 10  # typo kept as printed


# --- flattened evaluation table with level weights (000) ------------------------------------------


def test_flattened_evaluation_table_levels_weights_grade_and_bands():
    project = only(DOC_000, "department_evaluation", "“12345”热线运行经费")
    assert (project.budget, project.executed, project.execution_rate) == (Decimal("194.59"), Decimal("194.59"), 1)
    assert (project.total_weight, project.total_score, project.grade) == (100, 98, "优")
    bands = json.loads(project.score_bands)
    assert bands[0] == {"grade": "优", "min": 90, "max": 100, "min_inclusive": True}
    assert bands[-1] == {"grade": "差", "min": None, "max": 60, "min_inclusive": False}
    rows = indicators(DOC_000, project)
    assert len(rows) == 20 and sums(rows) == (100, 98)
    first = rows[0]  # "决 策 40 项目立项 8 立项依据充分性 4 4"
    assert (first.level1_name, first.level2_name, first.level3_name, first.weight, first.score) == (
        "决策",
        "项目立项",
        "立项依据充分性",
        4,
        4,
    )
    placeholder = [r for r in rows if r.level2_name == "产出数量"][0]
    assert placeholder.level3_name is None  # template placeholder 可根据项目实际情况有选择地设置和细化
    assert by_name(rows, "社会公众或服务对象满意度").level2_name == "满意度"
    subtotals = [s for s in parsed(DOC_000).subtotals if s.project_key == project.project_key]
    assert ("决策", 40) in [(s.name, s.weight) for s in subtotals if s.level == 1]
    assert any("taken from the stated score bands" in i.message for i in parsed(DOC_000).issues)


# --- prose (001) ---------------------------------------------------------------------------------


def test_report_without_table_scores_indicators_in_prose():
    project = only(DOC_001, "department_evaluation", "行政服务中心运转经费")
    assert (project.budget, project.executed, project.execution_rate) == (701, 701, 1)
    assert (project.total_weight, project.total_score, project.grade) == (100, Decimal("96.02"), "优")
    rows = indicators(DOC_001, project)
    assert sums(rows)[1] == Decimal("96.02")
    partial = by_name(rows, "政务服务进驻部门数")  # "依据评分标准，该指标得 3.33 分": weight not stated
    assert (partial.weight, partial.score, partial.target_text, partial.actual_text) == (
        None,
        Decimal("3.33"),
        "56家",
        "50家",
    )
    funds = by_name(rows, "资金到位率")
    assert (funds.level1_name, funds.level2_name, funds.target_text, funds.actual_text) == (
        "项目过程",
        "资金管理",
        "701 万元",
        "701 万元",
    )
    assert by_name(rows, "管理制度健全性").score == 4  # "该指标满分 4 分"
    assert by_name(rows, "窗口工作人员满意度").actual_text == "94.00%"
    sections = {s.name: (s.weight, s.score) for s in parsed(DOC_001).subtotals if s.project_key == project.project_key}
    assert sections["项目决策"] == (24, 24) and sections["项目效益"] == (22, Decimal("18.69"))


def test_prose_list_of_self_evaluated_projects_and_overall_score():
    listed = [p for p in projects(DOC_001, "self_evaluation") if p.budget is None]
    assert len(listed) == 16
    names = {p.project_name: p.total_score for p in listed}
    assert names["行政服务中心窗口人员奖励经费"] == 100  # "…奖励经费项目绩效自评得分100分"
    assert names["新办企业首套印章免费刻制和免费寄递服务项目"] == Decimal("79.1")
    assert names["景德镇市“智赣119”消防物联网建设应用一期项目"] == 100  # "“智赣 119 ”" spaces removed
    assert names["公共资源交易中心专项经费"] == Decimal("99.86")
    overall = only(DOC_001, "overall_department", "部门整体支出")
    assert (overall.total_score, overall.executed) == (Decimal("97.33"), Decimal("4810.54"))
    whole = only(DOC_000, "overall_department", "部门整体支出")  # "我单位合计得分 98 分，自评结果为：优"
    assert (whole.total_score, whole.grade) == (98, "优")


# --- tab-separated tables (002) ------------------------------------------------------------------


def test_tab_separated_self_evaluation_with_weights_in_level_names():
    project = only(DOC_002, "self_evaluation", "购买服务岗位经费")
    assert (project.budget, project.executed, project.execution_rate) == (155, Decimal("45.51387"), Decimal("0.2936"))
    assert (project.execution_weight, project.execution_score, project.total_weight, project.total_score) == (
        20,
        20,
        100,
        100,
    )
    rows = indicators(DOC_002, project)
    assert sums(rows) == (100, 100)
    quantity = by_name(rows, "项目完成率")  # "时效指标 (3分)" row shifted one column right
    assert (quantity.level1_name, quantity.level2_name, quantity.weight, quantity.score) == (
        "产出指标",
        "时效指标",
        3,
        3,
    )
    satisfaction = by_name(rows, "服务对象满意")
    assert (satisfaction.level1_name, satisfaction.weight) == ("效益指标", 5)  # 满意度 under 效益指标 (40)
    blank = by_name(rows, "生态效益")
    assert (blank.target_text, blank.actual_text, blank.score) == (None, None, 10)


def test_tab_separated_tables_under_one_name_and_a_blank_execution_score():
    tables = projects(DOC_002, "self_evaluation", "12345政务服务热线相关经费")
    assert [p.budget for p in tables] == [74, Decimal("20.928")]
    second = tables[1]
    assert (second.execution_weight, second.execution_score, second.total_score) == (20, None, 100)
    assert sums(indicators(DOC_002, second))[1] == 80  # 得分 cell blank: 自评得分合计 100 only adds up with 20
    typo = by_name(indicators(DOC_002, tables[0]), "提升热线中心服务质量")
    assert typo.actual_text == "1000%"  # as printed (PE-06)


def test_department_overall_score_tables_with_html_and_wrapped_labels():
    first, second = projects(DOC_002, "overall_department")
    assert (first.fiscal_year, first.total_weight, first.total_score) == (2021, 100, None)  # 附件：2021 年度…
    assert (second.fiscal_year, second.total_weight, second.total_score, second.grade) == (2022, 100, 98, "优")
    for project in (first, second):
        rows = indicators(DOC_002, project)
        assert len(rows) == 21 and sums(rows) == (100, 98)
        wrapped = by_name(rows, "项目实际完成率")  # "产出→职责→项目实" + "(20)→履行 (20)→际完成率 (6)"
        assert (wrapped.level1_name, wrapped.level2_name, wrapped.weight, wrapped.score) == ("产出", "职责履行", 6, 6)
        shifted = by_name(rows, "资金使用合规性")  # "预算管理 (15)" printed in the 一级 column
        assert (shifted.level1_name, shifted.level2_name) == ("过程", "预算管理")
        assert by_name(rows, "资产管理完整性").level2_name == "资产管理"  # stray "资产" cell
        assert by_name(rows, "预算完成率").score == 4  # "<p>预算完成率 (5)</p> <p>…"


def test_report_without_table_gives_project_figures():
    project = only(DOC_002, "department_evaluation", "12345热线和数字城管坐席外包服务费")
    assert (project.budget, project.executed, project.execution_rate, project.total_score) == (
        155,
        Decimal("49.74193"),
        Decimal("0.3209"),
        100,
    )
    assert json.loads(project.score_bands)[0]["min"] == 90  # "90 分~100 分（含 90 分）→优"


# --- one cell per line (003) ---------------------------------------------------------------------


def test_one_cell_per_line_table_with_report_figures():
    project = only(DOC_003, "department_evaluation", "热线办理工作经费")
    assert project.fiscal_year == 2025  # 附表1 caption 2025 over the header's 2024
    assert (project.budget, project.executed, project.execution_rate) == (2, Decimal("1.99"), Decimal("0.995"))
    assert (project.total_weight, project.total_score, project.grade) == (100, 97, "优")  # "优秀"
    rows = indicators(DOC_003, project)
    assert len(rows) == 21 and sums(rows) == (100, 97)
    first = rows[0]  # "决策(10分) / 项目立项(7分) / 项目立项规范性\n（1分）"
    assert (first.level1_name, first.level2_name, first.level3_name, first.weight) == (
        "决策",
        "项目立项",
        "项目立项规范性",
        1,
    )
    economic = by_name(rows, "经济效益")
    assert (economic.weight, economic.score) == (6, 3)
    assert economic.deviation_note.startswith("热线工作侧重于保持和促进社会和谐稳定")


# --- Markdown tables with HTML checkboxes (004) ---------------------------------------------------


def test_markdown_tables_targets_then_scores_with_checked_grade():
    target_table, score_table = projects(DOC_004, "department_evaluation", "12345市民热线服务经费")
    assert (score_table.budget, score_table.executed, score_table.execution_rate) == (49, Decimal("48.83"), None)
    assert (score_table.total_weight, score_table.total_score, score_table.grade) == (100, 96, "优")
    assert json.loads(score_table.score_bands)[2] == {"grade": "中", "min": 70, "max": 80, "min_inclusive": True}
    targets = indicators(DOC_004, target_table)
    assert by_name(targets, "预算编制科学性").target_text == "≤49万元"
    assert by_name(targets, "全年完成工单").actual_text == "1799件"
    scores = indicators(DOC_004, score_table)
    assert sums(scores) == (100, 96)
    assert by_name(scores, "配套设施完善率").score == 8


# --- helpers -------------------------------------------------------------------------------------


def test_grade_boxes_and_bands():
    assert checked_grade('优 <input checked="" type="checkbox"/> 良 <input type="checkbox"/>') == "优"
    assert checked_grade("☑优 □良 □中 □差") == "优"
    assert checked_grade("优 良 中 □ 差□") is None
    assert json.loads(score_bands("100-90 (含) 分为优、90-80 (含) 分为良、70 分以下为差"))[1]["min"] == 80


def test_cjk_wrap_joins_and_blank_lines_separate_cells():
    lines = [Line("指标 1：信访部门及时受理", 1), Line("率 100.00% 99.79% 6 6", 2), Line("", 3), Line("较好", 4)]
    assert join_wrapped(lines) == "指标 1：信访部门及时受理率 100.00% 99.79% 6 6 较好"


@pytest.mark.parametrize("name", [DOC_000, DOC_001, DOC_002, DOC_003, DOC_004])
def test_every_table_has_a_title_or_project_and_no_parser_error(name):
    result = parsed(name)
    assert not [i for i in result.issues if i.stage == "parse_performance" and i.severity == "error"]
    for region in find_tables(result.loaded.lines):
        assert region.body
    assert all(p.project_name for p in result.projects)
    assert all(i.source_ref.startswith(name) for i in result.indicators)


def test_report_section_scores_land_on_their_tables_level1_subtotals():
    score_table = projects(DOC_004, "department_evaluation", "12345市民热线服务经费")[1]
    level1 = {
        s.name: (s.weight, s.score)
        for s in parsed(DOC_004).subtotals
        if s.project_key == score_table.project_key and s.level == 1
    }
    assert level1 == {
        "决策": (20, 20),
        "过程": (20, 20),
        "产出": (40, 38),
        "效益": (20, 18),
    }  # "共 40 分，自评得分 38 分"
    overall = projects(DOC_002, "overall_department")[1]
    level1 = {
        s.name: s.score for s in parsed(DOC_002).subtotals if s.project_key == overall.project_key and s.level == 1
    }
    assert level1 == {"投入": 15, "过程": 53, "产出": 20, "效果": 10}  # "本部门在过程上得分为 53 分"


def _pdf_rows(texts):
    return [Line(t, n, 1, tuple(t.split("\t")) if "\t" in t else None) for n, t in enumerate(texts, start=1)]


def test_ruled_pdf_table_rows_are_read_by_column():
    """The standard 项目支出绩效自评表 as the PDF loader gives a ruled table: one tab-joined row per line,
    merged cells blank in the rows they span."""
    from ingest.model import DocumentMeta, LoadedDocument
    from ingest.parsers.performance import parse_performance

    lines = _pdf_rows(
        [
            "项目支出绩效自评表",
            "（2023年度）",
            "项目名称\t社区矫正经费\t\t\t\t\t\t\t",
            "项目资金（万元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率\t得分\t",
            "\t年度资金总额\t30\t32\t31.5\t10\t98.44%\t9.8\t",
            "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "\t产出指标\t数量指标\t指标1：矫正人数\t≥120人\t126人\t20\t20\t",
            "\t\t\t指标2：走访次数\t4次\t4次\t10\t10\t",
            "\t效益指标\t社会效益指标\t指标1：社会稳定\t稳定\t稳定\t60\t58\t个别矫正对象脱管",
            "总分\t\t\t\t\t\t100\t97.8\t",
        ]
    )
    doc = LoadedDocument("x", "x.pdf", "x.pdf", "pdf", 1, lines)
    meta = DocumentMeta("performance_evaluation", None, "某县司法局", "某县", None, 2024, None, "万元")
    (project,), rows, _, _ = parse_performance(doc, meta)
    assert (project.project_name, project.fiscal_year, project.budget, project.executed) == (
        "社区矫正经费",
        2023,
        32,
        Decimal("31.5"),
    )
    assert (project.execution_rate, project.execution_score, project.total_score) == (
        Decimal("0.9844"),
        Decimal("9.8"),
        Decimal("97.8"),
    )
    assert [(r.level2_name, r.level3_name, r.target_text, r.weight) for r in rows[1:3]] == [
        ("数量指标", "矫正人数", "≥120人", 20),
        ("数量指标", "走访次数", "4次", 10),
    ]
    assert rows[3].deviation_note == "个别矫正对象脱管"


def test_pdf_line_numbers_restart_on_every_page():
    """A prose score on page 2 shares its line number with a table row on page 1 and is still read."""
    from ingest.model import DocumentMeta, LoadedDocument
    from ingest.parsers.performance import parse_performance

    page1 = _pdf_rows(
        [
            "项目支出绩效自评表",
            "项目名称\t社区矫正经费\t\t\t",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
            "产出指标\t数量指标\t矫正人数\t≥120人\t126人\t100\t100",
            "总分\t\t\t\t\t100\t100",
        ]
    )
    page2 = [
        Line(text, n, 2)
        for n, text in enumerate(["综合评价结论", "", "", "（1）法律援助经费项目绩效自评得分95分；"], start=1)
    ]
    doc = LoadedDocument("x", "x.pdf", "x.pdf", "pdf", 1, [*page1, *page2])
    meta = DocumentMeta("final_accounts", None, "某县司法局", "某县", None, 2024, None, "万元")
    found, rows, _, _ = parse_performance(doc, meta)
    assert [(p.project_name, p.total_score, p.page_no) for p in found] == [
        ("社区矫正经费", 100, 1),
        ("法律援助经费", 95, 2),
    ]
    assert [r.level3_name for r in rows] == ["矫正人数"]


def test_wrapped_flattened_rows_point_at_the_line_they_start_on():
    """000 lines 617-622: "数量指标" / "指标 1：全年受理咨询量 100000个 110083" / "个" / "6 6" starts on 618;
    lines 700-708: wrapped level labels above "指标 1：社会公众满意度 较好 较好 5 5" (line 708)."""
    hotline = only(DOC_000, "self_evaluation", "“12345”政务服务热线运营费")
    rows = indicators(DOC_000, hotline)
    calls = by_name(rows, "全年受理咨询量")
    assert calls.line_no == 618
    assert calls.source_ref.startswith(f"{DOC_000} | line 618 |")
    assert by_name(rows, "社会公众满意度").line_no == 708
    assert by_name(rows, "严格按预算执行培训计划").line_no == 643  # "指标 2：严格按预算执行培" … "完成 6 6" (652)
    assert by_name(rows, "话务员配备").line_no == 624  # a row on one line


def test_flattened_rows_with_a_deviation_note_and_units_in_their_own_fragment():
    from ingest.parsers.performance.flattened import parse_self_rows

    body = [
        Line(text, n)
        for n, text in enumerate(
            [
                "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
                "产出指标 数量指标 指标 1：培训人次 100 人次 95 人次 10 9 受疫情影响延期",
                "指标 2：会议次数 4 次 4 次 10 10",
            ],
            start=1,
        )
    ]
    rows = parse_self_rows(body)
    assert [(r.level3, r.target, r.actual, r.weight, r.score, r.note) for r in rows] == [
        ("培训人次", "100人次", "95人次", 10, 9, "受疫情影响延期"),
        ("会议次数", "4次", "4次", 10, 10, None),
    ]


def test_a_grade_written_out_is_read_and_a_row_of_options_is_not():
    from ingest.parsers.performance.common import stated_grade

    assert stated_grade("评价等级：优") == "优"
    assert stated_grade("", "总分 100 96 优秀") == "优"
    assert stated_grade("评价等次 优 良 中 □ 差□") is None  # 000: the options, boxes lost
    assert stated_grade("90-100 优 80-90 良") is None  # score bands, not a grade


# --- figures by the header's column labels (DOCX, ruled PDF, tab-separated text) ------------------


def test_docx_scoring_table_reads_scores_from_the_score_column(tmp_path):
    """The DOCX of 003's table: 指标分值 | 评价得分 | 扣分情况 | 扣分原因 after the names, 合计 merged over
    five columns; the score is 评价得分 (not the last figure, 扣分情况) and the total 97 of 100."""
    from fixtures.make_docx import scoring_table_docx

    from ingest.pipeline import process_document

    result = process_document(scoring_table_docx(tmp_path / "scoring_table.docx"))
    (project,) = result.projects
    assert (project.total_weight, project.total_score) == (100, 97)
    assert [(i.level3_name, i.weight, i.score) for i in result.indicators] == [
        ("项目立项规范性", 1, 1),
        ("绩效目标合理性", 2, 2),
        ("绩效指标明确性", 4, 4),
        ("资金到位率", 1, 1),
        ("到位及时率", 2, 2),
    ]


def _perf(lines: list[Line]):
    from ingest.model import DocumentMeta, LoadedDocument
    from ingest.parsers.performance import parse_performance

    doc = LoadedDocument("x", "x.pdf", "x.pdf", "pdf", 1, lines)
    meta = DocumentMeta("performance_evaluation", None, "某县信访局", "某县", None, 2024, None, "万元")
    projects_, rows, _, _ = parse_performance(doc, meta)
    return projects_, rows


SCORE_HEADER = "一级指标\t二级指标\t三级指标\t扣分情况\t评价得分\t指标分值\t扣分原因"
SCORE_ROWS = [
    "决策(10分)\t项目立项(10分)\t项目立项规范性（4分）\t1\t3\t4\t一项不符合",
    "\t\t绩效目标合理性（6分）\t\t6\t6\t",
    "合计\t\t\t1\t9\t10\t",
]


def test_grid_rows_take_figures_from_the_columns_their_header_names():
    """A ruled table whose columns are not in 003's order: 扣分情况 | 评价得分 | 指标分值."""
    lines = _pdf_rows(["绩效评价指标体系及打分表", SCORE_HEADER, *SCORE_ROWS])
    (project,), rows = _perf(lines)
    assert (project.total_weight, project.total_score) == (10, 9)
    assert [(r.level3_name, r.weight, r.score, r.deviation_note) for r in rows] == [
        ("项目立项规范性", 4, 3, "一项不符合"),
        ("绩效目标合理性", 6, 6, None),
    ]


def test_tab_separated_text_rows_take_figures_in_the_header_order():
    """A text dump (cells unknown, blank cells may be lost): the figures of a row, in order, are the
    header's figure columns in order (here 003's 指标分值 | 评价得分 | 扣分情况)."""
    header = "一级指标\t二级指标\t三级指标\t指标解释\t评价标准\t指标分值\t评价得分\t扣分情况\t扣分原因"
    texts = [
        "绩效评价指标体系及打分表",
        header,
        "决策(10分)\t项目立项(10分)\t项目立项规范性（4分）\t是否规范\t一项不符合扣1分。\t4\t3\t1\t一项不符合",
        "\t\t绩效目标合理性（6分）\t是否合理\t一项不符合扣1分。\t6\t6\t0\t",
        "合计\t\t\t\t\t10\t9\t1\t",
    ]
    (project,), rows = _perf([Line(t, n) for n, t in enumerate(texts, start=1)])
    assert (project.total_weight, project.total_score) == (10, 9)
    assert [(r.level3_name, r.weight, r.score, r.deviation_note) for r in rows] == [
        ("项目立项规范性", 4, 3, "一项不符合"),
        ("绩效目标合理性", 6, 6, None),
    ]


def test_tab_separated_self_evaluation_with_weight_and_note_columns():
    """Weights in the level names and also a 分值 column, then 偏差原因: the last run of figures is
    分值, 得分 in the header's order, the text after it the note; a row ending in text has no score."""
    texts = [
        "项目支出绩效自评表",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标 (20分)\t数量指标 (20分)\t培训人次\t100\t95\t10\t9\t受疫情影响延期",
        "效益指标 (10分)\t社会效益指标 (10分)\t社会稳定\t100\t稳定\t\t\t",
    ]
    _, rows = _perf([Line(t, n) for n, t in enumerate(texts, start=1)])
    assert [(r.level3_name, r.target_text, r.actual_text, r.weight, r.score, r.deviation_note) for r in rows] == [
        ("培训人次", "100", "95", 10, 9, "受疫情影响延期"),
        ("社会稳定", "100", "稳定", 10, None, None),  # weight: the only indicator of 社会效益指标 (10分)
    ]


def test_ruled_table_without_level_weights_reads_the_indicator_weight_column():
    """指标分值 (not a bare 分值 after a level column) is the indicator's weight; 扣分 is not the score."""
    lines = _pdf_rows(
        [
            "项目支出绩效评价表",
            "一级指标\t二级指标\t三级指标\t指标分值\t评价得分\t扣分情况",
            "决策\t项目立项\t立项依据充分性\t4\t3\t1",
            "\t\t立项程序规范性\t6\t6\t0",
            "总分\t\t\t10\t9\t1",
        ]
    )
    (project,), rows = _perf(lines)
    assert (project.total_weight, project.total_score) == (10, 9)
    assert [(r.level3_name, r.weight, r.score) for r in rows] == [("立项依据充分性", 4, 3), ("立项程序规范性", 6, 6)]


def test_a_counted_budget_row_with_a_blank_score_fails_pe02(tmp_path):
    """002 line 463: 预算执行情况 (20分) counts in 自评得分合计 100 (line 477) but its 得分 is blank; the
    indicators score 80. PE-02 reports the table (acknowledged as a source error), not a pass."""
    import duckdb

    from expectations.acknowledgements import load_registry
    from expectations.checks import compute_checks
    from ingest.landing.duckdb_writer import write_raw
    from ingest.landing.rows import rows_by_table

    result = parsed(DOC_002)
    db = tmp_path / "checked.duckdb"  # not raw.duckdb: its catalog would shadow the raw schema
    write_raw(db, rows_by_table(result))
    con = duckdb.connect(str(db))
    try:
        checks = compute_checks(con)
    finally:
        con.close()
    pe02 = checks[checks["rule_id"] == "PE-02"].set_index("subject")
    subject = "#4 12345政务服务热线相关经费: Σ 指标得分 = 总得分"
    row = pe02.loc[subject]
    assert (float(row["lhs_value"]), float(row["rhs_value"])) == (80, 100) and float(row["excess"]) > 0
    assert "得分 is blank" in row["source_ref"]
    assert float(pe02.loc["#3 12345政务服务热线相关经费: Σ 指标得分 = 总得分", "excess"]) <= 0
    assert (result.loaded.document_id, "PE-02", subject) in {entry.key for entry in load_registry()}
