"""CSV for Excel: UTF-8 with a byte-order mark, text cells that cannot run as formulas.

Excel reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some versions, a tab or a
carriage return) as a formula, so a document's text could run as one in an analyst's spreadsheet
("CSV injection"). As OWASP recommends, such a text cell is written with a leading apostrophe
(``'=SUM(A1)``), which Excel shows as the text itself. Numeric columns are written as they are: a
negative amount stays a number. The Parquet files keep every value unchanged.

polars streams the Parquet export into the CSV (``sink_csv``), so a table larger than memory is
written in batches, and it writes the byte-order mark itself.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"  # timestamps of the warehouse are UTC without an offset


def neutralized(column: str) -> pl.Expr:
    """The text column with a leading apostrophe on every cell Excel would read as a formula."""
    cell = pl.col(column)
    return pl.when(cell.str.contains(FORMULA_START)).then(pl.lit("'") + cell).otherwise(cell).alias(column)


def write_excel_csv(parquet: Path, csv: Path, headers: dict[str, str] | None = None) -> None:
    """``parquet`` as CSV for Excel; ``headers`` renames columns (name -> header) where given."""
    frame = pl.scan_parquet(parquet)
    schema = frame.collect_schema()
    frame = frame.with_columns([neutralized(name) for name, dtype in schema.items() if dtype == pl.String])
    if headers:
        frame = frame.rename({name: headers[name] for name in schema.names() if name in headers})
    frame.sink_csv(csv, include_bom=True, datetime_format=DATETIME_FORMAT)
