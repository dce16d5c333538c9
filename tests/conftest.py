"""Shared fixtures: the sample corpus in the project and copies of published documents.

`tests/fixtures/corpus/` holds copies of public documents the tests read (final-accounts PDFs and
the blank template in `pdf/`, budget PDFs and workbooks in `budgets/`, web-published text in
`more/`), so the suite runs the same with or without ../shared beside the project.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ingest.landing.duckdb_writer import rows_of
from ingest.model import DocumentResult
from ingest.pipeline import process_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SHARED_PDF = CORPUS / "pdf"

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


def parsed_corpus(folder: str, name: str) -> DocumentResult:
    """The full ingest result of one public document of tests/fixtures/corpus (parsed once per session)."""
    key = f"{folder}/{name}"
    if key not in _cache:
        _cache[key] = process_document(corpus_file(folder, name))
    return _cache[key]


def shared_pdf(name: str) -> Path:
    """A published PDF kept in the test fixtures (corpus/pdf)."""
    return corpus_file("pdf", name)


def corpus_file(folder: str, name: str) -> Path:
    """A public document kept in tests/fixtures/corpus/<folder>/."""
    path = CORPUS / folder / name
    assert path.exists(), f"{path} is missing from the test fixtures"
    return path


def as_tuples(tables: dict[str, pa.Table]) -> dict[str, list[tuple]]:
    """Landed rows (an Arrow table per raw table) as tuples, to look at row by row."""
    return {table: rows_of(arrow_rows) for table, arrow_rows in tables.items()}
