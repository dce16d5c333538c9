"""The document as a plain-text dump, the way `pdftotext -layout` prints a ruled PDF: text blocks as
lines, every table row as its cells laid out in columns separated by at least two spaces (a wide
character counts two), header rows as printed, a form feed between pages. A cell spanning columns
stands at the start of its span; a cell covered by a span above is blank."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from docgen.document import Cell, Grid, PageBreak, Printed, Text

GAP = "  "


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int, align: str) -> str:
    room = size - width(text)
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def _cells(grid: Grid, rows: list[list[Cell]]) -> list[list[tuple[str, str]]]:
    """(text, align) at every grid position; a spanned cell's text at its first column, once."""
    out = []
    for row in grid.matrix(rows):
        out.append([("", "left") if cell is None else (cell.text, cell.align) for cell in row])
    return out


def table_lines(grid: Grid) -> list[str]:
    header, body = _cells(grid, grid.header), _cells(grid, grid.body)
    sizes = [max([width(row[c][0]) for row in header + body] + [1]) for c in range(grid.ncols)]
    lines = []
    for row in header + body:
        lines.append(GAP.join(_pad(text, sizes[c], align) for c, (text, align) in enumerate(row)).rstrip())
    return lines


def lines(printed: Printed) -> list[str]:
    out: list[str] = []
    for block in printed.blocks:
        if isinstance(block, PageBreak):
            out.append("\f")
        elif isinstance(block, Text):
            out.append(block.text)
        elif isinstance(block, Grid):
            if block.title:
                out.append(block.title)
            if block.unit_text:
                out.append(block.unit_text)
            out.extend(table_lines(block))
            out.extend(text for text in (block.remark, block.note) if text)
    return out


def render(printed: Printed, path: Path) -> None:
    path.write_text("\n".join(lines(printed)) + "\n", encoding="utf-8")
