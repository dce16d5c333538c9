"""``python -m report.exports --db <warehouse> --out <folder>``: every mart as Parquet and CSV.

CSV files are UTF-8 with a byte-order mark so that Excel opens Chinese text correctly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb


def export_marts(db: Path, out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        for table in tables:
            con.execute(f"copy (select * from marts.{table}) to '{out / (table + '.parquet')}' (format parquet)")
            csv_path = out / f"{table}.csv"
            con.execute(f"copy (select * from marts.{table}) to '{csv_path}' (format csv, header true)")
            csv_path.write_bytes("\ufeff".encode() + csv_path.read_bytes())
    finally:
        con.close()
    return tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report.exports", description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    tables = export_marts(Path(args.db), Path(args.out))
    print(f"exported {len(tables)} marts to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
