"""Performance evaluations (绩效自评表, 绩效评价表, 评价报告) -> PerfProject + PerfIndicator rows."""

from __future__ import annotations

from ingest.model import DocumentMeta, IngestIssue, LoadedDocument, PerfIndicator, PerfProject


def parse_performance(
    doc: LoadedDocument, meta: DocumentMeta
) -> tuple[list[PerfProject], list[PerfIndicator], list[IngestIssue]]:
    return [], [], []
