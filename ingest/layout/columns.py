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

Blank cells stay blank, so the rows are read by position like the rows of a ruled table. A line
of text only (no figure) after the first row continues a wrapped cell: it joins the row above, or
the row that prints figures but no label when it stands just above or below such a row. A header
line printed again where the table continues on a new page is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.loading.text import normalize_cell
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
    rows: list[tuple[Line, list[list[str]]]] = []
    for line, line_labels in zip(header, labels, strict=True):
        cells: list[list[str]] = [[] for _ in columns]
        for label in line_labels:
            cells[_header_column(label, columns, borders)].append(label.text)
        rows.append((line, cells))
    header_texts = {_plain(line.text) for line in header}
    body_rows = [
        (line, _place(line.spans or (), borders, len(columns)))
        for line in body
        if _plain(line.text) not in header_texts
    ]
    rows.extend(_join_wrapped_lines(body_rows))
    return [(line, [normalize_cell(" ".join(parts)) for parts in cells]) for line, cells in rows]


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


def _join_wrapped_lines(rows: list[tuple[Line, list[list[str]]]]) -> list[tuple[Line, list[list[str]]]]:
    """Lines of text only continue the wrapped cells of a row (see the module docstring)."""
    out: list[tuple[Line, list[list[str]]]] = []
    pending: list[list[list[str]]] = []  # text-only lines waiting for a row without a label below
    for n, (line, cells) in enumerate(rows):
        if _is_data_line(line):
            if pending and not _has_label(cells):
                for above in reversed(pending):
                    _append_cells(cells, above, before=True)
            elif pending and out:
                for above in pending:
                    _append_cells(out[-1][1], above)
            pending = []
            out.append((line, cells))
            continue
        below = rows[n + 1] if n + 1 < len(rows) else None
        if below is not None and _is_data_line(below[0]) and not _has_label(below[1]):
            pending.append(cells)
        elif out:
            _append_cells(out[-1][1], cells)
        else:
            out.append((line, cells))
    return out


def _has_label(cells: list[list[str]]) -> bool:
    return any(part and not FIGURE.match(part) and not CODE.match(part) for parts in cells for part in parts)


def _append_cells(target: list[list[str]], extra: list[list[str]], before: bool = False) -> None:
    for column, parts in enumerate(extra):
        target[column] = [*parts, *target[column]] if before else [*target[column], *parts]


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)
