"""What a warehouse table is, read from the warehouse itself: its description, and each column's type,
description and Chinese label.

dbt writes every model's and column's description into the warehouse as comments (``persist_docs``
in dbt_project.yml), dq.identity_results gets its comments from the dbt source that describes it, and
the seed ``marts.ref_column_labels`` holds the Chinese label of each column name.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

LABELS_TABLE = ("marts", "ref_column_labels")


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    duckdb_type: str
    description: str
    label_zh: str | None


@dataclass(frozen=True)
class TableDoc:
    schema: str
    name: str
    description: str
    columns: tuple[ColumnDoc, ...]

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"


def relation_exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchone()
    return bool(found and found[0])


def column_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Column name -> Chinese label (empty when the seed is not in the warehouse)."""
    if not relation_exists(con, *LABELS_TABLE):
        return {}
    return dict(con.execute(f"select column_name, label_zh from {'.'.join(LABELS_TABLE)}").fetchall())


def read_table_doc(con: duckdb.DuckDBPyConnection, schema: str, name: str, labels: dict[str, str]) -> TableDoc:
    described = con.execute(
        "select comment from duckdb_tables() where schema_name = ? and table_name = ? "
        "union all select comment from duckdb_views() where schema_name = ? and view_name = ?",
        [schema, name, schema, name],
    ).fetchone()
    columns = con.execute(
        "select column_name, data_type, comment from duckdb_columns() "
        "where schema_name = ? and table_name = ? order by column_index",
        [schema, name],
    ).fetchall()
    return TableDoc(
        schema=schema,
        name=name,
        description=(described[0] if described else None) or "",
        columns=tuple(ColumnDoc(c, t, (d or "").strip(), labels.get(c)) for c, t, d in columns),
    )
