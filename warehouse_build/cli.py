"""``python -m warehouse_build STEP``: build the warehouse, run one step of it, clean, shell or where.

Settings come from the environment (the Makefile passes its variables through unexpanded), never
through shell text: RAW_DIR (default data/samples), WAREHOUSE (default warehouse/warehouse.duckdb),
WORKERS (default 2), ALLOW_FAILURES (default 0), EXECUTOR (process, the default, or ray: parsing
on the Ray cluster at RAY_ADDRESS, default auto: a cluster started on this machine). Relative
paths are relative to the working folder.

One build at a time per warehouse: every step holds ``.build/build.lock``; a second one started
while it is held stops at once with exit code 75 and changes nothing.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warehouse_build.layout import Layout
from warehouse_build.measure import BuildSummary, PeakSampler, measured, read_parts
from warehouse_build.publish import clean
from warehouse_build.steps import REPO, STEPS, Settings, StepFailed, shell, where

BUILD_ORDER = ("ingest", "dbt", "expectations", "report", "docs", "exports", "publish")
BUSY = 75  # EX_TEMPFAIL: another build of this warehouse is running


def settings_from(environ: dict[str, str]) -> Settings:
    def text(name: str, default: str) -> str:
        return environ.get(name, "") or default

    return Settings(
        raw_dir=Path(text("RAW_DIR", "data/samples")).absolute(),
        layout=Layout(Path(text("WAREHOUSE", "warehouse/warehouse.duckdb")).absolute()),
        workers=int(text("WORKERS", "2")),
        allow_failures=text("ALLOW_FAILURES", "0").lower() not in ("0", "false", "no"),
        ray_address=_ray_address(text("EXECUTOR", "process"), text("RAY_ADDRESS", "auto")),
        full_refresh=text("FULL_REFRESH", "0").lower() not in ("0", "false", "no"),
    )


def _ray_address(executor: str, address: str) -> str | None:
    """The Ray cluster documents are parsed on (EXECUTOR=ray), or None for worker processes."""
    if executor not in ("process", "ray"):
        raise SystemExit(f"EXECUTOR={executor}: use process (the default) or ray")
    return address if executor == "ray" else None


@contextmanager
def build_lock(layout: Layout) -> Iterator[bool]:
    """Hold the warehouse's build lock; yields False (holding nothing) when another build holds it."""
    layout.work.mkdir(parents=True, exist_ok=True)
    with open(layout.lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def run_steps(settings: Settings, steps: tuple[str, ...]) -> int:
    """Run the steps in order; the seconds and peak memory of each are printed at the end and
    written to .build/build_summary.json, whether the steps finish or one stops the build."""
    layout = settings.layout
    summary = BuildSummary()
    try:
        with PeakSampler() as sampler:
            for name in steps:
                print(f"== {name}", file=sys.stderr, flush=True)
                with measured(summary, sampler, name):
                    STEPS[name](settings)
                print(f"== {name} done in {summary.steps[-1].seconds:.1f}s", file=sys.stderr, flush=True)
                if name == "ingest":
                    summary.parts[name] = read_parts(layout.ingest_timings)
    finally:
        summary.write(layout.build_summary)
        print(f"\nseconds and peak memory (RSS of the build and its workers) per step:\n{summary.text()}",
              file=sys.stderr, flush=True)  # fmt: skip
    return 0


def shell_prompt(settings: Settings) -> int:
    try:
        shell(settings)
    except StepFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _stop_on_terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through subprocess.run, which then kills the running step


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warehouse_build", description=__doc__.splitlines()[0])
    parser.add_argument(
        "step",
        choices=("build", *BUILD_ORDER, "dbt-models", "clean", "shell", "where"),
        help="build: ingest, dbt, expectations, report, docs, exports, publish in turn; one of those: that step alone "
        "on the candidate; dbt-models: the dbt models without their tests; clean: remove what builds made beside "
        "WAREHOUSE; shell: SQL prompt on the published warehouse; where: where the published outputs are",
    )
    args = parser.parse_args(argv)
    settings = settings_from(dict(os.environ))
    layout = settings.layout
    if args.step == "shell":  # reads the published file only: no lock
        return shell_prompt(settings)
    if args.step == "where":
        where(layout, sys.stdout)
        return 0
    if args.step == "clean":
        for path in clean(layout):
            print(f"removed {path}", file=sys.stderr)
        for folder in (REPO / "dbt_project" / "target", REPO / "dbt_project" / "logs"):
            shutil.rmtree(folder, ignore_errors=True)
        return 0
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    try:
        with build_lock(layout) as held:
            if not held:
                print(f"another build of {layout.warehouse} is running; nothing was done", file=sys.stderr)
                return BUSY
            return run_steps(settings, BUILD_ORDER if args.step == "build" else (args.step,))
    except StepFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:  # a folder that cannot be written, a full disk
        print(f"build stopped: {exc}; {layout.warehouse} and its outputs are unchanged", file=sys.stderr)
        return 1
