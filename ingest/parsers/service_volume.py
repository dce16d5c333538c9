"""Hotline service volumes stated in indicator tables or prose -> ServiceVolume rows."""

from __future__ import annotations

from ingest.model import DocumentMeta, IngestIssue, LoadedDocument, PerfIndicator, ServiceVolume


def parse_service_volumes(
    doc: LoadedDocument, meta: DocumentMeta, indicators: list[PerfIndicator]
) -> tuple[list[ServiceVolume], list[IngestIssue]]:
    return [], []
