"""Write raw rows into a DuckDB file in one transaction, through Arrow (fast bulk insert)."""

from __future__ import annotations

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


def write_raw(db_path: Path, rows: dict[str, list[tuple]]) -> None:
    """Create (replace) the raw schema in ``db_path`` and insert every table's rows."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    try:
        con.execute("begin")
        for statement in create_statements():
            con.execute(statement)
        for table in RAW_TABLES:
            arrow_rows = to_arrow(table, rows.get(table, []))  # noqa: F841 (read by DuckDB by name)
            con.execute(f"insert into raw.{table} select * from arrow_rows")
        con.execute("commit")
    finally:
        con.close()
