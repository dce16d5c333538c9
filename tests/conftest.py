"""Shared fixtures: the sample corpus in the project and the published PDFs in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.model import DocumentResult
from ingest.pipeline import process_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"
SHARED_PDF = SHARED / "corpus" / "pdf"

DOC_000 = "000_a19997e405ff60dc.txt"
DOC_001 = "001_ba354a0d5473f1fe.txt"
DOC_002 = "002_17f0692d4eecb2d0.txt"
DOC_003 = "003_206130ca332d3ec9.txt"
DOC_004 = "004_ecf4f4267058fbb0.txt"

_cache: dict[str, DocumentResult] = {}


def parsed(name: str) -> DocumentResult:
    """The full ingest result of one sample document (parsed once per test session)."""
    if name not in _cache:
        _cache[name] = process_document(SAMPLES / name)
    return _cache[name]


def shared_pdf(name: str) -> Path:
    path = SHARED_PDF / name
    if not path.exists():
        pytest.skip(f"{path} is not present: the published PDFs are read from ../shared/corpus/pdf beside the project")
    return path
