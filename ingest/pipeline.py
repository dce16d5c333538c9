"""Run ingest over a folder of documents: find -> parse (each document alone, within limits) -> land.

``parse_document`` is the unit every executor runs: one document's raw rows, within the size
limits, never raising; worker processes (ingest/worker_pool.py) add the time and memory limits.
A crash in one parser on one document becomes an ``ingest_issues`` row; a document that reaches
a limit, or disappears while ingest runs, lands as ``failed`` with an issue row naming it; the
other documents are never affected. Landing checks each document's rows (landing/batch.py).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.landing.batch import ArrowRows, LandingBatch, is_arrow, landable
from ingest.landing.cache import RowCache, packed, unpacked
from ingest.landing.provenance import MANIFEST_NAME, printable
from ingest.landing.rows import document_row, rows_by_table
from ingest.landing.schema import RAW_TABLES
from ingest.layout.metadata import read_metadata
from ingest.limits import DocumentLimits, size_limit_reached
from ingest.loading import load_document
from ingest.model import DocumentMeta, DocumentResult, IngestIssue, LoadedDocument
from ingest.parsers.fa_quality import reading_quality
from ingest.parsers.final_accounts import read_final_accounts
from ingest.parsers.narrative import parse_narrative
from ingest.parsers.performance import parse_performance
from ingest.parsers.service_volume import parse_service_volumes
from ingest.parsers.text_checks import text_checks
from ingest.parsing_context import current
from ingest.provenance import mark_ocr_figures

EMPTY_META = DocumentMeta("unknown", None, None, None, None, None, None, None)
Rows = dict[str, list[tuple]]
BATCH_ROWS = 50_000  # rows landed per transaction: a few tens of MB as Python tuples


def find_documents(raw_dir: Path) -> list[Path]:
    """Every file below raw_dir, in a stable order: each is read, or its issue row says why not. The
    publication manifest (RAW_DIR/publications.csv) describes the documents and is not one. A link
    that leads out of raw_dir is not followed (see links_out_of)."""
    root, manifest = raw_dir.resolve(), raw_dir / MANIFEST_NAME
    return sorted(p for p in raw_dir.rglob("*") if p.is_file() and p != manifest and _inside(p, root))


def links_out_of(raw_dir: Path) -> list[Path]:
    """Symbolic links below raw_dir that lead out of it (or nowhere): they are not read."""
    root = raw_dir.resolve()
    return sorted(p for p in raw_dir.rglob("*") if p.is_symlink() and not _inside(p, root))


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve(strict=True).is_relative_to(root)
    except OSError:  # a dangling link, a loop, a file removed meanwhile
        return False


def process_document(path: Path) -> DocumentResult:
    """Parse one document completely. Never raises for a bad document (it may for a file that
    cannot be read at all: see parse_document)."""
    loaded = load_document(path)
    _printable_names(loaded, path)
    if not loaded.lines:
        return DocumentResult(loaded=loaded, meta=EMPTY_META, parse_status="unreadable")
    meta = read_metadata(loaded.lines)
    result = DocumentResult(loaded=loaded, meta=meta, parse_status="parsed")
    result.issues.extend(meta.issues)
    _run_stage(result, "parse_tables", lambda: _tables(result))
    _run_stage(result, "parse_narrative", lambda: _narrative(result))
    _run_stage(result, "parse_performance", lambda: _performance(result))
    _run_stage(result, "parse_service_volumes", lambda: _service_volumes(result))
    _run_stage(result, "ocr_provenance", lambda: mark_ocr_figures(result))
    _run_stage(result, "check_text", lambda: _text_checks(result))
    if meta.doc_type == "unknown":
        result.issues.append(
            IngestIssue("layout", "warn", "not recognized as final accounts, a budget or a performance evaluation")
        )
    elif meta.department_name is None and not meta.is_template:
        result.issues.append(IngestIssue("layout", "warn", "no department name found: its figures have no department"))
    return result


def _printable_names(loaded: LoadedDocument, path: Path) -> None:
    name = printable(path)
    if name != str(path):
        loaded.source_path, loaded.file_name = name, printable(path.name)
        loaded.issues.append(IngestIssue("load", "warn", "the file name is not UTF-8: shown with \\x escapes"))


def _tables(result: DocumentResult) -> None:
    found = read_final_accounts(result.loaded, result.meta)
    result.tables, result.values = found.tables, found.values
    result.issues.extend(found.issues)
    result.reading = reading_quality(result.meta, found.tables, found.checks)


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


def _text_checks(result: DocumentResult) -> None:
    result.text_checks = text_checks(result.loaded.lines, result.meta.fiscal_year, result.loaded.file_name)


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


# --- one document within limits ------------------------------------------------------------------


def document_id_of(path: Path) -> str:
    """The contract's document key: first 16 hex digits of the SHA-256 of the file's bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()[:16]


def parse_document(path: Path, limits: DocumentLimits) -> Rows:
    """The raw rows of one document, within the size limits. Never raises."""
    try:
        reason = size_limit_reached(path, path.stat().st_size, limits)
        if reason is not None:
            return failed_rows(path, reason)
        return rows_by_table(process_document(path))
    except MemoryError:
        return failed_rows(path, "parsing ran out of memory")
    except OSError as exc:  # removed or unreadable while ingest runs
        return file_issue_rows(path, f"the file could not be read: {exc.strerror or exc}")
    except Exception as exc:  # a defect in a loader: the document is lost, not the run
        return failed_rows(path, f"reading it failed: {type(exc).__name__}: {exc}", stage="load")


def failed_rows(path: Path, reason: str, stage: str = "limits") -> Rows:
    """The rows of a document that could not be parsed (a limit, a defect): its identity, status
    failed and the reason."""
    try:
        document_id, byte_size = document_id_of(path), path.stat().st_size
    except OSError as exc:
        return file_issue_rows(path, f"{reason}; then the file could not be read: {exc.strerror or exc}")
    loaded = LoadedDocument(document_id, printable(path), printable(path.name), path.suffix.lower().lstrip("."),
                            byte_size, [])  # fmt: skip
    result = DocumentResult(loaded=loaded, meta=EMPTY_META, parse_status="failed")
    result.issues.append(IngestIssue(stage, "error", f"not parsed: {reason}"))
    return {"documents": [document_row(result)], "ingest_issues": _issue_rows(document_id, path, result.issues)}


def file_issue_rows(path: Path, message: str, stage: str = "load", severity: str = "error") -> Rows:
    """An issue about a file that has no document row (it could not be read, or is not followed)."""
    return {"ingest_issues": _issue_rows(None, path, [IngestIssue(stage, severity, message)])}


def _issue_rows(document_id: str | None, path: Path, issues: list[IngestIssue]) -> list[tuple]:
    names = [name for name, _ in RAW_TABLES["ingest_issues"]]
    return [
        tuple({"document_id": document_id, "source_path": printable(path), **vars(issue)}.get(n) for n in names)
        for issue in issues
    ]


# --- many documents ---------------------------------------------------------------------------------


def process_paths(
    paths: list[Path],
    workers: int = 1,
    cache: RowCache | None = None,
    limits: DocumentLimits | None = None,
    ray_address: str | None = None,
) -> Iterator[tuple[Path, ArrowRows, bool]]:
    """Yield (path, rows, from_cache) in the order of ``paths``, the rows as they are landed
    (``landable``); documents not in the cache are parsed in ``workers`` worker processes, or as
    tasks on the Ray cluster at ``ray_address``. Cached rows are read as they are yielded, so no
    more than a few documents' rows are held at a time."""
    limits = limits or DocumentLimits()
    keys = [_cache_key(path, cache) for path in paths]
    to_parse = [path for path, key in zip(paths, keys, strict=True) if key is None]
    with _parsed(to_parse, workers, cache, limits, ray_address) as parsed:
        for path, key in zip(paths, keys, strict=True):
            rows = cache.get(*key) if cache is not None and key is not None else None
            if rows is not None:
                yield path, rows, True
                continue
            if key is not None:  # the entry went away since it was checked: parse it after all
                with _parsed([path], 1, cache, limits, ray_address) as alone:
                    _, rows = next(alone)
                yield path, _landable(rows), False
                continue
            _, rows = next(parsed)
            yield path, _landable(rows), False


def _landable(rows: bytes | Rows | ArrowRows) -> ArrowRows:
    """Rows from an executor: landable already (packed by ``parse_and_cache``), or the tuples of a
    document that reached a limit."""
    if isinstance(rows, bytes):
        return unpacked(rows)
    return rows if is_arrow(rows) else landable(rows)


@contextlib.contextmanager
def _parsed(
    paths: list[Path], workers: int, cache: RowCache | None, limits: DocumentLimits, ray_address: str | None
) -> Iterator[Iterator[tuple[Path, Rows]]]:
    """(path, rows) of each path in order, from the executor chosen."""
    if not paths:
        yield iter(())
    elif ray_address:
        from ingest.ray_executor import ray_map

        results = ray_map(paths, limits, cache, ray_address)
        try:
            yield results
        finally:
            results.close()
    else:
        from ingest.worker_pool import WorkerPool

        # documents fewer than the workers share the cores left over (a scan reads pages in parallel)
        context = replace(current(), cores=cores_per_document(workers, len(paths)))
        work = functools.partial(parse_and_cache, cache)
        with WorkerPool(min(workers, len(paths)), limits, work, context) as pool:
            yield pool.map(paths)


def cores_per_document(workers: int, documents: int) -> int:
    """Processor cores each document may use: WORKERS shared by the documents parsed at once."""
    return max(1, workers // max(1, min(workers, documents)))


def parse_and_cache(cache: RowCache | None, path: Path, limits: DocumentLimits) -> bytes:
    """``parse_document``, its rows checked and converted as they are landed (``landable``), then
    stored in the cache and returned packed: all by the worker that parsed them, so the process
    landing the rows of every document only gathers Arrow tables."""
    rows = parse_document(path, limits)
    tables = landable(rows)
    if cache is None or not rows.get("documents") or rows["documents"][0][_STATUS] == "failed":
        return packed(tables)
    document_id = rows["documents"][0][0]
    message = packed(tables, cache.key(document_id, str(path)))  # the entry is the message sent
    cache.put_packed(document_id, str(path), message)
    return message


def _cache_key(path: Path, cache: RowCache | None) -> tuple[str, str] | None:
    """(document_id, path) when the cache holds the document's rows, else None."""
    if cache is None:
        return None
    try:
        key = (document_id_of(path), str(path))
    except OSError:
        return None  # parsing reports it
    return key if cache.holds(*key) else None


@dataclass
class RunSummary:
    documents: int = 0
    from_cache: int = 0
    carried: int = 0  # a refresh's documents kept from the published warehouse
    unreadable: int = 0
    failed: int = 0
    quarantined: int = 0
    tables: int = 0
    table_values: int = 0
    narrative_figures: int = 0
    projects: int = 0
    indicators: int = 0
    issues: int = 0
    errors: int = 0

    def add(self, rows: ArrowRows, from_cache: bool) -> None:
        statuses = _values(rows, "documents", "parse_status")
        self.documents += len(statuses)
        self.from_cache += from_cache
        self.unreadable += statuses.count("unreadable")
        self.failed += statuses.count("failed")
        self.quarantined += statuses.count("quarantined")
        self.tables += _values(rows, "fa_tables", "status").count("parsed")
        self.table_values += _count(rows, "fa_values")
        self.narrative_figures += _count(rows, "narrative_figures")
        self.projects += _count(rows, "perf_projects")
        self.indicators += _count(rows, "perf_indicators")
        self.issues += _count(rows, "ingest_issues")
        self.errors += _values(rows, "ingest_issues", "severity").count("error")


def _values(rows: ArrowRows, table: str, column: str) -> list:
    return rows[table].column(column).to_pylist() if table in rows else []


def _count(rows: ArrowRows, table: str) -> int:
    return rows[table].num_rows if table in rows else 0


def _column_index(table: str, column: str) -> int:
    return [name for name, _ in RAW_TABLES[table]].index(column)


_STATUS = _column_index("documents", "parse_status")


def collect(
    results: Iterator[tuple[Path, ArrowRows, bool]],
    on_document: Callable[[Path], None] | None = None,
    batch: LandingBatch | None = None,
    sink: Callable[[ArrowRows], None] | None = None,
    batch_rows: int | None = None,
) -> tuple[ArrowRows, RunSummary]:
    """Land each document's rows in a batch (checked, quarantined when needed); return the rows
    held (an Arrow table per raw table) and a summary. With a ``sink`` (a database writer), the batch is handed to it whenever it
    holds ``batch_rows`` rows (default BATCH_ROWS), so memory does not grow with the number of
    documents; the rows returned are then the last ones, not yet handed over."""
    batch = batch or LandingBatch()
    batch_rows = batch_rows or BATCH_ROWS
    summary = RunSummary()
    for path, rows, from_cache in results:
        summary.add(batch.add(rows), from_cache)
        if sink is not None and batch.held >= batch_rows:
            sink(batch.take())
        if on_document:
            on_document(path)
    return batch.take(), summary
