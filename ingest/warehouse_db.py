"""Opening a warehouse database: DuckDB with a bounded memory, the same for every step.

DuckDB's own default is 80% of the machine's memory, so a step's memory would grow with the size
of the warehouse until then. Every step opens the database here instead, with
``DUCKDB_MEMORY_LIMIT`` (default 512MB, DuckDB's notation: 512MB, 2GB, ...): past it, sorts, joins
and aggregations spill to a temporary folder beside the database, so the export of a large table,
for one, no longer holds it all in memory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

MEMORY_LIMIT_VARIABLE = "DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "512MB"


def memory_limit() -> str:
    return os.environ.get(MEMORY_LIMIT_VARIABLE) or DEFAULT_MEMORY_LIMIT


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """The database at ``path`` (created when missing and not read-only; ":memory:" for none),
    within the memory limit.
    The limit is set on the open database (not given as its configuration), so the same file can
    still be opened with duckdb.connect alongside."""
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute(f"set memory_limit = '{_checked(memory_limit())}'")
    return con


def _checked(limit: str) -> str:
    """The limit as DuckDB reads it ("1GB", "512 MB"); anything else stops the step, naming it."""
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", limit, re.IGNORECASE):
        raise ValueError(f"{MEMORY_LIMIT_VARIABLE}={limit!r} is not a size like 512MB or 2GB")
    return limit
