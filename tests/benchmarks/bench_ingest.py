"""Ingest throughput over the sample corpus replicated to N documents, and a full build's time.

    .venv/bin/python tests/benchmarks/bench_ingest.py [--copies 100] [--workers 1 2] [--no-build]

Each copy gets one extra trailing line so that every file has its own document_id. Reports
documents/s and MB/s for parsing + landing (the `ingest run` step), then the wall time of a
full `make build` (ingest, dbt build, expectations, report, docs, exports, publish) on the
replicated corpus and on the plain sample corpus.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ingest.landing.cache import RowCache  # noqa: E402
from ingest.landing.duckdb_writer import write_raw  # noqa: E402
from ingest.pipeline import collect, find_documents, process_paths  # noqa: E402

SAMPLES = ROOT / "data" / "samples"


def replicate(target: Path, copies: int) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for src in sorted(SAMPLES.iterdir()):
            data = src.read_bytes() + f"\n副本 {i}\n".encode()
            (target / f"{i:04d}_{src.name}").write_bytes(data)
    return find_documents(target)


def bench_ingest(paths: list[Path], workers: int, db: Path, cache: RowCache | None = None) -> tuple[float, int]:
    started = time.perf_counter()
    rows, summary = collect(process_paths(paths, workers, cache))
    write_raw(db, rows)
    return time.perf_counter() - started, summary.documents


def bench_build(raw_dir: Path, warehouse: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["make", "build", f"RAW_DIR={raw_dir}", f"WAREHOUSE={warehouse}", "ALLOW_FAILURES=1"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the 5 sample documents (100 → 500 docs)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-build", action="store_true", help="skip the full make build timings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        paths = replicate(tmp_path / "raw", args.copies)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(f"corpus: {len(paths)} documents, {megabytes:.1f} MB")
        for workers in args.workers:
            seconds, docs = bench_ingest(paths, workers, tmp_path / f"ingest_{workers}.duckdb")
            print(
                f"ingest  workers={workers}: {seconds:6.2f} s  {docs / seconds:7.1f} docs/s  {megabytes / seconds:6.2f} MB/s"
            )
        cache = RowCache(tmp_path / "cache")
        bench_ingest(paths, 1, tmp_path / "fill.duckdb", cache)
        seconds, docs = bench_ingest(paths, 1, tmp_path / "cached.duckdb", cache)
        print(f"ingest  all {docs} documents unchanged (from cache): {seconds:6.2f} s  {docs / seconds:7.1f} docs/s")
        if not args.no_build:
            seconds = bench_build(SAMPLES, tmp_path / "sample" / "warehouse.duckdb")
            print(f"make build, sample corpus (5 docs): {seconds:6.1f} s")
            seconds = bench_build(tmp_path / "raw", tmp_path / "big" / "warehouse.duckdb")
            print(f"make build, {len(paths)} documents: {seconds:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
