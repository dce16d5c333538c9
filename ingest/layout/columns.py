"""A table printed without ruling lines -> a grid of cells, from the columns its header defines.

The loader gives each line of such a table as its words with their x positions (``Line.spans``).
The columns are those of the header (the lines above the first row with a figure), whose words
are first joined into labels where they stand closer than a column gap (COLUMN_GAP):

- the labels of the header's last line are columns; going up, a label that overlaps two or more
  columns is a spanning parent (本年支出 over 小计 | 基本支出 | 项目支出) and goes in the first of
  them, one that overlaps one column is more of its label (a label wrapped over two lines), and one
  that overlaps none is a column of its own (a label printed once over two header lines);
- the border between two columns is the middle of the gap between their labels when labels are
  centred, or just before (after) a label when labels are aligned left (right) in their columns:
  the alignment under which the rows fit best is kept (fewest words across a border, fewest cells
  with two figures); each word of a row goes to the column its middle lies in;
- a table without a header line (a block of figures only) takes its columns from the words of
  its rows, where their extents overlap.

Blank cells stay blank, so the rows are read by position like the rows of a ruled table. A row
starts at each line with a figure or a code; a line with neither (a name wrapped in a narrow
column, an amount wrapped in two, above or below a vertically centred row) belongs to the row
start nearest to it on its page. A header line printed again where the table continues on a new
page is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.loading.text import join_wrapped, normalize_cell
from ingest.model import Line, Span

FIGURE = re.compile(r"^[-−]?\d[\d,]*\.\d+$|^[-−]?\d{1,3}(?:,\d{3})+$|^[-—–─]+$|^0$")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
COLUMN_NUMBERS = re.compile(r"^(?:栏次|行次)?$|^\d{1,2}$")
COLUMN_GAP = 1.0  # words of a header line closer than this many character heights form one label
LABEL_PAD = 2.0  # points between a left- or right-aligned label and its column's border


@dataclass
class _Column:
    x0: float
    x1: float


def is_span_table(lines: list[Line]) -> bool:
    """Whether the lines are read into columns from their words (no loader cells, positions known)."""
    return bool(lines) and all(line.cells is None and line.spans is not None for line in lines)


def grid_from_spans(lines: list[Line]) -> list[tuple[Line, list[str]]]:
    """(first line, cells) for every row of the table the lines print."""
    first_data = next((i for i, line in enumerate(lines) if _is_data_line(line)), len(lines))
    header, body = lines[:first_data], lines[first_data:]
    labels = [_labels(line.spans or ()) for line in header]
    columns = _header_columns(labels) or _body_columns(body)
    if not columns:
        return [(line, [line.text]) for line in lines]
    borders = _borders(columns, body)
    rows: list[tuple[Line, list[str]]] = []
    for line, line_labels in zip(header, labels, strict=True):
        cells: list[list[str]] = [[] for _ in columns]
        for label in line_labels:
            cells[_header_column(label, columns, borders)].append(label.text)
        rows.append((line, [" ".join(parts) for parts in cells]))
    header_texts = {_plain(line.text) for line in header}
    placed = [
        (line, _place(line.spans or (), borders, len(columns)))
        for line in body
        if _plain(line.text) not in header_texts
    ]
    rows.extend(_rows(placed))
    return [(line, [normalize_cell(cell) for cell in cells]) for line, cells in rows]


def _labels(words: tuple[Span, ...]) -> list[Span]:
    """A header line's words joined into labels where they stand closer than a column gap."""
    labels: list[Span] = []
    for word in words:
        last = labels[-1] if labels else None
        if last is not None and word.x0 - last.x1 < COLUMN_GAP * max(word.height, last.height):
            labels[-1] = Span(last.x0, word.x1, f"{last.text} {word.text}", max(word.height, last.height))
        else:
            labels.append(word)
    return labels


def _is_data_line(line: Line) -> bool:
    words = line.spans or ()
    if all(COLUMN_NUMBERS.match(_plain(word.text)) for word in words):
        return False  # 栏次 | 1 | 2 | 3: numbers the columns
    return any(FIGURE.match(word.text) for word in words) or (len(words) > 1 and bool(CODE.match(words[0].text)))


def _header_columns(labels: list[list[Span]]) -> list[_Column]:
    """The columns the header's labels define (spanning parents left out), left to right."""
    columns: list[_Column] = []
    for line_labels in reversed(labels):
        for label in line_labels:
            overlapped = [c for c in columns if _overlaps(label, c)]
            if len(overlapped) == 1:
                overlapped[0].x0, overlapped[0].x1 = min(overlapped[0].x0, label.x0), max(overlapped[0].x1, label.x1)
            elif not overlapped:
                columns.append(_Column(label.x0, label.x1))
        columns.sort(key=lambda c: c.x0)
    return columns


def _overlaps(span: Span, column: _Column) -> bool:
    return span.x0 < column.x1 and column.x0 < span.x1


def _body_columns(body: list[Line]) -> list[_Column]:
    columns: list[_Column] = []
    for word in sorted((word for line in body for word in line.spans or ()), key=lambda w: w.x0):
        if columns and word.x0 < columns[-1].x1:
            columns[-1].x1 = max(columns[-1].x1, word.x1)
        else:
            columns.append(_Column(word.x0, word.x1))
    return columns


def _borders(columns: list[_Column], body: list[Line]) -> list[float]:
    """The borders between the columns, as the labels are aligned over their columns: centred (the
    middle of the gap between two labels), left-aligned (just before the next label) or
    right-aligned (just after a label). The alignment kept is the one under which the rows' words
    fit best: fewest words across a border, fewest cells holding two figures."""
    pairs = list(zip(columns, columns[1:], strict=False))
    alignments = (
        [(left.x1 + right.x0) / 2 for left, right in pairs],
        [right.x0 - LABEL_PAD for _, right in pairs],
        [left.x1 + LABEL_PAD for left, _ in pairs],
    )
    return min(alignments, key=lambda borders: _misfit(borders, body))


def _misfit(borders: list[float], body: list[Line]) -> int:
    misfits = 0
    for line in body:
        figures_in: dict[int, int] = {}
        for word in line.spans or ():
            if any(word.x0 < border < word.x1 for border in borders):
                misfits += 1
            elif FIGURE.match(word.text):
                column = _column_of((word.x0 + word.x1) / 2, borders)
                figures_in[column] = figures_in.get(column, 0) + 1
        misfits += sum(n - 1 for n in figures_in.values())
    return misfits


def _place(words: tuple[Span, ...], borders: list[float], width: int) -> list[list[str]]:
    cells: list[list[str]] = [[] for _ in range(width)]
    for word in words:
        cells[_column_of((word.x0 + word.x1) / 2, borders)].append(word.text)
    return cells


def _header_column(label: Span, columns: list[_Column], borders: list[float]) -> int:
    """A label's column: the first one it overlaps (a spanning parent's first), else where its middle lies."""
    overlapped = [n for n, column in enumerate(columns) if _overlaps(label, column)]
    return overlapped[0] if overlapped else _column_of((label.x0 + label.x1) / 2, borders)


def _column_of(x: float, borders: list[float]) -> int:
    return sum(1 for border in borders if x > border)


def _rows(lines: list[tuple[Line, list[list[str]]]]) -> list[tuple[Line, list[str]]]:
    """The table's rows: each line that starts a row (a figure or a code: _starts_row) with the lines of
    text or figure fragments nearest to it on its page (a wrapped name, an amount wrapped in a narrow
    column, above or below a vertically centred row), each cell's lines read top to bottom."""
    starts = [n for n, (line, _) in enumerate(lines) if _starts_row(line)]
    members: dict[int, list[int]] = {n: [n] for n in starts}
    loose: list[int] = []
    for n in range(len(lines)):
        if n in members:
            continue
        owner = _nearest_start(n, starts, lines)
        if owner is None:
            loose.append(n)
        else:
            members[owner].append(n)
    rows = []
    for first in sorted([*members, *loose]):
        group = sorted(members.get(first, [first]), key=lambda n: _baseline(lines[n][0]))
        width = len(lines[first][1])
        cells = [join_wrapped([" ".join(lines[n][1][c]) for n in group if lines[n][1][c]]) for c in range(width)]
        rows.append((lines[first][0], cells))
    return rows


def _starts_row(line: Line) -> bool:
    words = line.spans or ()
    return any(FIGURE.match(word.text) for word in words) or bool(words and CODE.match(words[0].text))


def _nearest_start(n: int, starts: list[int], lines: list[tuple[Line, list[list[str]]]]) -> int | None:
    """The row start on the same page whose line stands nearest to line n (the one above on a tie)."""
    line = lines[n][0]
    above = max((s for s in starts if s < n and lines[s][0].page_no == line.page_no), default=None)
    below = min((s for s in starts if s > n and lines[s][0].page_no == line.page_no), default=None)
    if above is None or below is None:
        return above if below is None else below
    distance_above = _baseline(line) - _baseline(lines[above][0])
    distance_below = _baseline(lines[below][0]) - _baseline(line)
    return below if distance_below < distance_above else above


def _baseline(line: Line) -> float:
    return line.spans[0].baseline if line.spans else 0.0


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)
