"""The acknowledgement registry: failures that are real errors of the source document.

``expectations/acknowledgements.csv`` has one reviewed entry per line:
``document, rule_id, subject, reason`` where document is the document_id (16 hex digits: the
content hash, so a changed file is a new document and needs a new review), subject is the
exact subject of the check in ``dq.identity_results``, and reason is one line a reviewer wrote
after reading the source line. A failing check that matches an entry becomes ``acknowledged``.

Stale entries: an entry whose document is in the build but which matches no failing check (the
check now passes, or its subject changed) is reported as stale in the failure report and on
stderr. Stale entries do not block publication: they can hide nothing (they match no failure),
and a parser fix that makes a check pass must not break the build; they are listed on every
build until someone removes them. Entries for documents that are not in the build are ignored
(a build may cover a subset of the corpus).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

REGISTRY = Path(__file__).with_name("acknowledgements.csv")
FIELDS = ("document", "rule_id", "subject", "reason")


@dataclass(frozen=True)
class Acknowledgement:
    document: str
    rule_id: str
    subject: str
    reason: str
    line_no: int  # line of the registry file, for the stale report

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.document, self.rule_id, self.subject)


def load_registry(path: Path = REGISTRY) -> list[Acknowledgement]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or tuple(reader.fieldnames) != FIELDS:
            raise ValueError(f"{path}: the header must be {','.join(FIELDS)}")
        entries = []
        for offset, row in enumerate(reader, start=2):
            if not (row["document"] or "").strip():
                continue
            if not (row["reason"] or "").strip():
                raise ValueError(f"{path} line {offset}: an acknowledgement needs its reason")
            entries.append(
                Acknowledgement(
                    row["document"].strip(),
                    row["rule_id"].strip(),
                    row["subject"].strip(),
                    row["reason"].strip(),
                    offset,
                )
            )
    return entries


def apply_acknowledgements(
    results: pd.DataFrame, entries: list[Acknowledgement]
) -> tuple[pd.DataFrame, list[Acknowledgement]]:
    """Mark acknowledged failures; return the results and the stale entries."""
    by_key = {entry.key: entry for entry in entries}
    failing = results["status"] == "fail"
    keys = list(zip(results["document_id"], results["rule_id"], results["subject"], strict=True))
    matched = [failing.iloc[i] and key in by_key for i, key in enumerate(keys)]
    results = results.copy()
    results.loc[matched, "status"] = "acknowledged"
    results.loc[matched, "message"] = [
        f"{message} — acknowledged: {by_key[key].reason}"
        for message, key, hit in zip(results["message"], keys, matched, strict=True)
        if hit
    ]
    used = {key for key, hit in zip(keys, matched, strict=True) if hit}
    documents = set(results["document_id"])
    stale = [entry for entry in entries if entry.document in documents and entry.key not in used]
    return results, stale
