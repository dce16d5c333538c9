"""The acknowledgement registry: reviewed failures that are not defects of the warehouse.

``expectations/acknowledgements.csv`` (UTF-8, with or without the BOM Excel writes) has the header
``document,rule_id,subject,finding,reason`` and one reviewed entry per line:

- document: the document_id (16 lower-case hex digits: the content hash, so a changed file is a new
  document and needs a new review); entries may name any document, the samples' or a user's own;
- rule_id: a rule of the catalog (``rules.py``);
- subject: the exact subject of the check in ``dq.identity_results``;
- finding: what the reviewer found on the source lines (``FINDINGS``): ``source_error`` when the
  document as published is wrong, ``incomplete_copy`` when the copy the warehouse read lost content
  the publication has (its tables blank or dropped in a text dump) — not an error of the department;
- reason: one line a reviewer wrote after reading the source, citing the lines it is seen on.

A failing check that matches an entry becomes ``acknowledged``, and ``dq.identity_results.finding``
says which finding it is. A registry that cannot be read exactly is refused as a whole, with an
error naming the file and line: a wrong header, a field count other than five (an unquoted comma),
a quote left open (it would swallow the next entry), bytes that are not UTF-8, an unknown rule id
or finding, a document id that is not one, an empty subject or reason, a repeated entry.

Stale entries: an entry whose document is in the build but which matches no failing check (the
check now passes, or its subject changed) is reported as stale in the failure report and on
stderr. Stale entries do not block publication: they can hide nothing (they match no failure),
and a parser fix that makes a check pass must not break the build; they are listed on every
build until someone removes them. Entries for documents that are not in the build are ignored
(a build may cover a subset of the corpus).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from expectations.rules import RULES_BY_ID

REGISTRY = Path(__file__).with_name("acknowledgements.csv")
FIELDS = ("document", "rule_id", "subject", "finding", "reason")
FINDINGS = {
    "source_error": "an error of the document as published",
    "incomplete_copy": "content the copy lost (not an error of the document)",
}
_DOCUMENT_ID = re.compile(r"[0-9a-f]{16}")


class RegistryError(ValueError):
    """The registry cannot be read exactly; the message names the file and line."""


@dataclass(frozen=True)
class Acknowledgement:
    document: str
    rule_id: str
    subject: str
    finding: str
    reason: str
    line_no: int  # line of the registry file, for the stale report

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.document, self.rule_id, self.subject)


def load_registry(path: Path = REGISTRY) -> list[Acknowledgement]:
    """Every entry of the registry, or a RegistryError naming the file and line of the first problem."""
    if not path.exists():
        return []
    text = _decoded(path)
    entries: list[Acknowledgement] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line_no, fields in _records(path, text):
        if line_no == 1:
            if tuple(f.strip() for f in fields) != FIELDS:
                raise RegistryError(f"{path} line 1: the header must be {','.join(FIELDS)}, not {','.join(fields)}")
            continue
        if not any(f.strip() for f in fields):
            continue
        entry = _entry(path, line_no, fields)
        if entry.key in seen:
            raise RegistryError(f"{path} line {line_no}: the same document, rule and subject as line {seen[entry.key]}")
        seen[entry.key] = line_no
        entries.append(entry)
    return entries


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_no = data[: exc.start].count(b"\n") + 1
        raise RegistryError(
            f"{path} line {line_no}: byte 0x{data[exc.start]:02x} is not UTF-8 text; save the registry as CSV UTF-8"
        ) from None
    binary = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    if binary:
        line_no = text.count("\n", 0, binary.start()) + 1
        raise RegistryError(f"{path} line {line_no}: control byte 0x{ord(binary.group()):02x}: not a text file")
    return text


def _records(path: Path, text: str) -> Iterable[tuple[int, list[str]]]:
    """(first line, fields) of each record; a record must stay on its line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RegistryError(
                f"{path} line {start}: a quote in this entry is not closed properly ({exc}); an entry is one line"
            ) from None
        if reader.line_num > start:
            raise RegistryError(
                f"{path} line {start}: a quote opened in this entry is not closed, so it runs on to line "
                f"{reader.line_num}; close the quote (an entry is one line)"
            )
        yield start, fields
        start = reader.line_num + 1


def _entry(path: Path, line_no: int, fields: list[str]) -> Acknowledgement:
    def refuse(problem: str) -> RegistryError:
        return RegistryError(f"{path} line {line_no}: {problem}")

    if len(fields) != len(FIELDS):
        raise refuse(
            f"{len(fields)} fields where the header has {len(FIELDS)} ({','.join(FIELDS)}); "
            "quote a subject or reason that contains a comma"
        )
    document, rule_id, subject, finding, reason = (f.strip() for f in fields)
    if not _DOCUMENT_ID.fullmatch(document):
        if _DOCUMENT_ID.fullmatch(document.lower()):
            raise refuse(f"document {document} has upper-case letters; document ids are lower-case: {document.lower()}")
        raise refuse(f"document {document!r} is not a document_id (16 hex digits, as in dq.identity_results)")
    if rule_id not in RULES_BY_ID:
        raise refuse(f"unknown rule id {rule_id!r}; the rules are {', '.join(RULES_BY_ID)}")
    if not subject:
        raise refuse("an acknowledgement needs the subject of the check it acknowledges")
    if finding not in FINDINGS:
        raise refuse(f"unknown finding {finding!r}; the findings are {', '.join(FINDINGS)}")
    if not reason:
        raise refuse("an acknowledgement needs its reason")
    return Acknowledgement(document, rule_id, subject, finding, reason, line_no)


def apply_acknowledgements(
    results: pd.DataFrame, entries: list[Acknowledgement]
) -> tuple[pd.DataFrame, list[Acknowledgement]]:
    """Mark acknowledged failures with their finding; return the results and the stale entries."""
    by_key = {entry.key: entry for entry in entries}
    failing = results["status"] == "fail"
    keys = list(zip(results["document_id"], results["rule_id"], results["subject"], strict=True))
    matched = [failing.iloc[i] and key in by_key for i, key in enumerate(keys)]
    results = results.copy()
    if "finding" not in results:
        results["finding"] = None
    hits = [by_key[key] for key, hit in zip(keys, matched, strict=True) if hit]
    results.loc[matched, "status"] = "acknowledged"
    results.loc[matched, "finding"] = [entry.finding for entry in hits]
    results.loc[matched, "message"] = [
        f"{message} — acknowledged, {FINDINGS[entry.finding]}: {entry.reason}"
        for message, entry in zip(results.loc[matched, "message"], hits, strict=True)
    ]
    return results, stale_entries(results, entries)


def stale_entries(results: pd.DataFrame, entries: list[Acknowledgement]) -> list[Acknowledgement]:
    """The entries naming a document of ``results`` that match no acknowledged check of it."""
    acknowledged = results[results["status"] == "acknowledged"]
    used = set(zip(acknowledged["document_id"], acknowledged["rule_id"], acknowledged["subject"], strict=True))
    documents = set(results["document_id"])
    return [entry for entry in entries if entry.document in documents and entry.key not in used]
