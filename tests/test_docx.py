"""DOCX loading: paragraphs and tables in body order, merged cells, and the parsers reading them.

The .docx files are written at test time by tests/fixtures/make_docx.py (python-docx).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from fixtures.make_docx import EXPENDITURE_HEADER, SCORING_HEADER, expenditure_table_docx, scoring_table_docx

from ingest.loading import load_document
from ingest.pipeline import process_document


@pytest.fixture(scope="module")
def docx_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    scoring_table_docx(out / "scoring_table.docx")
    expenditure_table_docx(out / "expenditure_table.docx")
    return out


def test_paragraphs_and_tables_in_body_order(docx_dir):
    loaded = load_document(docx_dir / "scoring_table.docx")
    assert not loaded.issues
    kinds = ["row" if line.cells else "text" for line in loaded.lines]
    assert kinds == ["text"] * 4 + ["row"] * 7 + ["text"]
    assert loaded.lines[0].text == "富民县信访局2025年度热线办理工作经费支出绩效评价报告"
    assert loaded.lines[-1].text == "评价人：张三"
    assert [line.line_no for line in loaded.lines] == list(range(1, 13))
    assert all(line.page_no is None for line in loaded.lines)


def test_vertically_merged_cells_carry_text_in_their_first_row_only(docx_dir):
    rows = [line.cells for line in load_document(docx_dir / "scoring_table.docx").lines if line.cells]
    assert rows[0] == SCORING_HEADER
    assert rows[1][:3] == ("决策(10分)", "项目立项(7分)", "项目立项规范性（1分）")  # cell paragraphs joined
    assert rows[2][:3] == ("", "", "绩效目标合理性（2分）")
    assert rows[4][:3] == ("", "资金落实(3分)", "资金到位率（1分）")
    assert all(len(row) == len(SCORING_HEADER) for row in rows)


def test_horizontally_merged_cell_appears_once(docx_dir):
    rows = [line.cells for line in load_document(docx_dir / "scoring_table.docx").lines if line.cells]
    assert rows[-1] == ("合计", "", "", "", "", "100", "97", "3", "")
    lines = load_document(docx_dir / "expenditure_table.docx").lines
    title_row = next(line for line in lines if line.cells)
    assert title_row.cells == ("支出决算表", "", "", "", "", "", "", "公开03表")


def test_final_accounts_table_from_docx_is_parsed(docx_dir):
    result = process_document(docx_dir / "expenditure_table.docx")
    assert result.meta.department_name == "天门市12345公共服务热线中心"
    assert result.meta.fiscal_year == 2022
    tables = {t.table_key: t for t in result.tables}
    assert tables["expenditure"].status == "parsed"
    assert tables["expenditure"].unit == "万元"
    values = {(v.row_key, v.column_key): v for v in result.values if v.table_key == "expenditure"}
    assert values[("total", "total")].amount.value == Decimal("218.56")
    assert values[("2010301", "basic")].amount.value == Decimal("29.19")
    assert values[("2210201", "project")].amount.value == Decimal("0.00")
    assert "expenditure_table.docx | line 10 |" in values[("2010301", "basic")].source_ref
    header = next(line for line in result.loaded.lines if line.cells and line.cells[0] == "科目代码")
    assert header.cells == EXPENDITURE_HEADER


def test_scoring_table_from_docx_keeps_indicator_hierarchy(docx_dir):
    result = process_document(docx_dir / "scoring_table.docx")
    assert result.meta.doc_type == "performance_evaluation"
    indicators = result.indicators
    assert [i.level3_name for i in indicators] == [
        "项目立项规范性",
        "绩效目标合理性",
        "绩效指标明确性",
        "资金到位率",
        "到位及时率",
    ]
    assert [(i.level1_name, i.level2_name) for i in indicators] == [("决策", "项目立项")] * 3 + [
        ("决策", "资金落实")
    ] * 2
    assert [i.weight for i in indicators] == [Decimal(w) for w in ("1", "2", "4", "1", "2")]


def test_thousands_separators_are_dropped_in_cells(tmp_path):
    document = Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ("2080505", "机关事业单位基本养老保险缴费支出", "2,940.05"), strict=True
    ):
        cell.text = text
    document.save(tmp_path / "t.docx")
    (line,) = load_document(tmp_path / "t.docx").lines
    assert line.cells == ("2080505", "机关事业单位基本养老保险缴费支出", "2940.05")


def test_damaged_docx_is_one_clear_error(tmp_path):
    document = Document()
    document.add_paragraph("部门决算")
    document.save(tmp_path / "ok.docx")
    data = (tmp_path / "ok.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    result = process_document(tmp_path / "cut.docx")
    assert result.parse_status == "unreadable"
    (issue,) = result.loaded.issues
    assert (issue.stage, issue.severity) == ("load", "error")
    assert "not a readable .docx" in issue.message


def test_paragraphs_inside_content_controls_are_read(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    document.add_paragraph("第一段")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, sdt)
    document.add_paragraph("末段")
    document.save(tmp_path / "sdt.docx")
    assert [line.text for line in load_document(tmp_path / "sdt.docx").lines] == ["第一段", "控件中的段落", "末段"]


def test_page_numbers_follow_the_page_breaks_the_file_records(tmp_path):
    from docx.enum.text import WD_BREAK

    document = Document()
    document.add_paragraph("封面")
    document.add_page_break()
    document.add_paragraph("目录")
    paragraph = document.add_paragraph("第一行")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("第二页的续行")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "合计", "218.56"
    document.save(tmp_path / "pages.docx")
    lines = load_document(tmp_path / "pages.docx").lines
    assert [(line.page_no, line.line_no, line.text) for line in lines] == [
        (1, 1, "封面"),
        (2, 1, "目录"),
        (2, 2, "第一行"),
        (3, 1, "第二页的续行"),
        (3, 2, "合计\t218.56"),
    ]


def test_word_rendered_page_breaks_are_preferred(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    document.add_paragraph("第一页")
    rendered = parse_xml(f"<w:p {nsdecls('w')}><w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r></w:p>")
    document.element.body.insert(1, rendered)
    document.save(tmp_path / "rendered.docx")
    lines = load_document(tmp_path / "rendered.docx").lines
    assert [(line.page_no, line.text) for line in lines] == [(1, "第一页"), (2, "第二页")]
