"""``python -m report.exports --db <warehouse> --out <folder>``: the analyst marts as Parquet and CSV.

Exported: the marts of the warehouse contract and the hotline comparison (not the seeds, staging
or intermediate tables). CSV files are UTF-8 with a byte-order mark so that Excel opens Chinese
text correctly; Parquet keeps the column types (money as DECIMAL(20,2)).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

# The marts the warehouse contract names, then the hotline comparison (one row per jurisdiction-year).
EXPORTED_MARTS: tuple[str, ...] = (
    "dim_document",
    "dim_department",
    "dim_function_class",
    "fct_expenditure_by_function",
    "fct_income_by_function",
    "fct_basic_expenditure_by_economic_class",
    "fct_department_finance",
    "fct_budget_vs_final",
    "fct_project_performance",
    "fct_indicator_scores",
    "mart_hotline_spending",
    "mart_hotline_comparison",
)

UTF8_BOM = "\ufeff".encode()


def existing_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    present = {
        r[0]
        for r in con.execute("select table_name from information_schema.tables where table_schema = 'marts'").fetchall()
    }
    return [name for name in EXPORTED_MARTS if name in present]


def export_marts(db: Path, out: Path) -> list[str]:
    """Write <mart>.parquet and <mart>.csv for every exported mart the warehouse holds."""
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = existing_marts(con)
        for table in tables:
            query = f"select * from marts.{table} order by all"  # stable: same build, same files
            con.execute(f"copy ({query}) to {_quoted(out / f'{table}.parquet')} (format parquet)")
            csv_path = out / f"{table}.csv"
            con.execute(f"copy ({query}) to {_quoted(csv_path)} (format csv, header true)")
            csv_path.write_bytes(UTF8_BOM + csv_path.read_bytes())
    finally:
        con.close()
    return tables


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report.exports", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    tables = export_marts(Path(args.db), Path(args.out))
    missing = [name for name in EXPORTED_MARTS if name not in tables]
    print(
        f"exported {len(tables)} marts to {args.out} (Parquet and CSV with BOM): {', '.join(tables)}", file=sys.stderr
    )
    if missing:
        print(f"not in this warehouse, not exported: {', '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
