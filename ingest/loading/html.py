"""Web pages (.html/.htm): bytes -> Lines in page order, the page's own tables as cell grids.

A department's disclosure page holds its text and tables inside the site's chrome. The chrome is
left out (web_chrome.py): script/style/nav/aside/form elements, a <header>/<footer> outside the
article, elements whose id or class names a menu, breadcrumb, banner, footer or share bar, blocks
whose text is mostly link text (menus, related-page lists), hidden elements, and the site's lines
("您现在的位置：…", "版权所有", "ICP备", "打印本页 关闭窗口", "字体：大 中 小", …).

What remains is read in page order:
- text: one Line per block (paragraph, heading, list item, div) and per <br>-separated line;
- a data table (a <table> holding no other table, with two columns or more) gives one Line per row,
  ``Line(text="\\t".join(cells), cells=cells, locator="table 2 row 5")``: cells in grid order with
  rowspan/colspan kept as the other loaders keep merges (the text once, in the first row and
  column; the positions it covers ""), a cell's lines joined and its figure's thousands separators
  dropped (grid.cell_text). Tables are numbered in page order; rows by their <tr> in the table;
- a layout table (one holding other tables, or a single column) is read as blocks, cell by cell.

``page_no`` is None and ``line_no`` counts Lines from the top of the page. The encoding is the
byte-order mark's, else the page's <meta charset>, else UTF-8 or GB18030 as text files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from ingest.loading.grid import cell_text, row_line
from ingest.loading.text import UnreadableText, decode_bytes, normalize_line
from ingest.loading.web_chrome import (
    CHROME_CLASS_WORDS,
    CHROME_LINES,
    CHROME_TAGS,
    LINK_TEXT_SHARE,
    PAGE_FRAME_TAGS,
)
from ingest.model import IngestIssue, Line, LoadedDocument

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
MAX_SPAN = 200  # a rowspan/colspan beyond this is a page error, not a table of that size
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
CLASS_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SPACES = re.compile(r"\s+")


def load_html(doc: LoadedDocument, data: bytes) -> None:
    """Fill doc.lines / doc.encoding / doc.issues from a web page's bytes. Never raises."""
    try:
        text, encoding = _decode(data)
        root = lxml.html.document_fromstring(XML_DECLARATION.sub("", text))
    except (UnreadableText, etree.ParserError, ValueError) as exc:
        doc.issues.append(IngestIssue("load", "error", f"not a readable web page: {exc}"))
        return
    doc.encoding = encoding
    body = root.find("body")
    reader = _PageReader()
    reader.read(body if body is not None else root)
    doc.lines = [
        Line(text=text, line_no=i, cells=cells, locator=locator)
        if cells is None
        else row_line(list(cells), i, None, locator)
        for i, (text, cells, locator) in enumerate(reader.items, start=1)
    ]
    if not any(line.text.strip() for line in doc.lines):
        doc.issues.append(IngestIssue("load", "error", "the web page has no text outside the site's menus and frames"))


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): the BOM's, else the page's declared charset, else UTF-8 / GB18030."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and (m := META_CHARSET.search(data[:4096])):
        declared = m.group(1).decode("ascii").lower()
        codec = "gb18030" if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else declared
        try:
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to what the bytes are
    return decode_bytes(data)


class _PageReader:
    """Walks the page in order, collecting (text, cells, locator) items."""

    def __init__(self) -> None:
        self.items: list[tuple[str, tuple[str, ...] | None, str | None]] = []
        self.parts: list[str] = []
        self.tables = 0

    def read(self, root) -> None:
        self._walk(root, in_article=False)
        self._flush()

    def _walk(self, element, in_article: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None or _is_chrome(element, tag, in_article):
            return  # a comment or processing instruction, or chrome; the caller reads its tail
        in_article = in_article or tag in ("article", "main")
        if tag == "table" and _is_data_table(element):
            self._flush()
            self.tables += 1
            for r, cells in _table_rows(element):
                self.items.append(("\t".join(cells), cells, f"table {self.tables} row {r}"))
            return
        if tag == "br":
            self._flush()
            return
        block = tag in BLOCK_TAGS
        if block:
            self._flush()
        if element.text:
            self.parts.append(element.text)
        for child in element:
            self._walk(child, in_article)
            if child.tail:
                self.parts.append(child.tail)
        if block:
            self._flush()

    def _flush(self) -> None:
        text = normalize_line(SPACES.sub(" ", "".join(self.parts))).strip()
        self.parts.clear()
        if text and not any(pattern.search(text) for pattern in CHROME_LINES):
            self.items.append((text, None, None))


def _is_chrome(element, tag: str, in_article: bool) -> bool:
    if tag in CHROME_TAGS or (tag in PAGE_FRAME_TAGS and not in_article):
        return True
    if element.get("hidden") is not None or HIDDEN_STYLE.search(element.get("style", "")):
        return True
    words = {w.lower() for w in CLASS_WORD.findall(f"{element.get('id', '')} {element.get('class', '')}")}
    if words & CHROME_CLASS_WORDS:
        return True
    return tag in BLOCK_TAGS and tag not in ("td", "th", "tr", "table") and _mostly_links(element)


def _mostly_links(element) -> bool:
    links = element.findall(".//a")
    if len(links) < 2:
        return False
    text = len(SPACES.sub("", element.text_content()))
    link_text = sum(len(SPACES.sub("", a.text_content())) for a in links)
    return text > 0 and link_text >= LINK_TEXT_SHARE * text


def _is_data_table(table) -> bool:
    """A table of figures or labels (no table inside it, two columns or more), not a page layout."""
    if table.find(".//table") is not None:
        return False
    return any(len(_cells_of(tr)) >= 2 or any(_span(c, "colspan") > 1 for c in _cells_of(tr)) for tr in _rows_of(table))


def _rows_of(table) -> list:
    """The table's <tr> elements in order (directly, or inside thead/tbody/tfoot)."""
    return [tr for tr in table.iter("tr")]


def _cells_of(tr) -> list:
    return [cell for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]


def _span(cell, attribute: str) -> int:
    digits = re.match(r"\s*(\d+)", cell.get(attribute, "") or "")
    return max(1, min(int(digits.group(1)), MAX_SPAN)) if digits else 1


def _table_rows(table) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(row number, cells) of a data table's non-blank rows, spans laid out on the grid."""
    grid: dict[tuple[int, int], str] = {}
    rows = _rows_of(table)
    for r, tr in enumerate(rows):
        c = 0
        for cell in _cells_of(tr):
            while (r, c) in grid:
                c += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(min(rowspan, len(rows) - r)):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = ""
            grid[(r, c)] = _cell_text(cell)
            c += colspan
    width = 1 + max((c for _, c in grid), default=-1)
    for r in range(len(rows)):
        cells = tuple(grid.get((r, c), "") for c in range(width))
        if any(cells):
            yield r + 1, cells


def _cell_text(cell) -> str:
    reader = _PageReader()
    reader.read(cell)
    return cell_text("\n".join(text for text, _, _ in reader.items))
