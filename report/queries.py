"""What the report shows, read from a built warehouse. Every query tolerates a missing table.

A table may be absent when an upstream step has not run (``dq.identity_results`` is written by
the expectations step) or when a build failed half way; the report then says so instead of failing.
Columns that later builds add (a document's reading grade, its provenance) are read when present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

Row = dict[str, Any]


@dataclass
class ReportData:
    documents: list[Row] = field(default_factory=list)
    hotline_comparison: list[Row] | None = None  # None: the table does not exist
    hotline_lines: list[Row] | None = None
    hotline_evaluations: list[Row] | None = None
    identity_summary: list[Row] | None = None
    identity_problems: list[Row] | None = None
    ingest_issues: list[Row] | None = None
    build: Row = field(default_factory=dict)  # built_at, code_commit when dim_document carries them


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
    ).fetchone()
    return bool(found and found[0])


def columns_of(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ?", [schema, table]
    ).fetchall()
    return {r[0] for r in rows}


def fetch(con: duckdb.DuckDBPyConnection, sql: str, needs: tuple[str, ...]) -> list[Row] | None:
    """Rows of ``sql`` as dicts, or None when one of the ``schema.table`` it needs is missing."""
    for qualified in needs:
        schema, table = qualified.split(".")
        if not table_exists(con, schema, table):
            return None
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


# Columns of dim_document the corpus view shows when the warehouse has them (null otherwise).
OPTIONAL_DOCUMENT_COLUMNS = (
    "quality_grade",
    "template_tables_found",
    "template_tables_missing",
    "identities_closed",
    "is_ocr",
    "content_sha256",
    "file_modified_at",
    "publication_url",
    "publication_date",
    "built_at",
    "code_commit",
)


def documents_query(con: duckdb.DuckDBPyConnection) -> str:
    """Every document with its department, tables found and identities checked (the corpus view)."""
    present = columns_of(con, "marts", "dim_document")
    optional = ", ".join(f"d.{name}" if name in present else f"null as {name}" for name in OPTIONAL_DOCUMENT_COLUMNS)
    tables_found = (
        "(select count(*) from raw.fa_tables t where t.document_id = d.document_id and t.status = 'parsed')"
        if table_exists(con, "raw", "fa_tables")
        else "null"
    )
    # The identities of a document's reading quality are those dim_document counts (the reader's
    # checks, beside identities_closed); a warehouse without them counts dq.identity_results.
    if "identities_checked" in present:
        checks = "null as identities_passed, d.identities_checked"
    elif table_exists(con, "dq", "identity_results"):
        checks = (
            "(select count(*) filter (where r.status = 'pass') from dq.identity_results r "
            "where r.document_id = d.document_id) as identities_passed, "
            "(select count(*) from dq.identity_results r where r.document_id = d.document_id) as identities_checked"
        )
    else:
        checks = "null as identities_passed, null as identities_checked"
    return f"""
        select d.document_id, d.file_name, d.source_path, d.doc_type, d.fiscal_year, d.title, d.parse_status,
               p.department_name, p.jurisdiction_name, p.province,
               {tables_found} as tables_parsed, {checks}, {optional}
        from marts.dim_document d left join marts.dim_department p using (department_id)
        order by d.file_name
    """


HOTLINE_COMPARISON = """
    select * from marts.mart_hotline_comparison order by province, jurisdiction_name, fiscal_year
"""

HOTLINE_LINES = """
    select * from marts.mart_hotline_spending
    order by province, jurisdiction_name, fiscal_year, spending_basis, project_name
"""

# Every evaluation of a hotline project, including those inside a hotline unit's total.
HOTLINE_EVALUATIONS = """
    select p.jurisdiction_name, f.fiscal_year, f.project_name, f.evaluation_kind, f.executed_yuan,
           f.execution_rate, f.total_score, f.document_id, f.source_ref
    from marts.fct_project_performance f
    join marts.dim_department p using (department_id)
    where f.evaluation_kind <> 'overall_department'
      and exists (select 1 from marts.hotline_project_patterns h
                  where strpos(f.project_name, cast(h.name_fragment as varchar)) > 0)
    order by p.jurisdiction_name, f.fiscal_year, f.project_name, f.evaluation_kind
"""

IDENTITY_SUMMARY = """
    select rule_id, severity,
           count(*) filter (where status = 'pass') as pass,
           count(*) filter (where status = 'fail') as fail,
           count(*) filter (where status = 'acknowledged') as acknowledged
    from dq.identity_results group by all order by rule_id, severity
"""

IDENTITY_PROBLEMS = """
    select r.rule_id, r.severity,
           -- a copy that lost content is not an error of the document: shown as what it is
           case when r.finding = 'incomplete_copy' then 'incomplete copy' else r.status end as status, r.subject, r.lhs_value, r.rhs_value, r.difference, r.tolerance,
           r.message, r.source_ref, r.document_id, d.file_name
    from dq.identity_results r left join marts.dim_document d using (document_id)
    where r.status in ('fail', 'acknowledged')
    order by case r.status when 'fail' then 0 else 1 end, case r.severity when 'error' then 0 else 1 end,
             d.file_name, r.rule_id
"""

INGEST_ISSUES = """
    select document_id, source_path, stage, severity, message, line_no, page_no
    from dq.ingest_issues
    order by case severity when 'error' then 0 when 'warn' then 1 else 2 end, source_path, stage
"""


def read_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    has_documents = table_exists(con, "marts", "dim_document") and table_exists(con, "marts", "dim_department")
    documents = fetch(con, documents_query(con), ()) if has_documents else []
    return ReportData(
        documents=documents or [],
        hotline_comparison=fetch(con, HOTLINE_COMPARISON, ("marts.mart_hotline_comparison",)),
        hotline_lines=fetch(con, HOTLINE_LINES, ("marts.mart_hotline_spending",)),
        hotline_evaluations=fetch(
            con,
            HOTLINE_EVALUATIONS,
            ("marts.fct_project_performance", "marts.dim_department", "marts.hotline_project_patterns"),
        ),
        identity_summary=fetch(con, IDENTITY_SUMMARY, ("dq.identity_results",)),
        identity_problems=fetch(con, IDENTITY_PROBLEMS, ("dq.identity_results", "marts.dim_document")),
        ingest_issues=fetch(con, INGEST_ISSUES, ("dq.ingest_issues",)),
        build=_build_info(documents or []),
    )


def _build_info(documents: list[Row]) -> Row:
    """When and from which code the warehouse was built (the same on every dim_document row)."""
    for document in documents:
        if document.get("built_at") is not None:
            return {"built_at": document["built_at"], "code_commit": document.get("code_commit")}
    return {}
