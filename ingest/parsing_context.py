"""What a process parsing documents is given besides each document and its limits.

The worker pool (ingest/worker_pool.py) puts a context in effect in each worker before it parses:
how many processor cores a document may use (a scanned document reads that many pages at once:
ingest/loading/ocr.py), where pages read by OCR are kept for the next build (ocr_cache.py), and
whom to tell that a document has pages to read by OCR (the pool then allows it more time). Outside
a worker (the text checks and source pages that read documents again, a test, a benchmark) a
process has one core, no one to tell, and the OCR cache the environment names (OCR_CACHE_DIR, set
by the build for every step that reads documents), so a scan is read by OCR once per build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ParsingContext:
    cores: int = 1  # processor cores one document may use
    ocr_cache: Path | None = None  # folder of the pages read by OCR (None: not kept)
    on_scanned_pages: Callable[[int], None] | None = None  # told the number of pages a document will OCR


OCR_CACHE_VARIABLE = "OCR_CACHE_DIR"


def _from_environment() -> ParsingContext:
    folder = os.environ.get(OCR_CACHE_VARIABLE, "").strip()
    return ParsingContext(ocr_cache=Path(folder) if folder else None)


_current = _from_environment()


def current() -> ParsingContext:
    """The context of the document being parsed in this process."""
    return _current


@contextmanager
def in_effect(context: ParsingContext) -> Iterator[ParsingContext]:
    """Parse under `context` inside the block (the previous one is restored after)."""
    global _current
    previous, _current = _current, context
    try:
        yield context
    finally:
        _current = previous


def scanned_pages_ahead(count: int) -> None:
    """A loader about to read `count` pages by OCR says so (the worker pool then allows more time)."""
    if count and _current.on_scanned_pages is not None:
        _current.on_scanned_pages(count)
