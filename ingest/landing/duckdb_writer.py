"""Write raw rows into a DuckDB file in one transaction, through Arrow (fast bulk insert)."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.landing.schema import RAW_TABLES, create_statements

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
    }[sql_type]


def _column(values: list, sql_type: str) -> pa.Array:
    arrow_type = _arrow_type(sql_type)
    if pa.types.is_decimal(arrow_type):
        quantum = Decimal(1).scaleb(-arrow_type.scale)
        values = [None if v is None else Decimal(str(v)).quantize(quantum) for v in values]
    return pa.array(values, type=arrow_type)


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow types of a raw table's columns."""
    return pa.schema([pa.field(name, _arrow_type(sql_type)) for name, sql_type in RAW_TABLES[table]])


def to_arrow(table: str, rows: list[tuple]) -> pa.Table:
    columns = RAW_TABLES[table]
    data = list(zip(*rows, strict=True)) if rows else [[] for _ in columns]
    arrays = [_column(list(col), sql_type) for (_, sql_type), col in zip(columns, data, strict=True)]
    return pa.Table.from_arrays(arrays, schema=arrow_schema(table))


class RawWriter:
    """The raw schema of a new database file, filled batch by batch (each batch one transaction).

    The rows go to ``<db>.partial`` and the file takes its name only at ``finish``: a database at
    ``db_path`` is always complete, never the first batches of an ingest that stopped.
    """

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.partial = db_path.with_name(db_path.name + ".partial")
        db_path.parent.mkdir(parents=True, exist_ok=True)
        for stale in (self.partial, self.partial.with_name(self.partial.name + ".wal")):
            stale.unlink(missing_ok=True)
        self.con = duckdb.connect(str(self.partial))
        self.con.execute("begin")
        for statement in create_statements():
            self.con.execute(statement)
        self.con.execute("commit")

    def append(self, rows: dict[str, list[tuple]]) -> None:
        """Insert a batch of rows of any raw tables, in one transaction."""
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


def _insert(con: duckdb.DuckDBPyConnection, rows: dict[str, list[tuple]]) -> None:
    for table, table_rows in rows.items():
        if table_rows:
            arrow_rows = to_arrow(table, table_rows)  # noqa: F841 (read by DuckDB by name)
            con.execute(f"insert into raw.{table} select * from arrow_rows")


def write_raw(db_path: Path, rows: dict[str, list[tuple]]) -> None:
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
