"""A table printed without ruling lines -> a grid of cells, from the columns its header defines.

The loader gives each line of such a table as spans: runs of text separated by a column gap, with
their x positions (``Line.spans``). The columns are those of the header (the lines above the
first row with a figure):

- the spans of the header's last line are columns; going up, a span that overlaps two or more
  columns is a spanning parent (本年支出 over 小计 | 基本支出 | 项目支出) and goes in the first of
  them, one that overlaps one column is more of its label (a label wrapped over two lines), and one
  that overlaps none is a column of its own (a label printed once over two header lines);
- the border between two columns is the middle of the gap between their labels; each span goes to
  the column its middle lies in (right-aligned amounts under a centred label included), and a
  span of several figures that crosses a border is split at its spaces;
- a table without a header line (a block of figures only) takes its columns from the spans of
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
FIGURES = re.compile(r"^(?:[-−]?\d[\d,]*(?:\.\d+)?|[-—–─]+)(?:\s+(?:[-−]?\d[\d,]*(?:\.\d+)?|[-—–─]+))+$")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
COLUMN_NUMBERS = re.compile(r"^(?:栏次|行次)?$|^\d{1,2}$")


@dataclass
class _Column:
    x0: float
    x1: float


def is_span_table(lines: list[Line]) -> bool:
    """Whether the lines are read into columns from their spans (no loader cells, positions known)."""
    return bool(lines) and all(line.cells is None and line.spans is not None for line in lines)


def grid_from_spans(lines: list[Line]) -> list[tuple[Line, list[str]]]:
    """(first line, cells) for every row of the table the lines print."""
    first_data = next((i for i, line in enumerate(lines) if _is_data_line(line)), len(lines))
    header, body = lines[:first_data], lines[first_data:]
    columns = _header_columns(header) or _body_columns(body)
    if not columns:
        return [(line, [line.text]) for line in lines]
    borders = [(left.x1 + right.x0) / 2 for left, right in zip(columns, columns[1:], strict=False)]
    rows: list[tuple[Line, list[list[str]]]] = []
    for line in header:
        cells: list[list[str]] = [[] for _ in columns]
        for span in line.spans or ():
            cells[_header_column(span, columns, borders)].append(span.text)
        rows.append((line, cells))
    header_texts = {_plain(line.text) for line in header}
    body_rows = [
        (line, _place(line.spans or (), borders, len(columns)))
        for line in body
        if _plain(line.text) not in header_texts
    ]
    rows.extend(_join_wrapped_lines(body_rows))
    return [(line, [normalize_cell(" ".join(parts)) for parts in cells]) for line, cells in rows]


def _is_data_line(line: Line) -> bool:
    spans = line.spans or ()
    if all(COLUMN_NUMBERS.match(_plain(span.text)) for span in spans):
        return False  # 栏次 | 1 | 2 | 3: numbers the columns
    return any(FIGURE.match(span.text) or FIGURES.match(span.text) for span in spans) or (
        len(spans) > 1 and bool(CODE.match(spans[0].text.split(" ")[0]))
    )


def _header_columns(header: list[Line]) -> list[_Column]:
    """The columns the header's labels define (spanning parents left out), left to right."""
    columns: list[_Column] = []
    for line in reversed(header):
        for span in line.spans or ():
            overlapped = [c for c in columns if _overlaps(span, c)]
            if len(overlapped) == 1:
                overlapped[0].x0, overlapped[0].x1 = min(overlapped[0].x0, span.x0), max(overlapped[0].x1, span.x1)
            elif not overlapped:
                columns.append(_Column(span.x0, span.x1))
        columns.sort(key=lambda c: c.x0)
    return columns


def _overlaps(span: Span, column: _Column) -> bool:
    return span.x0 < column.x1 and column.x0 < span.x1


def _body_columns(body: list[Line]) -> list[_Column]:
    return _merge_overlapping([span for line in body for span in line.spans or ()])


def _merge_overlapping(spans: list[Span]) -> list[_Column]:
    columns: list[_Column] = []
    for span in sorted(spans, key=lambda s: s.x0):
        if columns and span.x0 < columns[-1].x1:
            columns[-1].x1 = max(columns[-1].x1, span.x1)
        else:
            columns.append(_Column(span.x0, span.x1))
    return columns


def _place(spans: tuple[Span, ...], borders: list[float], width: int) -> list[list[str]]:
    cells: list[list[str]] = [[] for _ in range(width)]
    for span in spans:
        for x0, x1, text in _split_across_borders(span, borders):
            cells[_column_of((x0 + x1) / 2, borders)].append(text)
    return cells


def _header_column(span: Span, columns: list[_Column], borders: list[float]) -> int:
    """A header span's column: the first one it overlaps (a spanning parent's first), else where its middle lies."""
    overlapped = [n for n, column in enumerate(columns) if _overlaps(span, column)]
    return overlapped[0] if overlapped else _column_of((span.x0 + span.x1) / 2, borders)


def _column_of(x: float, borders: list[float]) -> int:
    return sum(1 for border in borders if x > border)


def _split_across_borders(span: Span, borders: list[float]) -> list[tuple[float, float, str]]:
    """A run of figures printed too close together for a column gap ("12.50 3.40"), split at its
    spaces with positions in proportion to the characters."""
    crosses = any(span.x0 < border < span.x1 for border in borders)
    if not (crosses and FIGURES.match(span.text)):
        return [(span.x0, span.x1, span.text)]
    per_char = (span.x1 - span.x0) / len(span.text)
    parts, start = [], 0
    for token in span.text.split(" "):
        parts.append((span.x0 + start * per_char, span.x0 + (start + len(token)) * per_char, token))
        start += len(token) + 1
    return parts


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
        target[column][: 0 if before else len(target[column])] = parts


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)
