"""``python -m report.exports --db <warehouse> --out <folder> [--labels zh]``: the analyst tables as
Parquet and CSV, described by ``datapackage.json``.

Exported: the marts of the warehouse contract, the analyst marts and views, the hotline comparison,
and the data-quality tables dq.ingest_issues and dq.identity_results (as ``dq_<name>``; the CSV of
the identity checks lists those that did not pass, its Parquet file every one); not the seeds,
staging or intermediate tables. Parquet keeps the column types (money as DECIMAL(20,2)) and
every value as it is. The CSV files are for Excel (report/excel_csv.py): UTF-8 with a byte-order mark,
text cells that would run as formulas written with a leading apostrophe, and with ``--labels zh``
the Chinese label of each column as its header. ``datapackage.json`` (report/datapackage.py) gives
every column's type, description and label.

With ``--published <folder>`` (the exports of the published warehouse, as a refresh passes them),
a document's rows that are the same as there are copied from there instead of written again
(report/export_files.py): the files are those a whole export writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from ingest.warehouse_db import connect
from report.datapackage import ExportedTable, package
from report.export_files import Written, write_table
from report.table_docs import column_labels, read_table_doc, relation_exists

# (schema, table): the contract's marts, the analyst marts, the hotline comparison, the dq tables.
EXPORTED_TABLES: tuple[tuple[str, str], ...] = (
    ("marts", "dim_document"),
    ("marts", "dim_department"),
    ("marts", "dim_function_class"),
    ("marts", "fct_expenditure_by_function"),
    ("marts", "fct_income_by_function"),
    ("marts", "fct_basic_expenditure_by_economic_class"),
    ("marts", "fct_department_finance"),
    ("marts", "fct_budget_vs_final"),
    ("marts", "fct_budget_by_function"),
    ("marts", "fct_department_budget"),
    ("marts", "fct_project_performance"),
    ("marts", "fct_indicator_scores"),
    ("marts", "fct_three_public_expenditure"),
    ("marts", "fct_prior_year_changes"),
    ("marts", "mart_department_spending_by_function"),
    ("marts", "mart_hotline_spending"),
    ("marts", "mart_hotline_comparison"),
    ("dq", "ingest_issues"),
    ("dq", "identity_results"),
)
# Rows a table's CSV does not list, by resource: (column, value). The identity checks that passed
# (about 600 a document) would make the CSV longer than Excel opens past about 1,800 documents, and
# most of the exports' size and time; its Parquet file and the warehouse hold every check.
CSV_LEAVES_OUT: dict[str, tuple[str, str]] = {"dq_identity_results": ("status", "pass")}
LABEL_LANGUAGES = ("zh",)
EXPORT_THREADS = 2  # tables written at once: the largest (the identity checks) is most of the work


def resource_name(schema: str, table: str) -> str:
    return table if schema == "marts" else f"{schema}_{table}"


def export_marts(db: Path, out: Path, labels: str | None = None, published: Path | None = None) -> list[str]:
    """Write <name>.parquet and <name>.csv for every exported table the warehouse holds, and
    datapackage.json; return the resource names written. Documents' rows unchanged since the
    exports in ``published`` are copied from them. The tables are written ``EXPORT_THREADS`` at a
    time (DuckDB, Arrow and polars work outside Python's lock), each on a cursor of its own."""
    out.mkdir(parents=True, exist_ok=True)
    con = connect(db, read_only=True)
    try:
        label_of = column_labels(con)
        exported = []
        for schema, table in EXPORTED_TABLES:
            if relation_exists(con, schema, table):
                doc = read_table_doc(con, schema, table, label_of)
                headers = {c.name: (c.label_zh or c.name) if labels == "zh" else c.name for c in doc.columns}
                name = resource_name(schema, table)
                exported.append(ExportedTable(doc, name, headers, CSV_LEAVES_OUT.get(name)))

        def write(table: ExportedTable) -> Written:
            cursor = con.cursor()
            try:
                return write_table(
                    cursor,
                    table.doc.qualified,
                    out,
                    table.resource_name,
                    table.headers,
                    published,
                    table.csv_leaves_out,
                )
            finally:
                cursor.close()

        sizes = dict(
            con.execute("select schema_name || '.' || table_name, estimated_size from duckdb_tables()").fetchall()
        )
        largest_first = sorted(exported, key=lambda t: -sizes.get(t.doc.qualified, 0))
        with ThreadPoolExecutor(EXPORT_THREADS) as pool:
            results = list(pool.map(write, largest_first))
        fiscal_years = _fiscal_years(con)
        provenance = _provenance(con)
    finally:
        con.close()
    descriptor = package(exported, fiscal_years, provenance)
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")
    if published is not None:
        reused, written = sum(r.documents_reused for r in results), sum(r.documents_written for r in results)
        print(f"exports: {reused} documents' rows copied from {published}, {written} written", file=sys.stderr)
    return [t.resource_name for t in exported]


def _fiscal_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    if not relation_exists(con, "marts", "dim_document"):
        return []
    query = "select distinct fiscal_year from marts.dim_document where fiscal_year is not null order by 1"
    return [r[0] for r in con.execute(query).fetchall()]


def _provenance(con: duckdb.DuckDBPyConnection) -> dict:
    """The build (when, from which code) and every source file (hash, modification, publication) as
    datapackage properties, where dim_document carries them."""
    if not relation_exists(con, "marts", "dim_document"):
        return {}
    present = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'dim_document'"
        ).fetchall()
    }
    if not {"built_at", "code_commit", "content_sha256"} <= present:
        return {}
    rows = con.execute(
        "select file_name, source_path, content_sha256, file_modified_at, publication_url, publication_date, "
        "built_at, code_commit from marts.dim_document order by file_name"
    ).fetchall()
    if not rows:
        return {}
    built_at, commit = rows[0][6], rows[0][7]
    sources = []
    for name, path, sha, modified, url, published in (r[:6] for r in rows):
        source = {"title": name, "path": url or path}
        source.update(
            {
                key: value
                for key, value in (
                    ("hash", f"sha256:{sha}" if sha else None),
                    ("modified", modified.isoformat() if modified else None),
                    ("published", published.isoformat() if published else None),
                )
                if value
            }
        )
        sources.append(source)
    return {
        "created": built_at.isoformat(timespec="seconds") + "Z" if built_at else None,
        "build": {"built_at_utc": built_at.isoformat() if built_at else None, "code_commit": commit},
        "sources": sources,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report.exports", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--labels", choices=LABEL_LANGUAGES, default=None, help="CSV headers in this language instead of column names"
    )
    parser.add_argument(
        "--published", type=Path, default=None, help="the published exports: documents' rows unchanged are copied"
    )
    args = parser.parse_args(argv)
    published = args.published if args.published and args.published.is_dir() else None
    written = export_marts(Path(args.db), Path(args.out), args.labels, published)
    expected = [resource_name(schema, table) for schema, table in EXPORTED_TABLES]
    missing = [name for name in expected if name not in written]
    print(
        f"exported {len(written)} tables to {args.out} (Parquet, CSV with BOM, datapackage.json): {', '.join(written)}",
        file=sys.stderr,
    )
    if missing:
        print(f"not in this warehouse, not exported: {', '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
