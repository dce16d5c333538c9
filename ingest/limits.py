"""Per-document limits of ingest: the one place their defaults are set.

A document that reaches a limit is not parsed further: it lands with parse_status ``failed`` and
an issue row (stage ``limits``) saying which limit and how far over it, and the other documents
are not affected. Sizes are checked before reading (``size_limit_reached``); time and memory are
enforced by the process that runs the parser (ingest/worker_pool.py kills the worker and starts
another one). A document with pages read by OCR (scans: seconds per page) is allowed
``ocr_page_seconds`` more time per such page, once its loader has counted them.

Each limit can be changed from the environment, in the units of its name: DOCUMENT_SECONDS,
DOCUMENT_MEMORY_MB, DOCUMENT_FILE_MB, DOCUMENT_TEXT_MB, DOCUMENT_UNPACKED_MB,
DOCUMENT_OCR_PAGE_SECONDS.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

MB = 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class DocumentLimits:
    # Wall-clock time to parse one document; the sample documents take well under a second each,
    # the largest published PDFs a few seconds.
    seconds: float = 300.0
    # Wall-clock time added for each page read by OCR: a page of a scanned table takes 5-15 s on
    # one core, and cores are shared; a 40-page scan may take up to 300 + 40 x 60 s.
    ocr_page_seconds: float = 60.0
    # Resident memory of the process parsing one document.
    memory_mb: int = 2048
    # Size of any file read.
    file_mb: int = 512
    # Size of a text document (.txt, .md): reading keeps about 14 bytes per byte of text.
    text_mb: int = 32
    # Decompressed size of the parts of a zipped document (.docx): its XML is held as a tree.
    unpacked_mb: int = 256

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> DocumentLimits:
        """The defaults, each replaced by DOCUMENT_<NAME> when the environment sets it."""
        values = {}
        for limit in fields(cls):
            text = environ.get(f"DOCUMENT_{limit.name.upper()}", "").strip()
            if text:
                number = float(text)
                if number <= 0:
                    raise ValueError(f"DOCUMENT_{limit.name.upper()} must be positive, not {text!r}")
                values[limit.name] = number if limit.type in (float, "float") else int(number)
        return cls(**values)


def size_limit_reached(path: Path, byte_size: int, limits: DocumentLimits) -> str | None:
    """Why a file is too large to read, before reading it; None when it is not."""
    if byte_size > limits.file_mb * MB:
        return f"the file is {byte_size / MB:.0f} MB, over the limit of {limits.file_mb} MB per file (DOCUMENT_FILE_MB)"
    if path.suffix.lower() in TEXT_SUFFIXES and byte_size > limits.text_mb * MB:
        return (
            f"the text is {byte_size / MB:.0f} MB, over the limit of {limits.text_mb} MB per text document "
            "(DOCUMENT_TEXT_MB)"
        )
    unpacked = unpacked_size(path)
    if unpacked is not None and unpacked > limits.unpacked_mb * MB:
        return (
            f"its parts unpack to {unpacked / MB:.0f} MB, over the limit of {limits.unpacked_mb} MB "
            "(DOCUMENT_UNPACKED_MB)"
        )
    return None


def unpacked_size(path: Path) -> int | None:
    """Total decompressed size of a zip package's members (.docx, .xlsx); None for other files.

    The sizes a zip declares bound what reading it yields: a member that inflates beyond its
    declared size fails its check instead of growing.
    """
    if not zipfile.is_zipfile(path):
        return None
    try:
        with zipfile.ZipFile(path) as package:
            return sum(member.file_size for member in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # the loader reports a damaged package
