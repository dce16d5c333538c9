"""Which renderer writes which output, and how long each took.

`pdf` is drawn by the producer the document's layout chose; every other format has one writer.
Office conversions and browser printing run in batches (one soffice call for many files, two
browsers at a time), so their time is shared by the documents of the batch.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docgen import convert, render_docx, render_html, render_reportlab, render_text, render_xlsx, scan
from docgen.catalogue import DIMENSIONS, SCAN_DPIS

Entry = tuple[str, str, str, str]  # file name, document, format, producer


def _reportlab(ruled: bool) -> Callable:
    def write(docs, raw: Path) -> list[Entry]:
        for doc in docs:
            render_reportlab.render(doc.printed, raw / f"{doc.name}.pdf", ruled=ruled)
        return [(f"{doc.name}.pdf", doc.name, "pdf", doc.layout.producer) for doc in docs]

    return write


def _workbook(doc, path: Path) -> None:
    render_xlsx.render(doc.printed, path, doc.layout.thousands == "separators")


def _office(suffix: str, writer: Callable, target: str = "pdf") -> Callable:
    """Write each document with `writer` (as .suffix) and convert them all in one LibreOffice call."""

    def write(docs, raw: Path) -> list[Entry]:
        with tempfile.TemporaryDirectory(prefix="docgen-") as tmp:
            sources = []
            for doc in docs:
                source = Path(tmp) / f"{doc.name}.{suffix}"
                writer(doc, source)
                sources.append(source)
            convert.office_convert(sources, target, raw)
        fmt = "pdf" if target == "pdf" else target
        return [
            (f"{doc.name}.{target}", doc.name, fmt, doc.layout.producer if fmt == "pdf" else "office_document")
            for doc in docs
        ]

    return write


def _browser(docs, raw: Path) -> list[Entry]:
    with tempfile.TemporaryDirectory(prefix="docgen-") as tmp:
        pages = []
        for doc in docs:
            html = Path(tmp) / f"{doc.name}.html"
            render_html.render(doc.printed, html)
            pages.append((html, raw / f"{doc.name}.pdf"))
        convert.print_pages(pages)
    return [(f"{doc.name}.pdf", doc.name, "pdf", "browser_html") for doc in docs]


def _files(fmt: str, writer: Callable, producer: str) -> Callable:
    def write(docs, raw: Path) -> list[Entry]:
        for doc in docs:
            writer(doc, raw / f"{doc.name}.{fmt}")
        return [(f"{doc.name}.{fmt}", doc.name, fmt, producer) for doc in docs]

    return write


def _scans(docs, raw: Path, dpis: tuple[int, ...] = SCAN_DPIS) -> list[Entry]:
    """Image-only PDFs of each document's ruled PDF; the dpi cycles through `dpis`."""
    entries = []
    with tempfile.TemporaryDirectory(prefix="docgen-") as tmp:
        for i, doc in enumerate(docs):
            source = Path(tmp) / f"{doc.name}.pdf"
            render_reportlab.render(doc.printed, source)
            dpi = dpis[i % len(dpis)]
            scan.scan_pdf(source, raw / f"{doc.name}_scan.pdf", dpi, doc.name)
            entries.append((f"{doc.name}_scan.pdf", doc.name, "scan", f"scan_{dpi}dpi"))
    return entries


PDF_PRODUCERS: dict[str, Callable] = {
    "reportlab": _reportlab(True),
    "reportlab_unruled": _reportlab(False),
    "office_workbook": _office("xlsx", _workbook),
    "office_document": _office("docx", lambda doc, path: render_docx.render(doc.printed, path)),
    "browser_html": _browser,
}
OTHER_FORMATS: dict[str, Callable] = {
    "docx": _files("docx", lambda doc, path: render_docx.render(doc.printed, path), "python_docx"),
    "xlsx": _files("xlsx", _workbook, "openpyxl"),
    "html": _files("html", lambda doc, path: render_html.render(doc.printed, path), "html_page"),
    "txt": _files("txt", lambda doc, path: render_text.render(doc.printed, path), "text_dump"),
    "doc": _office("docx", lambda doc, path: render_docx.render(doc.printed, path), target="doc"),
    "scan": _scans,
}
NEEDS = {"office_workbook": "soffice", "office_document": "soffice", "browser_html": "chromium", "doc": "soffice"}


def _tool_present(name: str) -> bool:
    tool = NEEDS.get(name)
    if tool is None:
        return True
    return (convert.soffice() if tool == "soffice" else convert.browser()) is not None


def available() -> tuple[str, ...]:
    """PDF producers this machine can run (office and browser producers need soffice / chromium)."""
    return tuple(p for p in DIMENSIONS["producer"] if _tool_present(p))


def write_format(
    fmt: str, docs, raw: Path, scan_dpis: tuple[int, ...] = SCAN_DPIS
) -> tuple[list[Entry], dict[str, float]]:
    entries: list[Entry] = []
    timings: dict[str, float] = {}
    if fmt == "pdf":
        for producer in DIMENSIONS["producer"]:
            batch = [d for d in docs if d.layout.producer == producer]
            if batch:
                started = time.perf_counter()
                entries += PDF_PRODUCERS[producer](batch, raw)
                timings[f"pdf:{producer}"] = time.perf_counter() - started
        return entries, timings
    if not _tool_present(fmt):
        raise RuntimeError(f"format {fmt} needs {NEEDS[fmt]}, which is not installed")
    started = time.perf_counter()
    entries += _scans(docs, raw, scan_dpis) if fmt == "scan" else OTHER_FORMATS[fmt](docs, raw)
    timings[fmt] = time.perf_counter() - started
    return entries, timings


def per_file(timings: dict[str, float], entries: list[Entry]) -> dict[str, float]:
    """Seconds per output file, per producer (pdf) or format."""
    counts: dict[str, int] = {}
    for _, _, fmt, producer in entries:
        key = f"pdf:{producer}" if fmt == "pdf" else fmt
        counts[key] = counts.get(key, 0) + 1
    return {key: round(timings[key] / n, 3) for key, n in counts.items() if key in timings}
