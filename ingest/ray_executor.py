"""Parse documents as tasks on a Ray cluster (``EXECUTOR=ray RAY_ADDRESS=host:port``).

Each document is one task running ``parse_and_cache`` (ingest/pipeline.py), the unit the process
pool runs: the task reads the document by its path, so RAW_DIR (and the parse cache, which the
task fills) must be on storage every node sees at the same path. Results come back in the order of
the paths, with at most IN_FLIGHT_PER_CPU tasks per cluster CPU submitted ahead, so the driver holds
a bounded number of results.

Faults: a task whose worker process or node dies is run again by Ray (TASK_RETRIES times), so a
lost machine loses no document; a document still failing after that, or not done within the time
limit (DOCUMENT_SECONDS, counted from when its result is awaited: it may have run longer), lands
as failed with the reason, and the others are not affected. Memory per document is not enforced
on Ray as in the process pool; Ray's own memory monitor stops tasks of a node short of memory and
retries them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

from ingest.landing.cache import RowCache
from ingest.limits import DocumentLimits
from ingest.pipeline import Rows, failed_rows, parse_and_cache

TASK_RETRIES = 3
IN_FLIGHT_PER_CPU = 4


def ray_map(
    paths: list[Path], limits: DocumentLimits, cache: RowCache | None, address: str
) -> Iterator[tuple[Path, Rows]]:
    """(path, rows) for each path, in order, parsed on the Ray cluster at ``address``."""
    import ray

    connected_here = not ray.is_initialized()
    if connected_here:
        ray.init(address=address, logging_level="ERROR", log_to_driver=False, configure_logging=False)
    try:
        task = ray.remote(max_retries=TASK_RETRIES, retry_exceptions=False)(parse_and_cache)
        window = max(1, int(ray.cluster_resources().get("CPU", 1)) * IN_FLIGHT_PER_CPU)
        pending: deque[tuple[Path, object]] = deque()
        queue = iter(paths)
        for path in queue:
            pending.append((path, task.remote(cache, path, limits)))
            if len(pending) >= window:
                break
        while pending:
            path, ref = pending.popleft()
            yield path, _result(ray, path, ref, limits)
            if (following := next(queue, None)) is not None:
                pending.append((following, task.remote(cache, following, limits)))
    finally:
        if connected_here:
            ray.shutdown()


def _result(ray, path: Path, ref, limits: DocumentLimits) -> Rows:
    try:
        return ray.get(ref, timeout=limits.seconds)
    except ray.exceptions.GetTimeoutError:
        ray.cancel(ref, force=True)
        return failed_rows(path, f"parsing took longer than the limit of {limits.seconds:g} s (DOCUMENT_SECONDS)")
    except ray.exceptions.RayError as exc:  # its worker or node died more often than it was retried
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return failed_rows(path, f"the Ray task parsing the document failed: {type(exc).__name__}: {reason}")
