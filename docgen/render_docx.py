"""The document as a word-processor file (python-docx): cover, 目录, text and every table, wide
tables in landscape sections, header rows marked to repeat on each page or not, merged cells as
the template merges them. Dates and zip entry times are fixed (same document, same bytes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen.document import Grid, PageBreak, Printed, Text
from docgen.zipfix import fix_zip

FIXED_TIME = dt.datetime(2025, 6, 30, 9, 0, 0)
FONT = "宋体"
SIZES = {"cover": 24, "cover_small": 18, "title": 16, "heading": 15, "subheading": 12, "body": 11, "toc": 11}
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
A4 = (Mm(210), Mm(297))
MARGIN = Mm(15)


def render(printed: Printed, path: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    _page(section, landscape=False)
    landscape = False
    started = False
    for block in printed.blocks:
        if isinstance(block, PageBreak):
            if block.landscape != landscape:
                section = doc.add_section(WD_SECTION.NEW_PAGE)
                _page(section, block.landscape)
                landscape = block.landscape
            elif started:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Text):
            _paragraph(doc, block.text, SIZES[block.style], block.align, space=24 if block.style == "cover" else 4)
            started = True
        elif isinstance(block, Grid):
            _grid(doc, block, section)
            started = True
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    doc.core_properties.last_printed = FIXED_TIME
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    doc.core_properties.title = printed.title
    doc.save(path)
    fix_zip(path)


def _page(section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4[1], A4[0]) if landscape else A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _paragraph(doc_or_cell, text: str, size: float, align: str = "left", space: float = 2):
    paragraph = doc_or_cell.add_paragraph()
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(space)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    return paragraph


def _grid(doc, grid: Grid, section) -> None:
    if grid.title:
        if grid.unit_position == "title_row":
            p = _paragraph(doc, grid.title, 15, "center", 2)
            p.add_run("\t" + grid.unit_text).font.size = Pt(9)
        else:
            _paragraph(doc, grid.title, 15, "center", 2)
            _paragraph(doc, grid.unit_text, 9, grid.unit_position, 2)
    rows = grid.header + grid.body
    matrix = grid.matrix(rows)
    table = doc.add_table(rows=len(matrix), cols=grid.ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    usable = section.page_width - 2 * MARGIN
    total = sum(grid.widths)
    widths = [int(usable * w / total) for w in grid.widths]
    cells = table._cells  # computed once: Table.cell() recomputes the whole grid on every call
    for r, row in enumerate(matrix):
        for c, cell in enumerate(row):
            target = cells[r * grid.ncols + c]
            target.width = widths[c]
            if cell is None:
                continue
            paragraph = target.paragraphs[0]
            paragraph.alignment = ALIGN["center" if r < len(grid.header) else cell.align]
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(cell.text)
            run.font.size = Pt(8)
    for r0, c0, r1, c1 in grid.spans(rows):
        cells[r0 * grid.ncols + c0].merge(cells[r1 * grid.ncols + c1])
    if grid.repeat_header:
        for r in range(len(grid.header)):
            trPr = table.rows[r]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            trPr.append(header)
    for text in (grid.remark, grid.note):
        if text:
            _paragraph(doc, text, 9, "left", 2)
