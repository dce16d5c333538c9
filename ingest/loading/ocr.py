"""Scanned pages: a page image -> Lines, tables as cell grids, by OCR (rapidocr-onnxruntime).

The text detection and recognition models ship inside the rapidocr-onnxruntime wheel (its
``models/`` folder): nothing is downloaded, at run time or ever. A page without a text layer is
rendered at DPI dots per inch and read so that the Lines are the ones the PDF loader gives for a
page with a text layer:

1. Deskew: the page is turned by the median slope of its long horizontal ruling lines.
2. Tables from ruling lines: horizontal and vertical strokes much longer than any character
   (morphological opening) form a table's grid; a vertical stroke counts only where it runs from one
   horizontal line to another. Where a boundary between two grid cells is not drawn, the cells are
   one merged cell, whose text goes to its first row and column (the others are ""), as everywhere.
3. Text: each grid cell's ink (specks removed) is split into its lines of text, and each line is
   recognized on its own, so that text never runs from one cell into the next; the rulings are
   erased first, so a cell's border is never read as a "1". Text outside tables is found by the
   detection model (on a half-resolution copy) and recognized line by line; boxes on one line are
   joined with a space where they stand apart, as the PDF loader joins words. The words' positions
   are not kept (``Line.spans`` is None): a table printed without rulings reads as space-separated
   rows, as from a text dump, not by the columns its header defines as from a PDF's text layer.
4. Every Line carries ``ocr``: the recognition confidence of each cell (the lowest of its lines)
   and the cell's box in points on the page, for the figure read there.

Pages are slow to read (seconds each): one progress line per page goes to stderr; a document
reads as many pages at once as it has processor cores (``cores`` of ingest/parsing_context.py: the
worker pool gives a document the cores other documents leave free), each thread with an engine of
its own; the worker pool is told how many pages are to be read, and allows their time. Pages read
are kept in the context's OCR cache (ocr_cache.py) when there is one, so a rebuild reads them once.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import cv2
import numpy as np
import pypdfium2 as pdfium

from ingest.loading.grid import cell_text
from ingest.loading.ocr_cache import OcrCache
from ingest.loading.text import normalize_line
from ingest.model import Line, OcrRead
from ingest.parsing_context import current, scanned_pages_ahead
from ingest.seeds import read_seed

DPI = 200  # resolution pages are rendered at
MM = DPI / 25.4  # pixels per millimetre
HORIZONTAL_RULE = int(10 * MM)  # a horizontal stroke at least this long is a ruling line (80 px at 200 dpi)
VERTICAL_RULE = int(4.5 * MM)  # a vertical one: longer than any character, shorter than a row (36 px)
SHORT_RULE = int(2 * MM)  # strokes this long decide whether a grid boundary is drawn (merged cells)
LINE_TOLERANCE = int(1.3 * MM)  # strokes this close are one ruling line (double lines, thick pens)
BOUNDARY_DRAWN = 0.8  # share of a boundary that must be inked for two grid cells to be apart
MIN_TABLE_WIDTH = 0.15  # of the page width
MIN_INK = 15  # pixels: smaller blobs never start a line of text (a decimal point inside a figure still reads)
SPECK = 4  # pixels: smaller blobs are erased before reading (a small font's decimal point is 5 or more)
DUST_SHARE = 0.4  # a blob smaller than this share of the page's text height both ways is dust ("-" is wide)
CELL_MARGIN = 4  # pixels inside a cell's ruling left out (the line's own ink)
DETECTION_SCALE = 0.5  # text outside tables is detected on a copy at this scale
MIN_SKEW = 0.05  # degrees: below this the page is not turned


@dataclass
class _Text:
    """A line of text to recognize: its image and where it goes."""

    box: tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the deskewed page
    target: tuple  # ("cell", table, row, col) or ("prose",)
    text: str = ""
    score: float = 0.0


@dataclass
class _Table:
    """A ruled table: its grid lines and its cells (merged cells as one)."""

    ys: list[int]  # horizontal rulings, top to bottom (page pixels)
    xs: list[int]  # vertical rulings, left to right
    owner: dict[tuple[int, int], tuple[int, int]]  # grid cell -> the first cell of its merged cell


_engines = threading.local()


def _ocr():
    """The OCR engine of this thread (its models load once per thread, from the wheel; an engine
    keeps state between calls, so threads never share one)."""
    if getattr(_engines, "engine", None) is None:
        from rapidocr_onnxruntime import RapidOCR

        # One core per engine (pages are read in parallel instead); lines are recognized one at a
        # time (batches pad every line to the widest: slower), and detection never enlarges the
        # half-resolution page it is given.
        _engines.engine = RapidOCR(
            intra_op_num_threads=1,
            inter_op_num_threads=1,
            rec_batch_num=1,
            det_limit_type="max",
            det_limit_side_len=2000,
        )
    return _engines.engine


def read_scanned_pages(data: bytes, page_nos: list[int], file_name: str) -> dict[int, list[Line]]:
    """Lines of the given pages (1-based) of a PDF, read by OCR (or kept from an earlier reading)."""
    context = current()
    cache = OcrCache(context.ocr_cache) if context.ocr_cache is not None else None
    document_id = hashlib.sha256(data).hexdigest()[:16]
    pages: dict[int, list[Line]] = {}
    for page_no in page_nos:
        if cache is not None and (kept := cache.get(document_id, page_no)) is not None:
            pages[page_no] = kept
    to_read = [page_no for page_no in page_nos if page_no not in pages]
    scanned_pages_ahead(len(to_read))
    jobs = [(data, page_no, len(to_read), file_name) for page_no in to_read]
    threads = min(context.cores, len(to_read))
    if threads > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            read = list(pool.map(_read_page_job, jobs))
    else:  # in this thread: its engine serves the next document too
        read = [_read_page_job(job) for job in jobs]
    for page_no, lines in zip(to_read, read, strict=True):
        if cache is not None:
            cache.put(document_id, page_no, lines)
        pages[page_no] = lines
    return {page_no: [_corrected(line) for line in pages[page_no]] for page_no in page_nos}


def _corrected(line: Line) -> Line:
    """The line with the words OCR is known to misread replaced by the words meant (ref_ocr_confusions;
    applied after the cache, so a new row needs no page read again)."""
    confusions = read_seed("ref_ocr_confusions")
    if not any(row["read"] in line.text for row in confusions):
        return line

    def fixed(text: str) -> str:
        for row in confusions:
            text = text.replace(row["read"], row["meant"])
        return text

    cells = tuple(fixed(cell) for cell in line.cells) if line.cells is not None else None
    return replace(line, text=fixed(line.text), cells=cells)


def _read_page_job(job: tuple[bytes, int, int, str]) -> list[Line]:
    data, page_no, total, file_name = job
    started = time.perf_counter()
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[page_no - 1]
        gray = page.render(scale=DPI / 72, grayscale=True).to_numpy().copy()
        page.close()
    finally:
        pdf.close()
    lines = read_page_image(gray if gray.ndim == 2 else gray[:, :, 0], page_no)
    elapsed = time.perf_counter() - started
    print(f"OCR {file_name}: page {page_no} read in {elapsed:.1f}s ({total} pages to OCR)", file=sys.stderr, flush=True)
    return lines


def read_page_image(gray: np.ndarray, page_no: int | None) -> list[Line]:
    """The Lines of one page image (greyscale, DPI dots per inch), top to bottom."""
    gray = _deskewed(gray)
    binary, rules = _ink(gray)
    tables = _tables(rules)
    ruled = _table_rulings(rules, tables)  # not the long strokes of a big title's characters
    binary[ruled] = 0
    printed = _without_specks(binary, MIN_INK)  # the print: specks neither start nor widen a line of text
    clean = gray.copy()
    paper = int(np.percentile(gray, 90))
    clean[ruled] = paper  # rulings erased before reading, and the specks a decimal point is bigger than
    clean[cv2.dilate(binary & ~_without_specks(binary, SPECK), np.ones((3, 3), np.uint8)) > 0] = paper
    texts: list[_Text] = []
    for t, table in enumerate(tables):
        texts.extend(_cell_texts(t, table, printed))
    texts = _without_dust(texts)
    texts.extend(_prose_texts(clean, tables))
    _recognize(clean, texts)
    items = [*_table_items(tables, texts), *_prose_items(texts)]
    items.sort(key=lambda item: (item[0], item[1]))
    return [
        Line(text=text, line_no=i, page_no=page_no, cells=cells, ocr=ocr)
        for i, (_, _, text, cells, ocr) in enumerate(items, start=1)
    ]


# ---- page geometry -------------------------------------------------------------------------


@dataclass
class _Rules:
    horizontal: np.ndarray  # long horizontal strokes
    vertical: np.ndarray  # strokes longer than a character
    short_horizontal: np.ndarray  # for deciding whether a boundary is drawn
    short_vertical: np.ndarray

    @property
    def any_rule(self) -> np.ndarray:
        return self.horizontal | self.vertical


def _ink(gray: np.ndarray) -> tuple[np.ndarray, _Rules]:
    """The page's ink (white on black) and its ruling strokes."""
    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 51, 12)

    def opened(width: int, height: int) -> np.ndarray:
        return cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width, height)))

    rules = _Rules(opened(HORIZONTAL_RULE, 1), opened(1, VERTICAL_RULE), opened(SHORT_RULE, 1), opened(1, SHORT_RULE))
    return binary, rules


def _without_specks(binary: np.ndarray, smallest: int) -> np.ndarray:
    """The ink without blobs smaller than `smallest` pixels."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    keep = (stats[:, cv2.CC_STAT_AREA] >= smallest).astype(np.uint8) * 255
    keep[0] = 0
    return keep[labels]


def _deskewed(gray: np.ndarray) -> np.ndarray:
    """The page turned so that its long horizontal rulings are level (unchanged when it has none)."""
    _, rules = _ink(gray)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rules.horizontal, connectivity=8)
    angles = []
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if w >= gray.shape[1] * MIN_TABLE_WIDTH:
            ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
            angles.append(np.degrees(np.arctan(np.polyfit(xs, ys, 1)[0])))
    angle = float(np.median(angles)) if angles else 0.0
    if abs(angle) < MIN_SKEW:
        return gray
    height, width = gray.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _clusters(values: list[float]) -> list[int]:
    """Positions closer than LINE_TOLERANCE merged into one (their mean)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= LINE_TOLERANCE:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [round(sum(g) / len(g)) for g in groups]


def _tables(rules: _Rules) -> list[_Table]:
    """Every ruled table of the page: a connected network of rulings with two rows and columns or more."""
    page_width = rules.horizontal.shape[1]
    network = cv2.dilate(rules.any_rule, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(network, connectivity=8)
    tables = []
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if w < page_width * MIN_TABLE_WIDTH or h < 2 * VERTICAL_RULE:
            continue
        table = _grid(rules, x, y, w, h)
        if table is not None:
            tables.append(table)
    return tables


def _table_rulings(rules: _Rules, tables: list[_Table]) -> np.ndarray:
    """Where the tables' rulings are (widened a little, to take their ragged edges)."""
    inside = np.zeros(rules.horizontal.shape, dtype=bool)
    edge = 2 * LINE_TOLERANCE
    for table in tables:
        inside[
            max(table.ys[0] - edge, 0) : table.ys[-1] + edge + 1, max(table.xs[0] - edge, 0) : table.xs[-1] + edge + 1
        ] = True
    return (cv2.dilate(rules.any_rule, np.ones((5, 5), np.uint8)) > 0) & inside


def _segments(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [tuple(int(v) for v in stats[i][:4]) for i in range(1, count)]


def _grid(rules: _Rules, x: int, y: int, w: int, h: int) -> _Table | None:
    area = (slice(y, y + h), slice(x, x + w))
    ys = _clusters([y + sy + sh / 2 for sx, sy, sw, sh in _segments(rules.horizontal[area])])

    def on_a_rule(value: float) -> bool:
        return any(abs(value - rule) <= 2 * LINE_TOLERANCE for rule in ys)

    xs = _clusters(
        [
            x + sx + sw / 2
            for sx, sy, sw, sh in _segments(rules.vertical[area])
            if on_a_rule(y + sy) and on_a_rule(y + sy + sh)
        ]
    )
    if len(ys) < 2 or len(xs) < 2:
        return None
    return _Table(ys, xs, _merged_cells(rules, ys, xs))


def _merged_cells(rules: _Rules, ys: list[int], xs: list[int]) -> dict[tuple[int, int], tuple[int, int]]:
    """Each grid cell -> the first (top-left) grid cell of the merged cell it belongs to."""
    parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

    def root(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    def join(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    reach = 2  # pixels either side of a ruling's position
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            top, bottom, left, right = ys[r], ys[r + 1], xs[c], xs[c + 1]
            if c + 2 < len(xs):  # the boundary to the right, from ruling to ruling (a stroke of text is shorter)
                strip = rules.short_vertical[top:bottom, right - reach : right + reach + 1]
                if not _drawn(strip.any(axis=1)):
                    join((r, c), (r, c + 1))
            if r + 2 < len(ys):  # the boundary below
                strip = rules.short_horizontal[bottom - reach : bottom + reach + 1, left:right]
                if not _drawn(strip.any(axis=0)):
                    join((r, c), (r + 1, c))
    return {cell: root(cell) for cell in parent}


def _drawn(inked: np.ndarray) -> bool:
    return inked.size == 0 or inked.mean() >= BOUNDARY_DRAWN


# ---- text ------------------------------------------------------------------------------------


def _cell_texts(t: int, table: _Table, printed: np.ndarray) -> list[_Text]:
    """The lines of text in each (merged) cell of a table."""
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cell, owner in table.owner.items():
        groups.setdefault(owner, []).append(cell)
    texts = []
    for owner, cells in groups.items():
        top = table.ys[min(r for r, _ in cells)] + CELL_MARGIN
        bottom = table.ys[max(r for r, _ in cells) + 1] - CELL_MARGIN
        left = table.xs[min(c for _, c in cells)] + CELL_MARGIN
        right = table.xs[max(c for _, c in cells) + 1] - CELL_MARGIN
        if bottom <= top or right <= left:
            continue
        for y0, y1, x0, x1 in _text_lines(printed[top:bottom, left:right]):
            texts.append(_Text((left + x0, top + y0, left + x1, top + y1), ("cell", t, *owner)))
    return texts


def _text_lines(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """(top, bottom, left, right) of each line of text in a cell's ink (specks already left out)."""
    printed = ink > 0
    rows = np.flatnonzero(printed.any(axis=1))
    if not rows.size:
        return []
    lines = []
    start = previous = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row - previous <= 2:
            previous = row
            continue
        columns = np.flatnonzero(printed[start : previous + 1].any(axis=0))
        lines.append((int(start), int(previous) + 1, int(columns[0]), int(columns[-1]) + 1))
        if row is not None:
            start = previous = row
    return _joined_thin_lines(lines)


def _without_dust(texts: list[_Text]) -> list[_Text]:
    """Lines far smaller than the page's lines of text in both directions are dust, not print."""
    if not texts:
        return texts
    typical = float(np.median([t.box[3] - t.box[1] for t in texts]))
    smallest = DUST_SHARE * typical
    return [t for t in texts if t.box[3] - t.box[1] >= smallest or t.box[2] - t.box[0] >= smallest]


def _joined_thin_lines(lines: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """A line too thin to be text on its own (the dots of "…", a stray accent) joins its neighbour."""
    if len(lines) < 2:
        return lines
    tallest = max(b - t for t, b, _, _ in lines)
    out: list[tuple[int, int, int, int]] = []
    for line in lines:
        if out and (line[1] - line[0] < tallest / 3 or out[-1][1] - out[-1][0] < tallest / 3):
            t, b, left, right = out[-1]
            out[-1] = (min(t, line[0]), max(b, line[1]), min(left, line[2]), max(right, line[3]))
        else:
            out.append(line)
    return out


def _prose_texts(clean: np.ndarray, tables: list[_Table]) -> list[_Text]:
    """Lines of text outside the tables, found by the detection model."""
    outside = clean.copy()
    for table in tables:
        outside[table.ys[0] : table.ys[-1] + 1, table.xs[0] : table.xs[-1] + 1] = 255
    small = cv2.resize(outside, None, fx=DETECTION_SCALE, fy=DETECTION_SCALE, interpolation=cv2.INTER_AREA)
    if (small < 128).sum() < MIN_INK:
        return []
    boxes, _ = _ocr().text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    texts = []
    for quad in boxes if boxes is not None else []:
        xs, ys = quad[:, 0] / DETECTION_SCALE, quad[:, 1] / DETECTION_SCALE
        x0, x1 = max(int(xs.min()) - 2, 0), min(int(xs.max()) + 3, clean.shape[1])
        y0, y1 = max(int(ys.min()) - 2, 0), min(int(ys.max()) + 3, clean.shape[0])
        if x1 - x0 > 4 and y1 - y0 > 4:
            texts.append(_Text((x0, y0, x1, y1), ("prose",)))
    return texts


def _recognize(clean: np.ndarray, texts: list[_Text]) -> None:
    """Recognize every line of text at once (the recognizer batches lines of similar width)."""
    if not texts:
        return
    crops = []
    for text in texts:
        x0, y0, x1, y1 = text.box
        pad = max(3, (y1 - y0) // 4)  # the thin strokes at a line's edges stay in
        crop = clean[max(y0 - pad, 0) : y1 + pad, max(x0 - pad, 0) : x1 + pad]
        crops.append(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
    results, _ = _ocr().text_rec(crops)
    for text, (read, score) in zip(texts, results, strict=True):
        text.text, text.score = read, float(score)


# ---- lines -----------------------------------------------------------------------------------


def _points(box: tuple[int, int, int, int]) -> str:
    return ",".join(f"{v * 72 / DPI:.1f}" for v in box)


def _table_items(tables: list[_Table], texts: list[_Text]) -> list[tuple]:
    """(top, left, text, cells, ocr) of every non-blank row of every table."""
    by_cell: dict[tuple, list[_Text]] = {}
    for text in texts:
        if text.target[0] == "cell":
            by_cell.setdefault(text.target[1:], []).append(text)
    items = []
    for t, table in enumerate(tables):
        columns = len(table.xs) - 1
        for r in range(len(table.ys) - 1):
            cells, confidence, boxes = [], [], []
            for c in range(columns):
                read = (
                    sorted(by_cell.get((t, r, c), []), key=lambda x: x.box[1]) if table.owner[(r, c)] == (r, c) else []
                )
                cells.append(cell_text("\n".join(x.text for x in read)))
                confidence.append(min(x.score for x in read) if read and cells[-1] else None)
                boxes.append(_points(_cell_box(table, r, c)) if read else None)
            if any(cells):
                item_text = "\t".join(cells)
                items.append(
                    (table.ys[r], table.xs[0], item_text, tuple(cells), OcrRead(tuple(confidence), tuple(boxes)))
                )
    return items


def _cell_box(table: _Table, r: int, c: int) -> tuple[int, int, int, int]:
    cells = [cell for cell, owner in table.owner.items() if owner == (r, c)]
    return (
        table.xs[min(cc for _, cc in cells)],
        table.ys[min(rr for rr, _ in cells)],
        table.xs[max(cc for _, cc in cells) + 1],
        table.ys[max(rr for rr, _ in cells) + 1],
    )


def _prose_items(texts: list[_Text]) -> list[tuple]:
    """Recognized text outside tables grouped into lines: boxes side by side on one line, left to right."""
    boxes = sorted((t for t in texts if t.target[0] == "prose" and t.text.strip()), key=lambda t: t.box[1])
    lines: list[list[_Text]] = []
    for text in boxes:
        x0, y0, x1, y1 = text.box
        for line in lines:
            ly0, ly1 = min(t.box[1] for t in line), max(t.box[3] for t in line)
            if min(y1, ly1) - max(y0, ly0) >= 0.5 * min(y1 - y0, ly1 - ly0):
                line.append(text)
                break
        else:
            lines.append([text])
    items = []
    for line in lines:
        line.sort(key=lambda t: t.box[0])
        height = max(t.box[3] - t.box[1] for t in line)
        joined = line[0].text
        for previous, text in zip(line, line[1:], strict=False):
            joined += (" " if text.box[0] - previous.box[2] > height / 2 else "") + text.text
        box = (
            min(t.box[0] for t in line),
            min(t.box[1] for t in line),
            max(t.box[2] for t in line),
            max(t.box[3] for t in line),
        )
        text = normalize_line(joined).strip()
        if text:
            items.append((box[1], box[0], text, None, OcrRead((min(t.score for t in line),), (_points(box),))))
    return items
