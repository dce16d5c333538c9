"""Workbooks (.xlsx/.xls): sheets read as cell grids that the same table reader maps.

Workbooks are written at test time (tests/fixtures/make_workbook.py, openpyxl) from the grid the PDF
loader reads from a published document, so a workbook of that document must give the same figures;
tests/fixtures/workbooks/generated.xls is the small generated workbook below saved as .xls by
LibreOffice; the two budget templates are public Excel files (tests/fixtures/corpus/budgets/).
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, corpus_file, shared_pdf
from fixtures.make_workbook import pages_workbook, tables_workbook, with_cached_values
from openpyxl import Workbook

from ingest.loading import load_document
from ingest.loading.number_formats import parse_format_code
from ingest.model import DocumentResult
from ingest.pipeline import find_documents, process_document

WORKBOOKS = ROOT / "tests" / "fixtures" / "workbooks"


@pytest.fixture(scope="module")
def planning_pdf() -> DocumentResult:
    return process_document(shared_pdf("putuo_planning_resources_2024.pdf"))


def _facts(result: DocumentResult) -> Counter:
    return Counter(
        (v.table_key, v.row_key, v.column_key, v.side, None if v.amount is None else v.amount.printed)
        for v in result.values
    )


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_workbook_with_a_sheet_per_page_reads_the_figures_of_the_pdf(tmp_path, planning_pdf):
    path = _write(tmp_path, "planning.xlsx", pages_workbook(planning_pdf.loaded.lines))
    result = process_document(path)
    assert result.meta.doc_type == "final_accounts" and result.meta.fiscal_year == 2024
    assert result.meta.department_name == "上海市普陀区规划和自然资源局"
    assert _facts(result) == _facts(planning_pdf) and len(result.values) == 636
    assert [(t.table_key, t.status) for t in result.tables] == [(t.table_key, t.status) for t in planning_pdf.tables]
    # the 支出决算表 runs over two pages, so over two sheets; its rows on the second sheet are read
    [row] = [v for v in result.values if v.table_key == "expenditure" and v.row_key == "2200150"][:1]
    assert row.page_no == 11 and row.source_ref.startswith("planning.xlsx | p.11 | line ")
    assert "| 第11页!A" in row.source_ref and row.source_ref.endswith("| 支出决算表 | 2200150 事业运行")
    [income] = [
        v for v in result.values if v.table_key == "income_expenditure_summary" and v.row_key == "general_budget_income"
    ]
    assert income.amount.printed == "9746.50" and income.amount.decimals == 2  # 9746.5 under "#,##0.00"


def test_workbook_with_a_sheet_per_table_takes_the_sheet_names_as_titles(tmp_path, planning_pdf):
    path = _write(tmp_path, "planning.xlsx", tables_workbook(planning_pdf.loaded.lines))
    loaded = load_document(path)
    first = [line for line in loaded.lines if line.page_no == 2][0]
    assert (first.text, first.locator, first.cells) == ("收入支出决算总表", "收入支出决算总表 (sheet name)", None)
    result = process_document(path)
    assert _facts(result) == _facts(planning_pdf)
    assert [t.table_key for t in result.tables if t.status == "empty"] == ["government_fund", "state_capital"]


def test_amounts_stored_as_text_with_separators_read_like_numbers(tmp_path, planning_pdf):
    path = _write(tmp_path, "planning.xlsx", pages_workbook(planning_pdf.loaded.lines, numbers_as_text=True))
    assert _facts(process_document(path)) == _facts(planning_pdf)


def _generated_workbook() -> bytes:
    """A small 支出决算表 sheet with merged cells, formats, a formula and text figures, plus a hidden sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "支出"
    ws["A1"] = "支出决算表"
    ws.merge_cells("A1:E1")
    ws["E2"] = "单位：万元"
    ws.append(["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"])
    ws["A4"], ws["B4"] = "合计", "合计"
    ws.merge_cells("A4:A5")  # a cell merged over two rows
    rows = [
        ("2010101", "行政运行", 0.1, 0.2, "=C6-D6"),
        ("2010102", "一般行政管理事务", 1234.5, "1,234.50", 0),
        ("2010199", "其他政府办公厅（室）及相关机构事务支出", None, None, None),
    ]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(row=6 + offset, column=col, value=value)
    ws["C4"], ws["D4"], ws["E4"] = "=SUM(C6:C7)", 1234.7, 0.3
    for ref in ("C4", "D4", "C6", "D6", "C7"):
        ws[ref].number_format = "#,##0.00"
    ws["E7"].number_format = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '
    ws["E4"].number_format = "0.0%"
    ws["A9"] = "注：本表反映部门本年度各项支出情况。"
    hidden = wb.create_sheet("代码表")
    hidden["A1"], hidden["B1"] = "2010101", "行政运行"
    hidden.sheet_state = "hidden"
    named = wb.create_sheet("收入决算表")  # no title row: the sheet's name is its title
    named.append(["科目编码", "科目名称", "本年收入合计"])
    named.append(["201", "一般公共服务支出", 12.5])
    out = io.BytesIO()
    wb.save(out)
    return with_cached_values(out.getvalue(), {"C4": 1234.6, "E6": -0.1 + 0.3 - 0.1})


def test_cells_of_a_generated_sheet(tmp_path):
    doc = load_document(_write(tmp_path, "generated.xlsx", _generated_workbook()))
    lines = [(line.page_no, line.line_no, line.locator, line.text, line.cells is not None) for line in doc.lines]
    assert lines[:3] == [
        (1, 1, "支出!A1", "支出决算表", False),  # merged across the table: a title, not a row
        (1, 2, "支出!A2:E2", "\t\t\t\t单位：万元", True),  # a lone cell in the last column stays a row
        (1, 3, "支出!A3:E3", "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出", True),
    ]
    cells = {line.locator: line.cells for line in doc.lines if line.cells}
    assert cells["支出!A4:E4"] == ("合计", "合计", "1234.60", "1234.70", "30.0%")  # formula's cached value, percent
    assert "支出!A5:E5" not in cells  # the row under the merge is blank
    assert cells["支出!A6:E6"] == ("2010101", "行政运行", "0.10", "0.20", "0.1")  # 0.1 (float noise rounded off)
    assert cells["支出!A7:E7"] == ("2010102", "一般行政管理事务", "1234.50", "1234.50", "-")  # text figure; zero as "-"
    # a label row whose figures are all blank, between table rows, stays a row
    assert cells["支出!A8:E8"] == ("2010199", "其他政府办公厅（室）及相关机构事务支出", "", "", "")
    assert doc.lines[-4].text == "注：本表反映部门本年度各项支出情况。" and doc.lines[-4].cells is None
    assert [(line.page_no, line.text) for line in doc.lines[-3:]] == [
        (3, "收入决算表"),
        (3, "科目编码\t科目名称\t本年收入合计"),
        (3, "201\t一般公共服务支出\t12.5"),  # General format: the exact decimal
    ]
    assert doc.page_count == 3 and not any(line.page_no == 2 for line in doc.lines)
    [hidden] = doc.issues
    assert hidden.severity == "info" and "'代码表'" in hidden.message


def test_legacy_xls_reads_the_same_grid(tmp_path):
    xls = load_document(WORKBOOKS / "generated.xls")
    xlsx = load_document(_write(tmp_path, "generated.xlsx", _generated_workbook()))
    assert xls.file_format == "xls" and not [i for i in xls.issues if i.severity != "info"]
    by_locator = {line.locator: line.cells for line in xls.lines}
    # number formats are not read from .xls: a figure has as many decimals as the most precise of its column
    assert by_locator["支出!A4:E4"] == ("合计", "合计", "1234.6", "1234.7", "0.3")
    assert by_locator["支出!A6:E6"] == ("2010101", "行政运行", "0.1", "0.2", "0.1")
    assert by_locator["支出!A7:E7"] == ("2010102", "一般行政管理事务", "1234.5", "1234.50", "0.0")
    assert [line.text for line in xls.lines if line.cells is None] == [
        line.text for line in xlsx.lines if line.cells is None
    ]


def test_number_format_codes():
    assert parse_format_code("#,##0.00").decimals == 2
    assert parse_format_code("0").decimals == 0
    assert parse_format_code("0.0%").percent and parse_format_code("0.0%").decimals == 1
    accounting = parse_format_code('_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ')
    assert (accounting.decimals, accounting.zero_text) == (2, "-")
    assert parse_format_code('[Red]#,##0.000;"(" #,##0.000 ")"').decimals == 3
    assert parse_format_code("General").decimals is None
    assert parse_format_code('"合计："@').decimals is None


BUDGET_INCOME_HEADER = (
    "功能分类科目编码",
    "",
    "",
    "功能分类科目名称",
    "合计",
    "财政拨款收入",
    "事业收入",
    "事业单位经营收入",
    "其他收入",
)


def test_excel_budget_template_reads_as_grids():
    path = corpus_file("budgets", "sh_putuo_department_budget_template.xlsx")
    doc = load_document(path)
    assert doc.page_count == 17 and not doc.issues
    by_locator = {line.locator: line for line in doc.lines}
    assert by_locator["封面!A3"].text == "上海市普陀区2026年区级部门预算"
    assert by_locator["部门收入总表!A2"].text == "2026年部门收入预算总表"
    assert by_locator["部门收入总表!A7:I7"].cells == BUDGET_INCOME_HEADER
    assert by_locator["部门收入总表!A9:I9"].cells[:4] == ("205", "", "", "教育支出")  # a code stored as a number
    assert by_locator["部门收入总表!A10:I10"].cells[:4] == ("205", "02", "", "普通教育")  # a code part stored as text
    # a label row of the 收支总表 whose figures are blank stays a row of its table
    assert by_locator["部门收支总表!A11:D11"].cells == ("3. 国有资本经营预算", "", "", "")
    # the narrative sheets: one Line per line of the cell's text
    texts = [line.text for line in doc.lines if line.locator == "部门编制说明!A3"]
    assert texts[-1] == "财政拨款支出主要内容如下：" and len(texts) == 4
    result = process_document(path)
    assert result.meta.fiscal_year == 2026 and result.meta.jurisdiction_name == "普陀区"
    assert result.meta.doc_type == "budget" and result.parse_status == "parsed"
    # the template's nine tables are found, each without a figure (its rows' cells are blank)
    assert len(result.tables) == 9 and {t.status for t in result.tables} == {"empty"}
    assert result.values and all(v.amount is None for v in result.values)
    assert result.meta.department_name is None  # 预算主管部门：上海市普陀区XX局 is the template's placeholder
    assert [i.message for i in result.issues if i.severity != "info"] == []


def test_unit_budget_template_three_public_sheet_keeps_its_merged_header():
    doc = load_document(corpus_file("budgets", "sh_putuo_unit_budget_template.xlsx"))
    rows = [
        line.cells
        for line in doc.lines
        if line.locator and line.locator.startswith("单位“三公”经费和机关运行费预算表!")
    ]
    assert rows[2:5] == [
        ("“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"),
        ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""),
        ("", "", "", "小计", "购置费", "运行费", ""),
    ]


def test_damaged_workbook_and_unknown_files_are_listed_not_skipped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "broken.xlsx").write_bytes(_generated_workbook()[:2000])
    (raw / "scan.tif").write_bytes(b"II*\x00")
    (raw / ".notes").write_text("x")
    paths = find_documents(raw)
    assert [p.name for p in paths] == [".notes", "broken.xlsx", "scan.tif"]
    broken = process_document(raw / "broken.xlsx")
    assert broken.parse_status == "unreadable"
    assert broken.loaded.issues[0].message.startswith("not a readable workbook")
    unknown = process_document(raw / "scan.tif")
    assert unknown.parse_status == "unreadable" and "unsupported file format '.tif'" in unknown.loaded.issues[0].message
