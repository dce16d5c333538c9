"""PDFs made by other programs: LibreOffice (workbooks, word-processor files, legacy .doc) and a
headless browser printing a page. Conversions run in batches — one soffice call for many files,
browsers two at a time — with a private profile each, so they never touch a user's own.

Both programs stamp the PDF with the time of writing and a random file ID; `fix_pdf_stamps`
rewrites those in place (same length, so the cross-reference offsets stay right), making the same
document give the same bytes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
STAMP = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})([^)]*\))")
XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
FILE_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
UUID = re.compile(rb"(uuid:)([0-9a-fA-F-]{36})")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def office_convert(sources: list[Path], target: str, outdir: Path, timeout: float = 1800) -> None:
    """Convert files with LibreOffice in one call (`target`: pdf, doc, …) into outdir."""
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    if not sources:
        return
    with tempfile.TemporaryDirectory(prefix="docgen-office-") as profile:
        command = [
            program,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)
    for source in sources:
        converted = outdir / f"{source.stem}.{target}"
        if not converted.exists():
            raise RuntimeError(f"LibreOffice did not convert {source.name}")
        if target == "pdf":
            fix_pdf_stamps(converted)


def print_pages(pages: list[tuple[Path, Path]], workers: int = 2, timeout: float = 120) -> None:
    """Print each (html, pdf) pair with a headless browser, `workers` browsers at a time."""
    program = browser()
    if program is None:
        raise RuntimeError("Chromium is not installed")

    def one(pair: tuple[Path, Path]) -> None:
        html, pdf = pair
        with tempfile.TemporaryDirectory(prefix="docgen-browser-") as profile:
            command = [
                program,
                *BROWSER_FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                html.resolve().as_uri(),
            ]
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        if not pdf.exists():
            raise RuntimeError(f"the browser did not print {html.name}")
        fix_pdf_stamps(pdf)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, pages))


def fix_pdf_stamps(path: Path) -> None:
    data = path.read_bytes()
    data = STAMP.sub(lambda m: m.group(1) + b"20250630090000" + m.group(3), data)
    data = XMP_DATE.sub(lambda m: m.group(1) + b"2025-06-30T09:00:00", data)
    data = FILE_ID.sub(
        lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3) + b"0" * len(m.group(4)) + m.group(5), data
    )
    data = UUID.sub(lambda m: m.group(1) + b"00000000-0000-0000-0000-000000000000", data)
    path.write_bytes(data)
