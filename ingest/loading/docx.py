"""Word documents (.docx): bytes -> Lines in body order (paragraphs and tables interleaved).

A paragraph gives one prose Line per line of its text (a soft line break starts a new Line).
A table gives one Line per row: ``Line(text="\\t".join(cells), cells=cells)``, cell by cell in
grid order, as the PDF loader gives them:

- a horizontally merged cell (w:gridSpan) appears once, in its first grid column; the further
  columns it covers are "" so that every row keeps the table's column positions;
- a vertically merged cell (w:vMerge) carries its text in its first row only; the rows below
  get "" there. This is how the cell is printed (once), how the text dumps of such tables read,
  and it never repeats an amount: a parser that wants the value of a merged label carries it down;
- a cell's paragraphs are joined like a wrapped PDF cell ("项目立项规范性" + "（1分）");
- a cell's text is normalized as every loader's cells are (loading/text.normalize_cell: thousands
  separators dropped, "2,940.05" -> "2940.05"; no spaces between Chinese characters).

Pages: Word records where its layout broke the pages when it saved the file
(w:lastRenderedPageBreak); page_no follows those, or explicit page breaks when there are none,
and line_no counts Lines within the page. A file that records no page break at all (one written
by a program) has page_no None and line_no counting from the start of the body.
A file that is not a readable .docx gives a 'load' IngestIssue and no lines.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.oxml.ns import qn

from ingest.loading.text import normalize_cell, normalize_line
from ingest.model import IngestIssue, Line, LoadedDocument

TEXT, BR, CR, TAB = qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab")
RENDERED_BREAK, PAGE_BREAK_BEFORE = qn("w:lastRenderedPageBreak"), qn("w:pageBreakBefore")


def load_docx(doc: LoadedDocument, data: bytes) -> None:
    """Fill doc.lines / doc.issues from a .docx file's bytes. Never raises."""
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        doc.issues.append(IngestIssue("load", "error", f"not a readable .docx file (damaged or truncated?): {exc}"))
        return
    except Exception as exc:  # lxml and python-docx raise several kinds for damaged parts
        doc.issues.append(IngestIssue("load", "error", f"not a readable .docx file: {type(exc).__name__}: {exc}"))
        return
    body = document.element.body
    pages = _Pages(body)
    texts: list[tuple[str, tuple[str, ...] | None, int | None]] = []
    for element in _body_blocks(body):
        if element.tag == qn("w:p"):
            texts.extend((line, None, page) for line, page in _paragraph_lines(element, pages))
        else:
            for tr, cells in table_rows(element):
                page = pages.advance(tr)
                texts.append(("\t".join(cells), cells, page))
    doc.lines = _numbered(texts)
    if not any(line.text.strip() for line in doc.lines):
        doc.issues.append(IngestIssue("load", "error", "the .docx document has no text"))


class _Pages:
    """Page numbers from the page breaks the file records, or None when it records none.

    Word writes w:lastRenderedPageBreak where its own layout broke the page when the file was
    saved; those are used when present. Otherwise explicit breaks count (w:br w:type="page",
    w:pageBreakBefore). A generated file with neither has no page numbers.
    """

    def __init__(self, body):
        self.rendered = next(body.iter(RENDERED_BREAK), None) is not None
        self.known = self.rendered or any(self.is_break(node) for node in body.iter(BR, PAGE_BREAK_BEFORE))
        self.page = 1

    def is_break(self, node) -> bool:
        if self.rendered:
            return node.tag == RENDERED_BREAK
        if node.tag == BR:
            return node.get(qn("w:type")) == "page"
        return node.tag == PAGE_BREAK_BEFORE and node.get(qn("w:val")) not in ("0", "false")

    def advance(self, element) -> int | None:
        """Count the breaks inside `element`; return the page its text starts on."""
        start = None
        for node in element.iter(TEXT, BR, RENDERED_BREAK, PAGE_BREAK_BEFORE):
            if node.tag == TEXT and node.text and start is None:
                start = self.page
            elif node.tag != TEXT and self.is_break(node):
                self.page += 1
        return (start or self.page) if self.known else None


def _numbered(texts: list[tuple[str, tuple[str, ...] | None, int | None]]) -> list[Line]:
    """Lines numbered within their page (from the start of the body when pages are unknown)."""
    lines: list[Line] = []
    line_no, last_page = 0, None
    for text, cells, page in texts:
        line_no = 1 if page != last_page else line_no + 1
        last_page = page
        lines.append(Line(text=text, line_no=line_no, page_no=page, cells=cells))
    return lines


def _body_blocks(parent) -> Iterator:
    """Paragraphs and tables in body order, including those inside content controls (w:sdt)."""
    for element in parent.iterchildren():
        if element.tag in (qn("w:p"), qn("w:tbl")):
            yield element
        elif element.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _body_blocks(element)


def _paragraph_lines(p, pages: _Pages | None = None) -> list[tuple[str, int | None]]:
    """The lines of a w:p element (split at soft line breaks) with the page each starts on."""
    out: list[tuple[str, int | None]] = []
    parts: list[str] = []
    page = None
    known = pages is not None and pages.known

    def flush() -> None:
        line = normalize_line("".join(parts)).strip()
        if line:
            out.append((line, page))
        parts.clear()

    for node in p.iter(TEXT, BR, CR, TAB, RENDERED_BREAK, PAGE_BREAK_BEFORE):
        if pages is not None and node.tag != TEXT and pages.is_break(node):
            pages.page += 1
        if node.tag == TEXT:
            if not parts and known:
                page = pages.page
            parts.append(node.text or "")
        elif node.tag == TAB:
            parts.append(" ")
        elif node.tag in (BR, CR):
            flush()
    flush()
    return out


def table_rows(tbl) -> list[tuple[object, tuple[str, ...]]]:
    """(w:tr element, cells) of a w:tbl's rows, cells in grid order (merged cells as described above)."""
    rows: list[tuple[object, tuple[str, ...]]] = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells: list[str] = [""] * _grid_before(tr)
        for tc in tr.iterchildren(qn("w:tc")):
            span, continues = _merge_of(tc)
            cells.append("" if continues else _cell_text(tc))
            cells.extend([""] * (span - 1))
        if any(cells):
            rows.append((tr, tuple(cells)))
    return rows


def _grid_before(tr) -> int:
    """Grid columns left empty before the row's first cell (w:trPr/w:gridBefore)."""
    tr_pr = tr.find(qn("w:trPr"))
    before = tr_pr.find(qn("w:gridBefore")) if tr_pr is not None else None
    return int(before.get(qn("w:val"))) if before is not None else 0


def _merge_of(tc) -> tuple[int, bool]:
    """(grid columns the cell spans, whether it continues a vertical merge from the row above)."""
    tc_pr = tc.find(qn("w:tcPr"))
    if tc_pr is None:
        return 1, False
    grid_span = tc_pr.find(qn("w:gridSpan"))
    span = int(grid_span.get(qn("w:val"))) if grid_span is not None else 1
    v_merge = tc_pr.find(qn("w:vMerge"))
    continues = v_merge is not None and v_merge.get(qn("w:val")) in (None, "continue")
    return span, continues


def _cell_text(tc) -> str:
    """A cell's paragraphs (and nested tables' text) joined into one string."""
    parts: list[str] = []
    for p in tc.iter(qn("w:p")):
        parts.extend(line for line, _ in _paragraph_lines(p))
    text = ""
    for part in parts:  # wrapped words of Latin text keep a space; Chinese and numbers join as printed
        text += (
            " "
            if text and text[-1].isascii() and text[-1].isalpha() and part[0].isascii() and part[0].isalpha()
            else ""
        ) + part
    return normalize_cell(text)
