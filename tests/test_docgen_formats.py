"""The generator's other outputs: workbook, word-processor file, web page, scans, and the PDFs
LibreOffice and a headless browser make of them (those conversions are marked slow)."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pypdfium2
import pytest

from docgen import (
    convert,
    corpus,
    producers,
    render_docx,
    render_html,
    render_reportlab,
    render_text,
    render_xlsx,
    scan,
)
from docgen.catalogue import PLAIN
from docgen.document import Printed

LAYOUT = dataclasses.replace(PLAIN, thousands="separators", code_layout="split_columns", continuation="repeat_header")


@pytest.fixture(scope="module")
def doc():
    return corpus.document(12, 0, LAYOUT)


def _figures(printed: Printed, key: str) -> list[str]:
    grid = next(g for g in printed.grids() if g.key == key)
    return [c.text for row in grid.body for c in row if c.amount and c.text]


def test_workbook_holds_every_table_with_numbers_as_numbers(doc, tmp_path):
    path = tmp_path / "a.xlsx"
    render_xlsx.render(doc.printed, path, thousands=True)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["封面"] + [f"公开0{i}" for i in range(1, 8)] + ["公开08-09"]
    shared = [c.value for row in wb["公开08-09"].iter_rows() for c in row if c.value]
    assert any("政府性基金" in str(v) for v in shared) and any("国有资本经营" in str(v) for v in shared)
    values = [c for row in wb["公开01"].iter_rows() for c in row if isinstance(c.value, float)]
    total = f"{doc.data.income_total() / 100:.2f}"
    assert any(f"{c.value:.2f}" == total and c.number_format == "#,##0.00" for c in values)
    assert wb["公开01"].merged_cells.ranges  # 收入 / 支出 header spans
    assert wb["公开03"].print_title_rows  # header repeated on each printed page
    render_xlsx.render(doc.printed, tmp_path / "b.xlsx", thousands=True)
    assert path.read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_text_dump_is_read_by_the_text_reader_with_its_figures(doc, tmp_path):
    from ingest.pipeline import process_document

    path = tmp_path / "a.txt"
    render_text.render(doc.printed, path)
    text = path.read_text(encoding="utf-8")
    assert "\f" in text and "|" not in text  # pages as form feeds, columns as runs of spaces
    read = process_document(path)
    assert (read.meta.doc_type, read.meta.department_name) == ("final_accounts", doc.data.department.name)
    total = f"{doc.data.income_total() / 100:,.2f}"
    summary = [v for v in read.values if v.table_key == "income_expenditure_summary" and v.row_label == "总计"]
    assert {v.amount.printed for v in summary} == {total}
    assert read.reading.template_tables_found >= 6
    assert read.reading.identities_checked > 100 and read.reading.identities_closed == read.reading.identities_checked
    render_text.render(doc.printed, tmp_path / "b.txt")
    assert path.read_bytes() == (tmp_path / "b.txt").read_bytes()


def test_word_file_has_the_whole_document(doc, tmp_path):
    path = tmp_path / "a.docx"
    render_docx.render(doc.printed, path)
    d = docx.Document(str(path))
    text = "\n".join(p.text for p in d.paragraphs)
    assert doc.data.department.name in text and "收入支出决算总表" in text
    assert len(d.tables) == 10  # 单位构成 and 公开01–09
    cells = {c.text for t in d.tables for row in t.rows for c in row.cells}
    assert set(_figures(doc.printed, "03")) <= cells
    assert any(s.orientation == 1 for s in d.sections)  # landscape sections for wide tables
    header_rows = re.findall(r"<w:tblHeader", zipfile.ZipFile(path).read("word/document.xml").decode())
    assert header_rows
    render_docx.render(doc.printed, tmp_path / "b.docx")
    assert path.read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_web_page_has_chrome_and_spanned_tables(doc):
    page = render_html.page(doc.printed)
    assert "您现在的位置" in page and "<nav" in page and "@media print" in page
    assert page.count("<table") >= 10 and 'colspan="2"' in page and "<thead>" in page
    assert all(f">{figure}<" in page for figure in _figures(doc.printed, "05"))


def test_scan_is_an_image_only_pdf_of_every_page(tmp_path):
    small = corpus.document(12, 1, PLAIN)
    small.printed.blocks = small.printed.blocks[:3]  # the cover and the 目录 title only, to keep it quick
    render_reportlab.render(small.printed, tmp_path / "src.pdf")
    scan.scan_pdf(tmp_path / "src.pdf", tmp_path / "a.pdf", 100, "seed")
    scan.scan_pdf(tmp_path / "src.pdf", tmp_path / "b.pdf", 100, "seed")
    pdf = pypdfium2.PdfDocument(str(tmp_path / "a.pdf"))
    source = pypdfium2.PdfDocument(str(tmp_path / "src.pdf"))
    assert len(pdf) == len(source) == 2
    assert all(pdf[i].get_textpage().get_text_range().strip() == "" for i in range(len(pdf)))
    assert source[0].get_textpage().get_text_range().strip()
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_scans_cycle_through_the_dpis_asked_for(tmp_path, monkeypatch):
    small = corpus.document(12, 1, PLAIN)
    small.printed.blocks = small.printed.blocks[:1]
    scanned = []
    monkeypatch.setattr(scan, "scan_pdf", lambda source, target, dpi, seed: scanned.append((target.name, dpi)))
    entries, _ = producers.write_format("scan", [small] * 3, tmp_path, (200, 300))
    assert [dpi for _, dpi in scanned] == [200, 300, 200]
    assert [producer for *_, producer in entries] == ["scan_200dpi", "scan_300dpi", "scan_200dpi"]


def test_pdf_stamps_are_fixed_in_place(tmp_path):
    path = tmp_path / "x.pdf"
    original = (
        b"%PDF-1.4\n1 0 obj <</CreationDate (D:20261201235959+00'00')>> endobj\ntrailer <</ID [<ABCDEF12><34567890>]>>"
    )
    path.write_bytes(original)
    convert.fix_pdf_stamps(path)
    fixed = path.read_bytes()
    assert len(fixed) == len(original)
    assert b"D:20250630090000+00'00'" in fixed and b"<00000000><00000000>" in fixed


def _pdf_text(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


@pytest.mark.slow
@pytest.mark.skipif(convert.soffice() is None, reason="LibreOffice is not installed")
def test_office_producers_print_the_figures(doc, tmp_path):
    docs = [doc, dataclasses.replace(doc, layout=dataclasses.replace(LAYOUT, producer="office_workbook"))]
    docs[0] = dataclasses.replace(doc, layout=dataclasses.replace(LAYOUT, producer="office_document"))
    docs[1].name = doc.name + "_wb"
    for producer, one in zip(("office_document", "office_workbook"), docs, strict=True):
        producers.PDF_PRODUCERS[producer]([one], tmp_path)
        text = _pdf_text(tmp_path / f"{one.name}.pdf")
        assert doc.data.department.name in text.replace("\r\n", "")
        assert all(figure in text for figure in _figures(doc.printed, "05"))


@pytest.mark.slow
@pytest.mark.skipif(convert.browser() is None, reason="Chromium is not installed")
def test_browser_producer_prints_the_page_without_its_chrome(doc, tmp_path):
    one = dataclasses.replace(doc, layout=dataclasses.replace(LAYOUT, producer="browser_html"))
    producers.PDF_PRODUCERS["browser_html"]([one], tmp_path)
    text = _pdf_text(tmp_path / f"{doc.name}.pdf")
    assert "您现在的位置" not in text and "收入支出决算总表" in text
    assert all(figure in text for figure in _figures(doc.printed, "05"))
