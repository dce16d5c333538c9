"""Ruled tables of a PDF page: ruling segments -> cell grids -> one row of cells per table row.

pdfplumber's table finder (explicit "lines" settings) turns the ruling segments into cell grids
(published final accounts are exported from Word/WPS/Excel with every cell ruled); each character
goes to the cell holding its centre. Within a table:

- a cell's wrapped text is joined ("机关事业单位\\n基本养老保险\\n缴费支出" -> one name; a header
  printed one character per line, "栏\\n次", -> "栏次");
- a merged cell's text appears once, in its first row and column; the positions it covers are "";
- a blank cell stays "" (blank is not zero);
- a column of the grid in which no row prints anything is left out (Word rules the rows of one
  table at positions a few points apart, which makes columns of nothing);
- a cell that starts in a sliver column (narrower than a character: the few points by which the
  rows of a Word table are ruled apart, js_high_court_2017_budget.pdf p.14) prints in the first
  column of its span that is not a sliver, where the header's label of that column stands;
- cell text is normalized as every loader's cells are (loading/text.normalize_cell).
- one ruled row is a table too: a table's last row alone on the next page, as word processors
  print it, reads on with the rows above.

Cells are kept where they are printed: a code printed over 类 | 款 | 项 columns stays three cells
(the table parser reads them), so that a continuation page without the header keeps the columns.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from pdfplumber.table import TableFinder

from ingest.loading.pdf_page import PageContent
from ingest.loading.pdf_text import cell_text
from ingest.loading.text import normalize_cell

# Explicit settings for pdfplumber's table finder: cells are bounded by drawn lines/rectangles.
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}
MIN_TABLE_CELLS = 4  # a ruled box with fewer cells is a frame or a text box, not a table
MIN_OPEN_RULES = 3  # column rules running past a table's last rule that make a row cut by the page break
SLIVER_WIDTH = 7.5  # points: narrower than any printed character, a grid column no text is printed in


@dataclass
class TableRow:
    """One row of a ruled table: where it starts, its cells, and where each column of its grid is
    printed across the page (x0, x1)."""

    top: float
    x0: float
    cells: tuple[str, ...]
    columns: tuple[tuple[float, float], ...] = ()


def find_tables(content: PageContent) -> list:
    if not content.edges:
        return []
    page = replace(content, edges=content.edges + _page_break_rules(content.edges))
    tables = TableFinder(page, TABLE_SETTINGS).tables  # reads page.edges (and .bbox)
    return [t for t in tables if len(t.cells) >= MIN_TABLE_CELLS]


def _page_break_rules(edges: list[dict]) -> list[dict]:
    """The rules a page break leaves out: a browser printing a table cuts a row at the page's foot
    without ruling under it (the row's column rules run on to the foot) and goes on at the top of
    the next page without ruling over it. A rule is drawn where at least MIN_OPEN_RULES column
    rules run on from the page's lowest (highest) rule, so that the cut row is a row of the grid."""
    rules = [e for e in edges if e["orientation"] == "h" and e["width"] > TABLE_SETTINGS["edge_min_length"]]
    columns = [e for e in edges if e["orientation"] == "v"]
    if not rules or not columns:
        return []
    near = TABLE_SETTINGS["snap_tolerance"]
    lowest, highest = max(e["top"] for e in rules), min(e["top"] for e in rules)
    below = [e for e in columns if e["top"] <= lowest + near < e["bottom"] - near]
    above = [e for e in columns if e["top"] + near < highest - near <= e["bottom"]]
    added = []
    if len({round(e["x0"]) for e in below}) >= MIN_OPEN_RULES:
        added.append(_rule(below, min(e["bottom"] for e in below)))
    if len({round(e["x0"]) for e in above}) >= MIN_OPEN_RULES:
        added.append(_rule(above, max(e["top"] for e in above)))
    return added


def _rule(columns: list[dict], y: float) -> dict:
    x0, x1 = min(e["x0"] for e in columns), max(e["x1"] for e in columns)
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0} | {
        "orientation": "h",
        "object_type": "line",
    }


def table_rows(table, chars: list[dict]) -> tuple[list[TableRow], list[dict]]:
    """The table's non-blank rows, and the chars that lie outside the table."""
    x0, top, x1, bottom = table.bbox
    rows = table.rows
    row_tops = [row.bbox[1] for row in rows]
    cell_chars: dict[tuple[int, int], list[dict]] = {}
    outside: list[dict] = []
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, _middle(char)
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            outside.append(char)
            continue
        if (key := _cell_of(rows, row_tops, cx, cy)) is not None:
            cell_chars.setdefault(key, []).append(char)
        else:
            outside.append(char)  # on the table's area but in no cell (a gap in the ruling): kept as text
    lefts, rights = _column_extents(table)
    columns = tuple((left or 0.0, right) for left, right in zip(lefts, rights, strict=True))
    text_column = _text_columns(table, lefts, rights)
    placed: dict[tuple[int, int], list[dict]] = {}
    for (r, c), chars_of_cell in cell_chars.items():
        placed.setdefault((r, text_column.get((r, c), c)), []).extend(chars_of_cell)
    texts = [
        tuple(normalize_cell(cell_text(placed.get((r, c), []))) for c in range(len(row.cells)))
        for r, row in enumerate(rows)
    ]
    printed = [c for c in range(len(columns)) if any(cells[c] for cells in texts)]
    kept = tuple(columns[c] for c in printed)
    out = [
        TableRow(top=row.bbox[1], x0=row.bbox[0], cells=tuple(cells[c] for c in printed), columns=kept)
        for row, cells in zip(rows, texts, strict=True)
        if any(cells)
    ]
    return out, outside


def _column_extents(table) -> tuple[list[float | None], list[float]]:
    """Where each column of the table's grid starts and ends across the page."""
    width = len(table.rows[0].cells) if table.rows else 0
    lefts = [min((row.cells[c][0] for row in table.rows if row.cells[c] is not None), default=None)
             for c in range(width)]  # fmt: skip
    rights = [next((left for left in lefts[c + 1 :] if left is not None), table.bbox[2]) for c in range(width)]
    return lefts, rights


def _text_columns(table, lefts: list[float | None], rights: list[float]) -> dict[tuple[int, int], int]:
    """(row, first column) -> the column a cell's text prints in, for the cells that start in a
    sliver column and span wider ones."""
    width = len(lefts)
    sliver = [left is None or right - left < SLIVER_WIDTH for left, right in zip(lefts, rights, strict=True)]
    moved: dict[tuple[int, int], int] = {}
    for r, row in enumerate(table.rows):
        for c, bbox in enumerate(row.cells):
            if bbox is None or not sliver[c]:
                continue
            wider = next(
                (k for k in range(c + 1, width) if lefts[k] is not None and lefts[k] < bbox[2] and not sliver[k]), None
            )
            if wider is not None:
                moved[(r, c)] = wider
    return moved


def _middle(char: dict) -> float:
    """The vertical middle of a glyph's line: within the box when the box holds the baseline, else
    just above the baseline (a box tight to the ink of 一 or of a decimal point can lie outside)."""
    if char["top"] <= char["baseline"] <= char["bottom"] + 1:
        return (char["top"] + char["bottom"]) / 2
    return char["baseline"] - 1


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
