"""PDF documents with a text layer: bytes -> Lines in reading order, with page numbers.

Each page yields, top to bottom, prose lines ``Line(text, line_no, page_no, spans=…)`` and one Line
per row of a ruled table ``Line(text="\\t".join(cells), cells=cells, line_no, page_no)``;
``line_no`` counts lines within the page.

pdfium (pypdfium2) reads each page's characters and ruling segments (pdf_page.py); characters are
grouped into lines by their baselines (pdf_text.py); ruled tables become rows of cells
(pdf_tables.py). A line outside a ruled table keeps its spans (runs of text separated by a column
gap, with their x positions), from which a table printed without ruling lines is read into columns
(layout/columns.py). Reading with pdfium instead of pdfminer gives the same lines several times
faster (tests/benchmarks/bench_pdf.py).

Rows of a table continued on the next page follow in reading order (the continuation page has no
title); header rows that the continuation page prints again are dropped. Page numbers printed alone
at a page's top or bottom, and running headers/footers repeated on most pages, are dropped so that
prose and tables read on across pages. Pages without a text layer (scans) and pages whose fonts do
not map their glyphs to characters are read by OCR (ocr.py), in the same Lines. Files that cannot be
opened (truncated, encrypted) and pages printed sideways give a 'load' IngestIssue instead of lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

import pypdfium2 as pdfium

from ingest.loading.pdf_page import PageContent, read_page
from ingest.loading.pdf_tables import TableRow, find_tables, table_rows
from ingest.loading.pdf_text import text_lines
from ingest.loading.text import completes_cut_figures, join_cut_row, normalize_cell, usual_decimals
from ingest.model import IngestIssue, Line, LoadedDocument, Span

MAX_HEADER_ROWS = 4  # a table's header (column titles) spans at most this many rows
FIGURE_OR_CODE = re.compile(r"^(?:-?\d[\d,]*\.\d+|\d{3,7})$")  # "9746.50", "2080505": the first data row
RUNNING_MIN_PAGES = 3  # a header or footer counts as running when printed on at least this many pages
SCAN_IMAGE_SHARE = 0.5  # a page whose images cover this share of it ...
SCAN_MAX_CHARS = 40  # ... and that prints fewer characters than this is most likely a scan
PAGE_NUMBER_APART = 1.8  # a page number stands farther than this many character heights from the text
EOF_MARKER_WINDOW = 1024  # a PDF starts with %PDF- and, when complete, ends with %%EOF within this many bytes

# "12", "- 12 -", "—12—", "第 3 页", "第3页 共24页": a page number printed alone on a line.
PAGE_NUMBER = re.compile(r"^(?:[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)$")


@dataclass
class _Item:
    """A positioned output line of one page before numbering: prose (cells None) or a table row."""

    top: float
    x0: float
    text: str
    cells: tuple[str, ...] | None = None
    spans: tuple[Span, ...] | None = None


class _UnreadablePage(Exception):
    """The page has no usable text layer."""


class _ImagePage(_UnreadablePage):
    """The page's text is an image (a scan) or glyphs without characters: it is read by OCR."""


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
        _load_pages(doc, pdf, data)
    finally:
        pdf.close()


def _load_pages(doc: LoadedDocument, pdf: pdfium.PdfDocument, data: bytes) -> None:
    page_count = len(pdf)
    doc.page_count = page_count
    unreadable: dict[str, list[int]] = {}  # reason -> pages: one issue per reason, not one per page
    pages: list[list[Line]] = []
    mostly_image: list[int] = []
    images: dict[int, int] = {}  # page_no -> index in pages of a page to read by OCR
    for page_no in range(1, page_count + 1):
        try:
            content = read_page(pdf, page_no - 1)
            pages.append(_page_lines(content, page_no))
            if _mostly_image(content):
                mostly_image.append(page_no)
        except _ImagePage:
            images[page_no] = len(pages)
            pages.append([])
        except _UnreadablePage as exc:
            unreadable.setdefault(str(exc), []).append(page_no)
        except Exception as exc:
            reason = f"the page failed to parse (damaged?): {type(exc).__name__}: {exc}"
            unreadable.setdefault(reason, []).append(page_no)
    if images:
        _read_images(doc, data, pages, images, unreadable)
    pages = _join_rows_broken_across_pages(_drop_repeated_headers(_drop_running_lines(pages)))
    lines = [line for page in pages for line in page]
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


def _read_images(
    doc: LoadedDocument, data: bytes, pages: list[list[Line]], images: dict[int, int], unreadable: dict[str, list[int]]
) -> None:
    """Pages without usable text read by OCR (ocr.py), in place; their page numbers dropped as on other pages."""
    from ingest.loading.ocr import read_scanned_pages  # imported lazily: the OCR models take a while to load

    read = []
    for page_no, lines in read_scanned_pages(data, list(images), doc.file_name).items():
        while lines and lines[-1].cells is None and PAGE_NUMBER.match(lines[-1].text):
            lines = lines[:-1]
        while lines and lines[0].cells is None and PAGE_NUMBER.match(lines[0].text):
            lines = [replace(line, line_no=line.line_no - 1) for line in lines[1:]]
        pages[images[page_no]] = lines
        if lines:
            read.append(page_no)
        else:
            unreadable.setdefault("no text layer, and OCR found no text on it", []).append(page_no)
    if read:
        doc.issues.append(
            IngestIssue(
                "load",
                "info",
                f"{_pages_label(read)} read by OCR (no text layer): every figure read there carries its "
                "recognition confidence",
                page_no=read[0],
            )
        )


def _mostly_image(content: PageContent) -> bool:
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
    are dropped, so the continued table reads as one table with one header (also when no row of the
    table follows them: a workbook repeats its title rows on every page the table reaches)."""
    out: list[list[Line]] = []
    open_header: list[tuple[str, ...]] = []  # header rows of a table still running at the end of the page
    for page in pages:
        leading = _leading_rows(page)
        n = len(open_header)
        if n and len(leading) >= n and [line.cells for line in leading[:n]] == open_header:
            page = [replace(line, line_no=i) for i, line in enumerate(page[n:], start=1)]
        out.append(page)
        if not page or page[-1].cells is None:
            open_header = []  # the page ends in prose: no table runs on
        elif not (open_header and all(line.cells is not None for line in page)):
            open_header = _header_rows(_trailing_rows(page))  # else: a whole page of the same table
    return out


def _join_rows_broken_across_pages(pages: list[list[Line]]) -> list[list[Line]]:
    """A table row cut by a page break ("13,249,7" at the foot of one page, "37.59" at the top of the
    next, as word processors allow rows to break; "22625.4" over "6" in a table of figures with two
    decimals): the rest is joined to the row it belongs to."""
    out = [list(page) for page in pages]
    for k in range(1, len(out)):
        previous, page = out[k - 1], out[k]
        if not (previous and page and previous[-1].cells and page[0].cells):
            continue
        above, below = previous[-1].cells, _under_columns(page[0], previous[-1])
        decimals = usual_decimals(cell for line in _trailing_rows(previous) for cell in line.cells or ())
        if below is None or not completes_cut_figures(above, below, decimals):
            continue
        cells = tuple(normalize_cell(cell) for cell in join_cut_row(above, below))
        spans = previous[-1].spans
        if spans is not None and len(spans) == len(cells):
            spans = tuple(span._replace(text=cell) for span, cell in zip(spans, cells, strict=True))
        previous[-1] = replace(previous[-1], cells=cells, text="\t".join(cells), spans=spans)
        out[k] = [replace(line, line_no=i) for i, line in enumerate(page[1:], start=1)]
    return out


def _under_columns(line: Line, reference: Line) -> tuple[str, ...] | None:
    """A row's cells under the columns of a row ruled otherwise (the next page's grid leaves out a
    column no row of it prints in): each cell in the column its middle lies in; None when the
    columns are not known or two cells fall in one."""
    if line.cells is None or reference.cells is None:
        return None
    if len(line.cells) == len(reference.cells):
        return line.cells
    if not line.spans or not reference.spans or len(line.spans) != len(line.cells):
        return None
    cells = [""] * len(reference.cells)
    for span, text in zip(line.spans, line.cells, strict=True):
        if not text:
            continue
        middle = (span.x0 + span.x1) / 2
        column = next((n for n, ref in enumerate(reference.spans) if ref.x0 <= middle < ref.x1), None)
        if column is None or cells[column]:
            return None
        cells[column] = text
    return tuple(cells)


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


def _page_lines(content: PageContent, page_no: int) -> list[Line]:
    _check_text_layer(content)
    items: list[_Item] = []
    prose_chars = content.chars
    for table in find_tables(content):
        rows, prose_chars = table_rows(table, prose_chars)
        items.extend(_Item(row.top, row.x0, "\t".join(row.cells), row.cells, _cell_spans(row)) for row in rows)
    items.extend(_Item(line.top, line.x0, line.text, spans=line.spans) for line in text_lines(prose_chars))
    items.sort(key=lambda item: (round(item.top, 1), item.x0))
    items = _drop_page_numbers(items)
    return [
        Line(text=item.text, line_no=i, page_no=page_no, cells=item.cells, spans=item.spans)
        for i, item in enumerate(items, start=1)
    ]


def _cell_spans(row: TableRow) -> tuple[Span, ...]:
    """Where each cell of a ruled row is printed: its grid column's extent across the page."""
    return tuple(Span(x0, x1, text) for (x0, x1), text in zip(row.columns, row.cells, strict=True))


def _check_text_layer(content: PageContent) -> None:
    visible = [c for c in content.chars if c["text"].strip()]
    if not visible and not content.unmapped and not content.rotated:
        if content.images:
            raise _ImagePage("no text layer, only images")
        return  # a blank page
    if content.unmapped > len(visible):
        raise _ImagePage("its fonts do not map glyphs to Unicode characters")
    if content.rotated > len(visible):
        raise _UnreadablePage("its text is printed sideways (rotated), which ingest does not read")


def _drop_page_numbers(items: list[_Item]) -> list[_Item]:
    """A page number alone at the top or bottom of a page is not text of the document; digits a
    line's distance from the line beside them (the last digits of an amount wrapped in a narrow
    column at the foot of the page) are."""
    if not items:
        return items
    keep = list(items)
    for index, beside in ((len(keep) - 1, len(keep) - 2), (0, 1)):
        if not (0 <= index < len(keep)) or keep[index].cells is not None or not PAGE_NUMBER.match(keep[index].text):
            continue
        if 0 <= beside < len(keep) and _lines_of_one_block(keep[index], keep[beside]):
            continue
        del keep[index]
    return keep


def _lines_of_one_block(item: _Item, other: _Item) -> bool:
    height = max((span.height for span in item.spans or ()), default=0.0)
    return abs(item.top - other.top) <= PAGE_NUMBER_APART * height
