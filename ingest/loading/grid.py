"""Cells of a grid (a workbook sheet, an HTML table, a scanned table) -> the text the table reader expects.

Every loader hands the table reader the same thing as the PDF and DOCX loaders: a row's cells by
column position, blank cells "", a merged cell's text once in its first row and column. A cell's
text is normalized the same way in every format:

- its wrapped lines are joined ("事业单位\\n经营收入" -> "事业单位经营收入"; Latin words keep a space);
- then it is normalized as every loader's cells are (text.normalize_cell: full-width digits and
  compatibility characters folded, no spaces between Chinese characters, no thousands separators).
"""

from __future__ import annotations

from ingest.loading.text import join_wrapped, normalize_cell, normalize_line
from ingest.model import Line


def cell_text(text: str) -> str:
    """A cell's printed text as the table reader reads it."""
    if "\n" not in text and "\r" not in text:
        return normalize_cell(text)
    return normalize_cell(join_wrapped([normalize_line(part) for part in text.splitlines()]))


def prose_lines(text: str) -> list[str]:
    """The non-blank lines of a text block (a paragraph cell, a web page's paragraph), normalized."""
    return [line for line in (normalize_line(part).strip() for part in text.splitlines()) if line]


def row_line(cells: list[str], line_no: int, page_no: int | None, locator: str | None) -> Line:
    """A table row as a Line: cells by position, text the cells joined by tabs."""
    return Line(text="\t".join(cells), line_no=line_no, page_no=page_no, cells=tuple(cells), locator=locator)
