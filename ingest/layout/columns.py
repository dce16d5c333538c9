"""A table printed without ruling lines -> a grid of cells, from where its rows print and the
columns its header defines.

The loader gives each line of such a table as its words with their x positions (``Line.spans``).
The header is the lines above the first row with a figure; its words are joined into labels where
they stand closer than a column gap (COLUMN_GAP). The columns:

- where the rows print: the extents of figures and codes down the table, and of the runs of text
  between them (words closer than a column gap: a name printed letter-spaced is one run; a run
  lying over two columns of figures or codes, a 合计 centred across code columns, is left out);
- the header's labels, from its last line up: a label over one column (or over columns no other
  label heads: a code and its name printed in one cell) labels it; a label over two or more
  labelled columns is a spanning parent (本年支出 over 小计 | 基本支出 | 项目支出) and goes in the
  first of them; a label over no rows is a column of its own (a column left blank all the way
  down, or a label aligned away from its figures);
- a label over no rows beside rows with no label is one column with them (a label aligned left or
  centred over amounts aligned right, a label centred over codes aligned left), with the nearer
  rows when there are such rows on both sides.

The header is given as a ruled table prints it (a parent in the first column it spans, each
column's labels in the rows under its parents). The border between two columns is
the middle of the gap between them; each word goes to the column its middle lies in, so blank cells
stay blank and the rows are read by position like the rows of a ruled table. A row starts at each line with a figure or a code; a line with neither (a name
wrapped in a narrow column, an amount wrapped in two, above or below a vertically centred row)
belongs to the row start nearest to it on its page. A header line printed again where the table
continues on a new page is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from ingest.loading.text import completes_cut_figures, join_wrapped, normalize_cell, usual_decimals
from ingest.model import Line, Span

FIGURE = re.compile(r"^[-−]?\d[\d,]*\.\d+$|^[-−]?\d{1,3}(?:,\d{3})+$|^[-—–─]+$|^0$")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
FIGURE_PART = re.compile(r"^[\d,.]+$")
BLANK = re.compile(r"^[-—–─]+$")
NUMBERED_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
FIGURE_CUT = re.compile(r"^(?=.*\d)(?=.*[,.])[\d,.]+$")  # a part of a figure wrapped over lines: "214,913."
COLUMN_NUMBERS = re.compile(r"^(?:栏次|行次)?$|^\d{1,2}$")
COLUMN_GAP = 1.0  # words of a header line closer than this many character heights form one label
OWN_ROW_SHARE = 0.9  # a line of text this share of a row pitch away from any row start is a row
CODE_PART_DIGITS = 4  # digits alone shorter than this are a code's part, not a cut figure
MONEY_DECIMALS = 2  # amounts print at most this many decimals, unless a table's figures print more
LEADING_TOLERANCE = 0.1  # lines this share of the leading nearer or farther apart stand a leading apart
WRAPPED_LINE_GAP = 1.8  # the lines of a wrapped cell stand at most this many character heights apart
CELL_LINE_GAP = 1.4  # ... and, told from the gap between a header and its first row, at most this many
_LEFT = attrgetter("x0")  # an extent's left edge, to sort by


@dataclass
class _Column:
    x0: float
    x1: float
    labeled: bool = False  # a header label stands over it
    data: bool = False  # rows print in it
    text: bool = False  # rows print text in it (names, perhaps with their codes)
    amounts: bool = False  # rows print amounts in it (figures with a decimal point or separators)


def is_span_table(lines: list[Line]) -> bool:
    """Whether the lines are read into columns from their words (no loader cells, positions known)."""
    return bool(lines) and all(line.cells is None and line.spans is not None for line in lines)


def grid_from_spans(lines: list[Line]) -> list[tuple[Line, list[str]]]:
    """(first line, cells) for every row of the table the lines print."""
    first_data = _first_row_line(lines, next((i for i, line in enumerate(lines) if _is_data_line(line)), len(lines)))
    header, body = lines[:first_data], lines[first_data:]
    body = _without_repeated_header(body, {_plain(line.text) for line in header})
    data = _data_columns(body)
    labels = _without_caption([_labels(line.spans or (), data) for line in header])
    headings = _group_headings(labels, data)
    columns = _columns(labels, data, headings)
    if not columns:
        return [(line, [line.text]) for line in lines]
    borders = sorted((left.x1 + right.x0) / 2 for left, right in zip(columns, columns[1:], strict=False))
    rows = _header_rows(header, labels, columns, borders, headings)
    placed = [(line, _place(line.spans or (), borders, len(columns))) for line in body]
    rows.extend(_rows(placed))
    return [(line, [normalize_cell(cell) for cell in cells]) for line, cells in rows]


def _without_repeated_header(body: list[Line], header_texts: set[str]) -> list[Line]:
    """The body without the header printed again where the table goes on over a page: the lines at
    the top of a page that print the header's lines, before any other line (a wrapped name's last
    line "支出" that a header line also prints stays)."""
    kept: list[Line] = []
    page_top = False
    for n, line in enumerate(body):
        if n > 0 and line.page_no != body[n - 1].page_no:
            page_top = True
        if page_top and _plain(line.text) in header_texts:
            continue
        page_top = False
        kept.append(line)
    return kept


def _without_caption(labels: list[list[Span]]) -> list[list[Span]]:
    """The header's labels without a caption over all its columns (财政拨款“三公”经费 centred over the
    whole 三公 table): a label alone on its line, centred within a character height over the labels
    of the lines below it, which reach beyond it on both sides. It names the table, no column."""
    kept = []
    for n, line_labels in enumerate(labels):
        lower = [label for below in labels[n + 1 :] for label in below]
        if len(line_labels) == 1 and lower:
            (label,) = line_labels
            x0, x1 = min(o.x0 for o in lower), max(o.x1 for o in lower)
            beyond = x0 < label.x0 - label.height and label.x1 + label.height < x1
            if beyond and abs((label.x0 + label.x1) / 2 - (x0 + x1) / 2) <= label.height:
                line_labels = []
        kept.append(line_labels)
    return kept


def _header_rows(
    header: list[Line],
    labels: list[list[Span]],
    columns: list[_Column],
    borders: list[float],
    headings: dict[int, Span],
) -> list[tuple[Line, list[str]]]:
    """The header as a ruled table prints it: each spanning parent in the first column it spans, on
    the row of its level; each column's labels from the row below its parents down, top-aligned
    (so that no label reads as spanning the columns beside it)."""
    own: list[list[tuple[int, Span]]] = [[] for _ in columns]  # (header line, label) per column
    parents: list[tuple[int, Span, list[int]]] = []  # (header line, label, columns it spans)
    for n, line_labels in enumerate(labels):
        for label in line_labels:
            extent = headings.get(id(label), label)
            spanned = [c for c, column in enumerate(columns) if _overlaps(extent, column)]
            if len(spanned) >= 2:
                parents.append((n, label, spanned))
            else:
                own[spanned[0] if spanned else _column_of((label.x0 + label.x1) / 2, borders)].append((n, label))
    parent_texts = [[label.text] for _, label, _ in parents]
    for c, column_labels in enumerate(own):
        for n, label in list(column_labels):
            below = any(m > n for m, _ in column_labels)
            for p, (m, parent, _) in enumerate(parents):
                if below and m < n and parent.x0 - 1 <= label.x0 and label.x1 <= parent.x1 + 1:
                    parent_texts[p].append(label.text)  # the parent's label wrapped ("功能分类科目" / "编码")
                    own[c].remove((n, label))
                    break
    own = [_wrapped_labels_joined(column_labels, header) for column_labels in own]
    spans = [
        (columns_[0], columns_[-1], join_wrapped(texts))
        for (_, _, columns_), texts in zip(parents, parent_texts, strict=True)
    ]
    depth = [sum(1 for first, last, _ in spans if first <= n <= last) for n in range(len(columns))]
    height = max((depth[n] + len(own[n]) for n in range(len(columns))), default=0)
    grid = [[""] * len(columns) for _ in range(max(height, 1))]
    for first, last, text in spans:
        level = sum(1 for f, la, _ in spans if f <= first and last <= la and (f, la) != (first, last))
        grid[level][first] = " ".join(filter(None, [grid[level][first], text]))
    for n, parts in enumerate(own):
        for row, (_, label) in enumerate(parts, start=depth[n]):
            grid[row][n] = label.text
    return [(header[min(r, len(header) - 1)], cells) for r, cells in enumerate(grid)] if header else []


def _wrapped_labels_joined(column_labels: list[tuple[int, Span]], header: list[Line]) -> list[tuple[int, Span]]:
    """A column's label wrapped over header lines a cell's line apart ("功能分类科目编" / "码",
    "本年支出" / "合计") is one label, as the ruled table prints it in one cell."""
    joined: list[tuple[int, Span]] = []
    for n, label in column_labels:
        if joined:
            m, last = joined[-1]
            gap = _baseline(header[n]) - _baseline(header[m])
            if 0 < gap <= CELL_LINE_GAP * max(label.height, last.height):
                text = join_wrapped([last.text, label.text])
                joined[-1] = (n, Span(min(last.x0, label.x0), max(last.x1, label.x1), text, last.height))
                continue
        joined.append((n, label))
    return joined


def _labels(words: tuple[Span, ...], columns: list[_Column]) -> list[Span]:
    """A line's words joined into labels where they stand closer than a column gap, unless they
    stand over two different columns of the rows (labels of narrow columns stand close)."""
    labels: list[Span] = []
    for word in words:
        last = labels[-1] if labels else None
        if (
            last is not None
            and word.x0 - last.x1 < COLUMN_GAP * max(word.height, last.height)
            and _column_under(word, columns) == _column_under(last, columns)
        ):
            labels[-1] = Span(last.x0, word.x1, f"{last.text} {word.text}", max(word.height, last.height))
        else:
            labels.append(word)
    return labels


def _first_row_line(lines: list[Line], first_data: int) -> int:
    """Where the first row starts: its first line with a figure, or above it the lines of its label
    wrapped around its figures ("一、一般公共预算财政拨" / figures / "款收入"), each standing nearer
    to the line below it than to the header line above it."""
    while 0 < first_data < len(lines):
        line, below = lines[first_data - 1], lines[first_data]
        gap = _baseline(below) - _baseline(line)
        height = max((span.height for span in line.spans or ()), default=0.0)
        if line.page_no != below.page_no or not 0 < gap <= CELL_LINE_GAP * height:
            break
        above = lines[first_data - 2] if first_data >= 2 else None
        if above is not None and above.page_no == line.page_no and _baseline(line) - _baseline(above) <= gap:
            break
        first_data -= 1
    return first_data


def _is_data_line(line: Line) -> bool:
    words = line.spans or ()
    if all(COLUMN_NUMBERS.match(_plain(word.text)) for word in words):
        return False  # 栏次 | 1 | 2 | 3: numbers the columns
    if any(FIGURE.match(word.text) or FIGURE_CUT.match(word.text) for word in words):
        return True
    if all(FIGURE_PART.match(word.text) for word in words) and any(_is_figure_start(word.text) for word in words):
        return True  # the first line of figures wrapped in narrow columns ("58327871" over "4.72")
    return len(words) > 1 and bool(CODE.match(words[0].text))


def _is_figure_start(text: str) -> bool:
    """Digits too many for a code part and not a code: the start of a figure wrapped over lines."""
    return text.isdigit() and len(text) >= CODE_PART_DIGITS and not CODE.match(text)


def _column_under(span: Span, columns: list[_Column]) -> int | None:
    """The one column of rows a span stands over (None when over none, or over several)."""
    under = [n for n, column in enumerate(columns) if _overlaps(span, column)]
    return under[0] if len(under) == 1 else None


def _columns(labels: list[list[Span]], data: list[_Column], headings: dict[int, Span]) -> list[_Column]:
    """The table's columns, left to right: where its rows print (_data_columns), with the header's
    labels over them (see the module docstring)."""
    columns = [_Column(c.x0, c.x1, c.labeled, c.data, c.text, c.amounts) for c in data]
    leaves = _leaf_columns(labels[-1], columns) if labels else None
    if leaves is not None:
        columns, labels = leaves, labels[:-1]
    for line_labels in reversed(labels):
        for label in line_labels:
            if id(label) in headings:
                continue
            under = [c for c in columns if _overlaps(label, c)]
            if len(under) >= 2 and sum(c.labeled for c in under) >= 2:
                continue  # a spanning parent: placed over the first of its columns
            merged = _Column(min([label.x0, *(c.x0 for c in under)]), max([label.x1, *(c.x1 for c in under)]), True)
            merged.data = any(c.data for c in under)
            merged.text = any(c.text for c in under)
            merged.amounts = any(c.amounts for c in under)
            columns = sorted([c for c in columns if c not in under] + [merged], key=lambda c: c.x0)
    return _names_beside_their_label(_pair_labels_with_data(columns))


def _group_headings(labels: list[list[Span]], data: list[_Column]) -> dict[int, Span]:
    """Labels that head a group of columns labelled on lower lines rather than a column, centred
    over the gap between two of them (收入 over 项目 | 决算数, 支出 over 项目 | 合计 | …): no lower
    label stands under such a heading, and the nearest lower labels on either side of it have no
    label above them up to its line. Each heading's id -> the extent of its group, from the one
    lower label to the other."""
    headings: dict[int, Span] = {}
    line_of = {id(label): n for n, line_labels in enumerate(labels) for label in line_labels}
    for n, line_labels in enumerate(labels):
        lower = [label for below in labels[n + 1 :] for label in below]
        upper = [label for above in labels[: n + 1] for label in above]
        if not lower:
            break
        for label in line_labels:
            if any(_overlaps(other, label) for other in lower) or _over_rows_of_its_own(label, lower, data):
                continue
            left = max((other for other in lower if other.x1 <= label.x0), key=lambda o: o.x1, default=None)
            right = min((other for other in lower if other.x0 >= label.x1), key=lambda o: o.x0, default=None)
            if left is None or right is None:
                continue
            if not any(_tops(other, side, labels[line_of[id(side)]]) for side in (left, right) for other in upper):
                headings[id(label)] = Span(left.x0, right.x1, label.text, label.height)
    return headings


def _over_rows_of_its_own(label: Span, lower: list[Span], data: list[_Column]) -> bool:
    """Whether the label stands over a column where rows print that no lower label stands over or
    beside (within a character height): that column is the label's own (年初结转和结余 over its
    amounts), not one of a group it heads (支出 over the amounts its 合计 labels, centred beside them)."""
    return any(
        _overlaps(label, column) and not any(_distance(other, column) <= other.height for other in lower)
        for column in data
    )


def _tops(upper: Span, label: Span, line_labels: list[Span]) -> bool:
    """Whether the upper label stands over the label as its column's label: over it and over no
    other label of its line (a label over several spans them)."""
    return _overlaps(upper, label) and sum(1 for other in line_labels if _overlaps(upper, other)) == 1


def _leaf_columns(leaves: list[Span], data: list[_Column]) -> list[_Column] | None:
    """The header's last line labelling every column where rows print, one label each (预算数 |
    决算数 centred beside amounts aligned right rather than over them): each column and the label
    it and no other column stands nearest to, within two character heights, are one column; the
    line's other labels head columns left blank all the way down. None when the line does not."""
    if len(leaves) < len(data) or len(data) < 2:
        return None
    columns = []
    paired: set[int] = set()
    for column in data:
        label = min(range(len(leaves)), key=lambda n: _distance(leaves[n], column))
        nearest = min(data, key=lambda c: _distance(leaves[label], c))
        if nearest is not column or label in paired or _distance(leaves[label], column) > 2 * leaves[label].height:
            return None
        paired.add(label)
        x0, x1 = min(leaves[label].x0, column.x0), max(leaves[label].x1, column.x1)
        columns.append(_Column(x0, x1, True, True, column.text, column.amounts))
    columns += [_Column(leaf.x0, leaf.x1, True) for n, leaf in enumerate(leaves) if n not in paired]
    columns.sort(key=lambda c: c.x0)
    if any(left.x1 > right.x0 for left, right in zip(columns, columns[1:], strict=False)):
        return None
    return columns


def _distance(span: Span, column: _Column) -> float:
    return max(column.x0 - span.x1, span.x0 - column.x1, 0.0)


def _data_columns(body: list[Line]) -> list[_Column]:
    """Where the rows print: the extents of figures and codes, then of the text between them (a word
    of text lying over two of those, such as a 合计 centred across code columns, or starting inside
    one and running out of it on a line without a code, such as 人员经费合计 centred across a code
    and a name, is left out)."""
    words = [word for line in body for word in line.spans or ()]
    figures = _merged([w for w in words if _is_figure_or_code(w.text)])
    texts = [
        run
        for line in body
        for run in _labels(tuple(w for w in line.spans or () if not _is_figure_or_code(w.text)), figures)
        if not _over_two(run, figures) and (_coded(line) or not any(_centred_out_of(run, c) for c in figures))
    ]
    columns = _merged([*figures, *(_Column(w.x0, w.x1, text=True) for w in texts)])
    for column in columns:
        column.data = True
    return columns


def _over_two(span: Span, columns: list[_Column]) -> bool:
    """Whether the span lies over two columns or more (_overlaps)."""
    over = 0
    for column in columns:
        if span.x0 < column.x1 and column.x0 < span.x1:
            over += 1
            if over == 2:
                return True
    return False


def _coded(line: Line) -> bool:
    return bool(line.spans and CODE.match(line.spans[0].text))


def _centred_out_of(run: Span, column: _Column) -> bool:
    return column.x0 + 1 < run.x0 < column.x1 < run.x1


@lru_cache(maxsize=1 << 12)  # a table's words are tested several times, and printed again and again
def _is_figure_or_code(text: str) -> bool:
    return bool(FIGURE.match(text) or FIGURE_PART.match(text))


def _merged(extents: list) -> list[_Column]:
    """Words (Spans) and columns standing over each other, left to right, merged into columns."""
    columns: list[_Column] = []
    last = None
    for extent in sorted(extents, key=_LEFT):
        if isinstance(extent, Span):
            text, amounts = False, "." in extent.text or "," in extent.text
        else:
            text, amounts = extent.text, False
        if last is not None and extent.x0 < last.x1:
            last.x1 = max(last.x1, extent.x1)
            last.text = last.text or text
            last.amounts = last.amounts or amounts
        else:
            last = _Column(extent.x0, extent.x1, text=text, amounts=amounts)
            columns.append(last)
    return columns


def _pair_labels_with_data(columns: list[_Column]) -> list[_Column]:
    """A label that stands over no rows and rows with no label over them, side by side, are one
    column: a label centred or aligned left over amounts aligned right, a label centred over codes
    aligned left. A label with such rows on both sides takes the nearer."""
    columns = list(columns)
    while True:
        pairs = []
        for n, column in enumerate(columns):
            if not (column.labeled and not column.data):
                continue
            beside = [m for m in (n - 1, n + 1) if 0 <= m < len(columns) and columns[m].data and not columns[m].labeled]
            if beside:
                nearest = min(beside, key=lambda m: max(columns[m].x0 - column.x1, column.x0 - columns[m].x1))
                pairs.append((len(beside), n, nearest))
        if not pairs:
            return columns
        _, n, m = min(pairs)  # the labels with one side to pair with first
        label, rows = columns[n], columns[m]
        columns[min(n, m)] = _Column(
            min(label.x0, rows.x0), max(label.x1, rows.x1), True, True, rows.text, rows.amounts
        )
        del columns[max(n, m)]


def _names_beside_their_label(columns: list[_Column]) -> list[_Column]:
    """Two columns of names (text, perhaps with codes; no amounts) side by side, one with a label and
    one without: one column of names, its
    label and some of its rows centred in it (项目, 合计) and the other rows aligned left, too short
    to reach them."""
    columns = list(columns)
    n = 0
    while n + 1 < len(columns):
        left, right = columns[n], columns[n + 1]
        names = left.text and right.text and not (left.amounts or right.amounts)
        if names and left.data and right.data and left.labeled != right.labeled:
            columns[n : n + 2] = [_Column(left.x0, right.x1, True, True, True)]
        else:
            n += 1
    return columns


def _overlaps(span, column: _Column) -> bool:
    return span.x0 < column.x1 and column.x0 < span.x1


def _place(words: tuple[Span, ...], borders: list[float], width: int) -> list[list[str]]:
    cells: list[list[str]] = [[] for _ in range(width)]
    for word in words:
        cells[_column_of((word.x0 + word.x1) / 2, borders)].append(word.text)
    return cells


def _column_of(x: float, borders: list[float]) -> int:
    """How many of the (sorted) borders lie left of x: the column x lies in."""
    return bisect_left(borders, x)


@dataclass(slots=True)
class _Placed:
    """A line of the table with its words put in the columns, where it stands on the page (the middle
    of a figure wrapped over lines: where its row is centred), and whether it completed such a figure."""

    line: Line
    cells: list[list[str]]
    baseline: float
    rejoined: bool = False


def _rows(lines: list[tuple[Line, list[list[str]]]]) -> list[tuple[Line, list[str]]]:
    """The table's rows: each line that starts a row (a figure or a code: _starts_row) with the lines of
    text or figure fragments nearest to it on its page (a wrapped name, an amount wrapped in a narrow
    column, above or below a vertically centred row), each cell's lines read top to bottom."""
    placed = _figures_rejoined([_Placed(line, cells, _baseline(line)) for line, cells in lines])
    starts = _row_starts(placed)
    pitch = _row_pitch(starts, placed)
    start_set = set(starts)
    own = [
        n
        for n in range(len(placed))
        if n not in start_set
        and (owner := _nearest_start(n, starts, placed)) is not None
        and _row_of_its_own(placed[n], placed[owner], pitch)
    ]
    starts = sorted([*starts, *own])  # the wrapped rest of such a row's label goes with it
    members: dict[int, list[int]] = {n: [n] for n in starts}
    loose: list[int] = []
    for n in range(len(placed)):
        if n in members:
            continue
        owner = _nearest_start(n, starts, placed)
        if owner is None:
            loose.append(n)
        else:
            members[owner].append(n)
    rows: list[tuple[Line, list[str]]] = []
    for first in sorted([*members, *loose]):
        group = sorted(members.get(first, [first]), key=lambda n: placed[n].baseline)
        width = len(placed[first].cells)
        if len(group) == 1:
            cells = [" ".join(cell).strip() for cell in placed[first].cells]  # a row printed on one line
        else:
            cells = [
                join_wrapped([" ".join(placed[n].cells[c]) for n in group if placed[n].cells[c]]) for c in range(width)
            ]
        line = placed[first].line
        if rows and rows[-1][0].page_no != line.page_no and completes_cut_figures(rows[-1][1], cells):
            rows[-1] = (rows[-1][0], [join_wrapped([a, b]) for a, b in zip(rows[-1][1], cells, strict=True)])
            continue  # a row cut by the page break
        rows.append((line, cells))
    return rows


def _row_pitch(starts: list[int], placed: list[_Placed]) -> float | None:
    """How far apart the rows of the table stand: the shortest usual distance between two row starts
    that follow each other on a page (None when too few rows say it)."""
    gaps = sorted(
        placed[b].baseline - placed[a].baseline
        for a, b in zip(starts, starts[1:], strict=False)
        if placed[a].line.page_no == placed[b].line.page_no and placed[b].baseline > placed[a].baseline
    )
    return gaps[len(gaps) // 10] if len(gaps) >= 3 else None


def _row_of_its_own(line: _Placed, start: _Placed, pitch: float | None) -> bool:
    """A numbered item on a line of text only, a row's distance away from the nearest row start: a
    row whose figures are all left blank (二、外交支出 where zero prints as nothing), not the rest of
    a wrapped name. A row's distance: a share of the table's row pitch, or, nearer, farther than the
    lines of a wrapped cell stand apart (the pitch of rows with figures is wider where their labels
    wrap)."""
    if line.line.page_no != start.line.page_no:
        return False
    if not NUMBERED_ITEM.match(next((word for cell in line.cells for word in cell), "")):
        return False
    if any(FIGURE_PART.match(word) or BLANK.match(word) for cell in line.cells for word in cell):
        return False
    height = max((span.height for span in line.line.spans or ()), default=0.0)
    apart = CELL_LINE_GAP * height if pitch is None else min(OWN_ROW_SHARE * pitch, CELL_LINE_GAP * height)
    return height > 0 and abs(line.baseline - start.baseline) > apart


def _figures_rejoined(placed: list[_Placed]) -> list[_Placed]:
    """An amount wrapped in a narrow column ("111,760," over "486.75", "2,100" over ",571." over
    "37", "64410" over "9838." over "75"), or a code ("20103" over "01"): its rest is joined to the
    line where the figure starts, which then stands midway between its first and last lines (where a
    row whose figures wrap around its one-line label is centred). The rest is the next words down
    the column, each on the line just below the one before, while the figure is cut short (_is_cut)
    or the words below go on with a separator. Then the parts of codes wrapped digit by digit in a
    column narrower than a code ("2" over "0" over "1"), where their lines stand as far apart as
    the lines of the amounts so joined (a cell's lines, closer than the table's rows)."""
    if not _any_line_wraps(placed):
        return [p for p in placed if any(p.cells)]  # each line a row's pitch apart: a text dump's
    decimals = _usual_decimals(placed)
    amounts = _amount_columns(placed)

    def amount_cut(c: int, figure: str, rest: str, lower: _Placed) -> bool:
        code_wrapped = bool(CODE.match(figure) and len(rest) == 2 and CODE.match(figure + rest))
        cut = _is_cut(figure, decimals, c in amounts) or _decimals_wrapped(figure, rest, decimals)
        return cut or rest[0] in ",." or code_wrapped

    gaps = _rejoin(placed, amount_cut)
    leading = Counter(round(gap, 1) for gap in gaps).most_common(1)[0][0] if gaps else None
    if leading is not None:

        def code_cut(c: int, figure: str, rest: str, lower: _Placed) -> bool:
            return c not in amounts and _code_part_cut(figure, rest)

        _rejoin(placed, code_cut, leading)
    return [p for p in placed if any(p.cells)]


def _any_line_wraps(placed: list[_Placed]) -> bool:
    """Whether any line stands a wrapped cell's line above a later line of its page (_wraps_onto):
    where none does, no word is joined to one below it."""
    later: dict[int | None, list[float]] = {}  # each page's baselines of the lines after this one, sorted
    for p in reversed(placed):
        baseline = _baseline(p.line)
        below = later.setdefault(p.line.page_no, [])
        nearest = bisect_right(below, baseline)
        height = max((span.height for span in p.line.spans or ()), default=0.0)
        if nearest < len(below) and below[nearest] - baseline <= WRAPPED_LINE_GAP * height:
            return True
        insort(below, baseline)
    return False


def _rejoin(placed: list[_Placed], cut, leading: float | None = None) -> list[float]:
    """Joins each word to the words below it in its column while cut(column, word, rest, lower line)
    says they are one figure (and, given a leading, while their lines stand that far apart); the
    gaps between the lines joined."""
    gaps = []
    for n, upper in enumerate(placed):
        for c in range(len(upper.cells)):
            last = upper
            while len(upper.cells[c]) == 1:
                figure = upper.cells[c][0]
                below = next((m for m in range(n + 1, len(placed)) if placed[m].cells[c]), None)
                if below is None or not _wraps_onto(last, placed[below]) or len(placed[below].cells[c]) != 1:
                    break
                rest = placed[below].cells[c][0]
                gap = _baseline(placed[below].line) - _baseline(last.line)
                if leading is not None and abs(gap - leading) > LEADING_TOLERANCE * leading:
                    break
                if (
                    not FIGURE_PART.match(figure)
                    or not FIGURE_PART.match(rest)
                    or not cut(c, figure, rest, placed[below])
                ):
                    break
                gaps.append(gap)
                upper.cells[c] = [figure + rest]
                placed[below].cells[c] = []
                last = placed[below]
                upper.baseline = (_baseline(upper.line) + last.baseline) / 2
                upper.rejoined = True
    return gaps


def _code_part_cut(figure: str, rest: str) -> bool:
    """Digits of a code cut short: a single digit (no code or code part has one), or digits that are
    no code but make one with the digits below ("20" over "1", "2010" over "101")."""
    if not (figure.isdigit() and rest.isdigit()):
        return False
    return len(figure) == 1 or bool(CODE.match(figure + rest) and not CODE.match(figure))


def _decimals_wrapped(figure: str, rest: str, decimals: int | None) -> bool:
    """The last decimals of an amount wrapped in a narrow column, in a table whose figures mostly
    wrap, so that too few show how many decimals they print ("32430276.0" over "0", "45.1" over
    "6"): a digit or two under a figure with a decimal point, making no more decimals than amounts
    print."""
    if "." not in figure or not rest.isdigit() or len(rest) > MONEY_DECIMALS:
        return False
    return len(figure) - figure.index(".") - 1 + len(rest) <= max(decimals or 0, MONEY_DECIMALS)


def _usual_decimals(placed: list[_Placed]) -> int | None:
    """How many decimals the table's figures print (a figure wrapped in a narrow column prints fewer
    on its first line, however many are wrapped)."""
    return usual_decimals(
        word.replace("−", "-") for p in placed for cell in p.cells for word in cell if FIGURE.match(word)
    )


def _amount_columns(placed: list[_Placed]) -> set[int]:
    """The columns where amounts print: those with a figure's decimal point in them (codes never
    have one)."""
    return {
        c for p in placed for c, cell in enumerate(p.cells) for word in cell if FIGURE_PART.match(word) and "." in word
    }


@lru_cache(maxsize=1 << 12)  # asked of every word of every line a row may start at
def _is_cut(word: str, decimals: int | None = None, amount_column: bool = False) -> bool:
    """Digits and separators that are not a figure by themselves ("49,266,6", "214,913."), that
    print fewer decimals than the table's figures do ("19,197,687.4" over "4"), or, in a column of
    amounts printed with decimals, no decimal point at all ("64410" over "9838." over "75")."""
    if not FIGURE_PART.match(word):
        return False
    if amount_column and decimals and "." not in word and word.strip("0,"):
        return True
    if CODE.match(word) or (word.isdigit() and len(word) < CODE_PART_DIGITS):
        return False  # "01", "201": the part of a code a row of a 类 | 款 | 项 table prints
    if not FIGURE.match(word):
        return True
    return decimals is not None and "." in word and len(word) - word.index(".") - 1 < decimals


def _wraps_onto(upper: _Placed, lower: _Placed) -> bool:
    height = max((span.height for span in upper.line.spans or ()), default=0.0)
    gap = _baseline(lower.line) - _baseline(upper.line)
    return lower.line.page_no == upper.line.page_no and 0 < gap <= WRAPPED_LINE_GAP * height


def _row_starts(placed: list[_Placed]) -> list[int]:
    """The lines that start a row: those with a code or a whole figure printed on them; a figure
    rejoined from a wrap starts one only where no other start stands beside its middle (figures
    wrapped over two and three lines around one label are one row)."""
    starts = [n for n, p in enumerate(placed) if not p.rejoined and _starts_row(p.cells)]
    start_set = set(starts)
    figures_below_code = {
        n: above
        for above, n in zip(starts, starts[1:], strict=False)
        if _figures_of_coded_line_above(n, above, start_set, placed)
    }
    for n, coded in figures_below_code.items():
        placed[coded].baseline = placed[n].baseline  # the row is centred on its figures
    starts = [n for n in starts if n not in figures_below_code]
    for n, p in enumerate(placed):
        if not p.rejoined:
            continue
        height = max((span.height for span in p.line.spans or ()), default=0.0)
        if not any(
            placed[m].line.page_no == p.line.page_no and abs(placed[m].baseline - p.baseline) <= height / 2
            for m in starts
        ):
            starts.append(n)
    return sorted(starts)


def _figures_of_coded_line_above(n: int, above: int, starts: set[int], placed: list[_Placed]) -> bool:
    """Whether line n prints the figures of the row whose code and name start on the line above: a
    name wrapped in a narrow column ("2080505 机关事业单位基" / "本养老保险缴费支出") with the figures
    centred between its lines. Line n has figures and no code, the row start before it a code and
    no figure, and a line of the name's text only follows it, all a wrapped cell's lines apart."""
    if n + 1 >= len(placed) or n + 1 in starts:
        return False
    coded, figures, rest = placed[above], placed[n], placed[n + 1]
    if _has_code(figures.cells) or not _has_code(coded.cells) or _has_figure(coded.cells) or _has_figure(rest.cells):
        return False
    height = max((span.height for span in coded.line.spans or ()), default=0.0)
    return (
        coded.line.page_no == figures.line.page_no == rest.line.page_no
        and 0 < figures.baseline - coded.baseline <= WRAPPED_LINE_GAP * height
        and 0 < rest.baseline - figures.baseline <= WRAPPED_LINE_GAP * height
    )


def _has_code(cells: list[list[str]]) -> bool:
    words = [word for cell in cells for word in cell]
    return bool(words and CODE.match(words[0]))


def _has_figure(cells: list[list[str]]) -> bool:
    return any(FIGURE.match(word) or FIGURE_CUT.match(word) for cell in cells for word in cell)


def _starts_row(cells: list[list[str]]) -> bool:
    """A line with a code first, or with a figure; a line whose figures are cut short ("766,093,787."
    is the first line of an amount wrapped in a narrow column) belongs to the row of its label."""
    words = [word for cell in cells for word in cell]
    if words and CODE.match(words[0]):
        return True
    return not any(_is_cut(word) for word in words) and any(FIGURE.match(word) for word in words)


def _nearest_start(n: int, starts: list[int], placed: list[_Placed]) -> int | None:
    """The row start on the same page whose line stands nearest to line n (the one above on a tie);
    the digits at the top of a page before any row complete the last row of the page before (a
    row cut by the page break)."""
    line = placed[n].line
    above = max((s for s in starts if s < n and placed[s].line.page_no == line.page_no), default=None)
    rest_of_page_before = all(FIGURE_PART.match(word) for cell in placed[n].cells for word in cell)
    if above is None and rest_of_page_before and not placed[n].rejoined:
        above = max((s for s in starts if s < n), default=None)
        if above is not None:
            return above
    below = min((s for s in starts if s > n and placed[s].line.page_no == line.page_no), default=None)
    if above is None or below is None:
        return above if below is None else below
    distance_above = placed[n].baseline - placed[above].baseline
    distance_below = placed[below].baseline - placed[n].baseline
    return below if distance_below < distance_above else above


def _baseline(line: Line) -> float:
    return line.spans[0].baseline if line.spans else 0.0


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)
