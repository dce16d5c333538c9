"""``python -m report --db <warehouse> --out <folder>``: the static HTML report."""

from __future__ import annotations

import argparse
import html
from pathlib import Path

import duckdb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(args.db, read_only=True)
    try:
        docs = con.execute(
            "select file_name, doc_type, fiscal_year, parse_status from marts.dim_document order by 1"
        ).fetchall()
    finally:
        con.close()
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>" for r in docs)
    page = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Warehouse report</title></head>
<body><h1>Documents</h1><table>{rows}</table></body></html>"""
    (out / "index.html").write_text(page, encoding="utf-8")
    return 0
