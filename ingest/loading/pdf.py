"""PDF documents with a text layer: bytes -> Lines in reading order, with page numbers.

Each page yields, top to bottom, prose lines ``Line(text, line_no, page_no)`` and one Line per table
row ``Line(text="\\t".join(cells), cells=cells, line_no, page_no)``; ``line_no`` counts lines within
the page.

pdfium (pypdfium2) reads each page's characters with their boxes and the straight segments of its
drawn paths; pdfplumber's table finder (explicit "lines" settings) turns those ruling segments into
cell grids (published final accounts are exported from Word/WPS/Excel with every cell ruled).
Reading with pdfium instead of pdfminer gives the same lines several times faster
(tests/benchmarks/bench_pdf.py). Within a table:

- a cell's wrapped text is joined ("机关事业单位\\n基本养老保险\\n缴费支出" -> one name; a header
  printed one character per line, "栏\\n次", -> "栏次");
- a merged cell's text appears once, in its first row and column; the positions it covers are "";
- a blank cell stays "" (blank is not zero);
- amounts with thousands separators lose them ("2,940.05" -> "2940.05");
- a function code printed over 类/款/项 columns ("201 | 06 | 01") becomes one code cell ("2010601").

Rows of a table continued on the next page follow in reading order (the continuation page has no
title); header rows that the continuation page prints again are dropped. Page numbers printed alone
at a page's top or bottom, and running headers/footers repeated on most pages, are dropped so that
prose and tables read on across pages. Pages without a text layer (scans) and files that cannot be opened (truncated,
encrypted) give a 'load' IngestIssue instead of lines: ingest does no OCR and never guesses.
"""

from __future__ import annotations

import ctypes
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder

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
STRAIGHT = 0.5  # a path segment within this of horizontal/vertical is a ruling line (points)
MAX_HEADER_ROWS = 4  # a table's header (column titles) spans at most this many rows
FIGURE_OR_CODE = re.compile(r"^(?:-?\d[\d,]*\.\d+|\d{3,7})$")  # "9746.50", "2080505": the first data row
RUNNING_MIN_PAGES = 3  # a header or footer counts as running when printed on at least this many pages
SCAN_IMAGE_SHARE = 0.5  # a page whose images cover this share of it ...
SCAN_MAX_CHARS = 40  # ... and that prints fewer characters than this is most likely a scan
MIN_TABLE_CELLS = 4  # a ruled box with fewer cells is a frame or a text box, not a table
EOF_MARKER_WINDOW = 1024  # a PDF starts with %PDF- and, when complete, ends with %%EOF within this many bytes

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


@dataclass
class _PageContent:
    """What a page holds, in pdfplumber's conventions (points, origin top-left; dicts as pdfplumber's)."""

    chars: list[dict]  # text, x0, x1, top, bottom
    edges: list[dict]  # horizontal and vertical ruling segments
    images: float  # area the page's images cover (square points; 0 when it has none)
    unmapped: int  # glyphs the font does not map to Unicode
    rotated: int  # glyphs not upright on the page (a stamp, a watermark, or a page printed sideways)
    bbox: tuple[float, float, float, float]


class _UnreadablePage(Exception):
    """The page has no usable text layer."""


def load_pdf(doc: LoadedDocument, data: bytes) -> None:
    """Fill doc.lines / doc.page_count / doc.issues from a PDF's bytes. Never raises."""
    if b"%PDF-" not in data[:EOF_MARKER_WINDOW]:
        doc.issues.append(_error("not a readable PDF: the file does not start with the %PDF- header"))
        return
    if b"%%EOF" not in data[-EOF_MARKER_WINDOW:]:
        doc.issues.append(_error("truncated PDF: the file does not end with the %%EOF marker"))
        return
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium reports every failure to open as PdfiumError
        if "password" in str(exc).lower() or "security" in str(exc).lower():
            message = f"encrypted PDF: it cannot be read without its password ({exc})"
        else:
            message = f"not a readable PDF (damaged or truncated?): {exc}"
        doc.issues.append(_error(message))
        return
    try:
        _load_pages(doc, pdf)
    finally:
        pdf.close()


def _load_pages(doc: LoadedDocument, pdf: pdfium.PdfDocument) -> None:
    page_count = len(pdf)
    doc.page_count = page_count
    unreadable: dict[str, list[int]] = {}  # reason -> pages: one issue per reason, not one per page
    pages: list[list[Line]] = []
    mostly_image: list[int] = []
    for page_no in range(1, page_count + 1):
        try:
            content = _read_page(pdf, page_no - 1)
            pages.append(_page_lines(content, page_no))
            if _mostly_image(content):
                mostly_image.append(page_no)
        except _UnreadablePage as exc:
            unreadable.setdefault(str(exc), []).append(page_no)
        except Exception as exc:
            reason = f"the page failed to parse (damaged?): {type(exc).__name__}: {exc}"
            unreadable.setdefault(reason, []).append(page_no)
    lines = [line for page in _drop_repeated_headers(_drop_running_lines(pages)) for line in page]
    lost = sorted(p for page_nos in unreadable.values() for p in page_nos)
    if not page_count:
        doc.issues.append(_error("the PDF has no pages"))
    elif len(lost) == page_count:
        reasons = "; ".join(unreadable)
        doc.issues.append(
            _error(f"no page of {page_count} can be read as text ({reasons}): no figure is taken from this PDF")
        )
        lines = []
    else:
        for reason, page_nos in unreadable.items():
            doc.issues.append(_error(f"{_pages_label(page_nos)} cannot be read as text: {reason}", page_nos[0]))
    if mostly_image and lines:
        doc.issues.append(
            IngestIssue(
                "load",
                "warn",
                f"{_pages_label(mostly_image)}: an image covers most of the page and little text is printed "
                "(a scanned page?); what the image shows is not read",
                page_no=mostly_image[0],
            )
        )
    doc.lines = lines


def _mostly_image(content: _PageContent) -> bool:
    x0, top, x1, bottom = content.bbox
    visible = sum(1 for c in content.chars if c["text"].strip())
    return content.images >= SCAN_IMAGE_SHARE * (x1 - x0) * (bottom - top) and visible < SCAN_MAX_CHARS


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """A running header or footer (the same words at the top or bottom of most pages, page numbers
    aside) is not text of the page: dropped, so prose and tables read on across page breaks."""
    with_text = [page for page in pages if page]
    if len(with_text) < RUNNING_MIN_PAGES:
        return pages
    counts: Counter[str] = Counter()
    for page in with_text:
        counts.update({_running_key(line) for line in (page[0], page[-1]) if line.cells is None})
    running = {key for key, n in counts.items() if n >= max(RUNNING_MIN_PAGES, len(with_text) // 2)}
    if not running:
        return pages
    kept_pages = []
    for page in pages:
        kept = list(page)
        for index in (len(kept) - 1, 0):
            if kept and kept[index].cells is None and _running_key(kept[index]) in running:
                del kept[index]
        kept_pages.append([replace(line, line_no=i) for i, line in enumerate(kept, start=1)])
    return kept_pages


def _drop_repeated_headers(pages: list[list[Line]]) -> list[list[Line]]:
    """A table that runs on to the next page often prints its header rows again there: those rows
    are dropped, so the continued table reads as one table with one header."""
    out: list[list[Line]] = []
    open_header: list[tuple[str, ...]] = []  # header rows of a table still running at the end of the page
    for page in pages:
        leading = _leading_rows(page)
        n = len(open_header)
        if n and len(leading) > n and [line.cells for line in leading[:n]] == open_header:
            page = [replace(line, line_no=i) for i, line in enumerate(page[n:], start=1)]
        out.append(page)
        if not page or page[-1].cells is None:
            open_header = []  # the page ends in prose: no table runs on
        elif not (open_header and all(line.cells is not None for line in page)):
            open_header = _header_rows(_trailing_rows(page))  # else: a whole page of the same table
    return out


def _leading_rows(page: list[Line]) -> list[Line]:
    rows = []
    for line in page:
        if line.cells is None:
            break
        rows.append(line)
    return rows


def _trailing_rows(page: list[Line]) -> list[Line]:
    return list(reversed(_leading_rows(list(reversed(page)))))


def _header_rows(rows: list[Line]) -> list[tuple[str, ...]]:
    """The rows of a table before its first row with a figure or a code (at most MAX_HEADER_ROWS)."""
    header = []
    for line in rows[:MAX_HEADER_ROWS]:
        if any(FIGURE_OR_CODE.match(cell) for cell in line.cells or ()):
            return header
        header.append(line.cells)
    return []  # no figure in the first rows: not a header we can recognize


def _running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def _pages_label(page_nos: list[int]) -> str:
    return f"page {page_nos[0]}" if len(page_nos) == 1 else "pages " + ", ".join(map(str, page_nos))


def _error(message: str, page_no: int | None = None) -> IngestIssue:
    return IngestIssue("load", "error", message, page_no=page_no)


def _page_lines(content: _PageContent, page_no: int) -> list[Line]:
    _check_text_layer(content)
    items: list[_Item] = []
    prose_chars = content.chars
    for table in _find_tables(content):
        rows, prose_chars = _table_rows(table, prose_chars)
        items.extend(rows)
    items.extend(_prose_items(prose_chars))
    items.sort(key=lambda item: (round(item.top, 1), item.x0))
    items = _drop_page_numbers(items)
    return [Line(text=item.text, line_no=i, page_no=page_no, cells=item.cells) for i, item in enumerate(items, start=1)]


def _check_text_layer(content: _PageContent) -> None:
    visible = [c for c in content.chars if c["text"].strip()]
    if not visible and not content.unmapped and not content.rotated:
        if content.images:
            raise _UnreadablePage("no text layer, only images: a scan? ingest does no OCR")
        return  # a blank page
    if content.unmapped > len(visible):
        raise _UnreadablePage("its fonts do not map glyphs to Unicode characters")
    if content.rotated > len(visible):
        raise _UnreadablePage("its text is printed sideways (rotated), which ingest does not read")


def _find_tables(content: _PageContent) -> list:
    if not content.edges:
        return []
    tables = TableFinder(content, TABLE_SETTINGS).tables  # reads content.edges (and .bbox)
    return [t for t in tables if len(t.cells) >= MIN_TABLE_CELLS and len(t.rows) >= 2]


# ---- reading a page with pdfium ---------------------------------------------------------


@dataclass(frozen=True)
class _View:
    """Page space (PDF units, y up) -> the page as displayed (y down from its top-left corner).

    /Rotate turns the displayed page clockwise by 0/90/180/270 degrees: a landscape table is often
    a portrait page with /Rotate 90 whose text is drawn sideways so that it reads upright.
    """

    rotation: int
    left: float
    bottom: float
    width: float  # of the unrotated page
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) on the displayed page of a page-space rectangle."""
        (ax, ay), (bx, by) = self.point(x0, y0), self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def upright(self, angle: float) -> bool:
        """Whether a glyph at pdfium's angle (radians, clockwise in page space) reads upright when displayed."""
        expected = math.radians((360 - self.rotation) % 360)
        difference = abs(angle - expected) % (2 * math.pi)
        return min(difference, 2 * math.pi - difference) < 0.01

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        if self.rotation in (90, 270):
            return 0.0, 0.0, self.height, self.width
        return 0.0, 0.0, self.width, self.height


def _read_page(pdf: pdfium.PdfDocument, index: int) -> _PageContent:
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_bbox()
        view = _View(page.get_rotation() % 360, left, bottom, right - left, top - bottom)
        textpage = page.get_textpage()
        try:
            chars, unmapped, rotated = _chars(textpage, view)
        finally:
            textpage.close()
        edges: list[dict] = []
        images = _walk_objects(page, edges, view)
        return _PageContent(chars, edges, images, unmapped, rotated, view.bbox)
    finally:
        page.close()


def _chars(textpage: pdfium.PdfTextPage, view: _View) -> tuple[list[dict], int, int]:
    """Printed characters with their boxes (font ascent to descent) on the displayed page, upright text only."""
    raw = textpage.raw
    chars: list[dict] = []
    unmapped = rotated = 0
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue  # spaces and line breaks pdfium infers; we infer our own from positions
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1 or code in (0, 0xFFFD):
            unmapped += 1
            continue
        if code < 32 or 0xD800 <= code <= 0xDFFF:
            continue
        if not view.upright(pdfium_c.FPDFText_GetCharAngle(raw, i)):
            rotated += 1
            continue
        x0, top, x1, bottom = view.box(*textpage.get_charbox(i, loose=True))
        chars.append({"text": chr(code), "x0": x0, "x1": x1, "top": top, "bottom": bottom})
    return chars, unmapped, rotated


def _walk_objects(page: pdfium.PdfPage, edges: list[dict], view: _View) -> float:
    """Collect the ruling segments of every path (inside forms too); return the area images cover."""
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    objects = [pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(count)]
    return _walk(objects, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), edges, view)


def _walk(objects: list, outer: tuple[float, ...], edges: list[dict], view: _View) -> float:
    images = 0.0
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            a, b, c, d, _, _ = _compose(_matrix(obj), outer)  # an image fills the unit square
            images += max(abs(a * d - b * c), 1.0)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, _compose(_matrix(obj), outer), edges, view)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            images += _walk(inner, _compose(_matrix(obj), outer), edges, view)
    return images


def _matrix(obj) -> tuple[float, ...]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner` then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(obj, matrix: tuple[float, ...], edges: list[dict], view: _View) -> None:
    """Straight horizontal and vertical segments of a path, as pdfplumber's edge dicts."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = view.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            _add_edge(prev, point, edges)
        prev = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_edge(point, start, edges)
            prev = start


def _add_edge(p: tuple[float, float], q: tuple[float, float], edges: list[dict]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= STRAIGHT and abs(x1 - x0) > STRAIGHT:
        x0, x1 = min(x0, x1), max(x0, x1)
        edges.append(
            {"x0": x0, "x1": x1, "top": y0, "bottom": y0, "width": x1 - x0, "height": 0.0}
            | {"orientation": "h", "object_type": "line"}
        )
    elif abs(x1 - x0) <= STRAIGHT and abs(y1 - y0) > STRAIGHT:
        top, bottom = min(y0, y1), max(y0, y1)
        edges.append(
            {"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top}
            | {"orientation": "v", "object_type": "line"}
        )


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
        else:
            outside.append(char)  # on the table's area but in no cell (a gap in the ruling): kept as text
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
