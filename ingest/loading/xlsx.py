"""Workbooks (.xlsx, .xlsm, .xls): bytes -> Lines, sheet by sheet, read with python-calamine.

Sheets are read in workbook order. ``page_no`` is the sheet's position in the workbook (1-based,
hidden sheets counted), ``line_no`` counts the Lines within the sheet, and every Line carries a
locator naming its cells: "收入支出决算总表!A7:F7" (file | sheet | cell range in the source_ref).

- A row with two or more non-blank cells is a table row: ``Line(text="\\t".join(cells), cells=cells)``,
  cells by position from the sheet's first used column to its last, blank cells "".
- A row with one non-blank cell is prose (a title, a 单位 line, a note, a paragraph of the narrative,
  split at its line breaks) when its cell is merged across columns, or when it stands in the
  sheet's first used column outside the rows that hold the sheet's tables. Otherwise it is a table
  row: a label row whose figures are all blank, a lone "单位：万元" in a table's last column.
- A merged cell's text appears once, in the first row and column of the merge; the cells it covers
  are "" (whatever the file stores under them).
- Figures: a formula gives the value the file cached when it was last calculated. A number is
  written as its number format displays it (number_formats.py): 1234.5 under "#,##0.00" reads
  "1234.50", 0.953 under "0.0%" reads "95.3%", zero under an accounting format that prints "-"
  reads "-"; under "General", as its exact decimal (binary noise rounded off at 6 places: 0.1+0.2
  reads 0.3). Formats are read from .xlsx/.xlsm files; in other workbooks (.xls, .xlsb, .ods) a
  number gets as many decimals as the most precise figure of its column in the sheet, so 1234.5
  in a column of cents reads "1234.50" and codes and 行次 read without a decimal point.
  Numbers stored as text are read like PDF cells ("1,234.50" -> "1234.50").
- A sheet's name is its table's title when its rows print no title of their own: a sheet named
  "收入决算表" whose rows start with the header reads as if the title were printed above them.
  A sheet without a title of its own continues the table of the sheet before it.
- Hidden sheets are not read: they hold lookup lists and working copies, not what the department
  publishes; each is named in an info issue. Rows and columns hidden inside a visible sheet are read
  (calamine does not report them, and their figures are part of the sums the sheet prints).

A file that cannot be opened (damaged, not a workbook, password-protected) gives a 'load'
IngestIssue and no lines.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, replace
from decimal import Decimal

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from ingest.layout.tables import match_title
from ingest.loading.grid import cell_text, prose_lines, row_line
from ingest.loading.number_formats import GENERAL, NumberFormat, cell_formats
from ingest.model import IngestIssue, Line, LoadedDocument

MAX_DECIMALS = 6  # binary floating-point noise below this is rounded off


@dataclass
class _Sheet:
    """One worksheet's used area as text, with what the loader needs to know about its merges."""

    name: str
    page_no: int
    first_row: int  # 0-based row and column of the used area's top-left cell in the sheet
    first_col: int
    texts: list[list[str]]  # raw cell text (numbers already written out), used area only
    spanning: set[tuple[int, int]]  # (row, col) in the used area of cells merged across columns


def load_workbook(doc: LoadedDocument, data: bytes) -> None:
    """Fill doc.lines / doc.page_count / doc.issues from a workbook's bytes. Never raises."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError as exc:
        doc.issues.append(_error(f"password-protected workbook: it cannot be read without its password ({exc})"))
        return
    except Exception as exc:  # calamine raises several kinds for files that are not workbooks
        doc.issues.append(
            _error(f"not a readable workbook (damaged or not a spreadsheet?): {type(exc).__name__}: {exc}")
        )
        return
    sheets = workbook.sheets_metadata
    doc.page_count = len(sheets)
    formats = cell_formats(data)
    lines: list[Line] = []
    hidden: list[str] = []
    for page_no, meta in enumerate(sheets, start=1):
        if meta.visible != SheetVisibleEnum.Visible:
            hidden.append(meta.name)
            continue
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue  # a chart sheet holds no cells
        try:
            sheet = _read_sheet(workbook, meta.name, page_no, formats.get(meta.name) if formats else None)
        except Exception as exc:
            doc.issues.append(_error(f"sheet {meta.name!r} cannot be read: {type(exc).__name__}: {exc}", page_no))
            continue
        lines.extend(sheet_lines(sheet))
    if hidden:
        names = ", ".join(repr(name) for name in hidden)
        doc.issues.append(
            IngestIssue(
                "load", "info", f"hidden sheets not read ({names}): a hidden sheet is not part of what is published"
            )
        )
    doc.lines = lines
    if not any(line.text.strip() for line in lines):
        doc.issues.append(_error("the workbook has no text in its visible sheets"))


def _read_sheet(
    workbook: CalamineWorkbook, name: str, page_no: int, formats: dict[tuple[int, int], NumberFormat] | None
) -> _Sheet:
    """The sheet's used area as text; `formats` are its cells' number formats, None when the file has none."""
    sheet = workbook.get_sheet_by_name(name)
    values = sheet.to_python(skip_empty_area=True)
    first_row, first_col = sheet.start if values else (0, 0)
    if formats is None:
        width = max((len(row) for row in values), default=0)
        decimals = [max((_decimals(row[c]) for row in values if c < len(row)), default=0) for c in range(width)]
        texts = [[_value_text(value, NumberFormat(decimals[c])) for c, value in enumerate(row)] for row in values]
    else:
        texts = [
            [_value_text(value, formats.get((first_row + r, first_col + c), GENERAL)) for c, value in enumerate(row)]
            for r, row in enumerate(values)
        ]
    spanning: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges:
        r0, r1, c0, c1 = r0 - first_row, r1 - first_row, c0 - first_col, c1 - first_col
        for r in range(max(r0, 0), min(r1 + 1, len(texts))):
            for c in range(max(c0, 0), min(c1 + 1, len(texts[r]))):
                if (r, c) != (r0, c0):
                    texts[r][c] = ""
        if c1 > c0 and 0 <= r0 < len(texts):
            spanning.add((r0, c0))
    return _Sheet(name, page_no, first_row, first_col, texts, spanning)


def sheet_lines(sheet: _Sheet) -> list[Line]:
    """The Lines of one sheet: prose and table rows in row order, numbered within the sheet."""
    lines: list[Line] = []
    for r, kind in enumerate(_row_kinds(sheet)):
        row = sheet.texts[r]
        if kind == "table":
            lines.append(
                row_line([cell_text(text) for text in row], 0, sheet.page_no, _range(sheet, r, 0, len(row) - 1))
            )
        elif kind == "prose":
            c = next(c for c, text in enumerate(row) if text.strip())
            locator = _range(sheet, r, c, c)
            lines.extend(Line(text, 0, sheet.page_no, locator=locator) for text in prose_lines(row[c]))
    if _needs_sheet_name_title(sheet.name, lines):
        lines.insert(0, Line(sheet.name.strip(), 0, sheet.page_no, locator=f"{sheet.name} (sheet name)"))
    return [replace(line, line_no=i) for i, line in enumerate(lines, start=1)]


def _needs_sheet_name_title(name: str, lines: list[Line]) -> bool:
    """Whether the sheet's name is a table title that its rows do not print above their table."""
    first_table = next((i for i, line in enumerate(lines) if line.cells is not None), len(lines))
    printed = any(match_title(line) for line in lines[: first_table + 1])
    return not printed and match_title(Line(name.strip(), 0)) is not None


def _row_kinds(sheet: _Sheet) -> list[str]:
    """'table', 'prose' or 'blank' for every row of the sheet's used area."""
    filled = [sum(1 for text in row if text.strip()) for row in sheet.texts]
    kinds = ["blank" if n == 0 else "table" if n >= 2 else "prose" for n in filled]
    table_rows = [r for r, kind in enumerate(kinds) if kind == "table"]
    if not table_rows:
        return kinds
    for r, kind in enumerate(kinds):
        if kind != "prose":
            continue
        c = next(c for c, text in enumerate(sheet.texts[r]) if text.strip())
        if (r, c) not in sheet.spanning and (c > 0 or table_rows[0] < r < table_rows[-1]):
            kinds[r] = "table"  # a label row of a table whose figures are all blank
    return kinds


def _range(sheet: _Sheet, r: int, c0: int, c1: int) -> str:
    """The locator of cells c0..c1 of row r: "sheet!A7:F7" (Excel's row numbers and column letters)."""
    row = sheet.first_row + r + 1
    start, end = f"{_column_letters(sheet.first_col + c0)}{row}", f"{_column_letters(sheet.first_col + c1)}{row}"
    return f"{sheet.name}!{start}" if start == end else f"{sheet.name}!{start}:{end}"


def _column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _exact(value: float) -> Decimal:
    return Decimal(repr(round(value, MAX_DECIMALS)))


def _decimals(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    return max(0, -_exact(value).normalize().as_tuple().exponent)


def _value_text(value: object, number_format: NumberFormat) -> str:
    """A cell's value as printed text (numbers as their format displays them)."""
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number_text(value, number_format)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return "" if value is None else str(value)


def _number_text(value: float, number_format: NumberFormat) -> str:
    if value == 0:
        if number_format.zero_text:
            return number_format.zero_text
        value = 0  # not "-0"
    number = _exact(value * 100 if number_format.percent else value)
    decimals = number_format.decimals
    text = format(number.normalize(), "f") if decimals is None else f"{number:.{decimals}f}"
    return text + "%" if number_format.percent else text


def _error(message: str, page_no: int | None = None) -> IngestIssue:
    return IngestIssue("load", "error", message, page_no=page_no)
