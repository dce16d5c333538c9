"""How well a document's standard tables were read, without answer keys: the template tables found
and missing, the rows read, the share of its identities that close, and a grade.

The grade (marts.dim_document.quality_grade, shown in the report):
- read_well: every table of the family's national template (the final accounts' 公开01–09, the
  budget's eight tables) was found, with figures or stated empty; at least one identity was
  checked and every identity checked closes;
- not_read: no row with figures was read from any table;
- partly: anything between (a table missing or unreadable, an identity that does not close —
  a misreading or a real error of the source; dq.ingest_issues and dq.identity_results say which).
Documents that are neither final accounts nor budgets, and blank templates, have no grade.

The identities are those the reader checks on the document's values (parsers/fa_checks.py); the
expectations step checks the same identities on the warehouse and decides publication
(dq.identity_results), so a document graded read_well has no failing table identity there.
"""

from __future__ import annotations

from ingest.model import DocumentMeta, FinalAccountsTable, ReadingQuality
from ingest.parsers.fa_checks import Check
from ingest.parsers.templates import FAMILIES

FOUND = ("parsed", "empty")


def reading_quality(meta: DocumentMeta, tables: list[FinalAccountsTable], checks: list[Check]) -> ReadingQuality | None:
    """The document's reading quality, from its tables and the identities checked on their values
    (final_accounts.read_final_accounts); None for documents of no family of tables and for templates."""
    family = FAMILIES.get(meta.doc_type)
    if family is None or meta.is_template:
        return None
    found = {t.table_key for t in tables if t.status in FOUND}
    missing = [spec for spec in family.tables if spec.key in family.template_table_keys and spec.key not in found]
    rows_read = sum(t.row_count for t in tables if t.status == "parsed")
    closed = sum(1 for check in checks if check.closed)
    return ReadingQuality(
        template_tables_found=len(family.template_table_keys) - len(missing),
        template_tables_missing=", ".join(spec.label for spec in missing) or None,
        table_rows_read=rows_read,
        identities_checked=len(checks),
        identities_closed=closed,
        quality_grade=_grade(bool(missing), rows_read, len(checks), closed),
    )


def _grade(missing: bool, rows_read: int, checked: int, closed: int) -> str:
    if rows_read == 0:
        return "not_read"
    if not missing and checked and closed == checked:
        return "read_well"
    return "partly"
