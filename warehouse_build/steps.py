"""The steps of a build. Each runs a program with its paths as arguments, never through a shell.

ingest -> dbt -> expectations -> report -> docs -> exports -> publish. Every step writes into the
candidate area (layout.py); an output step seals its folder with the hash of the database it was
made from once the folder is complete (publish.py), and publish moves everything at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import duckdb

from ingest.parsing_context import OCR_CACHE_VARIABLE
from warehouse_build.layout import DATABASE, OUTPUTS, Layout
from warehouse_build.publish import PublishRefused, file_sha256, publish, read_verdict, seal, unseal
from warehouse_build.refresh import (
    fingerprints,
    forget_part,
    part_is_current,
    read_state,
    record_part,
    refresh_base,
    write_state,
)

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# dbt build runs again after quarantining the documents behind failing tests, this many times at most.
QUARANTINE_ROUNDS = 3


class StepFailed(Exception):
    """A step could not do its work; the message says why."""


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    layout: Layout
    workers: int
    allow_failures: bool
    ray_address: str | None = None  # parse on this Ray cluster instead of worker processes
    full_refresh: bool = False  # build everything anew instead of refreshing the published warehouse


def _reading(layout: Layout) -> dict[str, str]:
    """The environment of a step that reads documents (ingest, and the text checks and source pages
    that read them again): scanned pages come from the OCR cache instead of being read again."""
    return {OCR_CACHE_VARIABLE: str(layout.ocr_cache.absolute())}


def _run(argv: list[str | Path], env: dict[str, str] | None = None) -> int:
    return subprocess.run([str(a) for a in argv], cwd=REPO, env={**os.environ, **(env or {})}).returncode


def _require_candidate(layout: Layout) -> None:
    if not layout.candidate_db.is_file():
        raise StepFailed(f"no candidate database at {layout.candidate_db}: run `make ingest` (or `make build`) first")


def ingest(settings: Settings) -> None:
    """Land the documents into a new candidate: a refresh of the published warehouse when it was
    built by this code (warehouse_build/refresh.py), else a full build."""
    layout = settings.layout
    base, why = refresh_base(layout, settings.full_refresh)
    shutil.rmtree(layout.candidate, ignore_errors=True)  # nothing of an earlier candidate can be published
    layout.candidate.mkdir(parents=True)
    layout.ingest_timings.unlink(missing_ok=True)
    print(f"refresh of the published warehouse ({base.name})" if base else f"full build: {why}", file=sys.stderr)
    code = _run(
        [BIN / "python", "-m", "ingest", "run", "--raw-dir", settings.raw_dir, "--db", layout.candidate_db]
        + ["--workers", str(settings.workers), "--cache-dir", layout.parse_cache, "--timings", layout.ingest_timings]
        + (["--ray-address", settings.ray_address] if settings.ray_address else [])
        + (["--carry-over", base / DATABASE] if base else []),
        _reading(layout),
    )
    if code != 0:
        raise StepFailed(f"ingest failed (exit code {code})")
    state = read_state(base) if base else {}  # what the carried-over marts, checks and docs were made by
    write_state(layout.candidate, state | {"ingest": fingerprints()["ingest"]})


def _dbt_env(layout: Layout) -> dict[str, str]:
    return {
        "WAREHOUSE_DB": str(layout.candidate_db.absolute()),
        "DBT_TARGET_PATH": str(layout.dbt_target.absolute()),
        "DBT_LOG_PATH": str(layout.dbt_logs.absolute()),
        # dbt.log at info: which node ran and how it ended. At debug it also held every statement and
        # event, a sixth of dbt's own time per node; the SQL run stays in target/run, the results in
        # run_results.json (what the build reads).
        "DBT_LOG_LEVEL_FILE": "info",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def _dbt(layout: Layout, *command: str) -> int:
    project = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
    return _run([BIN / "dbt", *command, *project], _dbt_env(layout))


def dbt(settings: Settings) -> None:
    """dbt build; when tests fail on the rows of named documents, quarantine them and build again."""
    from ingest.landing.dbt_failures import failed_build
    from ingest.landing.quarantine import quarantine_in_database

    layout = settings.layout
    _require_candidate(layout)
    _unseal_all(layout)  # the database changes: nothing made from it before still holds
    command = _dbt_build_command(layout)
    quarantined: dict[str, str] = {}
    for round_no in range(QUARANTINE_ROUNDS + 1):
        if _dbt(layout, *command) == 0:
            record_part(layout, "dbt")
            return
        con = duckdb.connect(str(layout.candidate_db))
        try:
            failed = failed_build(con, layout.dbt_target)
            culprits = {doc: why for doc, why in failed.culprits.items() if doc not in quarantined}
            names = _file_names(con, failed.culprits)
            if failed.unexplained or not culprits or round_no == QUARANTINE_ROUNDS:
                raise StepFailed(_dbt_failure_text(failed.unexplained, failed.culprits, names))
            quarantine_in_database(con, culprits)
        finally:
            con.close()
        quarantined.update(culprits)
        listed = ", ".join(f"{names.get(doc, doc)} ({why})" for doc, why in culprits.items())
        print(f"quarantined, rows held back: {listed}; building again", file=sys.stderr)


# What a refresh leaves out. The dbt project has not changed since the build that made the published
# warehouse and passed its tests (refresh.py), and the candidate starts as a copy of it: the seeds,
# with the tests of their rows, and the views, which are queries, are there as they were; the unit
# tests depend on the project alone. The views' own tests still run: excluding a model does not
# exclude its tests (--indirect-selection empty). The data tests see only the refreshed documents'
# rows where a relation keeps each document's rows (dbt_project/macros/refreshed_documents_tests.sql).
REFRESH_SKIPS = (
    *("--exclude-resource-type", "seed", "--exclude-resource-type", "unit_test"),
    *("--exclude", "path:seeds", "config.materialized:view", "--indirect-selection", "empty"),
)


def _dbt_build_command(layout: Layout, *options: str) -> tuple[str, ...]:
    """dbt build: of the refreshed documents' rows when the candidate's models were built by these
    models, else every model whole (--full-refresh)."""
    if part_is_current(layout, "dbt"):
        return ("build", *REFRESH_SKIPS, *options)
    forget_part(layout, "dbt")
    return ("build", "--full-refresh", *options)


def _file_names(con: duckdb.DuckDBPyConnection, document_ids: dict[str, str]) -> dict[str, str]:
    rows = con.execute(
        "select document_id, source_path from raw.documents where document_id in (select unnest(?))",
        [sorted(document_ids)],
    ).fetchall()
    return dict(rows)


def _dbt_failure_text(unexplained: list[str], culprits: dict[str, str], names: dict[str, str]) -> str:
    lines = ["dbt build failed:"]
    lines += [f"  {failure}" for failure in unexplained]
    lines += [f"  {names.get(doc, doc)}: {why}" for doc, why in culprits.items()]
    return "\n".join(lines)


def _unseal_all(layout: Layout) -> None:
    for output in OUTPUTS:
        unseal(layout, output)


def _output_step(layout: Layout, output: str, make) -> None:
    """Make candidate/<output> from scratch with ``make(folder)``, then seal it."""
    unseal(layout, output)
    folder = layout.candidate / output
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    make(folder)
    seal(layout, output, file_sha256(_database_read(layout)))


def _database_read(layout: Layout) -> Path:
    """The candidate's database, or the published one when no candidate is left (a report on its own)."""
    return layout.candidate_db if layout.candidate_db.is_file() else layout.warehouse


def expectations(settings: Settings) -> None:
    layout = settings.layout
    _require_candidate(layout)
    _unseal_all(layout)  # it writes dq.identity_results into the database

    only_refreshed = part_is_current(layout, "expectations")
    forget_part(layout, "expectations")

    def judge(folder: Path) -> None:
        argv = [BIN / "python", "-m", "expectations", "run", "--db", layout.candidate_db, "--out", folder]
        code = _run(argv + (["--only-refreshed"] if only_refreshed else []), _reading(layout))
        if code != 0:
            raise StepFailed(f"the expectations step could not run (exit code {code}); nothing can be published")

    _output_step(layout, "dq", judge)
    record_part(layout, "expectations")


def report(settings: Settings) -> None:
    """The report; in a refresh, the source pages of the documents it did not touch are kept from
    the published report when this code wrote it (report/html.py)."""
    layout = settings.layout
    of_candidate = layout.candidate_db.is_file()
    published = layout.current / "report"
    keep_pages = of_candidate and part_is_current(layout, "report") and published.is_dir()
    if of_candidate:
        forget_part(layout, "report")

    def write(folder: Path) -> None:
        argv = [BIN / "python", "-m", "report", "--db", _database_read(layout), "--out", folder]
        argv += ["--published", published.resolve()] if keep_pages else []
        if _run(argv, _reading(layout)) != 0:
            raise StepFailed("the report could not be written")

    _output_step(layout, "report", write)
    if of_candidate:
        record_part(layout, "report")


def docs(settings: Settings) -> None:
    layout = settings.layout
    _require_candidate(layout)

    published = layout.current / "docs" / "index.html"
    unchanged = part_is_current(layout, "docs") and published.is_file()
    forget_part(layout, "docs")

    def generate(folder: Path) -> None:
        folder.mkdir()
        if unchanged:  # the docs describe the models, not the rows: the published ones still hold
            print("dbt docs: the models are unchanged, the published docs are kept", file=sys.stderr)
            shutil.copyfile(published, folder / "index.html")
            return
        print("dbt docs generate (the catalog of every model and column)...", file=sys.stderr)
        if _dbt(layout, "docs", "generate", "--static", "--quiet") != 0:
            raise StepFailed("dbt docs generate failed")
        shutil.copyfile(layout.dbt_target / "static_index.html", folder / "index.html")

    _output_step(layout, "docs", generate)
    record_part(layout, "docs")


def exports(settings: Settings) -> None:
    """The exports; unless the build is a full one, each document's rows that are the same as in
    the published exports are copied from them (report/export_files.py)."""
    layout = settings.layout

    labels = os.environ.get("EXPORT_LABELS", "")  # zh: Chinese column headers in the CSV files
    published = layout.current / "exports"
    reuse = not settings.full_refresh and published.is_dir()

    def write(folder: Path) -> None:
        argv = [BIN / "python", "-m", "report.exports", "--db", _database_read(layout), "--out", folder]
        argv += ["--published", published.resolve()] if reuse else []
        if _run(argv + (["--labels", labels] if labels else [])) != 0:
            raise StepFailed("the exports could not be written")

    _output_step(layout, "exports", write)


def publish_step(settings: Settings) -> None:
    layout = settings.layout
    try:
        failures = publish(layout, settings.allow_failures)
    except PublishRefused as exc:
        print(f"build NOT published: {exc}; {layout.warehouse} and its outputs are unchanged.", file=sys.stderr)
        _print_failures(layout.candidate / "dq")
        raise StepFailed(
            f"The candidate and its report are kept in {layout.candidate}/ (failures: dq/failures.txt).\n"
            "Fix the parser, acknowledge a real source error in expectations/acknowledgements.csv, "
            "or publish anyway with ALLOW_FAILURES=1."
        ) from None
    note = f" with {len(failures)} unacknowledged failure(s) (ALLOW_FAILURES=1)" if failures else ""
    print(f"published {layout.warehouse} with its dq, report, docs and exports{note}", file=sys.stderr)
    where(layout)


def where(layout: Layout, stream: TextIO = sys.stderr) -> None:
    """Where the published outputs are."""
    out = layout.out_dir
    print(
        f'\nwarehouse  {layout.warehouse}   (query it: make shell, or .venv/bin/python -m report.query "select ...")\n'
        f"report     {out / 'report' / 'index.html'}\n"
        f"dbt docs   {out / 'docs' / 'index.html'}\n"
        f"exports    {out / 'exports'}/   (Parquet, CSV for Excel, datapackage.json)\n"
        f"checks     {out / 'dq' / 'failures.txt'}, {out / 'dq' / 'data_docs'}/",
        file=stream,
    )


def shell(settings: Settings) -> None:
    """An interactive SQL prompt on the published warehouse, read-only."""
    if _run([BIN / "python", "-m", "report.query", "--db", settings.layout.warehouse]) != 0:
        raise StepFailed("the SQL prompt ended with an error")


def _print_failures(dq_dir: Path) -> None:
    try:
        failures = read_verdict(dq_dir)
    except PublishRefused:
        return
    for f in failures:
        print(
            f"  {f.get('document', f.get('document_id'))}  {f['rule_id']}  {f['subject']}: "
            f"{f['lhs_value']} vs {f['rhs_value']} (difference {f['difference']}, tolerance {f['tolerance']})"
            + (f"\n      at {f['source_ref']}" if f.get("source_ref") else ""),
            file=sys.stderr,
        )


def dbt_models(settings: Settings) -> None:
    """The models without their tests (scoring a generated corpus: a misread figure must not keep
    the marts from being built)."""
    layout = settings.layout
    _require_candidate(layout)
    _unseal_all(layout)
    command = _dbt_build_command(
        layout, "--quiet", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"
    )
    if _dbt(layout, *command):
        raise StepFailed("dbt build of the models failed")
    record_part(layout, "dbt")


STEPS = {
    "ingest": ingest,
    "dbt": dbt,
    "dbt-models": dbt_models,
    "expectations": expectations,
    "report": report,
    "docs": docs,
    "exports": exports,
    "publish": publish_step,
}
