"""Write raw rows into a DuckDB file in one transaction, through Arrow (fast bulk insert)."""

from __future__ import annotations

import os
import re
import shutil
from decimal import Decimal
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.landing.schema import RAW_TABLES, create_statements
from ingest.warehouse_db import connect

_DECIMAL = re.compile(r"DECIMAL\((\d+),(\d+)\)")


def _arrow_type(sql_type: str) -> pa.DataType:
    if m := _DECIMAL.fullmatch(sql_type):
        return pa.decimal128(int(m.group(1)), int(m.group(2)))
    return {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "BOOLEAN": pa.bool_(),
        "TIMESTAMP": pa.timestamp("us"),
        "DATE": pa.date32(),
        "DOUBLE": pa.float64(),
    }[sql_type]


def _column(values: list, arrow_type: pa.DataType) -> pa.Array:
    if pa.types.is_decimal(arrow_type):
        if all(v is None or type(v) is Decimal for v in values):
            try:  # through their text, exactly: Arrow converts Decimal objects ten times slower
                return pa.array([None if v is None else str(v) for v in values], pa.string()).cast(arrow_type)
            except pa.ArrowException:
                pass  # more decimals than the column keeps, or too many digits: as below
        try:  # exact values (the parsers' Decimals, integers) convert as they are, in one step
            return pa.array(values, type=arrow_type)
        except (pa.ArrowException, TypeError, ValueError):
            pass  # floats, or more decimals than the column keeps: rounded to its scale, value by value
        quantum = Decimal(1).scaleb(-arrow_type.scale)
        values = [None if v is None else Decimal(str(v)).quantize(quantum) for v in values]
    return pa.array(values, type=arrow_type)


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow types of a raw table's columns."""
    return pa.schema([pa.field(name, _arrow_type(sql_type)) for name, sql_type in RAW_TABLES[table]])


def to_arrow(table: str, rows: list[tuple]) -> pa.Table:
    if not rows:
        return _empty(table)
    schema = arrow_schema(table)
    data = list(zip(*rows, strict=True))
    arrays = [_column(list(col), f.type) for f, col in zip(schema, data, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


@cache
def _empty(table: str) -> pa.Table:
    """A raw table without rows (an Arrow table is immutable: one serves every document)."""
    schema = arrow_schema(table)
    return pa.Table.from_arrays([pa.array([], type=f.type) for f in schema], schema=schema)


class RawWriter:
    """The raw schema of a new database file, filled batch by batch (each batch one transaction).

    The rows go to ``<db>.partial`` and the file takes its name only at ``finish``: a database at
    ``db_path`` is always complete, never the first batches of an ingest that stopped. With
    ``start_from`` (a refresh), the new file starts as a copy of that database, every table kept.
    """

    def __init__(self, db_path: Path, start_from: Path | None = None):
        self.db_path = db_path
        self.partial = db_path.with_name(db_path.name + ".partial")
        db_path.parent.mkdir(parents=True, exist_ok=True)
        for stale in (self.partial, self.partial.with_name(self.partial.name + ".wal")):
            stale.unlink(missing_ok=True)
        if start_from is not None:
            shutil.copyfile(start_from, self.partial)
        self.con = connect(self.partial)
        if start_from is None:
            self.con.execute("begin")
            for statement in create_statements():
                self.con.execute(statement)
            self.con.execute("commit")

    def append(self, rows: dict[str, list[tuple] | pa.Table]) -> None:
        """Insert a batch of rows of any raw tables (tuples, or Arrow tables of the raw schema), in
        one transaction."""
        self.con.execute("begin")
        _insert(self.con, rows)
        self.con.execute("commit")

    def finish(self) -> None:
        """Close the database and give it its name."""
        self.con.close()
        os.replace(self.partial, self.db_path)

    def abandon(self) -> None:
        self.con.close()
        self.partial.unlink(missing_ok=True)


def _insert(con: duckdb.DuckDBPyConnection, rows: dict[str, list[tuple] | pa.Table]) -> None:
    for table, table_rows in rows.items():
        if not len(table_rows):
            continue
        arrow_rows = table_rows if isinstance(table_rows, pa.Table) else to_arrow(table, table_rows)  # noqa: F841
        con.execute(f"insert into raw.{table} select * from arrow_rows")  # arrow_rows is read by name


def rows_of(arrow_rows: pa.Table) -> list[tuple]:
    """An Arrow table's rows as tuples in its column order (decimals at the column's scale)."""
    return list(zip(*(column.to_pylist() for column in arrow_rows.columns), strict=True))


def write_raw(db_path: Path, rows: dict[str, list[tuple] | pa.Table]) -> None:
    """Create (replace) the raw schema in ``db_path`` and insert every table's rows, in one transaction."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    try:
        con.execute("begin")
        for statement in create_statements():
            con.execute(statement)
        _insert(con, rows)
        con.execute("commit")
    finally:
        con.close()
