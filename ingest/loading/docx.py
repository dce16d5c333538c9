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
- amounts keep their text; thousands separators are dropped as in PDFs ("2,940.05" -> "2940.05").

Word has no fixed pages: page_no is None and line_no counts Lines from the start of the body.
A file that is not a readable .docx gives a 'load' IngestIssue and no lines.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.oxml.ns import qn

from ingest.loading.text import normalize_line
from ingest.model import IngestIssue, Line, LoadedDocument

THOUSANDS_SEPARATED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


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
    texts: list[tuple[str, tuple[str, ...] | None]] = []
    for element in _body_blocks(document.element.body):
        if element.tag == qn("w:p"):
            texts.extend((line, None) for line in _paragraph_lines(element))
        else:
            texts.extend(("\t".join(cells), cells) for cells in table_rows(element))
    doc.lines = [Line(text=text, line_no=i, cells=cells) for i, (text, cells) in enumerate(texts, start=1)]
    if not any(line.text.strip() for line in doc.lines):
        doc.issues.append(IngestIssue("load", "error", "the .docx document has no text"))


def _body_blocks(parent) -> Iterator:
    """Paragraphs and tables in body order, including those inside content controls (w:sdt)."""
    for element in parent.iterchildren():
        if element.tag in (qn("w:p"), qn("w:tbl")):
            yield element
        elif element.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _body_blocks(element)


def _paragraph_lines(p) -> list[str]:
    """The text of a w:p element, split at soft line breaks; an empty paragraph gives nothing."""
    parts: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        else:
            parts.append("\n")
    lines = [normalize_line(line).strip() for line in "".join(parts).split("\n")]
    return [line for line in lines if line]


def table_rows(tbl) -> list[tuple[str, ...]]:
    """Rows of a w:tbl element as cell tuples in grid order (merged cells as described above)."""
    rows: list[tuple[str, ...]] = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells: list[str] = [""] * _grid_before(tr)
        for tc in tr.iterchildren(qn("w:tc")):
            span, continues = _merge_of(tc)
            cells.append("" if continues else _cell_text(tc))
            cells.extend([""] * (span - 1))
        if any(cells):
            rows.append(tuple(cells))
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
        parts.extend(_paragraph_lines(p))
    text = ""
    for part in parts:  # wrapped words of Latin text keep a space; Chinese and numbers join as printed
        text += (
            " "
            if text and text[-1].isascii() and text[-1].isalpha() and part[0].isascii() and part[0].isalpha()
            else ""
        ) + part
    if THOUSANDS_SEPARATED.match(text):
        return text.replace(",", "")
    return text
