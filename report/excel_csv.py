"""CSV for Excel: UTF-8 with a byte-order mark, text cells that cannot run as formulas.

Excel reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some versions, a tab or a
carriage return) as a formula, so a document's text could run as one in an analyst's spreadsheet
("CSV injection"). As OWASP recommends, such a text cell is written with a leading apostrophe
(``'=SUM(A1)``), which Excel shows as the text itself. Numeric columns are written as they are: a
negative amount stays a number. The Parquet files keep every value unchanged.

A file is written as its header (``csv_header``) and then its rows a batch at a time
(``csv_rows``, by polars): each row's text depends on that row alone, so the rows of a document
written once can be copied into a later file as they are (report/export_files.py).
"""

from __future__ import annotations

import io

import polars as pl
import pyarrow as pa

BOM = "\ufeff".encode()
FORMULA_START = r"^[=+\-@\t\r]"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"  # timestamps of the warehouse are UTC without an offset


def neutralized(column: str) -> pl.Expr:
    """The text column with a leading apostrophe on every cell Excel would read as a formula."""
    cell = pl.col(column)
    return pl.when(cell.str.contains(FORMULA_START)).then(pl.lit("'") + cell).otherwise(cell).alias(column)


def csv_header(names: list[str]) -> bytes:
    """The byte-order mark and the header line of ``names``, quoted where CSV needs it."""
    return BOM + _written(pl.DataFrame(schema={name: pl.String for name in names}), header=True)


def csv_rows(rows: pa.Table) -> bytes:
    """The CSV lines of ``rows`` (no header), their text cells neutralized."""
    frame = pl.from_arrow(rows)
    assert isinstance(frame, pl.DataFrame)
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if text:
        frame = frame.with_columns([neutralized(name) for name in text])
    return _written(frame, header=False)


def _written(frame: pl.DataFrame, header: bool) -> bytes:
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=header, datetime_format=DATETIME_FORMAT)
    return buffer.getvalue()
