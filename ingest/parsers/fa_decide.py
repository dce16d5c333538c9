"""Deciding between readings of a table by the accounting identities they close.

Where what a table prints allows more than one reading (a name that is both a 款 and a 项 of the
支出功能分类, say), each reading is made and checked (fa_checks) and the one whose identities close
is kept; an info issue in dq.ingest_issues says which reading was chosen and why. When no reading
closes more identities than the others fail, nothing is chosen silently: the caller leaves the
undecided rows out and a warn issue says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ingest.parsers.fa_checks import Check, read_checks
from ingest.parsers.fa_values import TableRead


@dataclass
class Reading:
    """One candidate reading of a table: what it assumes, and what it read."""

    assumption: str
    read: TableRead
    checks: list[Check]

    @cached_property  # asked again and again while readings are ranked
    def failed(self) -> int:
        return sum(1 for check in self.checks if not check.closed)

    @property
    def closed(self) -> int:
        return len(self.checks) - self.failed


def reading(assumption: str, table_key: str, read: TableRead) -> Reading:
    return Reading(assumption, read, read_checks(table_key, read).checks)


def decide(readings: list[Reading]) -> Reading | None:
    """The reading with the fewest identities that fail (then the most that close); None when
    another reading does as well (the identities cannot tell them apart)."""
    ranked = sorted(readings, key=lambda r: (r.failed, -r.closed))
    best = ranked[0]
    if len(ranked) > 1 and (ranked[1].failed, ranked[1].closed) == (best.failed, best.closed):
        return None
    return best


def summary(chosen: Reading, others: list[Reading]) -> str:
    """Why a reading was chosen: its identities beside the others'."""

    def said(r: Reading) -> str:
        return f"{r.assumption}: {r.closed} of {len(r.checks)} identities close"

    return "; ".join([said(chosen), *(f"not {said(r)}" for r in others if r is not chosen)])
