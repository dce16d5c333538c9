"""Scanned pages: seconds per page, and how many of the figures a scan gives back.

    .venv/bin/python tests/benchmarks/bench_ocr.py [--dpi 200] [--workers 2] [--pages 0-29] [PDF]

A PDF with a text layer (by default the published putuo_planning_resources_2024.pdf of the test
fixtures) is scanned (tests/fixtures/make_scan.py: rendered at --dpi, skewed, speckled, greyed,
JPEG-compressed, wrapped in a PDF without a text layer) and read by the whole ingest with its pages
read --workers at a time (the cores a worker gives a document that has them to itself). Reported: wall seconds per scanned page and CPU seconds per page
(all processes), and the figures of the scan against those of the text layer read by the same
reader: found (same table, row, column and amount), misread (same place, another amount: each
must be flagged by an identity of the document, never land silently) and missing. Not part of the
test suite (a page takes seconds).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fixtures.make_scan import scanned_pdf  # noqa: E402

from ingest.model import DocumentResult  # noqa: E402
from ingest.parsing_context import ParsingContext, in_effect  # noqa: E402
from ingest.pipeline import process_document  # noqa: E402

DEFAULT_PDF = ROOT / "tests" / "fixtures" / "corpus" / "pdf" / "putuo_planning_resources_2024.pdf"


def _facts(result: DocumentResult) -> dict[tuple, object]:
    return {
        (v.table_key, v.row_key, v.column_key, v.side, v.row_no): v.amount and v.amount.value for v in result.values
    }


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", default=None, help="0-based page range of the source, e.g. 6-16")
    args = parser.parse_args()
    data = args.pdf.read_bytes()
    pages = None
    if args.pages:
        first, _, last = args.pages.partition("-")
        pages = list(range(int(first), int(last or first) + 1))
    scan = Path("/tmp") / f"bench_ocr_{args.pdf.stem}_{args.dpi}dpi.pdf"
    scan.write_bytes(scanned_pdf(data, pages=pages, dpi=args.dpi))
    text_layer = args.pdf
    if pages is not None:  # the same pages with their text layer, for the reference reading
        import pypdfium2 as pdfium

        source, part = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
        part.import_pages(source, pages)
        text_layer = Path("/tmp") / f"bench_ocr_{args.pdf.stem}_text.pdf"
        part.save(text_layer)
    reference = process_document(text_layer)
    cpu, started = _cpu_seconds(), time.perf_counter()
    with in_effect(ParsingContext(cores=args.workers)):  # as a worker given the cores of --workers
        result = process_document(scan)
    wall, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    count = result.loaded.page_count or 1
    wanted, read = _facts(reference), _facts(result)
    found = sum(1 for key, amount in wanted.items() if key in read and read[key] == amount)
    misread = [key for key, amount in wanted.items() if key in read and read[key] != amount]
    print(f"{args.pdf.name}: {count} pages scanned at {args.dpi} dpi, {args.workers} workers")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {wall / count:.2f} s per page (wall), {cpu / count:.2f} s CPU per page; {wall:.1f} s in all")
    print(f"  peak resident memory {peak:.0f} MB")
    print(f"  figures of the text layer: {len(wanted)}; found {found} ({100 * found / max(len(wanted), 1):.1f}%)")
    print(
        f"  misread {len(misread)}, missing {len(wanted) - found - len(misread)}, extra {len(set(read) - set(wanted))}"
    )
    for key in misread[:20]:
        print(f"    misread {key}: {read[key]} for {wanted[key]}")
    confidences = Counter(round(v.ocr_confidence or 0, 1) for v in result.values if v.amount)
    print(f"  confidence of the figures read: {sorted(confidences.items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
