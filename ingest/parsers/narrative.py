"""Narrative figures of the 情况说明 -> NarrativeFigure rows."""

from __future__ import annotations

from ingest.model import DocumentMeta, IngestIssue, LoadedDocument, NarrativeFigure


def parse_narrative(doc: LoadedDocument, meta: DocumentMeta) -> tuple[list[NarrativeFigure], list[IngestIssue]]:
    return [], []
