"""Which renderer writes which output, and how long each took.

`pdf` is drawn by the producer the document's layout chose; every other format has one writer.
Office conversions and browser printing run in batches (one soffice call, one browser per page
batch), so their time is shared by the documents of the batch.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from docgen import render_reportlab
from docgen.catalogue import DIMENSIONS

Entry = tuple[str, str, str, str]  # file name, document, format, producer


def _reportlab(ruled: bool) -> Callable:
    def write(docs, raw: Path, seed: int) -> list[Entry]:
        out = []
        for doc in docs:
            render_reportlab.render(doc.printed, raw / f"{doc.name}.pdf", ruled=ruled)
            out.append((f"{doc.name}.pdf", doc.name, "pdf", doc.layout.producer))
        return out

    return write


PDF_PRODUCERS: dict[str, Callable] = {
    "reportlab": _reportlab(True),
    "reportlab_unruled": _reportlab(False),
}
OTHER_FORMATS: dict[str, Callable] = {}


def available() -> tuple[str, ...]:
    """PDF producers this machine can run (office and browser producers need soffice / chromium)."""
    return tuple(p for p in DIMENSIONS["producer"] if p in PDF_PRODUCERS and _tools_present(p))


def _tools_present(producer: str) -> bool:
    needs = {"office_workbook": "soffice", "office_document": "soffice", "browser_html": "chromium"}
    return producer not in needs or shutil.which(needs[producer]) is not None


def write_format(fmt: str, docs, raw: Path, seed: int) -> tuple[list[Entry], dict[str, float]]:
    entries: list[Entry] = []
    timings: dict[str, float] = {}
    if fmt == "pdf":
        for producer in DIMENSIONS["producer"]:
            batch = [d for d in docs if d.layout.producer == producer]
            if batch:
                started = time.perf_counter()
                entries += PDF_PRODUCERS[producer](batch, raw, seed)
                timings[f"pdf:{producer}"] = time.perf_counter() - started
        return entries, timings
    if fmt not in OTHER_FORMATS:
        raise ValueError(f"format {fmt} is not written on this machine")
    started = time.perf_counter()
    entries += OTHER_FORMATS[fmt](docs, raw, seed)
    timings[fmt] = time.perf_counter() - started
    return entries, timings


def per_document(timings: dict[str, float], entries: list[Entry]) -> dict[str, float]:
    """Seconds per output file, per producer (pdf) or format."""
    counts: dict[str, int] = {}
    for _, _, fmt, producer in entries:
        key = f"pdf:{producer}" if fmt == "pdf" else fmt
        counts[key] = counts.get(key, 0) + 1
    return {key: round(timings[key] / n, 3) for key, n in counts.items() if key in timings}
