"""The printed form every producer draws: blocks of text and grids of cells.

A grid's cells carry their text already formatted (unit, separators, zero style, character
quirks), and spans as an HTML table has them; `Grid.matrix()` places them on a rectangular grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"  # left / right / center
    amount: bool = False  # a printed figure (numbers are checked against the grids when read back)


@dataclass
class Grid:
    key: str  # template number: "01" … "09", or "units" for 决算单位构成
    title: str
    header: list[list[Cell]]
    body: list[list[Cell]]
    ncols: int
    widths: list[float]  # relative column widths
    wide: bool = False  # printed on a landscape page in the template
    note: str = ""
    unit_text: str = ""  # "单位：万元"; empty for a grid without amounts
    unit_position: str = "right"
    repeat_header: bool = True
    long: bool = False  # runs over pages
    remark: str = ""  # "说明：…本表无数据。" under an empty table

    def matrix(self, rows: list[list[Cell]]) -> list[list[Cell | None]]:
        """Cells placed on the grid (None where a span covers a position), HTML's placement rule."""
        grid: list[list[Cell | None]] = []
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            out: list[Cell | None] = [None] * self.ncols
            c = 0
            for cell in row:
                while c < self.ncols and (r, c) in covered:
                    c += 1
                if c >= self.ncols:
                    raise ValueError(f"table {self.key} row {r} has too many cells")
                out[c] = cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        covered.add((r + dr, c + dc))
                c += cell.colspan
            grid.append(out)
        return grid

    def spans(self, rows: list[list[Cell]]) -> list[tuple[int, int, int, int]]:
        """(row, col, last row, last col) of every cell that spans more than one position."""
        out = []
        for r, row in enumerate(self.matrix(rows)):
            for c, cell in enumerate(row):
                if cell is not None and (cell.colspan > 1 or cell.rowspan > 1):
                    out.append((r, c, r + cell.rowspan - 1, c + cell.colspan - 1))
        return out


@dataclass
class Text:
    text: str
    style: str = "body"  # cover / cover_small / title / heading / subheading / body / toc
    align: str = "left"


@dataclass
class PageBreak:
    landscape: bool = False


@dataclass
class Printed:
    """A whole document: blocks in reading order, and what is needed to name and describe it."""

    title: str  # "上海市普陀区民政局2024年度部门决算"
    blocks: list = field(default_factory=list)
    year: int = 0
    department: str = ""

    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]
