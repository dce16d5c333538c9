"""Web tables copied as text with a pipe after every cell (hb_ezhou_xzspj_2021_perf_selfeval_table.txt):

    项目名称 |                      a cell on its own line
    市民中心运行维护费 |
    ||||||||||||                  the row's empty trailing cells: the row ends
    发文单位: | 鄂州市行政审批局 |     a whole row on one line

Rows are rebuilt as tab-separated lines (the tabular grammar then reads them). A cell spanning
several rows (rowspan) is printed once, so the rows under it have fewer cells: they are aligned to
the right of the header row above them ("预算资金拨款率 | 100% | 100% | 10 | 10 |" under "绩效指标 |
一级指标 | 二级指标 | 三级指标 | …"). Placeholder rows of empty cells stay empty rows.
"""

from __future__ import annotations

import re

from ingest.model import Line

ROW_END = re.compile(r"^\s*\|{2,}\s*$")
# Header rows whose width the rows under them are aligned to.
HEADER_CELL = re.compile(r"一级指标|年初预算数|全年预算数|全年执行数")
# A document is read this way when this share of its lines end with a pipe.
PIPE_SHARE = 0.3


def is_pipe_table_text(lines: list[Line]) -> bool:
    texts = [line.text.strip() for line in lines if line.text.strip()]
    piped = sum(text.endswith("|") for text in texts)
    return bool(texts) and piped / len(texts) >= PIPE_SHARE and any(ROW_END.match(t) for t in texts)


def regroup(lines: list[Line]) -> list[Line]:
    """The lines with every pipe-separated row rebuilt as one tab-separated line (cells known)."""
    if not is_pipe_table_text(lines):
        return lines
    rows: list[tuple[Line, list[str]]] = []
    current: list[str] = []
    first: Line | None = None

    def close() -> None:
        nonlocal current, first
        if first is not None:
            rows.append((first, current))
        current, first = [], None

    for line in lines:
        text = line.text.strip()
        if ROW_END.match(text):
            close()
            continue
        if not text.endswith("|"):
            close()
            rows.append((line, []))  # a line of text, not a cell
            continue
        cells = [cell.strip() for cell in text.split("|")[:-1]]
        if len([c for c in cells if c]) > 1:  # a whole row on one line
            close()
            rows.append((line, cells))
            continue
        first = first or line
        current.extend(cells)
    close()
    return [_line(line, cells) for line, cells in _aligned(rows)]


def _aligned(rows: list[tuple[Line, list[str]]]) -> list[tuple[Line, list[str]]]:
    width = 0
    out = []
    for line, cells in rows:
        if any(HEADER_CELL.search(re.sub(r"\s+", "", c)) for c in cells):
            width = len(cells)
        elif cells and len(cells) < width:
            cells = [""] * (width - len(cells)) + cells
        elif len(cells) > width:
            width = 0
        out.append((line, cells))
    return out


def _line(line: Line, cells: list[str]) -> Line:
    if not cells:
        return line
    return Line("\t".join(cells), line.line_no, line.page_no, tuple(cells), line.locator, line.printed)
