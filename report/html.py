"""``python -m report --db <warehouse> --out <folder>``: the static HTML report.

One self-contained page (``index.html``): the cross-city 12345 hotline comparison as charts and
tables, the data-quality results (identity failures and acknowledgements, each rule explained,
ingest issues), and the corpus of documents with their reading quality, filterable by province, year
and kind; a search box filters every table. Every figure links to the line it was read from
(``sources/``). No script, font or style is fetched from anywhere: the report works offline. The page
is rendered from jinja2 templates (report/templates/) with autoescape: every string taken from a
document is escaped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ingest.warehouse_db import connect
from report.queries import read_report_data
from report.rule_texts import rule_texts
from report.sources import SourcePages
from report.view import build_page


def template_environment() -> Environment:
    return Environment(
        loader=PackageLoader("report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    path = write_report(Path(args.db), Path(args.out))
    print(f"report written to {path}", file=sys.stderr)
    return 0


def write_report(db: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    con = connect(db, read_only=True)
    try:
        data = read_report_data(con)
    finally:
        con.close()
    env = template_environment()
    sources = SourcePages(out, {d["document_id"]: d["source_path"] for d in data.documents}, env)
    page = build_page(data, sources, rule_texts())
    target = out / "index.html"
    target.write_text(env.get_template("report.html.j2").render(page=page), encoding="utf-8")
    return target
