"""Command line: ``python -m ingest run --raw-dir data/samples --db warehouse/.build/candidate/warehouse.duckdb``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.landing.batch import ArrowRows, LandingBatch
from ingest.landing.cache import RowCache
from ingest.landing.carry_over import RefreshPlan, forget_refreshed, plan_refresh
from ingest.landing.duckdb_writer import RawWriter
from ingest.landing.provenance import build_run_row, source_file_rows
from ingest.limits import DocumentLimits
from ingest.loading.ocr_cache import OcrCache
from ingest.parsing_context import current
from ingest.pipeline import (
    RunSummary,
    collect,
    file_issue_rows,
    find_documents,
    links_out_of,
    printable,
    process_paths,
)

console = Console(stderr=True)


def run(
    raw_dir: Path,
    db: Path,
    workers: int,
    cache_dir: Path | None = None,
    limits: DocumentLimits | None = None,
    timings: Path | None = None,
    ray_address: str | None = None,
    carry_over: Path | None = None,
) -> int:
    if not raw_dir.is_dir():
        console.print(f"[red]error:[/] RAW_DIR {_shown(raw_dir)} is not a folder of documents", soft_wrap=True)
        return 2
    started = time.perf_counter()
    clock = StageClock()
    with clock("find"):
        paths = find_documents(raw_dir)
    batch = LandingBatch()
    for link in links_out_of(raw_dir):
        batch.add(file_issue_rows(link, "a link that leads out of RAW_DIR (or nowhere): not followed", severity="warn"))
    if not paths:
        console.print(f"[yellow]warning:[/] no files under {_shown(raw_dir)}", soft_wrap=True)
    build_started = datetime.now(UTC)
    try:
        writer = RawWriter(db, start_from=carry_over)
    except (OSError, duckdb.Error) as exc:  # a full disk, a folder that cannot be written
        console.print(f"[red]error:[/] the candidate database {_shown(db)} cannot be written: {escape(str(exc))}")
        return 1
    try:
        with clock("find"):
            plan = _plan(writer, paths, carry_over)
        summary = _land(raw_dir, paths, plan, workers, cache_dir, limits, batch, writer, clock, build_started,
                        ray_address)  # fmt: skip
    except (OSError, duckdb.Error) as exc:
        writer.abandon()
        console.print(f"[red]error:[/] the candidate database {_shown(db)} cannot be written: {escape(str(exc))}")
        return 1
    except BaseException:
        writer.abandon()
        raise
    elapsed = time.perf_counter() - started
    if timings is not None:
        timings.write_text(json.dumps(clock.seconds | {"total": round(elapsed, 3)}, indent=2) + "\n", encoding="utf-8")
    _print_summary(summary, raw_dir, db, elapsed, clock)
    return 0


def _plan(writer: RawWriter, paths: list[Path], carry_over: Path | None) -> RefreshPlan | None:
    """A refresh's plan, its refreshed documents' rows deleted from the copy; None in a full build."""
    if carry_over is None:
        return None
    plan = plan_refresh(paths, writer.con)
    forget_refreshed(writer.con, plan.refreshed)
    return plan


def _land(
    raw_dir: Path,
    paths: list[Path],
    plan: RefreshPlan | None,
    workers: int,
    cache_dir: Path | None,
    limits: DocumentLimits | None,
    batch: LandingBatch,
    writer: RawWriter,
    clock: StageClock,
    build_started: datetime,
    ray_address: str | None = None,
) -> RunSummary:
    """Parse (or read from the cache) every document to land and write its rows into ``writer`` in
    batches; then the run's rows, of every file."""
    cache = RowCache(cache_dir) if cache_dir else None
    to_land = paths if plan is None else plan.to_land
    limits = limits or DocumentLimits.from_environment()

    def write(rows: ArrowRows) -> None:
        with clock("write"):
            writer.append(rows)

    with Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=not console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(to_land))

        def advance(path: Path) -> None:
            progress.update(task, advance=1, description=_shown(path.name))

        with clock("parse and land"):
            rows, summary = collect(
                process_paths(to_land, workers, cache, limits, ray_address),
                on_document=advance,
                batch=batch,
                sink=write,
            )
    clock.seconds["parse and land"] = round(clock.seconds["parse and land"] - clock.seconds.get("write", 0.0), 3)
    with clock("write"):
        files, manifest_issues = source_file_rows(raw_dir, paths)
        summary.issues += len(manifest_issues)
        writer.append(rows)
        writer.append(
            {
                "source_files": files,
                "ingest_issues": manifest_issues,
                "build_runs": [build_run_row(raw_dir, build_started)],
            }
        )
        if plan is None:  # a full build refreshes every document
            writer.con.execute("insert into raw.refreshed_documents select document_id from raw.documents")
        else:
            summary.carried = plan.carried
        writer.finish()
    if cache is not None:
        cache.prune_other_versions()  # entries of older parser code can never be read again
    if (ocr_cache := current().ocr_cache) is not None:
        OcrCache(ocr_cache).prune_other_versions()  # pages read by older OCR code, likewise
    return summary


class StageClock:
    """Seconds spent in each named stage; a stage entered several times adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            spent = time.perf_counter() - started
            self.seconds[stage] = round(self.seconds.get(stage, 0.0) + spent, 3)


def _shown(path: Path | str) -> str:
    """A path as the console prints it: never read as markup ("[red]x" is a file name too)."""
    return escape(printable(path))


def _print_summary(summary: RunSummary, raw_dir: Path, db: Path, elapsed: float, clock: StageClock) -> None:
    table = Table(title=f"ingest of {_shown(raw_dir)} -> {_shown(db)} in {elapsed:.2f}s", show_header=False)
    for label, value in [
        ("documents read", summary.documents),
        ("of which unchanged (from cache)", summary.from_cache),
        ("carried over unchanged from the published warehouse", summary.carried),
        ("unreadable documents", summary.unreadable),
        ("stopped by a limit (failed)", summary.failed),
        ("quarantined (rows held back)", summary.quarantined),
        ("final-accounts tables found", summary.tables),
        ("table figures landed", summary.table_values),
        ("narrative figures landed", summary.narrative_figures),
        ("evaluated projects", summary.projects),
        ("indicator rows", summary.indicators),
        ("ingest issues (errors)", f"{summary.issues} ({summary.errors})"),
        *((f"seconds: {stage}", f"{seconds:.2f}") for stage, seconds in clock.seconds.items()),
    ]:
        table.add_row(label, str(value))
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="ingest every document of a folder into the raw schema of a DuckDB file")
    run_p.add_argument("--raw-dir", type=Path, required=True)
    run_p.add_argument("--db", type=Path, required=True, help="the database file, written anew")
    run_p.add_argument("--workers", type=int, default=1, help="parallel parsing processes")
    run_p.add_argument(
        "--cache-dir", type=Path, default=None, help="reuse parsed rows of documents unchanged since the last run"
    )
    run_p.add_argument(
        "--carry-over",
        type=Path,
        default=None,
        help="refresh: start from this (published) database and land only the documents that changed",
    )
    run_p.add_argument("--timings", type=Path, default=None, help="write the seconds of each stage here (JSON)")
    run_p.add_argument(
        "--ray-address", default=None, help="parse on this Ray cluster (host:port) instead of worker processes"
    )
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(
            args.raw_dir,
            args.db,
            args.workers,
            args.cache_dir,
            timings=args.timings,
            ray_address=args.ray_address,
            carry_over=args.carry_over,
        )
    return 2


if __name__ == "__main__":
    sys.exit(main())
