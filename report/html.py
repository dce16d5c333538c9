"""``python -m report --db <warehouse> --out <folder>``: the static HTML report.

One self-contained page (``index.html``): the cross-city 12345 hotline comparison as charts and
tables, the data-quality results (each rule explained with its counts, the first identity failures
and acknowledgements, the ingest issues counted by stage, severity and kind with the most severe
listed; a document's page lists all of its issues), and the corpus of documents with their reading quality, filterable by province, year
and kind; a search box filters every table. Every figure links to the line it was read from
(``sources/``). No script, font or style is fetched from anywhere: the report works offline. The page
is rendered from jinja2 templates (report/templates/) with autoescape: every string taken from a
document is escaped. The page is written as its rows are read (report/queries.py), so the report's
memory does not grow with the number of documents.

``--published <report folder>``: the report this code wrote for the warehouse this one was
refreshed from. The source pages of the documents the refresh did not touch are taken from it
(hard links) instead of being written again; the index and every page of a refreshed document
are written anew. The folder is the same, file for file, as a report written without it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ingest.warehouse_db import connect
from report.queries import DocumentIssues, DocumentPaths, read_report_data, refreshed_documents
from report.rule_texts import rule_texts
from report.sources import PublishedPages, SourcePages
from report.table_html import badges, table_row
from report.view import build_page

WRITE_PIECES = 256  # pieces of the page joined before each write


def template_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["badges"] = badges
    env.filters["table_row"] = table_row
    env.filters["count"] = "{:,}".format  # 422,925
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--published", help="the published report of the warehouse this one was refreshed from")
    args = parser.parse_args(argv)
    path = write_report(Path(args.db), Path(args.out), Path(args.published) if args.published else None)
    print(f"report written to {path}", file=sys.stderr)
    return 0


def write_report(db: Path, out: Path, published: Path | None = None) -> Path:
    """Write ``out/index.html`` and the source pages it links to; keep the unrefreshed documents'
    pages of the ``published`` report (written by this code) when given."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "sources", ignore_errors=True)  # a page on disk counts as written
    con = connect(db, read_only=True)
    try:
        env = template_environment()
        sources = SourcePages(out, DocumentPaths(con), env, _published_pages(con, published), DocumentIssues(con))
        page = build_page(read_report_data(con), sources, rule_texts())
        target = out / "index.html"
        with target.open("w", encoding="utf-8") as handle:
            stream = env.get_template("report.html.j2").stream(page=page)
            stream.enable_buffering(WRITE_PIECES)  # fewer, larger writes: a piece is a few characters
            stream.dump(handle)
    finally:
        con.close()
    return target


def _published_pages(con, published: Path | None) -> PublishedPages | None:
    if published is None or not (published / "sources").is_dir():
        return None
    refreshed = refreshed_documents(con)
    return PublishedPages(published / "sources", refreshed) if refreshed is not None else None
