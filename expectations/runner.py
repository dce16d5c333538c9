"""Run the identity checks on a candidate warehouse: dq.identity_results, Data Docs, report, verdict.

The documents are checked a chunk at a time (``CHUNK_DOCUMENTS``, in the order they were landed; scope.py),
and validated ``VALIDATED_CHUNKS`` chunks at a time, so the step holds a bounded number of checks
whatever the number of documents. For each chunk (steps 2 and 3 for every ``VALIDATED_CHUNKS``):

1. every rule's SQL runs on the chunk's rows of the candidate (checks.py; DOC-01 and DOC-03 read
   the checks of the text made as it was read, raw.text_checks), in a workspace of the chunk's
   own (scope.py), ``CHECKING_THREADS`` chunks at once; the rows are added, in the order of the
   chunks, to the temporary table ``dq_checks``: they stay in DuckDB;
2. Great Expectations validates those rows (validation.py; imported once, while the first chunks
   are checked, one context for every chunk), handed the two columns it reads: a row fails when GE
   finds its ``excess`` above 0;
3. the rows that passed are appended to ``dq.identity_results`` in the candidate as they are; the
   failing ones are read, and the acknowledgement registry turns reviewed failures into
   ``acknowledged``, with their finding (``source_error``: the document is wrong;
   ``incomplete_copy``: the copy read lost content), before they are appended too.

In a refresh (``only_refreshed``) the chunks are the refreshed documents', whose earlier results
are deleted first; the other documents' results are kept as they are in the candidate (a copy of
the published warehouse). Then ``<out>/verdict.json``, ``failures.txt`` and ``failures.html`` are
written from every document's results, counted by DuckDB (only the failures are read into memory).
The verdict decides publication. Data Docs show the rows validated by this run, one validation
per family and ``VALIDATED_CHUNKS`` chunks: in a refresh, the refreshed documents'.

The step exits 0 when it ran, whatever it found (``make build`` then refuses to publish in the
publish step, naming each failure); it exits non-zero only when it could not run, and then leaves
no verdict, so nothing can be published (nor is a half-written dq.identity_results: the build
records the checks as made by no code until the step ends, so the next build checks every document).
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from expectations.acknowledgements import REGISTRY, Acknowledgement, apply_acknowledgements, load_registry
from expectations.checks import RESULT_COLUMNS, check_queries, clear_checks, prepare_views, stage_checks
from expectations.failure_report import failure_records, write_html_report, write_text_report, write_verdict
from expectations.scope import REFRESHED, load_chunk, open_candidate, open_workspace, plan_chunks

if TYPE_CHECKING:
    from expectations.validation import Validator

OCR_BOX = " | box "  # how the source_ref of a figure read by OCR ends (ingest/provenance.py)
PROBABLE_OCR_MISREAD = "probable_ocr_misread"  # the finding of a failure on a figure read by OCR
CHUNK_DOCUMENTS = 250  # documents checked together: their rows of the warehouse are copied (about 55 MB)
# and the rule queries cost about 0.35 processor second a chunk however few its documents.
# Chunks checked at once, each in a workspace of its own on a thread of its own (scope.py): the rule
# queries run in DuckDB outside Python's lock, so two chunks take the two processors of a small machine
# (and hold what one chunk of 500 held).
CHECKING_THREADS = 2
# Chunks validated together: Great Expectations' cost is mostly fixed per validation (about 1 processor
# second); the staged checks of 1,000 documents are about 100 MB in DuckDB.
VALIDATED_CHUNKS = 4
RESULTS = "candidate.dq.identity_results"
PASSED = [{"status": "'pass' as status", "finding": "null as finding"}.get(name, name) for name in RESULT_COLUMNS]
# The table dbt created (described, its comments kept) is emptied and refilled; created when missing.
IDENTITY_RESULTS_DDL = f"""
create schema if not exists candidate.dq;
create table if not exists {RESULTS} (
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


def clear_results(con: duckdb.DuckDBPyConnection, only_refreshed: bool) -> None:
    """Delete the results this run makes again: every document's, or the refreshed documents'."""
    con.execute("begin")
    con.execute(IDENTITY_RESULTS_DDL)
    con.execute(f"delete from {RESULTS}" + (f" where document_id in ({REFRESHED})" if only_refreshed else ""))
    con.execute("commit")


def judge_staged(con: duckdb.DuckDBPyConnection, validator, entries: list[Acknowledgement]) -> None:
    """Validate the staged checks with Great Expectations, append them to the results, judged, and
    clear them."""
    from expectations.validation import validation_frame

    frame = validation_frame(con)
    if frame.empty:
        return
    outcome = validator.validate(frame)
    _cross_check(frame, outcome.failing_rows)
    append_passes(con, outcome.failing_rows)
    if outcome.failing_rows:
        failing = failing_checks(con)
        results, _ = apply_acknowledgements(judge(failing, outcome.failing_rows), entries)
        append_results(con, results)
    clear_checks(con)


def append_passes(con: duckdb.DuckDBPyConnection, failing_rows: set[int]) -> None:
    """Append the rows of ``dq_checks`` that passed, as they are; keep the failing ones in
    ``dq_failing_rows`` for ``failing_checks``."""
    con.execute(
        "create or replace temp table dq_failing_rows as select unnest(?::bigint[]) as row_id", [sorted(failing_rows)]
    )
    con.execute(
        f"insert into {RESULTS} by name select {', '.join(PASSED)} "
        "from dq_checks where row_id not in (select row_id from dq_failing_rows)"
    )


def failing_checks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The rows of ``dq_checks`` that failed, indexed by row_id."""
    return (
        con.execute("select * from dq_checks where row_id in (select row_id from dq_failing_rows) order by row_id")
        .df()
        .set_index("row_id")
    )


def append_results(con: duckdb.DuckDBPyConnection, results: pd.DataFrame) -> None:
    frame = results.astype({"lhs_value": "float64", "rhs_value": "float64", "difference": "float64",
                            "tolerance": "float64"})  # fmt: skip
    con.register("identity_rows", frame)
    try:
        con.execute(
            f"insert into {RESULTS} by name select document_id, rule_id, severity, subject, lhs_value, rhs_value, "
            "difference, tolerance, status, finding, message, source_ref from identity_rows"
        )
    finally:
        con.unregister("identity_rows")


def run_expectations(
    db: Path,
    out: Path,
    registry: Path = REGISTRY,
    only_refreshed: bool = False,
    chunk_documents: int = CHUNK_DOCUMENTS,
) -> int:
    started = time.perf_counter()
    entries = load_registry(registry)  # a registry that cannot be read stops the step before any work
    out = out.resolve()  # Great Expectations' Data Docs store needs an absolute folder
    out.mkdir(parents=True, exist_ok=True)
    for stale_output in ("verdict.json", "failures.txt", "failures.html"):
        (out / stale_output).unlink(missing_ok=True)
    shutil.rmtree(out / "data_docs", ignore_errors=True)  # pages of an earlier build must not linger
    con = open_candidate(db)
    # Great Expectations is imported (seconds of Python) while the first chunks are checked (in DuckDB)
    starting = ThreadPoolExecutor(1, thread_name_prefix="great-expectations")
    try:
        validator = starting.submit(_validator, out / "data_docs")
        clear_results(con, only_refreshed)
        clear_checks(con)
        chunks = plan_chunks(con, only_refreshed, chunk_documents, CHECKING_THREADS)
        sql_seconds = 0.0
        for number, seconds in enumerate(staged_chunks(con, chunks), start=1):
            sql_seconds += seconds
            if number % VALIDATED_CHUNKS == 0:
                judge_staged(con, validator.result(), entries)
        judge_staged(con, validator.result(), entries)
        validator.result().build_data_docs()
        counts = result_counts(con)
        records = failure_records(*failing_results(con))
        stale = stale_entries_of(con, entries)
    finally:
        starting.shutdown()
        con.close()
    write_verdict(out, records, stale, counts)
    write_text_report(out, records, stale, counts)
    write_html_report(out, records, stale, counts)
    _print_summary(records, stale, counts, sql_seconds, time.perf_counter() - started, out)
    return 0


def _validator(data_docs: Path) -> Validator:
    from expectations.validation import Validator  # imports great_expectations (seconds)

    return Validator(data_docs)


def staged_chunks(con: duckdb.DuckDBPyConnection, chunks: int) -> Iterator[float]:
    """Check every chunk of the plan, ``CHECKING_THREADS`` at a time, and add their checks to
    ``dq_checks`` of ``con`` in the order of the chunks (so the rows are numbered as one chunk after
    another would number them); yield the seconds each chunk took once its checks are there."""
    workspaces = [_Workspace(con, f"workspace_{n}") for n in range(min(CHECKING_THREADS, chunks))]
    if not workspaces:
        return
    with ThreadPoolExecutor(len(workspaces), thread_name_prefix="identity-checks") as pool:
        running = {chunk: pool.submit(workspaces[chunk].check, chunk) for chunk in range(len(workspaces))}
        for chunk in range(chunks):
            seconds = running.pop(chunk).result()
            workspace = workspaces[chunk % len(workspaces)]
            add_checks(con, workspace.checks)
            following = chunk + len(workspaces)  # the workspace's checks are taken: its next chunk starts
            if following < chunks:
                running[following] = pool.submit(workspace.check, following)
            yield seconds


class _Workspace:
    """One chunk's checks at a time, on a cursor of its own (scope.open_workspace) with the rule
    queries' views and staging tables; a chunk's checks are left in its table ``checks``."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str):
        self.cursor = open_workspace(con, name)
        self.checks = f"{name}.main.checks"
        prepare_views(self.cursor)
        self.queries = check_queries(self.cursor)

    def check(self, chunk: int) -> float:
        """Leave the checks of chunk ``chunk`` in ``checks`` as ``dq_checks`` rows numbered from 0;
        return the seconds they took."""
        started = time.perf_counter()
        load_chunk(self.cursor, chunk)
        clear_checks(self.cursor)
        stage_checks(self.cursor, self.queries)
        self.cursor.execute(f"create or replace table {self.checks} as select * from dq_checks")
        return time.perf_counter() - started


def add_checks(con: duckdb.DuckDBPyConnection, checks: str) -> None:
    """Append one chunk's checks (the table ``checks``) to ``dq_checks``, numbered after the rows
    already there."""
    con.execute(
        f"insert into dq_checks select row_id + (select count(*) from dq_checks) as row_id, "
        f"* exclude (row_id) from {checks} order by row_id"
    )


def result_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every document's results counted: pass, fail, acknowledged, of which incomplete copies, checks."""
    found = con.execute(
        "select count(*) filter (where status = 'pass'), count(*) filter (where status = 'fail'), "
        "count(*) filter (where status = 'acknowledged'), count(*) filter (where finding = 'incomplete_copy'), "
        f"count(*) from {RESULTS}"
    ).fetchone()
    names = ("pass", "fail", "acknowledged", "of which incomplete_copy", "checks")
    return dict(zip(names, (int(n) for n in found or (0,) * len(names)), strict=True))


def failing_results(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, dict[str, str]]:
    """The results that did not pass (every document's) and the file names of their documents."""
    failing = con.execute(
        f"select {', '.join(RESULT_COLUMNS)} from {RESULTS} where status <> 'pass' "
        "order by document_id, rule_id, subject"
    ).df()
    names = con.execute(
        "select document_id, file_name from candidate.raw.documents "
        f"where document_id in (select document_id from {RESULTS} where status <> 'pass')"
    ).fetchall()
    return failing, dict(names)


def stale_entries_of(con: duckdb.DuckDBPyConnection, entries: list[Acknowledgement]) -> list[Acknowledgement]:
    """The entries naming a document with results that match no acknowledged check of it."""
    if not entries:
        return []
    keys = pd.DataFrame(
        {
            "position": range(len(entries)),
            "document": [e.document for e in entries],
            "rule_id": [e.rule_id for e in entries],
            "subject": [e.subject for e in entries],
        }
    )
    con.register("registry_entries", keys)
    try:
        stale = con.execute(
            f"""select e.position from registry_entries e
            where exists (select 1 from {RESULTS} r where r.document_id = e.document)
              and not exists (select 1 from {RESULTS} r where r.document_id = e.document and r.rule_id = e.rule_id
                              and r.subject = e.subject and r.status = 'acknowledged')
            order by e.position"""
        ).fetchall()
    finally:
        con.unregister("registry_entries")
    return [entries[position] for (position,) in stale]


def _cross_check(frame: pd.DataFrame, failing_rows: set[int]) -> None:
    """GE's verdict must agree with the excess computed in SQL; a disagreement is a defect here."""
    computed = set(frame["row_id"][frame["excess"].astype("float64") > 0].tolist())
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
