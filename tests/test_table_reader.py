"""The table reader on small generated documents, one failure class each: glyph boxes tight to the
ink, compatibility characters, tables without ruling lines, continuation pages, codes over
类 | 款 | 项, names without codes, and readings the accounting identities decide."""

from __future__ import annotations

import dataclasses
import re
import sys
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

from draw_pdf import Table, Text, draw_pdf  # noqa: E402

from docgen import answer_key, corpus, render_reportlab, render_text  # noqa: E402
from docgen.catalogue import PLAIN  # noqa: E402
from ingest.layout.tables import TableBlock  # noqa: E402
from ingest.loading import load_document  # noqa: E402
from ingest.loading.text import TEXT_EM, TEXT_LINE_PITCH, aligned_spans, text_to_lines  # noqa: E402
from ingest.model import Line  # noqa: E402
from ingest.parsers.templates import SPECS  # noqa: E402
from ingest.pipeline import process_document  # noqa: E402


@pytest.fixture
def ink_boxes(monkeypatch):
    """pdfium as it reads fonts without metrics: every character's box is tight to its ink."""
    tight = pdfium.PdfTextPage.get_charbox
    monkeypatch.setattr(pdfium.PdfTextPage, "get_charbox", lambda self, index, loose=False: tight(self, index))


def _values(result) -> dict[tuple[str, str | None, str], Decimal | None]:
    return {(v.table_key, v.row_key, v.column_key): v.amount.value if v.amount else None for v in result.values}


SUMMARY_ROWS = [
    ["项目", "金额", "项目", "金额"],
    ["一、一般公共预算财政拨款收入", "2,284.45", "一、一般公共服务支出", "2,284.45"],
    ["本年收入合计", "2284.45", "本年支出合计", "2284.45"],
    ["总计", "2284.45", "总计", "2284.45"],
]


def test_glyphs_with_ink_tight_boxes_stay_on_their_line(tmp_path, ink_boxes):
    path = draw_pdf(
        tmp_path / "tight.pdf",
        [
            [
                Text("一般公共预算财政拨款支出决算表", align="center", size=14),
                Text("单位：万元", align="right"),
                Table(SUMMARY_ROWS, [150, 70, 150, 70]),
            ]
        ],
    )
    lines = load_document(path).lines
    assert [line.text for line in lines[:2]] == ["一般公共预算财政拨款支出决算表", "单位：万元"]
    assert lines[3].cells == ("一、一般公共预算财政拨款收入", "2284.45", "一、一般公共服务支出", "2284.45")


def test_summary_table_with_ink_tight_boxes_reads_its_figures(tmp_path, ink_boxes):
    path = draw_pdf(
        tmp_path / "summary.pdf",
        [
            [
                Text("收入支出决算总表", align="center", size=14),
                Text("单位：万元", align="right"),
                Table(SUMMARY_ROWS, [150, 70, 150, 70]),
            ]
        ],
    )
    got = _values(process_document(path))
    assert got[("income_expenditure_summary", "general_budget_income", "amount")] == Decimal("2284.45")
    assert got[("income_expenditure_summary", "201", "amount")] == Decimal("2284.45")


EXPENDITURE_HEADER = [
    [
        "科目编码",
        "科目名称",
        "本年支出\n合计",
        "基本支出",
        "项目支出",
        "上缴上级\n支出",
        "经营支出",
        "对附属单位\n补助支出",
    ]
]
EXPENDITURE_WIDTHS = [55, 140, 55, 55, 55, 50, 50, 55]
EXPENDITURE_PAGE_1 = [
    ["", "合计", "3,040.00", "1,040.00", "2,000.00", "", "", ""],
    ["201", "一般公共服务支出", "3,000.00", "1,000.00", "2,000.00", "", "", ""],
    ["20103", "政府办公厅（室）及相关机构事务", "3,000.00", "1,000.00", "2,000.00", "", "", ""],
    ["2010301", "行政运行", "1,000.00", "1,000.00", "", "", "", ""],
    ["2010350", "事业运行", "2,000.00", "", "2,000.00", "", "", ""],
]
EXPENDITURE_PAGE_2 = [
    ["210", "卫生健康支出", "40.00", "40.00", "", "", "", ""],
    ["21011", "行政事业单位医疗", "40.00", "40.00", "", "", "", ""],
    ["2101101", "行政单位医疗", "40.00", "40.00", "", "", "", ""],
]


def test_table_without_ruling_lines_is_read_by_the_columns_of_its_header(tmp_path):
    title = [Text("支出决算表", align="center", size=14), Text("单位：万元", align="right")]
    path = draw_pdf(
        tmp_path / "unruled.pdf",
        [
            [*title, Table(EXPENDITURE_HEADER + EXPENDITURE_PAGE_1, EXPENDITURE_WIDTHS, ruled=False)],
            [Table(EXPENDITURE_PAGE_2, EXPENDITURE_WIDTHS, ruled=False), Text("注：本表反映部门本年度各项支出情况。")],
        ],
    )
    result = process_document(path)
    got = _values(result)
    assert got[("expenditure", "total", "total")] == Decimal("3040.00")
    assert got[("expenditure", "2010350", "project")] == Decimal("2000.00")
    assert got[("expenditure", "2010350", "basic")] is None  # blank stays blank, in its own column
    assert got[("expenditure", "2010301", "remit_superior")] is None
    assert got[("expenditure", "2101101", "basic")] == Decimal("40.00")  # the page without the header
    assert got[("expenditure", "2101101", "project")] is None
    columns = {v.column_key for v in result.values}
    assert columns == {"total", "basic", "project", "remit_superior", "operating", "affiliated_subsidy"}
    assert not [i for i in result.issues if i.stage == "parse_tables"]


# A classification in which 乙 is both a 项 of 20101 and a 款 of 201 (the real one has few such names).
AMBIGUOUS_CLASSES = {"201": "甲类支出", "20101": "甲款", "2010101": "行政运行", "2010102": "乙", "20102": "乙"}


def _names_only_table(section_total: str) -> list[tuple[str, ...] | str]:
    return [
        "五、一般公共预算财政拨款支出决算表",
        ("项目", "合计", "基本支出", "项目支出"),
        ("合计", "30.00", "30.00", ""),
        ("甲类支出", "30.00", "30.00", ""),
        ("甲款", section_total, section_total, ""),
        ("行政运行", "10.00", "10.00", ""),
        ("乙", "20.00", "20.00", ""),
    ]


@pytest.mark.parametrize(
    ("section_total", "code"),
    [("30.00", "2010102"), ("10.00", "20102")],  # 乙 inside 甲款 (30 = 10 + 20), or a 款 of its own
)
def test_a_name_that_fits_two_codes_is_read_as_the_one_whose_identities_close(monkeypatch, section_total, code):
    from ingest.parsers import fa_rows
    from ingest.parsers.function_classes import FunctionClasses

    monkeypatch.setattr(fa_rows, "function_classes", lambda: FunctionClasses.of(AMBIGUOUS_CLASSES))
    _, values, issues = _parse_cells(_names_only_table(section_total))
    assert {v.row_key for v in values if v.row_label == "乙"} == {code}
    (decision,) = issues
    assert decision.severity == "info"
    assert re.search(rf"; read as {code}: (\d+) of \1 identities close; not read as", decision.message)


def test_a_name_the_identities_cannot_place_is_not_read(monkeypatch):
    from ingest.parsers import fa_rows
    from ingest.parsers.function_classes import FunctionClasses

    monkeypatch.setattr(fa_rows, "function_classes", lambda: FunctionClasses.of(AMBIGUOUS_CLASSES))
    rows = _names_only_table("30.00")
    rows[2:4] = [("合计", "50.00", "50.00", ""), ("甲类支出", "50.00", "50.00", "")]  # neither reading closes
    _, values, issues = _parse_cells(rows)
    assert not [v for v in values if v.row_label == "乙"]
    assert [i.severity for i in issues] == ["warn"] and "cannot tell" in issues[0].message


def _parse_cells(rows: list[tuple[str, ...] | str]):
    from ingest.layout.metadata import read_metadata
    from ingest.model import Line, LoadedDocument
    from ingest.parsers.final_accounts import parse_final_accounts

    lines = [
        Line(
            text=row if isinstance(row, str) else "\t".join(row), line_no=n, cells=None if isinstance(row, str) else row
        )
        for n, row in enumerate(rows, start=1)
    ]
    doc = LoadedDocument("x", "x.docx", "x.docx", "docx", 0, lines)
    return parse_final_accounts(doc, read_metadata(doc.lines))


def test_quality_grade_of_a_published_document_and_of_a_document_with_one_table(tmp_path):
    from conftest import shared_pdf

    published = process_document(shared_pdf("putuo_social_work_dept_2024.pdf")).reading
    assert (published.quality_grade, published.template_tables_found, published.template_tables_missing) == (
        "read_well",
        9,
        None,
    )
    assert published.identities_checked == published.identities_closed > 100
    path = draw_pdf(
        tmp_path / "one_table.pdf",
        [
            [
                Text("2024年度部门决算"),
                Text("支出决算表", align="center"),
                Table(EXPENDITURE_HEADER + EXPENDITURE_PAGE_1, EXPENDITURE_WIDTHS),
            ]
        ],
    )
    one_table = process_document(path).reading
    assert (one_table.quality_grade, one_table.template_tables_found, one_table.table_rows_read) == ("partly", 1, 5)
    assert one_table.template_tables_missing.startswith("公开01 收入支出决算总表, 公开02 收入决算表, 公开04")


GENERAL_BUDGET_HEADER = [["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"]]


@pytest.mark.parametrize("ruled", [True, False])
def test_code_and_name_in_one_cell_kangxi_radicals_and_spaced_names(tmp_path, ruled):
    rows = [
        ["", "合    计", "1,234.50", "1,000.00", "234.50"],
        ["201 ⼀般公共服务⽀出", "", "1,234.50", "1,000.00", "234.50"],  # code and name in one cell
        ["20103 政府办公厅（室）及相关机构事务", "", "1,234.50", "1,000.00", "234.50"],
        ["2010301 行 政 运 行", "", "1,000.00", "1,000.00", "-"],
        ["2010350 事业运行", "", "234.50", "0.00", "234.50"],
    ]
    path = draw_pdf(
        tmp_path / "one_cell.pdf",
        [
            [
                Text("⼀般公共预算财政拨款⽀出决算表 单位：元", align="center"),
                Table(GENERAL_BUDGET_HEADER + rows, [150, 120, 80, 80, 80], ruled=ruled),
            ]
        ],
    )
    result = process_document(path)
    got = _values(result)
    assert got[("general_budget_expenditure", "201", "total")] == Decimal("1234.50")
    assert got[("general_budget_expenditure", "2010301", "project")] is None  # "-" is blank
    assert got[("general_budget_expenditure", "2010350", "basic")] == Decimal("0.00")  # 0.00 is zero
    assert got[("general_budget_expenditure", "total", "total")] == Decimal("1234.50")
    labels = {v.row_key: v.row_label for v in result.values}
    assert labels["201"] == "一般公共服务支出" and labels["2010301"] == "行政运行"
    assert {v.unit for v in result.values} == {"元"}  # the unit printed in the title row


@pytest.mark.parametrize("ruled", [True, False])
def test_basic_expenditure_in_three_side_by_side_groups(tmp_path, ruled):
    header = [["科目编码", "科目名称", "决算数"] * 3]
    rows = [
        ["301", "工资福利支出", "50.00", "302", "商品和服务支出", "20.00", "310", "资本性支出", "5.00"],
        ["30101", "基本工资", "30.00", "30201", "办公费", "12.00", "31002", "办公设备购置", "5.00"],
        ["30102", "津贴补贴", "20.00", "30299", "其他商品和服务支出", "8.00", "", "", ""],
        ["303", "对个人和家庭的补助", "3.00", "", "", "", "", "", ""],
        ["30305", "生活补助", "3.00", "", "", "", "", "", ""],
        ["人员经费合计", "", "53.00", "公用经费合计", "", "25.00", "", "", ""],
    ]
    widths = [50, 70, 42] * 3
    path = draw_pdf(
        tmp_path / "groups.pdf",
        [
            [
                Text("2024年度部门决算"),
                Text("一般公共预算财政拨款基本支出决算表", align="center"),
                Text("单位：万元"),
                Table(header + rows, widths, ruled=ruled, size=7),
            ]
        ],
    )
    result = process_document(path)
    got = _values(result)
    key = "general_budget_basic_economic"
    assert got[(key, "302", "amount")] == Decimal("20.00")
    assert got[(key, "31002", "amount")] == Decimal("5.00")
    assert got[(key, "30305", "amount")] == Decimal("3.00")
    assert got[(key, "personnel_total", "amount")] == Decimal("53.00")
    assert got[(key, "public_total", "amount")] == Decimal("25.00")
    assert result.reading.identities_checked == result.reading.identities_closed > 0


@pytest.mark.parametrize("ruled", [True, False])
def test_names_wrapped_in_a_narrow_column(tmp_path, ruled):
    rows = [
        ["", "合计", "80.00", "80.00", ""],
        ["208", "社会保障和就业支出", "80.00", "80.00", ""],
        ["20805", "行政事业单位养老支出", "80.00", "80.00", ""],
        ["2080505", "机关事业单位基本养老\n保险缴费支出", "50.00", "50.00", ""],
        ["2080506", "机关事业单位职业年金\n缴费支出", "30.00", "30.00", ""],
    ]
    path = draw_pdf(
        tmp_path / "wrapped.pdf",
        [
            [
                Text("一般公共预算财政拨款支出决算表", align="center"),
                Table(
                    [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], *rows], [60, 95, 60, 60, 60], ruled=ruled
                ),
            ]
        ],
    )
    result = process_document(path)
    labels = {v.row_key: v.row_label for v in result.values}
    assert labels["2080505"] == "机关事业单位基本养老保险缴费支出"
    assert labels["2080506"] == "机关事业单位职业年金缴费支出"
    assert _values(result)[("general_budget_expenditure", "2080506", "total")] == Decimal("30.00")


def test_table_without_ruling_continued_with_its_header_printed_again(tmp_path):
    pages = [
        [
            Text("支出决算表", align="center"),
            Table(EXPENDITURE_HEADER + EXPENDITURE_PAGE_1, EXPENDITURE_WIDTHS, ruled=False),
        ],
        [Table(EXPENDITURE_HEADER + EXPENDITURE_PAGE_2, EXPENDITURE_WIDTHS, ruled=False)],
    ]
    result = process_document(draw_pdf(tmp_path / "repeated.pdf", pages))
    got = _values(result)
    assert got[("expenditure", "2101101", "basic")] == Decimal("40.00")
    assert len([v for v in result.values if v.column_key == "total"]) == 8  # the repeated header is no row


def test_names_only_with_indentation_in_a_table_without_ruling(tmp_path):
    rows = [
        ["合计", "30.00", "20.00", "10.00"],
        ["一般公共服务支出", "30.00", "20.00", "10.00"],
        ["\u3000\u3000政府办公厅（室）及相关机构事务", "30.00", "20.00", "10.00"],
        ["\u3000\u3000\u3000\u3000行政运行", "20.00", "20.00", ""],
        ["\u3000\u3000\u3000\u3000事业运行", "10.00", "", "10.00"],
    ]
    path = draw_pdf(
        tmp_path / "names.pdf",
        [
            [
                Text("一般公共预算财政拨款支出决算表", align="center"),
                Table([["项目", "合计", "基本支出", "项目支出"], *rows], [200, 80, 80, 80], ruled=False),
            ]
        ],
    )
    got = _values(process_document(path))
    assert got[("general_budget_expenditure", "20103", "total")] == Decimal("30.00")
    assert got[("general_budget_expenditure", "2010301", "basic")] == Decimal("20.00")
    assert got[("general_budget_expenditure", "2010350", "project")] == Decimal("10.00")


@pytest.mark.parametrize("ruled", [True, False])
def test_a_row_cut_by_a_page_break_is_joined_with_its_rest(tmp_path, ruled):
    widths = [60, 120, 70, 70, 70]
    first = [
        ["", "合计", "13,339,737.59", "90.00", "13,249,737.59"],
        ["205", "教育支出", "13,339,737.59", "90.00", "13,249,737.59"],
        ["20502", "普通教育", "13,339,737.59", "90.00", "13,249,737.59"],
        ["2050203", "初中教育", "13,249,7", "", "13,249,7"],  # the word processor breaks the row here
    ]
    rest = [["", "", "37.59", "", "37.59"], ["2050204", "高中教育", "90.00", "90.00", ""]]
    path = draw_pdf(
        tmp_path / "cut.pdf",
        [
            [
                Text("一般公共预算财政拨款支出决算表", align="center"),
                Table(GENERAL_BUDGET_HEADER + first, widths, ruled=ruled),
            ],
            [Table(rest, widths, ruled=ruled)],
        ],
    )
    got = _values(process_document(path))
    assert got[("general_budget_expenditure", "2050203", "total")] == Decimal("13249737.59")
    assert got[("general_budget_expenditure", "2050203", "project")] == Decimal("13249737.59")
    assert got[("general_budget_expenditure", "2050204", "basic")] == Decimal("90.00")


def _generated(tmp_path, seed: int, index: int, **choices):
    """A generated document of the layout PLAIN with the choices changed, drawn by reportlab, read."""
    layout = dataclasses.replace(PLAIN, **choices)
    doc = corpus.document(seed, index, layout)
    path = tmp_path / f"{doc.name}.pdf"
    render_reportlab.render(doc.printed, path, ruled=layout.producer != "reportlab_unruled")
    return doc, process_document(path)


def _expenditure_misses(doc, result) -> list[tuple]:
    """The function_expenditure facts of the answer key the reading does not hold, as (table, row,
    column, wanted, read)."""
    got = _values(result)
    per_yuan = Decimal(10000) if doc.layout.unit == "wan" else Decimal(1)
    misses = []
    for fact in answer_key.facts(doc.data, doc.layout):
        if fact["kind"] != "function_expenditure":
            continue
        table = "expenditure" if fact["funding_scope"] == "all_sources" else "general_budget_expenditure"
        row = "total" if fact["function_code"] == "TOTAL" else fact["function_code"]
        for column in ("total", "basic", "project"):
            want = fact[f"{column}_yuan"]
            read = got.get((table, row, column))
            if (None if read is None else read * per_yuan) != (None if want is None else Decimal(want)):
                misses.append((table, row, column, want, read))
    return misses


def test_amounts_wrapped_over_lines_in_narrow_columns_without_ruling(tmp_path):
    """Full-width digits with separators in yuan overflow the amount columns: "111，760，" over
    "486.75", or "2,100" / ",571." / "37" over three lines, around a label on one line."""
    doc, result = _generated(
        tmp_path,
        11,
        2,
        producer="reportlab_unruled",
        text_quirk="fullwidth_digits",
        thousands="separators",
        code_layout="names_indented",
        continuation="repeat_header",
        orientation="portrait",
        basic_layout="two_pairs",
        unit_position="left",
        economic_rows="extended",
    )
    wrapped = [line.text for line in result.loaded.lines if re.fullmatch(r"[\d,.]*[,.]", line.text.split(" ")[0])]
    assert len(wrapped) >= 10  # the document does print figures cut over lines
    assert _expenditure_misses(doc, result) == []
    assert result.reading.quality_grade == "read_well"
    assert result.reading.identities_checked == result.reading.identities_closed


def test_a_row_cut_by_a_page_break_in_its_code_name_and_figures(tmp_path):
    """The rest of the code ("21208" over "01"), of the name and of figures printed without their
    decimals at the foot of the page ("51877" over "97.37"); the next page leaves out a column, the
    rows are ruled apart from the header (they are put under its grid by their cells' positions)."""
    widths = [60, 150, 70, 70, 70]
    first = [
        ["", "合计", "11,335,542.54", "11,335,542.54", ""],
        ["212", "城乡社区支出", "11,335,542.54", "11,335,542.54", ""],
        ["21208", "国有土地使用权出让收入安排的支出", "11,335,542.54", "11,335,542.54", ""],
        ["21208", "征地和拆迁", "51877", "51877", ""],
    ]
    rest = [["01", "补偿支出", "97.37", "97.37"], ["2120803", "城市建设支出", "6,147,745.17", "6,147,745.17"]]
    path = draw_pdf(
        tmp_path / "cut.pdf",
        [
            [
                Text("一般公共预算财政拨款支出决算表", align="center"),
                Table(GENERAL_BUDGET_HEADER + first[:1], widths),
                Table(first[1:], [64, 146, 70, 70, 70]),  # the rows ruled a few points apart
            ],
            [Table(rest, widths[:4])],
        ],
    )
    result = process_document(path)
    got = _values(result)
    assert got[("general_budget_expenditure", "2120801", "total")] == Decimal("5187797.37")
    assert got[("general_budget_expenditure", "2120801", "basic")] == Decimal("5187797.37")
    assert {v.row_label for v in result.values if v.row_key == "2120801"} == {"征地和拆迁补偿支出"}
    assert got[("general_budget_expenditure", "2120803", "total")] == Decimal("6147745.17")


@pytest.mark.parametrize(
    "index, choices",
    [
        (  # "2080505 机关事业单位基" / figures / "本养老保险缴费支出"; 人员经费合计 centred across code and name
            9,
            {
                "code_layout": "code_in_name",
                "text_quirk": "wrapped_names",
                "basic_layout": "three_pairs",
                "orientation": "portrait",
                "unit_position": "left",
            },
        ),
        (  # 预算数 | 决算数 centred beside amounts aligned right (三公); 二、外交支出 with its figures blank
            34,
            {"continuation": "no_header", "unit_position": "title_row", "cover": "year_apart"},
        ),
    ],
)
def test_generated_tables_without_ruling_with_blank_zeros(tmp_path, index, choices):
    doc, result = _generated(
        tmp_path,
        11,
        index,
        producer="reportlab_unruled",
        unit="wan",
        zero_style="blank",
        economic_rows="extended",
        **choices,
    )
    assert _expenditure_misses(doc, result) == []
    assert result.reading.quality_grade == "read_well"
    assert result.reading.identities_checked == result.reading.identities_closed
    three_public = {v.row_key for v in result.values if v.table_key == "three_public"}
    items = ("total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception")
    assert three_public == {f"three_public_{item}" for item in items}


def test_two_figures_read_for_one_cell_are_reported_not_landed():
    """A header that labels two columns alike (the reader cannot tell them apart): the row's two
    figures for that cell are reported and left out, its other figures still land (one figure per key)."""
    _, values, issues = _parse_cells(
        [
            "三、支出决算表",
            ("项目", "本年支出合计", "基本支出", "基本支出"),
            ("合计", "30.00", "10.00", "20.00"),
        ]
    )
    got = {(v.row_key, v.column_key): v.amount.value for v in values}
    assert got == {("total", "total"): Decimal("30.00")}
    (doubled,) = [i for i in issues if "two figures read for" in i.message]
    assert doubled.severity == "warn"


def test_codes_over_class_section_item_columns_without_ruling(tmp_path):
    """Each row prints only its own part of the code ("01" under 款 or 项): a part is no figure cut
    short, so its line starts a row and parts of rows one under another are never joined."""
    doc, result = _generated(
        tmp_path,
        1,
        255,
        producer="reportlab_unruled",
        code_layout="split_columns",
        zero_style="blank",
        orientation="portrait",
        continuation="repeat_header",
        basic_layout="two_pairs",
        unit_position="left",
    )
    assert _expenditure_misses(doc, result) == []
    assert result.reading.quality_grade == "read_well"


def test_codes_and_amounts_wrapped_around_their_label_without_ruling(tmp_path):
    """Full-width digits wrap the code ("20103" over "01") and the amounts ("2,122" / ",787." /
    "45") of a row around its one-line label, whose blank figures print "-"."""
    doc, result = _generated(
        tmp_path,
        1,
        43,
        producer="reportlab_unruled",
        text_quirk="fullwidth_digits",
        thousands="separators",
        zero_style="dash",
        continuation="no_header",
        orientation="portrait",
        unit_position="left",
    )
    assert _expenditure_misses(doc, result) == []
    assert result.reading.quality_grade == "read_well"


def _finance(doc) -> dict[str, Decimal]:
    """The answer key's finance metrics, in the document's unit."""
    per_yuan = Decimal(10000) if doc.layout.unit == "wan" else Decimal(1)
    facts = answer_key.facts(doc.data, doc.layout)
    return {f["metric"]: Decimal(f["amount_yuan"]) / per_yuan for f in facts if f["kind"] == "finance"}


def _income_and_economic_misses(doc, result) -> list[tuple]:
    """The function_income and economic facts of the answer key the reading does not hold."""
    got = _values(result)
    per_yuan = Decimal(10000) if doc.layout.unit == "wan" else Decimal(1)
    misses = []
    for fact in answer_key.facts(doc.data, doc.layout):
        if fact["kind"] == "function_income":
            row = "total" if fact["function_code"] == "TOTAL" else fact["function_code"]
            wanted = {c.removesuffix("_yuan"): fact[c] for c in fact if c.endswith("_yuan")}
            read = {c: got.get(("income", row, c)) for c in wanted}
        elif fact["kind"] == "economic":
            wanted = {"amount": fact["amount_yuan"]}
            read = {"amount": got.get(("general_budget_basic_economic", fact["economic_code"], "amount"))}
        else:
            continue
        for column, want in wanted.items():
            value = read[column]
            if (None if value is None else value * per_yuan) != (None if want is None else Decimal(want)):
                misses.append(
                    (fact["kind"], fact.get("function_code") or fact.get("economic_code"), column, want, value)
                )
    return misses


WRAPPED_UNRULED = {  # seed 1 documents whose cells wrap in narrow columns without ruling, by what they print
    # "58327871" over "4.72", "64410" over "9838." over "75": amounts wrapped with no separator to show the cut
    "wrapped_without_separators": (
        25,
        {"code_layout": "one_column", "continuation": "repeat_header", "cover": "year_apart", "unit": "yuan"}
        | {"text_quirk": "fullwidth_digits", "thousands": "plain", "zero_style": "dash", "orientation": "portrait"}
        | {"basic_layout": "three_pairs", "economic_rows": "extended", "unit_position": "left"},
    ),
    # "2" over "0" over "1": a 类 code wrapped digit by digit in a column one digit wide
    "codes_digit_by_digit": (
        3,
        {"code_layout": "split_columns", "cover": "year_apart", "unit": "wan", "text_quirk": "fullwidth_digits"}
        | {"thousands": "separators", "zero_style": "blank", "orientation": "portrait", "basic_layout": "three_pairs"}
        | {"unit_position": "title_row"},
    ),
    # "45.1" over "6" in a 基本支出 table whose figures nearly all wrap; "54773.1" at a page's foot over "7"
    "decimals_wrapped": (
        8,
        {"code_layout": "one_column", "continuation": "repeat_header", "cover": "year_apart", "unit": "wan"}
        | {"text_quirk": "fullwidth_digits", "thousands": "separators", "zero_style": "dash", "orientation": "portrait"}
        | {"basic_layout": "three_pairs", "economic_rows": "extended"},
    ),
}


@pytest.mark.parametrize("index, choices", WRAPPED_UNRULED.values(), ids=WRAPPED_UNRULED.keys())
def test_figures_and_codes_wrapped_in_narrow_columns_without_ruling(tmp_path, index, choices):
    doc, result = _generated(tmp_path, 1, index, producer="reportlab_unruled", **choices)
    assert _expenditure_misses(doc, result) == []
    assert _income_and_economic_misses(doc, result) == []
    assert result.reading.quality_grade == "read_well"
    assert result.reading.identities_checked == result.reading.identities_closed


def test_headers_without_ruling_read_as_a_ruled_table_prints_them(tmp_path):
    """收入 and 支出 centred over the gaps between the columns they head (支出 over amounts that 合计
    labels), a first row's label wrapped above its figures ("一、一般公共预算财政拨" / figures /
    "款收入"), a wrapped name ending in a word a header line also prints ("…缴费" / "支出")."""
    doc, result = _generated(
        tmp_path,
        1,
        11,
        producer="reportlab_unruled",
        code_layout="names_indented",
        continuation="repeat_header",
        cover="year_apart",
        economic_rows="extended",
        text_quirk="wrapped_names",
        unit_position="title_row",
        zero_style="blank",
        basic_layout="three_pairs",
    )
    got = _values(result)
    finance = _finance(doc)
    assert got[("fiscal_summary", "current_expenditure", "total")] == finance["fiscal_final"]
    per_yuan = Decimal(10000) if doc.layout.unit == "wan" else Decimal(1)
    general_budget_income = Decimal(doc.data.income_by_source()["gpb"]) / 100 / per_yuan
    assert got[("income_expenditure_summary", "general_budget_income", "amount")] == general_budget_income
    assert _expenditure_misses(doc, result) == []
    assert result.reading.identities_checked == result.reading.identities_closed


def test_a_table_with_its_unit_on_the_title_line_and_rows_ending_in_words_is_found(tmp_path):
    """ "收入支出决算总表 单位：元" on one line, then a header and two-sided rows whose last words are
    names (wrapped, or with their figures blank): the unit on the title line shows it is a table,
    not an entry of the contents."""
    doc, result = _generated(
        tmp_path,
        1,
        37,
        producer="reportlab_unruled",
        code_layout="one_column",
        text_quirk="wrapped_names",
        thousands="separators",
        unit="yuan",
        unit_position="title_row",
        orientation="portrait",
        basic_layout="three_pairs",
        zero_style="blank",
    )
    assert result.reading.template_tables_missing is None
    got = _values(result)
    assert got[("fiscal_summary", "current_expenditure", "total")] == _finance(doc)["fiscal_final"]
    assert result.reading.quality_grade == "read_well"


BY_POSITION_UNRULED = {  # (seed, index, layout) of documents without ruling
    # "2010399 其他政府办公厅" / "（室）及相关机构事务支" with the figures / "出": the row is centred on
    # its figures, so its name's last line is not taken for the next row's
    "name_around_figures_under_its_code": (
        2,
        70,
        {"basic_layout": "two_pairs", "code_layout": "code_in_name", "continuation": "no_header"}
        | {"orientation": "portrait", "text_quirk": "wrapped_names", "unit": "wan", "unit_position": "title_row"}
        | {"zero_style": "dash"},
    ),
    # 年初结转和结余 over its own amounts between 科目名称 and 小计 labels no group heading
    "label_over_its_own_amounts": (
        2,
        34,
        {"code_layout": "split_columns", "continuation": "no_header", "economic_rows": "extended"}
        | {"text_quirk": "fullwidth_digits", "unit": "yuan", "unit_position": "title_row", "zero_style": "blank"},
    ),
    # "208 社会保障和就业支出" aligned left under 项目 and 合计 centred: codes and names, one column
    "codes_and_names_beside_their_label": (
        1,
        68,
        {"basic_layout": "two_pairs", "code_layout": "code_in_name", "economic_rows": "extended", "unit": "wan"}
        | {"thousands": "separators", "unit_position": "title_row", "zero_style": "dash"},
    ),
}


@pytest.mark.parametrize("seed, index, choices", BY_POSITION_UNRULED.values(), ids=BY_POSITION_UNRULED.keys())
def test_rows_and_headers_without_ruling_read_by_what_they_stand_over(tmp_path, seed, index, choices):
    doc, result = _generated(tmp_path, seed, index, producer="reportlab_unruled", **choices)
    assert _expenditure_misses(doc, result) == []
    assert _income_and_economic_misses(doc, result) == []
    assert result.reading.quality_grade == "read_well"
    assert result.reading.identities_checked == result.reading.identities_closed
    fund = {c: v or Decimal(0) for (t, r, c), v in _values(result).items() if t == "government_fund" and r == "total"}
    if fund:  # FA-15: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余
        assert fund["carryover_begin"] + fund["income"] == fund["total"] + fund.get("carryover_end", Decimal(0))
        assert fund["carryover_begin"] > 0


def test_a_caption_over_the_whole_header_labels_no_column(tmp_path):
    """财政拨款“三公”经费 centred over the 三公 table's twelve columns names the table: read as the
    label of the column under it, that column would be taken for the “三公” total."""
    doc, result = _generated(
        tmp_path,
        1,
        0,
        producer="reportlab_unruled",
        basic_layout="three_pairs",
        code_layout="names_indented",
        continuation="repeat_header",
        cover="year_apart",
        orientation="portrait",
        text_quirk="wrapped_names",
        unit_position="title_row",
        zero_style="dash",
    )
    got = _values(result)
    finance = _finance(doc)
    assert got[("three_public", "three_public_total", "final")] == finance["three_public_total"]
    assert got[("three_public", "three_public_abroad", "final")] == finance["three_public_abroad"]


def _generated_text(tmp_path, seed: int, index: int, **choices):
    """A generated document of the layout PLAIN with the choices changed, as a text dump, read."""
    layout = dataclasses.replace(PLAIN, producer="text_dump", **choices)
    doc = corpus.document(seed, index, layout)
    path = tmp_path / f"{doc.name}.txt"
    render_text.render(doc.printed, path)
    return doc, process_document(path)


@pytest.mark.parametrize(
    "choices",
    [
        # names without codes indented with wide spaces under their 类; full-width digits, which a
        # dump prints two columns wide; blank zeros
        {"code_layout": "names_indented", "text_quirk": "fullwidth_digits", "zero_style": "blank"}
        | {"thousands": "separators", "unit_position": "title_row"},
        # 类 | 款 | 项 codes in columns of their own, some blank; zeros as dashes, in 万元
        {"code_layout": "split_columns", "zero_style": "dash", "unit": "wan", "basic_layout": "three_pairs"},
        # codes before their names in one cell ("2010101 行政运行"), names letter-spaced, blank zeros
        {"code_layout": "code_in_name", "text_quirk": "spaced_names", "zero_style": "blank"}
        | {"economic_rows": "extended", "continuation": "repeat_header"},
        # every cell filled, names indented: read in order, the rows would lose their codes
        {"code_layout": "names_indented", "zero_style": "zero", "thousands": "separators"},
    ],
)
def test_text_dumps_are_read_by_the_columns_their_figures_stand_in(tmp_path, choices):
    """A dump prints blank cells as spaces: the figures of a row are placed by their columns, not
    counted off in order, and every figure of the answer key is read."""
    doc, result = _generated_text(tmp_path, 2, 3, **choices)
    assert _expenditure_misses(doc, result) == []
    assert _income_and_economic_misses(doc, result) == []
    assert result.reading.identities_checked == result.reading.identities_closed
    chosen = [
        i for i in result.issues if re.search(r": read by the columns its words stand in: .*; not read as", i.message)
    ]
    assert chosen and {i.severity for i in chosen} == {"info"}


def test_a_dump_is_laid_out_in_columns_and_single_spaced_text_is_not():
    dump = ["项目        本年收入合计  财政拨款收入  其他收入", "行政运行        138528.05     138528.05"]
    spaced = ["科目代码 科目名称 本年收入合计 财政拨款收入", "201 03 01 行政运行 91.42 91.42"]
    spec = SPECS["income"]
    assert TableBlock(spec, "t", Line("t", 1), [Line(t, n) for n, t in enumerate(dump)]).laid_out_in_columns
    assert not TableBlock(spec, "t", Line("t", 1), [Line(t, n) for n, t in enumerate(spaced)]).laid_out_in_columns


def test_the_words_of_a_dump_stand_in_the_columns_they_are_printed_in():
    """A wide character takes two columns, a full-width digit too (before it is folded to ASCII);
    a single space stays inside a word, two or more (or a wide space) set words apart."""
    [line] = text_to_lines("2010101 行政运行　　１２３．４５   6.00")
    assert line.text == "2010101 行政运行  123.45   6.00"
    spans = aligned_spans(line)
    assert [(s.x0, s.x1, s.text) for s in spans] == [(0, 16, "2010101 行政运行"), (20, 32, "123.45"), (35, 39, "6.00")]
    assert {(s.height, s.baseline) for s in spans} == {(TEXT_EM, TEXT_LINE_PITCH)}
