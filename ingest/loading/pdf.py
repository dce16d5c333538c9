"""PDF documents with a text layer: bytes -> Lines in reading order, with page numbers.

Each page yields, top to bottom, prose lines ``Line(text, line_no, page_no)`` and one Line per table
row ``Line(text="\\t".join(cells), cells=cells, line_no, page_no)``; ``line_no`` counts lines within
the page. Tables are the ruled grids pdfplumber finds from the page's drawn lines and rectangles
(published final accounts are exported from Word/WPS/Excel with every cell ruled). Within a table:

- a cell's wrapped text is joined ("机关事业单位\\n基本养老保险\\n缴费支出" -> one name; a header
  printed one character per line, "栏\\n次", -> "栏次");
- a merged cell's text appears once, in its first row and column; the positions it covers are "";
- a blank cell stays "" (blank is not zero);
- amounts with thousands separators lose them ("2,940.05" -> "2940.05");
- a function code printed over 类/款/项 columns ("201 | 06 | 01") becomes one code cell ("2010601").

Rows of a table continued on the next page simply follow in reading order (the continuation page
has no title). Page numbers printed alone at a page's top or bottom are dropped so prose reads on
across pages. Pages without a text layer (scans) and files that cannot be opened (truncated,
encrypted) give a 'load' IngestIssue instead of lines: ingest does no OCR and never guesses.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ingest.loading.text import normalize_line
from ingest.model import IngestIssue, Line, LoadedDocument

# Explicit settings for pdfplumber's table finder: cells are bounded by drawn lines/rectangles.
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}
LINE_TOLERANCE = 3.0  # chars whose tops differ by at most this share a text line (points)
WORD_GAP = 3.0  # a horizontal gap wider than this between two chars is a space (pdfplumber's x_tolerance)
MIN_TABLE_CELLS = 4  # a ruled box with fewer cells is a frame or a text box, not a table
UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")  # a glyph the font does not map to Unicode

# "12", "- 12 -", "—12—", "第 3 页", "第3页 共24页": a page number printed alone on a line.
PAGE_NUMBER = re.compile(r"^(?:[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)$")
THOUSANDS = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # "2,940.05", "-12,000"
ASCII_WORD_END = re.compile(r"[A-Za-z]$")
ASCII_WORD_START = re.compile(r"^[A-Za-z]")
CODE_PART_HEADERS = ("类", "款", "项")  # 支出功能分类 code printed over three columns


@dataclass
class _Item:
    """A positioned output line of one page before numbering: prose (cells None) or a table row."""

    top: float
    x0: float
    text: str
    cells: tuple[str, ...] | None = None


class _UnreadablePage(Exception):
    """The page has no usable text layer."""


def load_pdf(doc: LoadedDocument, data: bytes) -> None:
    """Fill doc.lines / doc.page_count / doc.issues from a PDF's bytes. Never raises."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds for damaged files; pdfplumber wraps them
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            message = f"encrypted PDF: it cannot be read without its password ({type(cause).__name__})"
        else:
            message = f"not a readable PDF (damaged or truncated?): {type(cause).__name__}: {cause}"
        doc.issues.append(_error(message))
        return
    with pdf:
        _load_pages(doc, pdf)


def _load_pages(doc: LoadedDocument, pdf: pdfplumber.PDF) -> None:
    try:
        pages = pdf.pages
    except Exception as exc:
        doc.issues.append(_error(f"the PDF's page tree cannot be read (damaged or truncated?): {exc}"))
        return
    doc.page_count = len(pages)
    unreadable: dict[str, list[int]] = {}  # reason -> pages: one issue per reason, not one per page
    lines: list[Line] = []
    for page_no, page in enumerate(pages, start=1):
        try:
            lines.extend(_page_lines(page, page_no))
        except _UnreadablePage as exc:
            unreadable.setdefault(str(exc), []).append(page_no)
        except Exception as exc:
            unreadable.setdefault(f"the page failed to parse (damaged?): {type(exc).__name__}: {exc}", []).append(
                page_no
            )
        finally:
            page.close()  # frees the page's parsed objects: memory stays flat over long documents
    lost = sorted(p for page_nos in unreadable.values() for p in page_nos)
    if not pages:
        doc.issues.append(_error("the PDF has no pages"))
    elif len(lost) == len(pages):
        reasons = "; ".join(unreadable)
        doc.issues.append(
            _error(f"no page of {len(pages)} can be read as text ({reasons}): no figure is taken from this PDF")
        )
        lines = []
    else:
        for reason, page_nos in unreadable.items():
            doc.issues.append(_error(f"{_pages_label(page_nos)} cannot be read as text: {reason}", page_nos[0]))
    doc.lines = lines


def _pages_label(page_nos: list[int]) -> str:
    return f"page {page_nos[0]}" if len(page_nos) == 1 else "pages " + ", ".join(map(str, page_nos))


def _error(message: str, page_no: int | None = None) -> IngestIssue:
    return IngestIssue("load", "error", message, page_no=page_no)


def _page_lines(page: pdfplumber.page.Page, page_no: int) -> list[Line]:
    chars = [c for c in page.chars if c.get("upright", True)]
    _check_text_layer(page, chars)
    tables = _find_tables(page)
    items: list[_Item] = []
    prose_chars = chars
    for table in tables:
        rows, prose_chars = _table_rows(table, prose_chars)
        items.extend(rows)
    items.extend(_prose_items(prose_chars))
    items.sort(key=lambda item: (round(item.top, 1), item.x0))
    items = _drop_page_numbers(items)
    return [Line(text=item.text, line_no=i, page_no=page_no, cells=item.cells) for i, item in enumerate(items, start=1)]


def _check_text_layer(page: pdfplumber.page.Page, chars: list[dict]) -> None:
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        if page.images:
            raise _UnreadablePage("no text layer, only images: a scan? ingest does no OCR")
        return  # a blank page
    unmapped = sum(1 for c in visible if UNMAPPED_GLYPH.match(c["text"]))
    if unmapped > len(visible) // 2:
        raise _UnreadablePage("its fonts do not map glyphs to Unicode characters ((cid:N) glyphs)")


def _find_tables(page: pdfplumber.page.Page) -> list:
    if not (page.rects or page.lines):
        return []
    tables = page.find_tables(TABLE_SETTINGS)
    return [t for t in tables if len(t.cells) >= MIN_TABLE_CELLS and len(t.rows) >= 2]


# ---- tables -------------------------------------------------------------------------------


def _table_rows(table, chars: list[dict]) -> tuple[list[_Item], list[dict]]:
    """The table's rows as items, and the chars that lie outside the table."""
    x0, top, x1, bottom = table.bbox
    rows = table.rows
    row_tops = [row.bbox[1] for row in rows]
    cell_chars: dict[tuple[int, int], list[dict]] = {}
    outside: list[dict] = []
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            outside.append(char)
            continue
        if (key := _cell_of(rows, row_tops, cx, cy)) is not None:
            cell_chars.setdefault(key, []).append(char)
    items: list[_Item] = []
    grid: list[list[str]] = []
    for r, row in enumerate(rows):
        grid.append([_cell_text(cell_chars.get((r, c), [])) for c in range(len(row.cells))])
    grid = _normalize_grid(grid)
    for row, cells in zip(rows, grid, strict=True):
        if any(cells):
            items.append(_Item(top=row.bbox[1], x0=row.bbox[0], text="\t".join(cells), cells=tuple(cells)))
    return items, outside


def _cell_of(rows, row_tops: list[float], cx: float, cy: float) -> tuple[int, int] | None:
    """(row index, column index) of the cell holding the point; merged cells belong to their first row."""
    r = bisect_right(row_tops, cy) - 1
    if r < 0:
        return None
    for c, bbox in enumerate(rows[r].cells):
        if bbox is not None and bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]:
            return r, c
    # a vertically merged cell is listed in its first row only: look upward in the same column
    for up in range(r - 1, -1, -1):
        for c, bbox in enumerate(rows[up].cells):
            if bbox is not None and bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]:
                return up, c
    return None


def _cell_text(chars: list[dict]) -> str:
    """A cell's text: its lines read top to bottom and joined (wrapped names, vertical headers)."""
    if not chars:
        return ""
    return _join_wrapped([text for _, _, text in _text_lines(chars)])


def _join_wrapped(parts: list[str]) -> str:
    joined = ""
    for part in parts:
        if joined and ASCII_WORD_END.search(joined) and ASCII_WORD_START.search(part):
            joined += " "
        joined += part
    return joined.strip()


def _normalize_grid(grid: list[list[str]]) -> list[list[str]]:
    grid = _merge_code_columns(grid)
    return [[_normalize_cell(cell) for cell in row] for row in grid]


def _normalize_cell(text: str) -> str:
    text = normalize_line(text).strip()
    if THOUSANDS.match(text):
        return text.replace(",", "")
    return text


def _merge_code_columns(grid: list[list[str]]) -> list[list[str]]:
    """类 | 款 | 项 columns holding "201 | 06 | 01" -> one 科目编码 column holding "2010601"."""
    for header in grid[:4]:
        compact = [re.sub(r"\s+", "", cell) for cell in header]
        for c in range(len(compact) - 2):
            if tuple(compact[c : c + 3]) == CODE_PART_HEADERS:
                return [_merge_code_cells(row, c) for row in grid]
    return grid


def _merge_code_cells(row: list[str], c: int) -> list[str]:
    parts = [re.sub(r"\s+", "", cell) for cell in row[c : c + 3]]
    if tuple(parts) == CODE_PART_HEADERS:
        merged = "科目编码"
    elif parts[0].isdigit() and all(p == "" or p.isdigit() for p in parts[1:]):
        merged = "".join(parts)
    else:
        merged = " ".join(p for p in parts if p)
    return [*row[:c], merged, *row[c + 3 :]]


# ---- prose --------------------------------------------------------------------------------


def _prose_items(chars: list[dict]) -> list[_Item]:
    return [_Item(top=top, x0=x0, text=text) for top, x0, text in _text_lines(chars) if text]


def _text_lines(chars: list[dict]) -> list[tuple[float, float, str]]:
    """Group chars into lines by their tops; each line read left to right. -> (top, x0, text)."""
    ordered = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict]] = []
    line_top = None
    for char in ordered:
        if line_top is None or char["top"] - line_top > LINE_TOLERANCE:
            groups.append([])
            line_top = char["top"]
        groups[-1].append(char)
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        text = normalize_line(_line_text(group)).strip()
        if text:
            lines.append((group[0]["top"], group[0]["x0"], text))
    return lines


def _line_text(chars: list[dict]) -> str:
    out: list[str] = []
    prev = None
    for char in chars:
        text = char["text"]
        if prev is not None:
            if text == prev["text"] and abs(char["x0"] - prev["x0"]) < 1 and abs(char["top"] - prev["top"]) < 1:
                continue  # the same glyph printed twice (fake bold)
            if char["x0"] - prev["x1"] > WORD_GAP and out and out[-1] != " " and text != " ":
                out.append(" ")
        if text == " " and out and out[-1] == " ":
            continue
        out.append(text)
        prev = char
    return re.sub(r"\s+", " ", "".join(out))


def _drop_page_numbers(items: list[_Item]) -> list[_Item]:
    """A page number alone at the top or bottom of a page is not text of the document."""
    if not items:
        return items
    keep = list(items)
    for index in (len(keep) - 1, 0):
        if 0 <= index < len(keep) and keep[index].cells is None and PAGE_NUMBER.match(keep[index].text):
            del keep[index]
    return keep
