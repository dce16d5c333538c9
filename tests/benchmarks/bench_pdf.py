"""Our whole ingest of a PDF vs pdfplumber's own extract_text + extract_tables over the same pages.

    .venv/bin/python tests/benchmarks/bench_pdf.py [--repeats 3] [PDF ...]

Ours is ingest.pipeline.process_document (loading, layout, every parser) plus building the raw
rows it would land (rows_by_table). The baseline opens the same file with pdfplumber and calls
page.extract_text() and page.extract_tables() on every page. Runs alternate (ours, baseline, ours,
…) so that load from other processes on the machine hits both alike; the best run of each is
reported, with seconds per page, the ratio ours / baseline (target: at most 1.0), and peak
memory of one run of each, measured apart from the timed runs: Python allocations with tracemalloc
(which slows code down and does not see pdfium's native memory) and the peak resident set size of
a fresh process doing only that run (VmHWM; includes the interpreter and imports, about 38 MiB). Not part of the test suite: it reads the published PDFs from ../shared.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from ingest.landing.rows import rows_by_table  # noqa: E402
from ingest.pipeline import process_document  # noqa: E402

SHARED_PDF = ROOT.parent / "shared" / "corpus" / "pdf"
DEFAULT_PDFS = ("putuo_planning_resources_2024.pdf", "putuo_social_work_dept_2024.pdf")


def ours(path: Path) -> int:
    result = process_document(path)
    rows = rows_by_table(result)
    return sum(len(r) for r in rows.values())


def baseline(path: Path) -> int:
    cells = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            cells += sum(len(row) for table in page.extract_tables() for row in table)
            page.close()
    return cells


def timed(action: Callable[[Path], int], path: Path) -> float:
    started = time.perf_counter()
    action(path)
    return time.perf_counter() - started


def peak_mib(action: Callable[[Path], int], path: Path) -> float:
    tracemalloc.start()
    action(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def peak_rss_mib(mode: str, path: Path) -> float:
    """Peak resident set size of a fresh process that runs only `mode` on `path`."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)], check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def child(mode: str, path: Path) -> None:
    {"ours": ours, "baseline": baseline}[mode](path)
    print(_peak_rss_kib() / 1024)


def _peak_rss_kib() -> float:
    """VmHWM of this process (its own address space since exec; ru_maxrss can carry the parent's peak)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


def bench(path: Path, repeats: int) -> dict[str, float]:
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
    ours(path)  # warm: imports, the gazetteer, compiled patterns
    times: dict[str, list[float]] = {"ours": [], "baseline": []}
    for _ in range(repeats):
        times["ours"].append(timed(ours, path))
        times["baseline"].append(timed(baseline, path))
    ours_s, base_s = min(times["ours"]), min(times["baseline"])
    return {
        "pages": pages,
        "ours_s": ours_s,
        "baseline_s": base_s,
        "ours_s_per_page": ours_s / pages,
        "baseline_s_per_page": base_s / pages,
        "ratio": ours_s / base_s,
        "ours_peak_mib": peak_mib(ours, path),
        "baseline_peak_mib": peak_mib(baseline, path),
        "ours_rss_mib": peak_rss_mib("ours", path),
        "baseline_rss_mib": peak_rss_mib("baseline", path),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", help="PDF files (default: the two department PDFs in ../shared)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", choices=("ours", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.pdfs[0]))
        return 0
    paths = [Path(p) for p in args.pdfs] or [SHARED_PDF / name for name in DEFAULT_PDFS]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"missing: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    print(
        f"{'file':40} {'pages':>5} {'ours s':>8} {'base s':>8} {'ours s/p':>9} {'base s/p':>9} "
        f"{'ratio':>6} {'ours MiB':>9} {'base MiB':>9} {'ours RSS':>9} {'base RSS':>9}"
    )
    total = {"ours_s": 0.0, "baseline_s": 0.0, "pages": 0}
    for path in paths:
        r = bench(path, args.repeats)
        for key in total:
            total[key] += r[key]
        print(
            f"{path.name:40} {r['pages']:>5} {r['ours_s']:>8.2f} {r['baseline_s']:>8.2f} "
            f"{r['ours_s_per_page']:>9.3f} {r['baseline_s_per_page']:>9.3f} {r['ratio']:>6.2f} "
            f"{r['ours_peak_mib']:>9.1f} {r['baseline_peak_mib']:>9.1f} {r['ours_rss_mib']:>9.1f} {r['baseline_rss_mib']:>9.1f}"
        )
    ratio = total["ours_s"] / total["baseline_s"]
    print(
        f"{'all':40} {total['pages']:>5} {total['ours_s']:>8.2f} {total['baseline_s']:>8.2f} "
        f"{total['ours_s'] / total['pages']:>9.3f} {total['baseline_s'] / total['pages']:>9.3f} {ratio:>6.2f}"
    )
    print("target met: ours <= extract_text + extract_tables" if ratio <= 1.0 else "target NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
