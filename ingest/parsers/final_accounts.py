"""Final-accounts tables (部门决算 公开01–10) -> FinalAccountsTable + TableValue rows."""

from __future__ import annotations

from ingest.model import DocumentMeta, FinalAccountsTable, IngestIssue, LoadedDocument, TableValue


def parse_final_accounts(
    doc: LoadedDocument, meta: DocumentMeta
) -> tuple[list[FinalAccountsTable], list[TableValue], list[IngestIssue]]:
    return [], [], []
