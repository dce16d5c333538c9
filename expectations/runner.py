"""Run the identity checks on a candidate warehouse: dq.identity_results, Data Docs, report, verdict.

1. every rule's SQL runs on the candidate (checks.py), plus the text checks of DOC-01/DOC-03; in a
   refresh (``only_refreshed``), on the rows of the refreshed documents only (scope.py), the other
   documents' results being kept as they are in the candidate (a copy of the published warehouse);
2. Great Expectations validates those rows (validation.py): a row fails when GE finds its
   ``excess`` above 0; Data Docs go to ``<out>/data_docs``;
3. the acknowledgement registry turns reviewed failures into ``acknowledged``, with their finding
   (``source_error``: the document is wrong; ``incomplete_copy``: the copy read lost content);
4. ``dq.identity_results`` is (re)written in the candidate (in a refresh, the refreshed documents'
   rows), and ``<out>/verdict.json``, ``failures.txt`` and ``failures.html`` are written from every
   document's results. The verdict decides publication. Data Docs show the rows validated by this
   run: in a refresh, the refreshed documents'.

The step exits 0 when it ran, whatever it found (``make build`` then refuses to publish in the
publish step, naming each failure); it exits non-zero only when it could not run, and then leaves
no verdict, so nothing can be published.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

from expectations.acknowledgements import REGISTRY, apply_acknowledgements, load_registry, stale_entries
from expectations.checks import RESULT_COLUMNS, compute_checks
from expectations.failure_report import failure_records, write_html_report, write_text_report, write_verdict
from expectations.scope import checked_rows, refreshed_documents
from ingest.warehouse_db import connect

OCR_BOX = " | box "  # how the source_ref of a figure read by OCR ends (ingest/provenance.py)
PROBABLE_OCR_MISREAD = "probable_ocr_misread"  # the finding of a failure on a figure read by OCR
# The table dbt created (described, its comments kept) is emptied and refilled; created when missing.
IDENTITY_RESULTS_DDL = """
create schema if not exists dq;
create table if not exists dq.identity_results (
    document_id varchar, rule_id varchar, severity varchar, subject varchar,
    lhs_value decimal(24, 6), rhs_value decimal(24, 6), difference decimal(24, 6), tolerance decimal(24, 6),
    status varchar, finding varchar, message varchar, source_ref varchar
);
"""


def judge(checks: pd.DataFrame, failing_rows: set[int]) -> pd.DataFrame:
    """The identity_results rows: status from the validation, values as computed.

    A failure whose figure was read by OCR (its source_ref ends with the box it was read from) is a
    probable misread of that cell, not an error of the source: its finding says so (until a reviewer
    acknowledges it with what the scan shows) and its message says where to look on the scan.
    """
    results = checks.copy()
    results["status"] = ["fail" if i in failing_rows else "pass" for i in results.index]
    ocr_read = results["source_ref"].fillna("").str.contains(OCR_BOX, regex=False) & (results["status"] == "fail")
    results["finding"] = [
        PROBABLE_OCR_MISREAD if misread else None for misread in ocr_read
    ]  # else set by an acknowledgement
    results["message"] = [
        f"probable OCR misread of the figure at {_scan_place(ref)} (check the scan): {message}" if misread else message
        for misread, ref, message in zip(ocr_read, results["source_ref"], results["message"], strict=True)
    ]
    return results[RESULT_COLUMNS]


def _scan_place(source_ref: str) -> str:
    """ "p.3, box 120.0,300.5,180.0,316.0" from a source_ref of a figure read by OCR."""
    parts = [part.strip() for part in source_ref.split(" | ")]
    return ", ".join(part for part in parts if part.startswith(("p.", "box ")))


def write_results(con: duckdb.DuckDBPyConnection, results: pd.DataFrame, documents: list[str] | None = None) -> None:
    """Replace dq.identity_results by ``results``, or only the rows of ``documents`` (a refresh)."""
    con.execute("begin")
    con.execute(IDENTITY_RESULTS_DDL)
    if documents is None:
        con.execute("delete from dq.identity_results")
    else:
        con.execute("delete from dq.identity_results where document_id in (select unnest(?::varchar[]))", [documents])
    frame = results.astype({"lhs_value": "float64", "rhs_value": "float64", "difference": "float64",
                            "tolerance": "float64"})  # fmt: skip
    con.register("identity_rows", frame)
    con.execute(
        "insert into dq.identity_results by name select document_id, rule_id, severity, subject, "
        "lhs_value, rhs_value, difference, tolerance, status, finding, message, source_ref from identity_rows"
    )
    con.execute("commit")
    con.unregister("identity_rows")


def kept_results(con: duckdb.DuckDBPyConnection, refreshed: list[str]) -> pd.DataFrame:
    """The results a refresh keeps: those of the documents it did not check again."""
    return con.execute(
        f"select {', '.join(RESULT_COLUMNS)} from dq.identity_results "
        "where document_id is null or document_id not in (select unnest(?::varchar[]))",
        [refreshed],
    ).df()


def run_expectations(
    db: Path, out: Path, registry: Path = REGISTRY, source_root: Path | None = None, only_refreshed: bool = False
) -> int:
    started = time.perf_counter()
    entries = load_registry(registry)  # a registry that cannot be read stops the step before any work
    out = out.resolve()  # Great Expectations' Data Docs store needs an absolute folder
    out.mkdir(parents=True, exist_ok=True)
    for stale_output in ("verdict.json", "failures.txt", "failures.html"):
        (out / stale_output).unlink(missing_ok=True)
    shutil.rmtree(out / "data_docs", ignore_errors=True)  # pages of an earlier build must not linger
    checked = checked_rows(db, only_refreshed)
    try:
        checks = compute_checks(checked, source_root)
    finally:
        checked.close()
    computed = time.perf_counter()
    from expectations.validation import validate_checks  # imports great_expectations (seconds)

    outcome = validate_checks(checks, out / "data_docs")
    _cross_check(checks, outcome.failing_rows)
    results, _ = apply_acknowledgements(judge(checks, outcome.failing_rows), entries)
    con = connect(db)
    try:
        refreshed = refreshed_documents(con) if only_refreshed else None
        kept = kept_results(con, refreshed) if refreshed is not None else None
        write_results(con, results, refreshed)
        file_names = dict(con.execute("select document_id, file_name from raw.documents").fetchall())
    finally:
        con.close()
    if kept is not None and not kept.empty:
        results = pd.concat([kept, results], ignore_index=True)
    stale = stale_entries(results, entries)
    counts = {status: int((results["status"] == status).sum()) for status in ("pass", "fail", "acknowledged")}
    counts["of which incomplete_copy"] = int((results["finding"] == "incomplete_copy").sum())
    counts["checks"] = len(results)
    records = failure_records(results, file_names)
    write_verdict(out, records, stale, counts)
    write_text_report(out, records, stale, counts)
    write_html_report(out, records, stale, counts)
    _print_summary(records, stale, counts, computed - started, time.perf_counter() - started, out)
    return 0


def _cross_check(checks: pd.DataFrame, failing_rows: set[int]) -> None:
    """GE's verdict must agree with the excess computed in SQL; a disagreement is a defect here."""
    computed = set(checks.index[checks["excess"].astype("float64") > 0])
    if computed != failing_rows:
        raise RuntimeError(
            f"Great Expectations and the computed excess disagree on rows {sorted(computed ^ failing_rows)[:10]}"
        )


def _print_summary(records, stale, counts, sql_seconds: float, total_seconds: float, out: Path) -> None:
    blocking = [r for r in records if r["status"] == "fail" and r["severity"] == "error"]
    warnings = [r for r in records if r["status"] == "fail" and r["severity"] == "warn"]
    print(
        f"identity checks: {counts['checks']} rows, {counts['pass']} pass, {counts['fail']} fail "
        f"({len(blocking)} blocking error, {len(warnings)} warn), {counts['acknowledged']} acknowledged "
        f"({counts['of which incomplete_copy']} of them content a copy lost); "
        f"{sql_seconds:.1f}s SQL, {total_seconds:.1f}s total; report {out / 'failures.txt'}",
        file=sys.stderr,
    )
    for entry in stale:
        print(
            f"stale acknowledgement (acknowledgements.csv line {entry.line_no}): {entry.document} {entry.rule_id} "
            f"{entry.subject} matches no current failure",
            file=sys.stderr,
        )
