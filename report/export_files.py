"""One exported table as Parquet and CSV, written together, and its documents' rows reused.

A table with a ``document_id`` column is written in document order (``document_id``, rows without
one last, then every column), so each document's rows lie together in both files. Beside them,
``.documents/<name>.parquet`` records for each document its number of rows, a fingerprint of them
(the sum of DuckDB's 64-bit hash of each row) and where they lie in the CSV file. When the
exports are written again beside a published copy (a refresh), a document whose rows have the same
count and fingerprint as there is not queried, sorted, nor formatted again: its Parquet rows are
read from the published file and its CSV lines copied from it byte for byte; only the documents
whose rows changed, or are new, are read from the warehouse. The files are the same as written
whole: Parquet row groups of ``ROW_GROUP_ROWS`` rows, each row's CSV line depending on that row
alone (report/excel_csv.py). The index records the code that wrote it (``FORMAT``): exports written
by other code, or of a table whose columns changed, are written whole. Tables without
``document_id`` are written whole, in the order of all their columns. A table's CSV may leave out
the rows with a given value in a column (``csv_leaves_out``); its Parquet file holds every row.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import BinaryIO

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from report.excel_csv import csv_header, csv_rows

# Rows per Parquet row group: bounds what a reader of the file, and this writer, holds at a time.
ROW_GROUP_ROWS = 16_384
DOCUMENT = "document_id"
INDEX_FOLDER = ".documents"
NEWLINE = 10


def _format() -> str:
    """The code and libraries that decide the bytes written: another version writes the files anew."""
    digest = hashlib.sha256()
    for module in ("excel_csv.py", "export_files.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    for package in ("duckdb", "polars", "pyarrow"):
        digest.update(f"{package}={version(package)}".encode())
    return digest.hexdigest()[:16]


FORMAT = _format()


def _index_metadata(csv_leaves_out: tuple[str, str] | None) -> dict[bytes, bytes]:
    """What decides the bytes of an export beside its rows: the code and the rows its CSV leaves out."""
    return {b"format": FORMAT.encode(), b"csv_leaves_out": json.dumps(csv_leaves_out).encode()}


@dataclass
class Published:
    """A published export of the table: its files and, per document, (rows, fingerprint, CSV offset, length)."""

    parquet: Path
    csv: Path
    documents: dict[str, tuple[int, str, int, int]]


@dataclass
class Written:
    rows: int
    documents_reused: int
    documents_written: int


def write_table(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    out: Path,
    name: str,
    header_of: dict[str, str],
    published_dir: Path | None,
    csv_leaves_out: tuple[str, str] | None = None,
) -> Written:
    """``out/<name>.parquet`` and ``.csv`` of ``relation`` (CSV headers: ``header_of`` a column, else
    its name; the CSV without the rows whose column ``csv_leaves_out[0]`` is ``csv_leaves_out[1]``);
    documents whose rows are unchanged since the export in ``published_dir`` are taken from it."""
    schema = con.sql(f"select * from {relation} limit 0").to_arrow_table().schema
    headers = [header_of.get(column, column) for column in schema.names]
    if DOCUMENT not in schema.names:
        with _TableFiles(out, name, schema, headers, None, csv_leaves_out) as files:
            for batch in _batches(con, f"select * from {relation} order by all"):
                files.add(batch)
        return Written(files.rows, 0, 0)
    prints = _fingerprints(con, relation, schema.names)
    published = _published(published_dir, name, schema, csv_leaves_out) if published_dir else None
    documents = published.documents if published else {}
    reused = {d for d, (rows, fingerprint, _, _) in documents.items() if prints.get(d) == (rows, fingerprint)}
    order = f'order by "{DOCUMENT}" nulls last, ' + ", ".join(f'"{c}"' for c in schema.names)
    with _TableFiles(out, name, schema, headers, prints, csv_leaves_out) as files:
        if not reused:
            for batch in _batches(con, f"select * from {relation} {order}"):
                files.add(batch)
        else:
            assert published is not None
            # the documents to query as constants: DuckDB filters the relation's scans by them
            fresh_ids = ", ".join("'" + d.replace("'", "''") + "'" for d in sorted(set(prints) - reused)) or "null"
            fresh = _batches(
                con, f'select * from {relation} where "{DOCUMENT}" is null or "{DOCUMENT}" in ({fresh_ids}) {order}'
            )
            _merge(files, _blocks(fresh), _reused_blocks(published, reused), published)
    return Written(files.rows, len(reused), len(prints) - len(reused))


def _batches(con: duckdb.DuckDBPyConnection, query: str) -> Iterator[pa.Table]:
    for batch in con.sql(query).to_arrow_reader(ROW_GROUP_ROWS):
        if batch.num_rows:
            yield pa.Table.from_batches([batch])


def _fingerprints(con: duckdb.DuckDBPyConnection, relation: str, columns: list[str]) -> dict[str, tuple[int, str]]:
    """document -> (rows, sum of the rows' hashes)."""
    hashed = ", ".join(f'"{c}"' for c in columns)
    rows = con.execute(
        f'select "{DOCUMENT}", count(*), cast(sum(cast(hash({hashed}) as hugeint)) as varchar) from {relation} '
        f'where "{DOCUMENT}" is not null group by "{DOCUMENT}"'
    ).fetchall()
    return {document: (count, fingerprint) for document, count, fingerprint in rows}


def _published(folder: Path, name: str, schema: pa.Schema, csv_leaves_out: tuple[str, str] | None) -> Published | None:
    """The published export of ``name`` when its index was written by this code, with the same rows
    left out of its CSV, and its columns are ``schema``'s; else None."""
    index_file, parquet, csv = (
        folder / INDEX_FOLDER / f"{name}.parquet",
        folder / f"{name}.parquet",
        folder / f"{name}.csv",
    )
    if not (index_file.is_file() and parquet.is_file() and csv.is_file()):
        return None
    try:
        index = pq.read_table(index_file)
        if (index.schema.metadata or {}) != _index_metadata(csv_leaves_out):
            return None
        if not pq.read_schema(parquet).remove_metadata().equals(schema.remove_metadata()):
            return None
        names = ("document_id", "rows", "fingerprint", "csv_offset", "csv_length")
        columns = [index.column(c).to_pylist() for c in names]
        counted = pq.ParquetFile(parquet).metadata.num_rows
    except (pa.ArrowException, OSError, KeyError):
        return None  # damaged: the table is written whole
    documents = {d: (r, f, o, n) for d, r, f, o, n in zip(*columns, strict=True)}
    ends = max((o + n for _, _, o, n in documents.values()), default=0)
    if ends > csv.stat().st_size or sum(r for r, _, _, _ in documents.values()) > counted:
        return None  # files shorter than their index says (cut off): written whole
    return Published(parquet, csv, documents)


@dataclass
class Block:
    """Rows of consecutive documents, in order: ``documents[i]``'s rows start at ``starts[i]`` (the
    first document's rows may have begun in the block before, the last one's go on in the next)."""

    documents: list[str | None]
    starts: list[int]
    rows: pa.Table

    def split(self, at: int) -> tuple[Block, Block]:
        """The first ``at`` documents' rows and the rest."""
        cut = self.starts[at] if at < len(self.starts) else self.rows.num_rows
        head = Block(self.documents[:at], self.starts[:at], self.rows.slice(0, cut))
        return head, Block(self.documents[at:], [s - cut for s in self.starts[at:]], self.rows.slice(cut))


def _order(document: str | None) -> tuple[bool, str]:
    """Where a document's rows go: by document_id, the rows without one last (as DuckDB sorts)."""
    return (document is None, document or "")


def _blocks(tables: Iterator[pa.Table]) -> Iterator[Block]:
    for table in tables:
        documents, starts, _ = _document_spans(table)
        yield Block(documents, starts, table)


def _document_spans(table: pa.Table) -> tuple[list[str | None], list[int], list[int]]:
    """Each run of one document's rows: (documents, their first rows, their ends)."""
    encoded = pc.run_end_encode(table.column(DOCUMENT).combine_chunks())
    ends = encoded.run_ends.to_pylist()
    return encoded.values.to_pylist(), [0, *ends[:-1]], ends


def _reused_blocks(published: Published, reused: set[str]) -> Iterator[Block]:
    """The reused documents' rows in the published Parquet file, in its order: a block for each
    stretch of a row group that holds only reused documents."""
    source = pq.ParquetFile(published.parquet)
    for group in range(source.num_row_groups):
        rows = source.read_row_group(group)
        documents, starts, ends = _document_spans(rows)
        stretch: list[int] = []  # indexes of the runs of the current stretch
        for i, document in enumerate([*documents, None]):
            if i < len(documents) and document in reused:
                stretch.append(i)
                continue
            if stretch:
                first, last = stretch[0], stretch[-1]
                offset = starts[first]
                yield Block(
                    [documents[j] for j in stretch],
                    [starts[j] - offset for j in stretch],
                    rows.slice(offset, ends[last] - offset),
                )
                stretch = []


def _merge(files: _TableFiles, fresh: Iterator[Block], reused: Iterator[Block], published: Published) -> None:
    """Both streams of blocks, in document order (no document is in both)."""
    fresh_block, reused_block = next(fresh, None), next(reused, None)
    with open(published.csv, "rb") as source:
        files.copy_source = source
        while fresh_block is not None or reused_block is not None:
            if reused_block is None:
                files.add(fresh_block.rows)
                fresh_block = next(fresh, None)
            elif fresh_block is None:
                files.copy(reused_block, published.documents)
                reused_block = next(reused, None)
            elif _order(fresh_block.documents[0]) < _order(reused_block.documents[0]):
                at = bisect_left(fresh_block.documents, _order(reused_block.documents[0]), key=_order)
                head, fresh_block = fresh_block.split(at)
                files.add(head.rows)
                fresh_block = fresh_block if fresh_block.documents else next(fresh, None)
            else:
                at = bisect_left(reused_block.documents, _order(fresh_block.documents[0]), key=_order)
                head, reused_block = reused_block.split(at)
                files.copy(head, published.documents)
                reused_block = reused_block if reused_block.documents else next(reused, None)
        files.flush_copy()


class _TableFiles:
    """The Parquet file (row groups of ROW_GROUP_ROWS), the CSV file and, for a table with
    ``document_id``, the index of where each document's rows lie in the CSV."""

    def __init__(
        self,
        out: Path,
        name: str,
        schema: pa.Schema,
        headers: list[str],
        prints: dict[str, tuple[int, str]] | None,
        csv_leaves_out: tuple[str, str] | None = None,
    ):
        self.out, self.name, self.schema, self.prints = out, name, schema.remove_metadata(), prints
        self.csv_leaves_out = csv_leaves_out
        self.parquet = pq.ParquetWriter(out / f"{name}.parquet", self.schema)
        self.csv = open(out / f"{name}.csv", "wb")  # noqa: SIM115 (closed in __exit__)
        self.csv.write(csv_header(headers))
        self.pending: list[pa.Table] = []
        self.pending_rows = 0
        self.rows = 0
        self.spans: dict[str, list[int]] = {}  # document -> [offset, length] in the CSV
        self.copy_source: BinaryIO | None = None  # the published CSV file reused documents are copied from
        self.to_copy: list[int] | None = None  # [offset, length] of the published CSV not copied yet

    def __enter__(self) -> _TableFiles:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is not None:  # the files are left unfinished (the step fails): the error is the one to see
            with contextlib.suppress(Exception):
                self.parquet.close()
            self.csv.close()
            return
        self.flush_copy()
        self._flush(final=True)
        self.parquet.close()
        self.csv.close()
        if self.prints is not None:
            self._write_index()

    def add(self, rows: pa.Table) -> None:
        """New rows (in order): formatted as CSV lines here."""
        self.flush_copy()
        self._to_parquet(rows)
        listed = self._csv_listed(rows)
        if self.prints is None:
            self.csv.write(csv_rows(listed))
            return
        for document, data in self._lines_by_document(listed):
            self._note(document, len(data))
            self.csv.write(data)
        for document in _document_spans(rows)[0]:  # a document none of whose rows the CSV lists
            self._note(document, 0)  # is in the index all the same, with no lines

    def _csv_listed(self, rows: pa.Table) -> pa.Table:
        """The rows the CSV lists."""
        if self.csv_leaves_out is None:
            return rows
        column, value = self.csv_leaves_out
        return rows.filter(pc.fill_null(pc.not_equal(rows.column(column), value), True))

    def copy(self, block: Block, published: dict[str, tuple[int, str, int, int]]) -> None:
        """Reused documents' rows: Parquet rows as read, each document's CSV lines copied once from
        the published CSV (the lines of documents next to each other there in one copy)."""
        self._to_parquet(block.rows)
        for document in block.documents:
            if document in self.spans:
                continue  # its rows began in the block before
            assert document is not None
            _, _, offset, length = published[document]
            self._note(document, length, self.csv.tell() + (self.to_copy[1] if self.to_copy else 0))
            if not length:
                continue  # none of its rows is in the CSV: nothing to copy
            if self.to_copy and self.to_copy[0] + self.to_copy[1] == offset:
                self.to_copy[1] += length
            else:
                self.flush_copy()
                self.to_copy = [offset, length]

    def flush_copy(self) -> None:
        """Copy the pending span of the published CSV (in the kernel, not through this process)."""
        if not self.to_copy:
            return
        assert self.copy_source is not None
        offset, length = self.to_copy
        self.csv.flush()
        while length:
            copied = os.copy_file_range(self.copy_source.fileno(), self.csv.fileno(), length, offset)
            if not copied:
                raise OSError(f"the published CSV {self.copy_source.name} ended before its index said")
            offset, length = offset + copied, length - copied
        self.csv.seek(0, os.SEEK_END)
        self.to_copy = None

    def _note(self, document: str | None, length: int, at: int | None = None) -> None:
        if document is None:
            return
        span = self.spans.setdefault(document, [self.csv.tell() if at is None else at, 0])
        span[1] += length

    def _lines_by_document(self, rows: pa.Table) -> Iterator[tuple[str | None, bytes]]:
        """Each document's CSV lines in ``rows``: formatted together and cut at the line ends when
        every row is one line (a quoted value with a line break is not), else document by document."""
        if not rows.num_rows:
            return
        spans = _document_spans(rows)
        data = csv_rows(rows)
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == NEWLINE)
        if len(ends) != rows.num_rows:
            for document, start, end in zip(*spans, strict=True):
                yield document, csv_rows(rows.slice(start, end - start))
            return
        for document, start, end in zip(*spans, strict=True):
            first = 0 if start == 0 else int(ends[start - 1]) + 1
            yield document, data[first : int(ends[end - 1]) + 1]

    def _to_parquet(self, rows: pa.Table) -> None:
        self.rows += rows.num_rows
        self.pending.append(rows if rows.schema.equals(self.schema) else rows.cast(self.schema))
        self.pending_rows += rows.num_rows
        self._flush(final=False)

    def _flush(self, final: bool) -> None:
        """Write the pending rows as row groups of ROW_GROUP_ROWS; the rest stays pending, or is
        the last row group."""
        if not self.pending_rows or (self.pending_rows < ROW_GROUP_ROWS and not final):
            return
        # one chunk per column: Arrow cuts the data pages at chunk ends, so the same rows arriving in
        # other pieces (a refresh's) would be other bytes
        table = pa.concat_tables(self.pending).combine_chunks()
        whole = table.num_rows if final else table.num_rows - table.num_rows % ROW_GROUP_ROWS
        for start in range(0, whole, ROW_GROUP_ROWS):
            self.parquet.write_table(
                table.slice(start, min(ROW_GROUP_ROWS, whole - start)), row_group_size=ROW_GROUP_ROWS
            )
        rest = table.slice(whole)
        self.pending, self.pending_rows = ([rest], rest.num_rows) if rest.num_rows else ([], 0)

    def _write_index(self) -> None:
        assert self.prints is not None
        documents = sorted(self.spans)
        index = pa.table(
            {
                "document_id": pa.array(documents, pa.string()),
                "rows": pa.array([self.prints[d][0] for d in documents], pa.int64()),
                "fingerprint": pa.array([self.prints[d][1] for d in documents], pa.string()),
                # a document without lines lies nowhere: 0, however it was written
                "csv_offset": pa.array([self.spans[d][0] if self.spans[d][1] else 0 for d in documents], pa.int64()),
                "csv_length": pa.array([self.spans[d][1] for d in documents], pa.int64()),
            }
        ).replace_schema_metadata(_index_metadata(self.csv_leaves_out))
        folder = self.out / INDEX_FOLDER
        folder.mkdir(exist_ok=True)
        pq.write_table(index, folder / f"{self.name}.parquet")
