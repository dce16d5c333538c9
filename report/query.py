"""``python -m report.query [--db warehouse/warehouse.duckdb] ["select …"]``: query the warehouse read-only.

With a statement, prints its result as a table and exits (1 on an SQL error). Without one, an
interactive prompt: a statement ends with ``;``; ``.tables`` lists the analyst tables, ``.quit`` (or
Ctrl-D) leaves. The warehouse is opened read-only, so a running build is never disturbed (it replaces
the file atomically; an open session keeps reading the old one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

DEFAULT_DB = Path("warehouse/warehouse.duckdb")
TABLES = """
    select schema_name || '.' || table_name as "table", 'table' as kind, comment as description
    from duckdb_tables() where schema_name in ('marts', 'dq')
    union all
    select schema_name || '.' || view_name, 'view', comment
    from duckdb_views() where schema_name in ('marts', 'dq') and not internal
    order by 1
"""
MAX_ROWS = 200


def show(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Run ``sql``; print its result (up to MAX_ROWS rows) as a table."""
    relation = con.sql(sql)
    if relation is not None:  # None: a statement without a result
        relation.show(max_rows=MAX_ROWS)


def interactive(con: duckdb.DuckDBPyConnection) -> int:
    print("warehouse (read-only). End a statement with ';'. .tables lists the tables, .quit leaves.")
    pending: list[str] = []
    while True:
        try:
            line = input("... " if pending else "warehouse> ")
        except EOFError:
            print()
            return 0
        stripped = line.strip()
        if not pending and stripped in (".quit", ".exit"):
            return 0
        if not pending and stripped == ".tables":
            show(con, TABLES)
            continue
        pending.append(line)
        if stripped.endswith(";"):
            try:
                show(con, "\n".join(pending))
            except duckdb.Error as error:
                print(f"error: {error}", file=sys.stderr)
            pending = []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report.query", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    parser.add_argument("sql", nargs="?", help="a statement to run; without one, an interactive prompt")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"error: no warehouse at {args.db} (make build writes one)", file=sys.stderr)
        return 2
    con = duckdb.connect(str(args.db), read_only=True)
    try:
        if args.sql is None:
            return interactive(con)
        try:
            show(con, args.sql)
        except duckdb.Error as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        return 0
    finally:
        con.close()


if __name__ == "__main__":
    sys.exit(main())
