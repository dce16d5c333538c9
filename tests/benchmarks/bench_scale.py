"""Full builds of a growing generated corpus: seconds and peak memory per step, and how they grow.

    .venv/bin/python tests/benchmarks/bench_scale.py [--sizes 1000 5000 20000] [--distinct 200]
        [--formats txt] [--workers 2] [--checkout DIR]

`--distinct` documents are generated (docgen, seed 1) in each of `--formats` (txt: text dumps; pdf:
the layouts' PDF producers), then copied round-robin up to each size, each copy with a line of its
own at the end (a PDF: a comment after its end) so that every file is a document of its own. Each
size is built with `make build` (ALLOW_FAILURES=1) into a new warehouse. The build's own summary
(.build/build_summary.json) gives the seconds and peak memory per step; the benchmark also samples
the peak memory of the whole `make` process tree itself, so `--checkout` can point at another
checkout of the project (with its own .venv) to measure it the same way, summary or not.
Prints one row per size and step, then seconds per 1,000 documents, so growth shows as a ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from warehouse_build.measure import MB, PeakSampler  # noqa: E402


def generate(folder: Path, distinct: int, formats: list[str], checkout: Path) -> list[Path]:
    subprocess.run(
        [checkout / ".venv/bin/python", "-m", "docgen", "generate", "--out", folder, "--n", str(distinct)]
        + ["--seed", "1", "--formats", ",".join(formats)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted((folder / "raw").iterdir())


def replicate(sources: list[Path], target: Path, size: int) -> float:
    """Copy ``sources`` round-robin to ``size`` files of their own; return the megabytes written."""
    target.mkdir(parents=True)
    written = 0
    for i in range(size):
        source = sources[i % len(sources)]
        data = source.read_bytes()
        tail = f"\n%copy {i}\n" if source.suffix == ".pdf" else f"\n副本 {i}\n"
        data += tail.encode()
        (target / f"{i:06d}_{source.name}").write_bytes(data)
        written += len(data)
    return written / 1e6


def build(
    checkout: Path, raw: Path, warehouse: Path, workers: int, settings: tuple[str, ...] = ()
) -> tuple[float, float, float, dict]:
    """Seconds, CPU seconds and peak MB of the make process tree, and the build's own summary (empty
    without one)."""
    argv = ["make", "build", f"RAW_DIR={raw}", f"WAREHOUSE={warehouse}", "ALLOW_FAILURES=1", f"WORKERS={workers}"]
    argv += settings
    with PeakSampler(interval=0.25) as sampler:
        started, cpu_started = time.perf_counter(), sampler.cpu_total()
        done = subprocess.run(argv, cwd=checkout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        sampler.sample()
        seconds, cpu = time.perf_counter() - started, sampler.cpu_total() - cpu_started
    if done.returncode != 0:
        raise RuntimeError(f"make build failed:\n{done.stderr[-3000:]}")
    summary_file = warehouse.parent / ".build" / "build_summary.json"
    summary = json.loads(summary_file.read_text()) if summary_file.exists() else {}
    return seconds, cpu, sampler.peak / MB, summary


def load() -> str:
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--distinct", type=int, default=200, help="generated documents the copies are drawn from")
    parser.add_argument("--formats", default="txt", help="comma-separated docgen formats (txt, pdf, ...)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the project checkout whose build is measured")
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        work = args.keep or Path(tmp)
        sources = generate(work / "generated", args.distinct, args.formats.split(","), args.checkout)
        print(f"{len(sources)} generated files ({args.formats}); checkout {args.checkout}; workers {args.workers}")
        rows = []
        for size in args.sizes:
            megabytes = replicate(sources, work / f"raw_{size}", size)
            before = load()
            seconds, cpu, peak, summary = build(args.checkout, work / f"raw_{size}", work / f"w_{size}/warehouse.duckdb",
                                           args.workers)  # fmt: skip
            rows.append((size, megabytes, seconds, peak, summary))
            print(f"\n{size} documents, {megabytes:.1f} MB: make build {seconds:.1f} s, {cpu:.1f} CPU s, peak {peak:.0f} MB "
                  f"({before} before, {load()} after)", flush=True)  # fmt: skip
            for step in summary.get("steps", []):
                cpu = step.get("cpu_seconds", 0.0)
                print(f"  {step['step']:<14}{step['seconds']:>9.1f} s{cpu:>9.1f} CPU s{step['peak_rss_mb']:>8.0f} MB")
                for part, part_seconds in summary.get("parts", {}).get(step["step"], {}).items():
                    print(f"    {part:<16}{part_seconds:>7.1f} s")
        _growth(rows)
    return 0


def _growth(rows: list[tuple]) -> None:
    """Seconds (CPU seconds) per 1,000 documents per step, and peak memory, for each size."""
    steps = [s["step"] for s in rows[0][4].get("steps", [])]
    for key in ("seconds", "cpu_seconds"):
        _per_thousand(rows, steps, key)


def _per_thousand(rows: list[tuple], steps: list[str], key: str) -> None:
    print(f"\n{key} per 1,000 documents (a column that stays flat grows linearly), peak MB of the whole build")
    print(
        f"{'documents':>10}{'MB/s ingest':>12}"
        + "".join(f"{s:>13}" for s in [*steps, "make build"])
        + f"{'peak MB':>9}"
    )
    for size, megabytes, seconds, peak, summary in rows:
        per_step = {s["step"]: s.get(key, 0.0) for s in summary.get("steps", [])}
        ingest = per_step.get("ingest")
        rate = f"{megabytes / ingest:12.2f}" if ingest else f"{'':>12}"
        cells = "".join(f"{1000 * per_step.get(s, 0) / size:13.2f}" for s in steps)
        whole = seconds if key == "seconds" else sum(per_step.values())
        print(f"{size:>10}{rate}{cells}{1000 * whole / size:13.2f}{peak:9.0f}")


if __name__ == "__main__":
    sys.exit(main())
