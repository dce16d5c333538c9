"""Performance evaluations (绩效自评表, 绩效评价表, 评价报告) -> projects, indicators, subtotals."""

from __future__ import annotations

from ingest.model import DocumentMeta, IngestIssue, LoadedDocument, PerfIndicator, PerfProject, PerfSubtotal


def parse_performance(
    doc: LoadedDocument, meta: DocumentMeta
) -> tuple[list[PerfProject], list[PerfIndicator], list[PerfSubtotal], list[IngestIssue]]:
    return [], [], [], []
