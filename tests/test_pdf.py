"""PDF loading: two Shanghai 普陀区 departments' 2024 final accounts, the official blank template,
and PDFs that cannot be read as text (built here: truncated, image-only, encrypted)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from conftest import shared_pdf

from ingest.loading import load_document
from ingest.model import DocumentResult, TableValue
from ingest.pipeline import process_document

PLANNING = "putuo_planning_resources_2024.pdf"
SOCIAL_WORK = "putuo_social_work_dept_2024.pdf"
TEMPLATE = "final_accounts_template.pdf"

STANDARD_TABLES = {
    "income_expenditure_summary",  # 公开01 收入支出决算总表
    "income",  # 公开02 收入决算表
    "expenditure",  # 公开03 支出决算表
    "fiscal_summary",  # 公开04 财政拨款收入支出决算总表
    "general_budget_expenditure",  # 公开05 一般公共预算财政拨款支出决算表
    "general_budget_basic_economic",  # 公开06 一般公共预算财政拨款基本支出决算表
    "government_fund",  # 公开07 政府性基金预算财政拨款收入支出决算表
    "state_capital",  # 公开08 国有资本经营预算财政拨款收入支出决算表
    "three_public",  # 公开09 财政拨款“三公”经费支出决算表
}


@cache
def _result(name: str) -> DocumentResult:
    return process_document(shared_pdf(name))


def _value(result: DocumentResult, table_key: str, row_key: str, column_key: str) -> TableValue:
    found = [v for v in result.values if (v.table_key, v.row_key, v.column_key) == (table_key, row_key, column_key)]
    assert len(found) == 1, (table_key, row_key, column_key, found)
    return found[0]


def _amount(value: TableValue) -> Decimal | None:
    return value.amount.value if value.amount else None


# ---- metadata ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "department"),
    [(PLANNING, "上海市普陀区规划和自然资源局"), (SOCIAL_WORK, "中共上海市普陀区委社会工作部")],
)
def test_department_pdfs_metadata(name, department):
    meta = _result(name).meta
    assert meta.doc_type == "final_accounts"
    assert meta.department_name == department
    assert (meta.jurisdiction_name, meta.province_name) == ("普陀区", "上海市")
    assert meta.fiscal_year == 2024
    assert meta.money_unit == "万元"
    assert not meta.is_template


def test_page_count_and_pages_on_every_line():
    loaded = _result(PLANNING).loaded
    assert loaded.page_count == 30
    assert not loaded.issues
    assert all(line.page_no is not None and 1 <= line.page_no <= 30 for line in loaded.lines)
    first_of_page = [line for line in loaded.lines if line.line_no == 1]
    assert len(first_of_page) == 30  # line numbers restart on every page


# ---- tables ----------------------------------------------------------------------------------


def test_planning_has_every_standard_table_and_two_are_empty():
    tables = {t.table_key: t for t in _result(PLANNING).tables}
    assert set(tables) == STANDARD_TABLES
    assert {k for k, t in tables.items() if t.status == "empty"} == {"government_fund", "state_capital"}
    assert tables["income_expenditure_summary"].page_no == 7
    assert tables["general_budget_basic_economic"].page_no == 16
    assert all(t.unit == "万元" for t in tables.values())


def test_social_work_has_every_standard_table_and_three_are_empty():
    tables = {t.table_key: t for t in _result(SOCIAL_WORK).tables}
    assert set(tables) == STANDARD_TABLES
    assert {k for k, t in tables.items() if t.status == "empty"} == {"three_public", "government_fund", "state_capital"}


@pytest.mark.parametrize(
    ("name", "table_key", "row_key", "column_key", "amount", "page_no"),
    [
        (PLANNING, "income_expenditure_summary", "general_budget_income", "amount", "9746.50", 7),
        (PLANNING, "income_expenditure_summary", "carryover_begin", "amount", "112.88", 7),
        (PLANNING, "expenditure", "total", "basic", "5377.64", 10),
        # a table continued on the next page without its title: rows keep their own page
        (PLANNING, "expenditure", "212", "total", "3845.24", 11),
        (PLANNING, "general_budget_expenditure", "total", "project", "4381.74", 15),
        # names wrapped over three lines inside the cell: the row is still one row
        (PLANNING, "general_budget_expenditure", "2080505", "basic", "446.11", 14),
        (PLANNING, "general_budget_basic_economic", "30217", "amount", "0.39", 16),
        (PLANNING, "three_public", "three_public_reception", "final", "0.39", 17),
        (PLANNING, "three_public", "three_public_total", "budget", "2.85", 17),
        (SOCIAL_WORK, "income", "2013999", "total", "202.24", 6),
        (SOCIAL_WORK, "general_budget_expenditure", "201", "basic", "62.63", 12),
        (SOCIAL_WORK, "general_budget_basic_economic", "301", "amount", "95.36", 13),
    ],
)
def test_table_figures_with_their_pages(name, table_key, row_key, column_key, amount, page_no):
    value = _value(_result(name), table_key, row_key, column_key)
    assert value.amount is not None and value.amount.printed == amount
    assert value.page_no == page_no
    assert f"| p.{page_no} |" in value.source_ref


def test_blank_cell_is_blank_not_zero():
    # 其他社会工作事务支出 is all project spending: its 基本支出 cell is printed blank
    value = _value(_result(SOCIAL_WORK), "general_budget_expenditure", "2013999", "basic")
    assert value.amount is None
    assert _amount(_value(_result(SOCIAL_WORK), "general_budget_expenditure", "2013999", "project")) == Decimal(
        "202.24"
    )


def test_table_rows_are_lines_with_cells():
    lines = _result(PLANNING).loaded.lines
    row = next(line for line in lines if line.cells and line.cells[0] == "2080505" and line.page_no == 14)
    assert row.cells == ("2080505", "机关事业单位基本养老保险缴费支出", "446.11", "446.11", "0.00")
    assert row.text == "\t".join(row.cells)
    header = next(line for line in lines if line.cells and line.page_no == 8)
    assert header.cells[:3] == ("项目", "", "本年收入合计")  # a merged header cell appears once


# ---- narrative -------------------------------------------------------------------------------


def test_narrative_lines_come_through_in_reading_order():
    lines = [line for line in _result(PLANNING).loaded.lines if line.page_no == 21]
    texts = [line.text for line in lines]
    assert texts[0] == "（一）一般公共预算财政拨款支出决算总体情况"
    assert "一般公共预算财政拨款支出 9746.50 万元，占本年支出合计" in texts
    assert all(line.cells is None for line in lines)


def test_narrative_figures_are_read_from_pdf_text():
    figures = _result(PLANNING).narrative
    assert figures, "the 情况说明 of the PDF yields figures"
    assert all(f.page_no is not None and f.page_no >= 20 for f in figures)
    assert any(f.value == Decimal("9746.50") for f in figures)


# ---- the official blank template -------------------------------------------------------------


def test_template_is_recognized_and_has_tables_without_figures():
    result = _result(TEMPLATE)
    assert result.meta.is_template
    assert result.meta.fiscal_year == 2024
    assert {t.table_key for t in result.tables} == STANDARD_TABLES
    assert all(v.amount is None for v in result.values)
    assert not result.narrative


# ---- PDFs that cannot be read as text -------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _minimal_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF file written by hand: numbered objects (1 = catalog), an xref table and a trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(content) + extra + b">>\nstream\n" + content + b"\nendstream"


IMAGE = _stream(
    bytes([0, 255, 255, 0]),
    b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
)
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pages_pdf(page_contents: list[bytes]) -> bytes:
    """One page per content stream; every page can draw image /Im1 and write in font /F1."""
    n = len(page_contents)
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        IMAGE,
        FONT,
    ]
    for i, content in enumerate(page_contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R " % (6 + 2 * i)
            + b"/Resources << /XObject << /Im1 3 0 R >> /Font << /F1 4 0 R >> >> >>"
        )
        objects.append(_stream(content))
    return _minimal_pdf(objects)


SCANNED_PAGE = b"q 400 0 0 600 100 100 cm /Im1 Do Q"
TEXT_PAGE = b"BT /F1 12 Tf 72 700 Td (Budget 2024) Tj ET"


def _assert_unreadable(result: DocumentResult, words: str) -> None:
    assert result.parse_status == "unreadable"
    assert not result.values and not result.tables and not result.narrative
    errors = [i for i in result.loaded.issues if (i.stage, i.severity) == ("load", "error")]
    assert len(errors) == 1, result.loaded.issues
    assert words in errors[0].message


def test_truncated_pdf_is_one_clear_error(tmp_path):
    data = shared_pdf(SOCIAL_WORK).read_bytes()
    result = process_document(_write(tmp_path, "truncated.pdf", data[: len(data) // 2]))
    _assert_unreadable(result, "truncated")


def test_scanned_pdf_without_text_layer_is_one_clear_error(tmp_path):
    result = process_document(_write(tmp_path, "scan.pdf", _pages_pdf([SCANNED_PAGE] * 3)))
    _assert_unreadable(result, "no text layer")
    assert result.loaded.page_count == 3


def test_encrypted_pdf_is_one_clear_error(tmp_path):
    # Standard security handler, revision 2, with a user password that is not empty
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    data = _minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ",
    )
    result = process_document(_write(tmp_path, "locked.pdf", data))
    _assert_unreadable(result, "encrypted")


def test_not_a_pdf_at_all(tmp_path):
    result = process_document(_write(tmp_path, "fake.pdf", b"<html>not found</html>"))
    _assert_unreadable(result, "not a readable PDF")


def test_partly_scanned_pdf_keeps_its_text_pages_and_names_the_lost_ones(tmp_path):
    loaded = load_document(_write(tmp_path, "mixed.pdf", _pages_pdf([TEXT_PAGE, SCANNED_PAGE, SCANNED_PAGE])))
    assert [(line.page_no, line.text) for line in loaded.lines] == [(1, "Budget 2024")]
    assert len(loaded.issues) == 1
    issue = loaded.issues[0]
    assert (issue.stage, issue.severity, issue.page_no) == ("load", "error", 2)
    assert "pages 2, 3" in issue.message and "no text layer" in issue.message


# ---- table cell normalization (layouts the two PDFs do not print) ------------------------------


def test_wrapped_cell_text_and_vertical_headers_are_joined():
    from ingest.loading.text import join_wrapped

    assert join_wrapped(["机关事业单位", "基本养老保险", "缴费支出"]) == "机关事业单位基本养老保险缴费支出"
    assert join_wrapped(["栏", "次"]) == "栏次"
    assert join_wrapped(["Total", "amount"]) == "Total amount"


def test_page_numbers_alone_at_page_edges_are_dropped():
    from ingest.loading.pdf import _drop_page_numbers, _Item

    items = [
        _Item(10, 0, "- 3 -"),
        _Item(20, 0, "增长 13.95%。"),
        _Item(30, 0, "2024"),
        _Item(800, 0, "第 3 页 共 24 页"),
    ]
    assert [i.text for i in _drop_page_numbers(items)] == ["增长 13.95%。", "2024"]


def test_page_printed_sideways_is_named_not_silently_dropped(tmp_path):
    sideways = b"BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Budget 2024 final accounts) Tj ET"
    loaded = load_document(_write(tmp_path, "sideways.pdf", _pages_pdf([TEXT_PAGE, sideways])))
    assert [line.page_no for line in loaded.lines] == [1]
    (issue,) = loaded.issues
    assert issue.page_no == 2 and "sideways" in issue.message


def _sideways_text(dx: float, dtop: float, text: bytes) -> bytes:
    """Text that reads upright on a /Rotate 90 page, at (dx, dtop) of the displayed page."""
    return b"BT /F1 10 Tf 0 1 -1 0 %.1f %.1f Tm (" % (dtop, dx) + text + b") Tj ET\n"


def test_landscape_page_made_with_rotate_90_reads_like_a_portrait_one(tmp_path):
    # displayed (x, top) -> page (top, x): a 2 x 2 ruled grid at x 100..300..500, top 100..130..160
    content = _sideways_text(100, 60, b"Table A")
    for top in (100, 130, 160):
        content += b"%d 100 m %d 500 l S\n" % (top, top)
    for x in (100, 300, 500):
        content += b"100 %d m 160 %d l S\n" % (x, x)
    for dx, dtop, text in ((110, 120, b"Item"), (310, 120, b"Amount"), (110, 150, b"Total"), (310, 150, b"9746.50")):
        content += _sideways_text(dx, dtop, text)
    data = _minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            FONT,
        ]
    )
    loaded = load_document(_write(tmp_path, "landscape.pdf", data))
    assert not loaded.issues
    assert [(line.line_no, line.text, line.cells) for line in loaded.lines] == [
        (1, "Table A", None),
        (2, "Item\tAmount", ("Item", "Amount")),
        (3, "Total\t9746.50", ("Total", "9746.50")),
    ]


def test_running_header_and_footer_are_dropped_and_lines_renumbered(tmp_path):
    def page(n: int) -> bytes:
        header = b"BT /F1 9 Tf 72 800 Td (Annual final accounts 2024) Tj ET\n"
        body = b"BT /F1 12 Tf 72 700 Td (Body text of page %d) Tj ET\n" % n
        footer = b"BT /F1 9 Tf 72 40 Td (Page %d of 4) Tj ET\n" % n
        return header + body + footer

    loaded = load_document(_write(tmp_path, "running.pdf", _pages_pdf([page(n) for n in range(1, 5)])))
    assert [(line.page_no, line.line_no, line.text) for line in loaded.lines] == [
        (n, 1, f"Body text of page {n}") for n in range(1, 5)
    ]


def _ruled_table(top: float, rows: list[tuple[bytes, ...]], widths: tuple[int, ...] = (80, 120, 80)) -> bytes:
    """A ruled grid with one line of text per cell, its top `top` points below the top of an A4 page."""
    xs = [72]
    for width in widths:
        xs.append(xs[-1] + width)
    ys = [842 - top - 20 * i for i in range(len(rows) + 1)]
    content = b"".join(b"%d %d m %d %d l S\n" % (xs[0], y, xs[-1], y) for y in ys)
    content += b"".join(b"%d %d m %d %d l S\n" % (x, ys[0], x, ys[-1]) for x in xs)
    for row, y in zip(rows, ys, strict=False):
        for text, x in zip(row, xs, strict=False):
            content += b"BT /F1 10 Tf %d %d Td (%s) Tj ET\n" % (x + 4, y - 14, text)
    return content


def test_header_rows_repeated_on_continuation_pages_are_dropped(tmp_path):
    header = (b"Code", b"Name", b"Total")
    title = b"BT /F1 12 Tf 72 790 Td (Expenditure) Tj ET\n"
    pages = [
        title + _ruled_table(80, [header, (b"201", b"General", b"10.00"), (b"20101", b"Admin", b"10.00")]),
        _ruled_table(60, [header, (b"221", b"Housing", b"5.00")]),
        _ruled_table(60, [header, (b"22102", b"Reform", b"5.00")]) + b"BT /F1 10 Tf 72 600 Td (Note) Tj ET\n",
    ]
    loaded = load_document(_write(tmp_path, "continued.pdf", _pages_pdf(pages)))
    assert [(line.page_no, line.line_no, line.cells or line.text) for line in loaded.lines] == [
        (1, 1, "Expenditure"),
        (1, 2, ("Code", "Name", "Total")),
        (1, 3, ("201", "General", "10.00")),
        (1, 4, ("20101", "Admin", "10.00")),
        (2, 1, ("221", "Housing", "5.00")),
        (3, 1, ("22102", "Reform", "5.00")),
        (3, 2, "Note"),
    ]


def test_scanned_page_with_a_stamped_line_of_text_is_flagged(tmp_path):
    stamped = b"q 560 0 0 800 17 21 cm /Im1 Do Q\nBT /F1 8 Tf 72 40 Td (Scanned 2024) Tj ET"
    loaded = load_document(_write(tmp_path, "stamped.pdf", _pages_pdf([TEXT_PAGE, stamped])))
    assert [line.text for line in loaded.lines] == ["Budget 2024", "Scanned 2024"]
    (issue,) = loaded.issues
    assert (issue.stage, issue.severity, issue.page_no) == ("load", "warn", 2)
    assert "scanned page" in issue.message
