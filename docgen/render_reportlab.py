"""A PDF drawn directly with reportlab: ruled tables, or tables without any ruling line.

The CJK font is reportlab's built-in STSong-Light CID font (not embedded, as many producers do).
Output is byte-identical for the same document: reportlab's invariant mode fixes the dates and ID.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak

from docgen.document import Grid, PageBreak, Printed, Text

FONT = "STSong-Light"
MARGIN = 15 * mm
SIZES = {"cover": 26, "cover_small": 18, "title": 15, "heading": 14, "subheading": 11.5, "body": 10.5, "toc": 10.5}
CELL_SIZE = 8


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _style(name: str, size: float, align: str = "left", leading: float | None = None) -> ParagraphStyle:
    alignment = {"left": 0, "center": 1, "right": 2}[align]
    return ParagraphStyle(
        name, fontName=_font(), fontSize=size, leading=leading or size * 1.35, alignment=alignment, wordWrap="CJK"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(printed: Printed, path: Path, ruled: bool = True) -> None:
    portrait, wide = A4, landscape(A4)
    doc = BaseDocTemplate(
        str(path),
        pagesize=portrait,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=printed.title,
        author="",
        creator="",
        producer="ReportLab PDF Library",
        invariant=1,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "portrait",
                [Frame(MARGIN, MARGIN, portrait[0] - 2 * MARGIN, portrait[1] - 2 * MARGIN)],
                pagesize=portrait,
            ),
            PageTemplate(
                "landscape", [Frame(MARGIN, MARGIN, wide[0] - 2 * MARGIN, wide[1] - 2 * MARGIN)], pagesize=wide
            ),
        ]
    )
    story: list = []
    width = {"portrait": portrait[0] - 2 * MARGIN - 12, "landscape": wide[0] - 2 * MARGIN - 12}
    current = "portrait"
    for block in printed.blocks:
        if isinstance(block, PageBreak):
            current = "landscape" if block.landscape else "portrait"
            story.append(NextPageTemplate(current))
            if story[:-1]:
                story.append(RLPageBreak())
        elif isinstance(block, Text):
            size = SIZES[block.style]
            if block.style == "cover":
                story.append(Spacer(1, 40 * mm if not story[1:] else 6 * mm))
            story.append(Paragraph(_escape(block.text), _style(block.style, size, block.align)))
            story.append(Spacer(1, 2 * mm))
        elif isinstance(block, Grid):
            story.extend(_grid(block, width[current], ruled))
    doc.build(story)


def _grid(grid: Grid, width: float, ruled: bool) -> list:
    out: list = []
    unit_style = _style("unit", 9, {"right": "right", "left": "left", "title_row": "right"}[grid.unit_position])
    if grid.title:
        if grid.unit_position == "title_row" and grid.unit_text:
            line = Table(
                [
                    [
                        "",
                        Paragraph(_escape(grid.title), _style("t", 14, "center")),
                        Paragraph(grid.unit_text, unit_style),
                    ]
                ],
                colWidths=[width * 0.2, width * 0.6, width * 0.2],
            )
            line.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
            out.append(line)
        else:
            out.append(Paragraph(_escape(grid.title), _style("t", 14, "center")))
            out.append(Spacer(1, 2 * mm))
            if grid.unit_text:
                out.append(Paragraph(grid.unit_text, unit_style))
    out.append(Spacer(1, 1 * mm))
    rows = grid.header + grid.body
    matrix = grid.matrix(rows)
    total = sum(grid.widths)
    col_widths = [width * w / total for w in grid.widths]
    data = []
    for r, row in enumerate(matrix):
        cells = []
        for cell in row:
            if cell is None:
                cells.append("")
            else:
                align = "center" if r < len(grid.header) else cell.align
                cells.append(Paragraph(_escape(cell.text), _style("c", CELL_SIZE, align, CELL_SIZE * 1.25)))
        data.append(cells)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in grid.spans(rows)]
    table = Table(data, colWidths=col_widths, repeatRows=len(grid.header) if grid.repeat_header else 0)
    table.setStyle(TableStyle(style))
    out.append(table)
    for text in (grid.remark, grid.note):
        if text:
            out.append(Spacer(1, 1.5 * mm))
            out.append(Paragraph(_escape(text), _style("n", 9)))
    return out
