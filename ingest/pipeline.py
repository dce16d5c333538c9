"""Run ingest over a folder of documents: load -> layout -> parse -> land.

Documents are parsed independently (in worker processes when there are several), so a crash
in one parser on one document becomes an ``ingest_issues`` row and never stops the others.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ingest.landing.cache import RowCache
from ingest.landing.provenance import MANIFEST_NAME
from ingest.landing.rows import rows_by_table
from ingest.landing.schema import RAW_TABLES
from ingest.layout.metadata import read_metadata
from ingest.loading import document_id_for, load_document
from ingest.model import DocumentMeta, DocumentResult, IngestIssue
from ingest.parsers.fa_quality import reading_quality
from ingest.parsers.final_accounts import parse_final_accounts
from ingest.parsers.narrative import parse_narrative
from ingest.parsers.performance import parse_performance
from ingest.parsers.service_volume import parse_service_volumes

EMPTY_META = DocumentMeta("unknown", None, None, None, None, None, None, None)


def find_documents(raw_dir: Path) -> list[Path]:
    """Every file below raw_dir, in a stable order: each is read, or its issue row says why not. The
    publication manifest (RAW_DIR/publications.csv) describes the documents and is not one."""
    manifest = raw_dir / MANIFEST_NAME
    return sorted(p for p in raw_dir.rglob("*") if p.is_file() and p != manifest)


def process_document(path: Path) -> DocumentResult:
    """Parse one document completely. Never raises."""
    loaded = load_document(path)
    if not loaded.lines:
        return DocumentResult(loaded=loaded, meta=EMPTY_META, parse_status="unreadable")
    meta = read_metadata(loaded.lines)
    result = DocumentResult(loaded=loaded, meta=meta, parse_status="parsed")
    result.issues.extend(meta.issues)
    _run_stage(result, "parse_tables", lambda: _tables(result))
    _run_stage(result, "parse_narrative", lambda: _narrative(result))
    _run_stage(result, "parse_performance", lambda: _performance(result))
    _run_stage(result, "parse_service_volumes", lambda: _service_volumes(result))
    if meta.doc_type == "unknown":
        result.issues.append(
            IngestIssue("layout", "warn", "not recognized as final accounts, a budget or a performance evaluation")
        )
    return result


def _tables(result: DocumentResult) -> None:
    tables, values, issues = parse_final_accounts(result.loaded, result.meta)
    result.tables, result.values = tables, values
    result.issues.extend(issues)
    result.reading = reading_quality(result.meta, tables, values)


def _narrative(result: DocumentResult) -> None:
    figures, issues = parse_narrative(result.loaded, result.meta)
    result.narrative = figures
    result.issues.extend(issues)


def _performance(result: DocumentResult) -> None:
    projects, indicators, subtotals, issues = parse_performance(result.loaded, result.meta)
    result.projects, result.indicators, result.subtotals = projects, indicators, subtotals
    result.issues.extend(issues)


def _service_volumes(result: DocumentResult) -> None:
    volumes, issues = parse_service_volumes(result.loaded, result.meta, result.indicators)
    result.service_volumes = volumes
    result.issues.extend(issues)


def _run_stage(result: DocumentResult, stage: str, action: Callable[[], None]) -> None:
    try:
        action()
    except Exception as exc:  # a parser defect must not lose the document
        last = traceback.extract_tb(exc.__traceback__)[-1]
        result.issues.append(
            IngestIssue(
                stage, "error", f"parser failed: {type(exc).__name__}: {exc} (at {last.filename}:{last.lineno})"
            )
        )
        result.parse_status = "partial"


def rows_for_path(path: Path, cache: RowCache | None = None) -> tuple[Path, dict[str, list[tuple]], bool]:
    """(path, raw rows of the document, whether they came from the cache)."""
    document_id = None
    if cache is not None:
        document_id = document_id_for(path.read_bytes())
        cached = cache.get(document_id, str(path))
        if cached is not None:
            return path, cached, True
    result = process_document(path)
    rows = rows_by_table(result)
    if cache is not None:
        cache.put(result.loaded.document_id, str(path), rows)
    return path, rows, False


def process_paths(
    paths: list[Path], workers: int = 1, cache: RowCache | None = None
) -> Iterator[tuple[Path, dict[str, list[tuple]], bool]]:
    """Yield (path, rows, from_cache) in the order of ``paths``."""
    work = partial(rows_for_path, cache=cache)
    if workers <= 1 or len(paths) < 4:
        yield from map(work, paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(work, paths, chunksize=max(1, len(paths) // (workers * 8)))


@dataclass
class RunSummary:
    documents: int = 0
    from_cache: int = 0
    unreadable: int = 0
    tables: int = 0
    table_values: int = 0
    narrative_figures: int = 0
    projects: int = 0
    indicators: int = 0
    issues: int = 0
    errors: int = 0

    def add(self, rows: dict[str, list[tuple]], from_cache: bool) -> None:
        status = _column_index("documents", "parse_status")
        table_status = _column_index("fa_tables", "status")
        severity = _column_index("ingest_issues", "severity")
        self.documents += len(rows["documents"])
        self.from_cache += from_cache
        self.unreadable += sum(r[status] == "unreadable" for r in rows["documents"])
        self.tables += sum(r[table_status] == "parsed" for r in rows["fa_tables"])
        self.table_values += len(rows["fa_values"])
        self.narrative_figures += len(rows["narrative_figures"])
        self.projects += len(rows["perf_projects"])
        self.indicators += len(rows["perf_indicators"])
        self.issues += len(rows["ingest_issues"])
        self.errors += sum(r[severity] == "error" for r in rows["ingest_issues"])


def _column_index(table: str, column: str) -> int:
    return [name for name, _ in RAW_TABLES[table]].index(column)


def collect(
    results: Iterator[tuple[Path, dict[str, list[tuple]], bool]],
    on_document: Callable[[Path], None] | None = None,
) -> tuple[dict[str, list[tuple]], RunSummary]:
    """Merge per-document rows into per-table row lists and a summary."""
    merged: dict[str, list[tuple]] = {}
    summary = RunSummary()
    for path, rows, from_cache in results:
        for table, table_rows in rows.items():
            merged.setdefault(table, []).extend(table_rows)
        summary.add(rows, from_cache)
        if on_document:
            on_document(path)
    return merged, summary
