"""A refresh against a full build: seconds and processor seconds per step, and their ratio.

    .venv/bin/python tests/benchmarks/bench_refresh.py [--size 1000] [--changed 0.01] [--distinct 200]
        [--formats txt] [--workers 2]

`--size` documents are drawn from the generator as bench_scale.py draws them and built in full
(`make build FULL_REFRESH=1`); then `--changed` of them (1% by default) are changed (a line of
their own added at the end, so each is new bytes to parse, land, model and check) and the
warehouse is built again, which refreshes it. Prints both builds' steps side by side and the
ratio of the refresh to the full build (of seconds and of processor seconds) and the peak memory
of each step in each, with the load of the machine before and after each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

from bench_scale import build, generate, load, replicate  # noqa: E402


def change(raw: Path, share: float) -> int:
    """Add a line to every 1/share-th file; return how many were changed."""
    files = sorted(raw.iterdir())
    step = max(1, round(1 / share))
    changed = files[::step]
    for path in changed:
        with path.open("ab") as handle:
            handle.write("\n改 一行\n".encode())
    return len(changed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--changed", type=float, default=0.01, help="share of the documents changed")
    parser.add_argument("--distinct", type=int, default=200, help="generated documents the copies are drawn from")
    parser.add_argument("--formats", default="txt")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_refresh_") as tmp:
        work = args.keep or Path(tmp)
        sources = generate(work / "generated", args.distinct, args.formats.split(","), ROOT)
        raw, warehouse = work / "raw", work / "w" / "warehouse.duckdb"
        megabytes = replicate(sources, raw, args.size)
        runs = {}
        for name in ("full", "refresh"):
            if name == "refresh":
                changed = change(raw, args.changed)
            before = load()
            settings = ("FULL_REFRESH=1",) if name == "full" else ()
            seconds, cpu, peak, summary = build(ROOT, raw, warehouse, args.workers, settings)
            runs[name] = (seconds, cpu, summary)
            print(f"{name}: {seconds:.1f} s, {cpu:.1f} CPU s, peak {peak:.0f} MB ({before} before, {load()} after)",
                  flush=True)  # fmt: skip
    print(f"\n{args.size} documents ({megabytes:.1f} MB), {changed} changed; seconds (processor seconds), peak MB")
    steps = [s["step"] for s in runs["full"][2].get("steps", [])]
    print(f"{'step':<14}{'full':>18}{'refresh':>18}{'ratio':>8}{'cpu ratio':>10}{'peak MB':>14}")
    for step in steps:
        full, refresh = (_step(runs[name][2], step) for name in ("full", "refresh"))
        ratio = refresh[0] / full[0] if full[0] else 0.0
        cpu_ratio = refresh[1] / full[1] if full[1] else 0.0
        print(f"{step:<14}{full[0]:>9.1f} ({full[1]:>6.1f}){refresh[0]:>9.1f} ({refresh[1]:>6.1f}){ratio:>8.2f}"
              f"{cpu_ratio:>10.2f}{full[2]:>7.0f}{refresh[2]:>7.0f}")  # fmt: skip
    (full_s, full_cpu, _), (refresh_s, refresh_cpu, _) = runs["full"], runs["refresh"]
    print(f"{'make build':<14}{full_s:>9.1f} ({full_cpu:>6.1f}){refresh_s:>9.1f} ({refresh_cpu:>6.1f})"
          f"{refresh_s / full_s:>8.2f}  (processor seconds {refresh_cpu / full_cpu:.2f})")  # fmt: skip
    return 0


def _step(summary: dict, name: str) -> tuple[float, float, float]:
    """Seconds, processor seconds and peak MB of one step of a build."""
    for step in summary.get("steps", []):
        if step["step"] == name:
            return step["seconds"], step.get("cpu_seconds", 0.0), step.get("peak_rss_mb", 0.0)
    return 0.0, 0.0, 0.0


if __name__ == "__main__":
    sys.exit(main())
