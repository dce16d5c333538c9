"""The document as a workbook (openpyxl): a cover sheet, one sheet per table, and the two fund
tables (公开08, 公开09) on one shared sheet, as workbooks published by departments often have.

Figures are stored as numbers with the display format the layout prints (separators or not);
a blank stays an empty cell and a "-" stays text. Under the full-width-digit quirk the figures are
text, as workbooks with numbers stored as text have. Print settings follow the layout: landscape
for wide tables, the header rows repeated on every page or not. The file's dates and zip entry
times are fixed, so the same document gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from docgen.document import Grid, PageBreak, Printed, Text
from docgen.zipfix import fix_zip

FIXED_TIME = dt.datetime(2025, 6, 30, 9, 0, 0)
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SHEET_OF_TABLE = {"08": "公开08-09", "09": "公开08-09"}


def render(printed: Printed, path: Path, thousands: bool) -> None:
    wb = Workbook()
    cover = wb.active
    cover.title = "封面"
    row = 1
    for block in printed.blocks:
        if isinstance(block, Text) and block.style in ("cover", "title", "toc"):
            cover.cell(row=row, column=1, value=block.text).font = Font(size=16 if block.style == "cover" else 11)
            row += 1
        if isinstance(block, Grid):
            break
    cover.column_dimensions["A"].width = 60
    heading = next((b.text for b in printed.blocks if isinstance(b, Text) and b.text.endswith("部门决算表")), "")
    landscape = False
    for block in printed.blocks:
        if isinstance(block, PageBreak):
            landscape = block.landscape
        if not isinstance(block, Grid) or block.key == "units":
            continue
        name = SHEET_OF_TABLE.get(block.key, f"公开{block.key}")
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        start = ws.max_row + 2 if ws.max_row > 1 else 1
        if block.key == "01" and heading:
            ws.cell(row=start, column=1, value=heading).font = Font(size=14)
            ws.merge_cells(start_row=start, start_column=1, end_row=start, end_column=block.ncols)
            ws.cell(row=start, column=1).alignment = Alignment(horizontal="center")
            start += 1
        _table(ws, block, start, thousands)
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.creator = "Administrator"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = ""
    wb.save(path)
    fix_zip(path)


def _value(text: str):
    """A figure as a number where it is one; blanks and dashes as printed."""
    if not text:
        return None
    try:
        return float(Decimal(text.replace(",", "")))
    except InvalidOperation:
        return text


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(ws, grid: Grid, start: int, thousands: bool) -> None:
    title_row, unit_row = start, start + 1
    ws.cell(row=title_row, column=1, value=grid.title).font = Font(size=14, bold=True)
    ws.cell(row=title_row, column=1).alignment = Alignment(horizontal="center")
    last_title_col = grid.ncols - 1 if grid.unit_position == "title_row" else grid.ncols
    ws.merge_cells(start_row=title_row, start_column=1, end_row=title_row, end_column=max(1, last_title_col))
    if grid.unit_position == "title_row":
        ws.cell(row=title_row, column=grid.ncols, value=grid.unit_text).alignment = Alignment(horizontal="right")
        first = title_row + 1
    else:
        col = 1 if grid.unit_position == "left" else grid.ncols
        align = "left" if grid.unit_position == "left" else "right"
        ws.cell(row=unit_row, column=col, value=grid.unit_text).alignment = Alignment(horizontal=align)
        first = unit_row + 1
    rows = grid.header + grid.body
    fmt = "#,##0.00" if thousands else "0.00"
    for r, row in enumerate(grid.matrix(rows)):
        for c, cell in enumerate(row):
            target = ws.cell(row=first + r, column=c + 1)
            target.border = BORDER
            if cell is None:
                continue
            is_header = r < len(grid.header)
            target.value = _value(cell.text) if cell.amount else cell.text or None
            if cell.amount and isinstance(target.value, float):
                target.number_format = fmt
            horizontal = "center" if is_header else cell.align
            target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            target.font = Font(size=9, bold=is_header)
    for r0, c0, r1, c1 in grid.spans(rows):
        ws.merge_cells(start_row=first + r0, start_column=c0 + 1, end_row=first + r1, end_column=c1 + 1)
    total = sum(grid.widths)
    for i, w in enumerate(grid.widths):
        letter = get_column_letter(i + 1)
        figures = [
            _display_width(row[i].text) for row in grid.matrix(grid.body) if row[i] is not None and row[i].amount
        ]
        width = max([round(110 * w / total, 1)] + [n * 1.2 + 2 for n in figures])
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)
    if grid.repeat_header:
        ws.print_title_rows = f"{first}:{first + len(grid.header) - 1}"
    after = first + len(rows)
    for text in (grid.remark, grid.note):
        if text:
            ws.cell(row=after, column=1, value=text).font = Font(size=9)
            after += 1
