"""Which figures were read by OCR, and how surely: is_ocr, ocr_confidence and the box on the page.

A figure read from a Line that OCR produced (Line.ocr) gets ``is_ocr`` and the recognition
confidence of the cell it was read from: the figures of a row are read left to right, so each is
the next cell of the row printing its text (where the reader composed a figure from several cells,
the least sure cell of the row stands for it). A blank cell read by OCR has no confidence. Its source_ref gains the cell's box ("box x0,top,x1,bottom",
points on the page), so that a figure an identity rejects can be looked up on the scan. A figure of
the narrative gets the confidence and box of its line.
"""

from __future__ import annotations

from ingest.model import DocumentResult, Line, NarrativeFigure, TableValue


def mark_ocr_figures(result: DocumentResult) -> None:
    """Set is_ocr / ocr_confidence (and the box in source_ref) on the figures read from OCR'd lines."""
    lines = {(line.page_no, line.line_no): line for line in result.loaded.lines if line.ocr is not None}
    if not lines:
        return
    next_cell: dict[tuple, int] = {}  # line -> the cell after the last one matched
    for value in result.values:
        key = (value.page_no, value.line_no)
        if (line := lines.get(key)) is None:
            continue
        if value.amount is None:
            value.is_ocr = True  # a blank: nothing was recognized there
            continue
        index = _next_cell(line, value.amount.printed.strip(), next_cell.get(key, 0))
        if index is not None:
            next_cell[key] = index + 1
        _mark(value, line, index)
    for figure in result.narrative:
        if (line := lines.get((figure.page_no, figure.line_no))) is not None:
            _mark(figure, line, 0 if line.cells is None else None)


def _next_cell(line: Line, printed: str, start: int) -> int | None:
    """The first cell from `start` on (else from the row's start) that prints `printed`."""
    cells = line.cells or ()
    for begin in (start, 0):
        for i in range(begin, len(cells)):
            if cells[i].strip() == printed:
                return i
    return None


def _mark(figure: TableValue | NarrativeFigure, line: Line, index: int | None) -> None:
    read = line.ocr
    figure.is_ocr = True
    if index is not None and index < len(read.confidence):
        figure.ocr_confidence = read.confidence[index]
        box = read.boxes[index]
    else:
        known = [c for c in read.confidence if c is not None]
        figure.ocr_confidence = min(known) if known else None
        box = None
    if box:
        figure.source_ref = f"{figure.source_ref} | box {box}"
