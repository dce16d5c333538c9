"""Ruled table rows that a word processor breaks over a page break, or prints alone on a page: the
figures, names and codes on both sides read as the one row they are."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

from draw_pdf import Table, Text, draw_pdf  # noqa: E402

from ingest.loading.text import completes_cut_figures, usual_decimals  # noqa: E402
from ingest.parsers.fa_checks import document_checks  # noqa: E402
from ingest.pipeline import process_document  # noqa: E402

CODED_HEADER = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
CODED_WIDTHS = [60, 70, 70, 70, 70]
NAMES_HEADER = [["项目", "合计", "基本支出", "项目支出"]]
NAMES_WIDTHS = [110, 70, 70, 70]
SPLIT_HEADER = [
    ["功能分类科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "", "", "", ""],
]
SPLIT_WIDTHS = [30, 30, 30, 60, 45, 45, 45]


def _values(result) -> dict[tuple[str, str | None, str], Decimal | None]:
    return {(v.table_key, v.row_key, v.column_key): v.amount.value if v.amount else None for v in result.values}


def _identities_close(result) -> bool:
    """Every identity of the tables read holds (at least one is checked)."""
    checks = document_checks(result.values)
    return bool(checks) and all(check.closed for check in checks)


def _read(tmp_path: Path, header: list[list[str]], widths: list[float], first: list, rest: list):
    """A 一般公共预算财政拨款支出决算表 whose rows `first` end page 1 and `rest` start page 2 (no header)."""
    path = draw_pdf(
        tmp_path / "table.pdf",
        [
            [Text("一般公共预算财政拨款支出决算表", align="center"), Table(header + first, widths)],
            [Table(rest, widths)],
        ],
    )
    return process_document(path)


def test_a_figure_cut_after_its_first_decimal_is_joined_with_the_rest():
    """In a table printing two decimals, "22625.4" at a page's foot is unfinished when the next
    page's row prints only "6" under it; a figure of the table's decimals is finished."""
    assert completes_cut_figures(("住房改革支", "22625.4"), ("出", "6"), decimals=2)
    assert not completes_cut_figures(("住房改革支", "22625.4"), ("出", "6"))
    assert not completes_cut_figures(("住房改革支", "22625.46"), ("出", "6"), decimals=2)
    assert not completes_cut_figures(("住房改革支", "22625.4"), ("出", "61"), decimals=2)  # three decimals
    assert usual_decimals(["22625.4", "12.50", "7.25", "3", "-", "2010301"]) == 2
    assert usual_decimals(["22625.4", "12.50", "3"]) is None  # one figure prints two: not the table's


def test_a_row_cut_by_a_page_break_after_a_decimal_and_in_its_name(tmp_path):
    first = [
        ["", "合计", "22,625.46", "10.00", "22,615.46"],
        ["221", "住房保障支出", "22,625.46", "10.00", "22,615.46"],
        ["22102", "住房改革支", "22,625.4", "10.00", "22,615.4"],  # the row breaks here
    ]
    rest = [["", "出", "6", "", "6"], ["2210201", "住房公积金", "22,625.46", "10.00", "22,615.46"]]
    result = _read(tmp_path, CODED_HEADER, CODED_WIDTHS, first, rest)
    got = _values(result)
    assert got[("general_budget_expenditure", "22102", "total")] == Decimal("22625.46")
    assert got[("general_budget_expenditure", "22102", "project")] == Decimal("22615.46")
    assert got[("general_budget_expenditure", "22102", "basic")] == Decimal("10.00")
    assert {v.row_label for v in result.values if v.row_key == "22102"} == {"住房改革支出"}
    assert _identities_close(result)


def test_a_row_cut_by_a_page_break_in_its_decimals_only(tmp_path):
    """The next page's row prints only the last digits of two figures (no name, nothing else)."""
    first = [
        ["", "合计", "14,302,763.27", "10,196,134.36", "4,106,628.91"],
        ["201", "一般公共服务支出", "14,302,763.27", "10,196,134.36", "4,106,628.91"],
        ["20133", "宣传事务", "14,302,763.2", "10,196,134.3", "4,106,628.91"],
    ]
    rest = [["", "", "7", "6", ""], ["2013301", "行政运行", "14,302,763.27", "10,196,134.36", "4,106,628.91"]]
    result = _read(tmp_path, CODED_HEADER, CODED_WIDTHS, first, rest)
    got = _values(result)
    assert got[("general_budget_expenditure", "20133", "total")] == Decimal("14302763.27")
    assert got[("general_budget_expenditure", "20133", "basic")] == Decimal("10196134.36")
    assert _identities_close(result)


def test_a_code_printed_with_its_name_cut_by_a_page_break(tmp_path):
    """ "2130101行政运行" in one cell, cut after "213010" like the figures beside it ("398,94" over
    "4.73"); a code with nothing of its name at the foot of the page ("2050204" over "高中教育")."""
    assert completes_cut_figures(("213010", "398,94"), ("1行政运行", "4.73"))
    assert completes_cut_figures(("2050204", "412,09"), ("高中教育", "6.94"))
    assert not completes_cut_figures(("2050204", "412,09"), ("6高中教育", "6.94"))  # no code of 8 digits
    first = [
        ["合计", "398,944.73", "385,887.92", "13,056.81"],
        ["213农林水支出", "398,944.73", "385,887.92", "13,056.81"],
        ["21301农业农村", "398,944.73", "385,887.92", "13,056.81"],
        ["213010", "398,94", "385,88", "13,05"],
    ]
    rest = [["1行政运行", "4.73", "7.92", "6.81"]]
    got = _values(_read(tmp_path, NAMES_HEADER, NAMES_WIDTHS, first, rest))
    assert got[("general_budget_expenditure", "2130101", "total")] == Decimal("398944.73")
    assert got[("general_budget_expenditure", "2130101", "basic")] == Decimal("385887.92")
    assert got[("general_budget_expenditure", "2130101", "project")] == Decimal("13056.81")


def test_a_figure_cut_inside_its_separators(tmp_path):
    """ "5,659,638.26" cut after "5,65": the rest, "9,638.26", is read without its separators."""
    assert completes_cut_figures(("机关服务", "5,65"), ("", "9638.26"))
    first = [
        ["", "", "", "合计", "5,659,638.26", "3,294,705.48", "2,364,932.78"],
        ["204", "", "", "公共安全支出", "5,659,638.26", "3,294,705.48", "2,364,932.78"],
        ["", "05", "", "法院", "5,659,638.26", "3,294,705.48", "2,364,932.78"],
        ["", "", "03", "机关服务", "5,65", "3,29", "2,36"],
    ]
    rest = [["", "", "", "", "9,638.26", "4,705.48", "4,932.78"]]
    got = _values(_read(tmp_path, SPLIT_HEADER, [30, 30, 30, 60, 65, 65, 65], first, rest))
    assert got[("general_budget_expenditure", "2040503", "total")] == Decimal("5659638.26")
    assert got[("general_budget_expenditure", "2040503", "basic")] == Decimal("3294705.48")
    assert got[("general_budget_expenditure", "2040503", "project")] == Decimal("2364932.78")


@pytest.mark.parametrize("header_again", [True, False])
def test_a_row_a_browser_cuts_without_ruling_it_off(tmp_path, header_again):
    """A browser prints the part of a cut row at a page's foot with no rule under it, its column
    rules running to the foot; the rest goes on at the next page's top, under the header printed
    again or with no rule over it."""
    first = [
        ["", "", "", "合计", "326,583.10", "193,715.15", "132,867.95"],
        ["201", "", "", "一般公共服务支出", "326,583.10", "193,715.15", "132,867.95"],
        ["", "08", "", "审计事务", "3265\n83.1", "1937\n15.1", "1328\n67.9"],
    ]
    rest = [["", "", "", "", "0", "5", "5"], ["", "", "01", "行政运行", "326,583.10", "193,715.15", "132,867.95"]]
    widths = [30, 30, 30, 70, 45, 45, 45]
    path = draw_pdf(
        tmp_path / "cut.pdf",
        [
            [
                Text("一般公共预算财政拨款支出决算表", align="center"),
                Table(SPLIT_HEADER + first, widths, open_below=True),
            ],
            [Table(SPLIT_HEADER + rest, widths) if header_again else Table(rest, widths, open_above=True)],
        ],
    )
    result = process_document(path)
    got = _values(result)
    assert got[("general_budget_expenditure", "20108", "total")] == Decimal("326583.10")
    assert got[("general_budget_expenditure", "20108", "project")] == Decimal("132867.95")
    assert got[("general_budget_expenditure", "2010801", "basic")] == Decimal("193715.15")
    assert _identities_close(result)


# A 款 whose 项 name breaks over the page; a 类 whose name breaks, its 款 and 项 on the next page.
NAME_CUT_IN_AN_ITEM = (
    [
        ["合计", "30.00", "20.00", "10.00"],
        ["自然资源海洋气象等支出", "30.00", "20.00", "10.00"],
        ["自然资源事务", "30.00", "20.00", "10.00"],
        ["行政运行", "20.00", "20.00", ""],
        ["其他自然资", "10.00", "", "10.00"],
    ],
    [["源事务支出", "", "", ""]],
)
NAME_CUT_IN_A_CLASS = (
    [["合计", "30.00", "20.00", "10.00"], ["文化旅游体育与传媒", "30.00", "20.00", "10.00"]],
    [
        ["支出", "", "", ""],
        ["文化和旅游", "30.00", "20.00", "10.00"],
        ["行政运行", "20.00", "20.00", ""],
        ["群众文化", "10.00", "", "10.00"],
    ],
)


@pytest.mark.parametrize(
    ("pages", "code", "name", "total"),
    [
        (NAME_CUT_IN_AN_ITEM, "2200199", "其他自然资源事务支出", "10.00"),
        (NAME_CUT_IN_A_CLASS, "207", "文化旅游体育与传媒支出", "30.00"),
    ],
)
def test_a_name_cut_by_a_page_break_in_a_table_of_names(tmp_path, pages, code, name, total):
    """A table of names without codes: the name's rest heads the next page, the row's figures stay
    on the first; the joined name (only it) is a 支出功能分类 name."""
    result = _read(tmp_path, NAMES_HEADER, NAMES_WIDTHS, *pages)
    assert _values(result)[("general_budget_expenditure", code, "total")] == Decimal(total)
    assert {v.row_label for v in result.values if v.row_key == code} == {name}
    assert _identities_close(result)


def test_the_last_row_of_a_table_alone_on_a_page(tmp_path):
    """The table's last row, wrapped in its narrow cells, is the only row ruled on the next page;
    its 类 and 款 cells are blank there."""
    first = [
        ["", "", "", "合计", "694,983.33", "", "694,983.33"],
        ["229", "", "", "其他支出", "694,983.33", "", "694,983.33"],
        ["", "60", "", "彩票公益金\n安排的支出", "694,983.33", "", "694,983.33"],
    ]
    rest = [["", "", "03", "用于体育事\n业的彩票公\n益金支出", "6949\n83.33", "", "6949\n83.33"]]
    result = _read(tmp_path, SPLIT_HEADER, SPLIT_WIDTHS, first, rest)
    got = _values(result)
    assert got[("general_budget_expenditure", "2296003", "total")] == Decimal("694983.33")
    assert got[("general_budget_expenditure", "2296003", "project")] == Decimal("694983.33")
    assert {v.row_label for v in result.values if v.row_key == "2296003"} == {"用于体育事业的彩票公益金支出"}
    assert _identities_close(result)


def test_a_header_printed_again_on_a_page_with_no_row_of_its_table(tmp_path):
    """A workbook repeats its title rows on every page: the last page of a table may print them
    with nothing under them but the table's note. They are no row."""
    rows = [["", "合计", "30.00", "20.00", "10.00"], ["2010301", "行政运行", "30.00", "20.00", "10.00"]]
    path = draw_pdf(
        tmp_path / "header_alone.pdf",
        [
            [Text("一般公共预算财政拨款支出决算表", align="center"), Table(CODED_HEADER + rows, CODED_WIDTHS)],
            [Table(CODED_HEADER, CODED_WIDTHS), Text("注：本表反映部门本年度一般公共预算财政拨款实际支出情况。")],
        ],
    )
    result = process_document(path)
    assert [line.text for line in result.loaded.lines if line.page_no == 2] == [
        "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。"
    ]
    assert not [issue for issue in result.issues if "not a figure" in issue.message]
