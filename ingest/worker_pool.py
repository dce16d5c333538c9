"""Parse documents in worker processes, each document under a time and a memory limit.

Each worker parses one document at a time (``parse_document`` in ingest/pipeline.py, the unit
any executor runs). The parent watches every busy worker: a worker past the time limit, or whose
resident memory passes the memory limit, is killed and replaced by a new one, and its document
gets the rows of a failed document naming the limit. A document whose loader reports pages to read by
OCR (ingest/parsing_context.py) is allowed ``ocr_page_seconds`` more per page. A worker that dies on its own (a crash in
native code, the kernel's out-of-memory killer) is replaced the same way. The other documents,
parsed or queued, are never lost.

Workers are forked from a server process that imported the parsers once (multiprocessing's
forkserver), so a replacement starts in milliseconds and never inherits the parent's threads.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

import psutil

from ingest.limits import MB, DocumentLimits
from ingest.parsing_context import ParsingContext, in_effect
from ingest.pipeline import failed_rows, parse_document

POLL_SECONDS = 0.1  # how often busy workers are checked against the limits
STARTUP_SECONDS = 120  # a worker is forked from a process that has the parsers imported: this is plenty
Rows = dict[str, list[tuple]]
SCANNED_PAGES = "scanned_pages"  # a worker's message: (SCANNED_PAGES, pages its document will read by OCR)


def _serve(
    connection: Connection,
    limits: DocumentLimits,
    work: Callable[[Path, DocumentLimits], Rows],
    context: ParsingContext,
) -> None:
    """A worker: parse the documents the parent sends, one at a time, until told to stop."""
    ready_to_parse()
    connection.send("ready")
    context = replace(context, on_scanned_pages=lambda count: connection.send((SCANNED_PAGES, count)))
    with in_effect(context):
        while True:
            try:
                job = connection.recv()
            except EOFError:
                return
            if job is None:
                return
            index, path = job
            connection.send((index, work(path, limits)))


def ready_to_parse() -> None:
    """What a worker does once, before its first document: what it starts with (the parsers and the
    libraries they import, tens of thousands of objects that live as long as it does) is kept out
    of the garbage collector, whose full passes would otherwise walk all of it again every few
    documents (a tenth of a document's processor time)."""
    gc.freeze()


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    job: tuple[int, Path] | None = None
    started: float = 0.0
    allowed_seconds: float = 0.0  # the time limit of its document (grows with pages read by OCR)


class WorkerPool:
    """``map(paths)`` yields (path, rows) in the order of ``paths``; see the module docstring."""

    def __init__(
        self,
        workers: int,
        limits: DocumentLimits,
        work: Callable[[Path, DocumentLimits], Rows] = parse_document,
        context: ParsingContext | None = None,
    ):
        self.size = max(1, workers)
        self.limits = limits
        self.work = work  # the unit run for each document: any module-level function like parse_document
        self.context = context or ParsingContext()  # what every worker parses under
        self.processes = multiprocessing.get_context("forkserver")
        # pandas too: pyarrow imports it when it first converts rows, in every worker otherwise
        self.processes.set_forkserver_preload(["ingest.pipeline", "pandas"])
        self.workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        self.workers = [self._start() for _ in range(self.size)]
        return self

    def __exit__(self, *exc_info: object) -> None:
        for worker in self.workers:
            if worker.job is None:
                with contextlib.suppress(OSError):  # it has just died: joined below
                    worker.connection.send(None)
        for worker in self.workers:
            worker.process.join(timeout=5 if worker.job is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()
        self.workers = []

    def _start(self) -> _Worker:
        parent_end, child_end = self.processes.Pipe()
        process = self.processes.Process(
            target=_serve, args=(child_end, self.limits, self.work, self.context), daemon=True
        )
        process.start()
        child_end.close()
        # A worker that cannot start (say, a main module that starts processes when imported) stops
        # ingest with that reason, instead of failing every document it would be given.
        try:
            if not wait([parent_end], timeout=STARTUP_SECONDS):
                raise EOFError
            parent_end.recv()
        except (EOFError, OSError):
            process.kill()
            process.join()
            raise RuntimeError(f"a parsing worker process could not start (exit code {process.exitcode})") from None
        return _Worker(process, parent_end)

    def map(self, paths: list[Path]) -> Iterator[tuple[Path, Rows]]:
        queue = list(enumerate(paths))
        queue.reverse()  # pop() from the end takes the first path first
        done: dict[int, Rows] = {}
        next_index = 0
        while next_index < len(paths):
            for worker in self.workers:
                if worker.job is None and queue:
                    self._assign(worker, queue.pop())
            self._collect(done)
            while next_index in done:
                yield paths[next_index], done.pop(next_index)
                next_index += 1

    def _assign(self, worker: _Worker, job: tuple[int, Path]) -> None:
        worker.job, worker.started, worker.allowed_seconds = job, time.monotonic(), self.limits.seconds
        worker.connection.send(job)

    def _collect(self, done: dict[int, Rows]) -> None:
        """Wait a moment for results; stop the workers that passed a limit or died."""
        busy = [w for w in self.workers if w.job is not None]
        ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
        for worker in busy:
            if worker.connection in ready:
                try:
                    message = worker.connection.recv()
                except (EOFError, OSError):
                    self._replace(worker, done, self._death_reason(worker))
                    continue
                if message[0] == SCANNED_PAGES:
                    worker.allowed_seconds += message[1] * self.limits.ocr_page_seconds
                    continue
                index, rows = message
                done[index] = rows
                worker.job = None
            elif worker.process.sentinel in ready:
                self._replace(worker, done, self._death_reason(worker))
            elif reason := self._limit_reached(worker):
                self._replace(worker, done, reason)

    def _limit_reached(self, worker: _Worker) -> str | None:
        elapsed = time.monotonic() - worker.started
        if elapsed > worker.allowed_seconds:
            if worker.allowed_seconds > self.limits.seconds:
                return (
                    f"parsing took longer than its limit of {worker.allowed_seconds:g} s: {self.limits.seconds:g} s "
                    f"per document (DOCUMENT_SECONDS) and {self.limits.ocr_page_seconds:g} s per page read by OCR "
                    "(DOCUMENT_OCR_PAGE_SECONDS)"
                )
            return f"parsing took longer than the limit of {self.limits.seconds:g} s per document (DOCUMENT_SECONDS)"
        try:
            rss = psutil.Process(worker.process.pid).memory_info().rss
        except psutil.Error:
            return None  # it is exiting: the sentinel says so at the next check
        if rss > self.limits.memory_mb * MB:
            return (
                f"parsing used {rss / MB:.0f} MB of memory, over the limit of {self.limits.memory_mb} MB "
                "per document (DOCUMENT_MEMORY_MB)"
            )
        return None

    def _death_reason(self, worker: _Worker) -> str:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
        hint = " (out of memory?)" if code == -9 else ""
        return f"the process parsing the document {how}{hint}"

    def _replace(self, worker: _Worker, done: dict[int, Rows], reason: str) -> None:
        assert worker.job is not None
        index, path = worker.job
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.connection.close()
        done[index] = failed_rows(path, reason)
        self.workers[self.workers.index(worker)] = self._start()
