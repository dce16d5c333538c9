"""Per-document cache of parsed rows: only documents that changed are parsed again.

An entry is one Arrow IPC stream (``packed``, the message a worker sends the landing process,
with the entry's key): one column per raw table of a document's rows as they are landed
(checked, quarantined when needed: landing/batch.py ``landable``), holding its rows (as a list of
records with the raw schema's types). It is keyed by the document's content hash (its
document_id), by the path it was read from and by a fingerprint of the ingest code and of the
staging tests landing checks, so an edited document, an edited parser or an edited test all miss
the cache. The key is written into the entry and
checked when it is read, with its schema and the document_id of every row: an entry that is not
exactly what its name promises is a miss, and the document is parsed again. Arrow IPC is data
only; reading an entry never runs code.

Entries are independent files written atomically, so many processes — or machines running the
same code version and sharing the folder — can fill one cache and a single landing step can then
load them all; a run removes the entries of other code versions when it is done.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from functools import cache, lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ingest.landing.consistency import STAGING_FOLDER
from ingest.landing.duckdb_writer import arrow_schema, to_arrow
from ingest.landing.rows import DOCUMENT_TABLES
from ingest.seeds import INGEST_SEEDS, seed_path

INGEST_ROOT = Path(__file__).resolve().parents[1]
KEY_FIELDS = (b"document_id", b"source_path", b"code")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of every source file of the ingest package, of the seeds it reads and of the staging
    models whose tests landing checks."""
    digest = hashlib.sha256()
    files = sorted(INGEST_ROOT.rglob("*.py"))
    files.extend(seed_path(name) for name in INGEST_SEEDS)
    files.extend(sorted(STAGING_FOLDER.glob("*")))
    for path in files:
        if path.exists():
            digest.update(str(path.relative_to(INGEST_ROOT.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def entry_schema() -> pa.Schema:
    """One column per raw table of a document's rows: the list of its rows of that table."""
    return pa.schema([pa.field(table, pa.list_(pa.struct(list(arrow_schema(table))))) for table in DOCUMENT_TABLES])


class RowCache:
    def __init__(self, folder: Path):
        self.folder = folder / code_fingerprint()

    def _path(self, document_id: str, source_path: str) -> Path:
        # The source path is part of the key: the same bytes under two names are two documents.
        name_hash = hashlib.sha256(os.fsencode(source_path)).hexdigest()[:8]
        return self.folder / f"{document_id}-{name_hash}.arrow"

    def key(self, document_id: str, source_path: str) -> dict[bytes, bytes]:
        """What an entry of this document read from this path carries in its schema's metadata."""
        return dict(
            zip(KEY_FIELDS, (document_id.encode(), os.fsencode(source_path), code_fingerprint().encode()), strict=True)
        )

    def _entry(self, document_id: str, source_path: str) -> pa.Table | None:
        """The entry as stored, when it is exactly what its name promises."""
        try:
            with pa.OSFile(str(self._path(document_id, source_path))) as source:
                table = pa.ipc.open_stream(source).read_all()
        except (OSError, pa.ArrowException):
            return None
        if not table.schema.equals(entry_schema()) or table.num_rows != 1:
            return None
        if {k: v for k, v in (table.schema.metadata or {}).items() if k in KEY_FIELDS} != self.key(
            document_id, source_path
        ):
            return None
        if not all(_all_rows_of(table.column(name), document_id) for name in DOCUMENT_TABLES):
            return None
        return table

    def holds(self, document_id: str, source_path: str) -> bool:
        """Whether ``get`` would find the document's rows (checked without building them)."""
        return self._entry(document_id, source_path) is not None

    def get(self, document_id: str, source_path: str) -> dict[str, pa.Table] | None:
        """The rows cached for this document read from this path (an Arrow table per raw table),
        or None."""
        table = self._entry(document_id, source_path)
        return None if table is None else entry_tables(table)

    def put(self, document_id: str, source_path: str, tables: dict[str, pa.Table]) -> bool:
        """Store a document's rows as landed (an Arrow table per raw table); False when they
        cannot be stored (not cached)."""
        try:
            message = packed(tables, self.key(document_id, source_path))
        except (pa.ArrowException, ValueError, TypeError):
            return False
        return self.put_packed(document_id, source_path, message)

    def put_packed(self, document_id: str, source_path: str, message: bytes) -> bool:
        """Store a document's rows as ``packed`` with this entry's ``key``; False when they cannot
        be stored (not cached)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(document_id, source_path)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            partial.write_bytes(message)
            os.replace(partial, path)  # atomic: a concurrent reader never sees half an entry
        except OSError:  # a full disk: the document is parsed again next time
            partial.unlink(missing_ok=True)
            return False
        return True

    def prune_other_versions(self) -> int:
        """Remove the entries written by other versions of the ingest code; return how many folders."""
        if not self.folder.parent.is_dir():
            return 0
        stale = [p for p in self.folder.parent.iterdir() if p.is_dir() and p != self.folder]
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)
        return len(stale)


def packed(tables: dict[str, pa.Table], key: dict[bytes, bytes] | None = None) -> bytes:
    """A document's landable rows as one Arrow IPC message (a cache entry's bytes when ``key`` is
    its ``RowCache.key``), as a worker sends them: read back in about a millisecond, where
    unpickling the tables one by one takes several."""
    entry = entry_table(tables)
    if key is not None:
        entry = entry.replace_schema_metadata(key)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, entry.schema) as writer:
        writer.write_table(entry)
    return sink.getvalue().to_pybytes()


def unpacked(message: bytes) -> dict[str, pa.Table]:
    return entry_tables(pa.ipc.open_stream(message).read_all())


def entry_table(tables: dict[str, pa.Table]) -> pa.Table:
    """A document's rows (an Arrow table per raw table) as one row of ``entry_schema``."""
    columns = [
        _as_list(tables[name]) if name in tables and tables[name].num_rows else _no_rows(name)
        for name in DOCUMENT_TABLES
    ]
    return pa.Table.from_arrays(columns, schema=entry_schema())


@cache
def _no_rows(table: str) -> pa.Array:
    """The cell of a raw table without rows (made once: an Arrow array is immutable)."""
    return _as_list(to_arrow(table, []))


def entry_tables(entry: pa.Table) -> dict[str, pa.Table]:
    """The rows of a one-row ``entry_schema`` table, an Arrow table per raw table."""
    return {name: _rows(entry.column(name)) for name in DOCUMENT_TABLES}


def _as_list(table: pa.Table) -> pa.Array:
    """A table's rows as one list value (the cell of an entry's column)."""
    records = pa.StructArray.from_arrays([_one_array(c) for c in table.columns], fields=list(table.schema))
    return pa.ListArray.from_arrays(pa.array([0, len(records)], pa.int32()), records)


def _one_array(column: pa.ChunkedArray) -> pa.Array:
    """A column as one array: its chunk when it has one (combining would copy it)."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _all_rows_of(column: pa.ChunkedArray, document_id: str) -> bool:
    """Whether every record of an entry's column has this document_id (its first field)."""
    ids = column.combine_chunks().flatten().field(0)
    return pc.all(pc.fill_null(pc.equal(ids, document_id), False)).as_py() is not False


def _rows(column: pa.ChunkedArray) -> pa.Table:
    return pa.Table.from_struct_array(column.combine_chunks().flatten())  # the list's records
