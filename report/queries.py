"""What the report shows, read from a built warehouse. Every query tolerates a missing table.

A table may be absent when an upstream step has not run (``dq.identity_results`` is written by
the expectations step) or when a build failed half way; the report then says so instead of failing.
Columns that later builds add (a document's reading grade, its provenance) are read when present.

The tables with a row per document, per failure or per issue are not read into memory: they are
``Query`` objects, read in batches of ``BATCH_ROWS`` while the page is written, so the report holds
one batch whatever the number of documents. DuckDB counts and sorts them. Every order is total
(ties broken down to the document), so the same warehouse gives the same page byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import duckdb

Row = dict[str, Any]
BATCH_ROWS = 500
ROWS_SHOWN = 200  # rows of a per-issue or per-failure listing on the index; the rest are counted


@dataclass(frozen=True)
class Query:
    """The rows of a query, read again in batches each time they are iterated."""

    con: duckdb.DuckDBPyConnection
    sql: str

    def __iter__(self) -> Iterator[Row]:
        cursor = self.con.cursor()  # a connection of its own: other queries may run between batches
        try:
            cursor.execute(self.sql)
            columns = [d[0] for d in cursor.description]
            while batch := cursor.fetchmany(BATCH_ROWS):
                for values in batch:
                    yield dict(zip(columns, values, strict=True))
        finally:
            cursor.close()

    def exists(self) -> bool:
        found = self.con.execute(f"select exists ({self.sql})").fetchone()
        return bool(found and found[0])

    def distinct(self, column: str) -> list[Any]:
        """The column's distinct values other than null and '' (unsorted)."""
        rows = self.con.execute(
            f"select distinct {column} from ({self.sql}) where {column} is not null and cast({column} as varchar) <> ''"
        ).fetchall()
        return [row[0] for row in rows]


@dataclass(frozen=True)
class WithIssues:
    """The documents' rows, each with its ingest issues (``ingest_issues``, the order of its source
    page): the issues are read for BATCH_ROWS documents at a time, so one batch is held."""

    documents: Query

    def __iter__(self) -> Iterator[Row]:
        rows = iter(self.documents)
        while batch := list(islice(rows, BATCH_ROWS)):
            issues: dict[str, list[Row]] = {}
            cursor = self.documents.con.execute(BATCH_ISSUES, [[row["document_id"] for row in batch]])
            columns = [d[0] for d in cursor.description]
            for values in cursor.fetchall():
                issue = dict(zip(columns, values, strict=True))
                issues.setdefault(issue.pop("document_id"), []).append(issue)
            for row in batch:
                yield {**row, "ingest_issues": issues.get(row["document_id"], [])}


@dataclass
class ReportData:
    documents: Iterable[Row] = ()  # a Query (WithIssues when there are issues) when the warehouse has its documents
    document_count: int = 0
    provinces: list[str] = field(default_factory=list)  # the values the corpus view filters by, sorted
    years: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    hotline_comparison: list[Row] | None = None  # None: the table does not exist
    hotline_lines: list[Row] | None = None
    hotline_evaluations: list[Row] | None = None
    identity_summary: list[Row] | None = None
    identity_problems: Query | None = None  # the first ROWS_SHOWN
    problems_total: int = 0
    ingest_issues: Query | None = None  # the first ROWS_SHOWN, the most severe first
    issues_total: int = 0
    issue_counts: list[Row] | None = None  # by stage and severity
    issue_kinds: list[Row] | None = None  # by stage, severity and kind of message, the first ROWS_SHOWN
    kinds_total: int = 0
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
        order by d.file_name, d.document_id
    """


HOTLINE_COMPARISON = """
    select * from marts.mart_hotline_comparison order by province, jurisdiction_name, fiscal_year
"""

HOTLINE_LINES = """
    select * from marts.mart_hotline_spending
    order by province, jurisdiction_name, fiscal_year, spending_basis, project_name, document_id, source_ref
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
    order by p.jurisdiction_name, f.fiscal_year, f.project_name, f.evaluation_kind, f.document_id, f.source_ref
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
           r.message, r.source_ref, r.document_id, d.file_name, d.source_path
    from dq.identity_results r left join marts.dim_document d using (document_id)
    where r.status in ('fail', 'acknowledged')
    order by case r.status when 'fail' then 0 else 1 end, case r.severity when 'error' then 0 else 1 end,
             d.file_name, r.rule_id, r.document_id, r.subject, r.source_ref
"""

SEVERITY_RANK = "case severity when 'error' then 0 when 'warn' then 1 else 2 end"

# The kind of an issue's message: the message up to its second ': ' (what follows is the line's text
# or a detail of the document), its figures written as '#'. "收入决算表: 3 figures for 7 columns,
# not read: 2040505 案件执行 …" is of the kind "收入决算表: # figures for # columns, not read".
MESSAGE_KIND = (
    "regexp_replace(regexp_replace(coalesce(message, ''), '^((?:[^:]|:[^ ])*: (?:[^:]|:[^ ])*): .*$', '\\1'), "
    "'[0-9]+(?:[.,][0-9]+)*', '#', 'g')"
)

ISSUE_COUNTS = f"""
    select stage, severity, count(*) as issues, count(distinct document_id) as documents
    from dq.ingest_issues group by stage, severity order by {SEVERITY_RANK}, stage, severity
"""

ISSUE_KINDS = f"""
    select stage, severity, {MESSAGE_KIND} as kind, count(*) as issues, count(distinct document_id) as documents
    from dq.ingest_issues group by stage, severity, kind
    order by {SEVERITY_RANK}, issues desc, stage, severity, kind
"""

ISSUE_ORDER = f"{SEVERITY_RANK}, page_no nulls first, line_no nulls first, stage, severity, message"

DOCUMENT_ISSUES = f"""
    select stage, severity, message, line_no, page_no from dq.ingest_issues where document_id = ?
    order by {ISSUE_ORDER}
"""

# The issues of a batch of documents, for the rows of the documents' list.
BATCH_ISSUES = f"""
    select document_id, stage, severity, message, line_no, page_no from dq.ingest_issues
    where document_id in (select unnest(?::varchar[]))
    order by document_id, {ISSUE_ORDER}
"""


def ingest_issues_query(con: duckdb.DuckDBPyConnection) -> str:
    """Every ingest issue, the most severe first, with the path of its document's file (to link its
    page) when there is one."""
    documents = table_exists(con, "marts", "dim_document")
    return f"""
        select i.document_id, i.source_path, i.stage, i.severity, i.message, i.line_no, i.page_no,
               {"d.source_path" if documents else "null"} as document_source_path
        from dq.ingest_issues i
        {"left join marts.dim_document d using (document_id)" if documents else ""}
        order by case i.severity when 'error' then 0 when 'warn' then 1 else 2 end, i.source_path, i.stage,
                 i.document_id, i.page_no, i.line_no, i.message
    """


def read_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    """What the report shows; the per-document, per-failure and per-issue rows are read while the
    page is written (``con`` stays open until then)."""
    has_documents = table_exists(con, "marts", "dim_document") and table_exists(con, "marts", "dim_department")
    documents = Query(con, documents_query(con)) if has_documents else None
    problems = _query(con, IDENTITY_PROBLEMS, ("dq.identity_results", "marts.dim_document"))
    issues = _query(con, ingest_issues_query(con), ("dq.ingest_issues",))
    kinds = fetch(con, ISSUE_KINDS, ("dq.ingest_issues",))
    return ReportData(
        documents=(WithIssues(documents) if issues else documents) if documents else (),
        document_count=_count(con, documents.sql) if documents else 0,
        provinces=sorted(documents.distinct("province")) if documents else [],
        years=sorted(str(year) for year in documents.distinct("fiscal_year")) if documents else [],
        doc_types=sorted(documents.distinct("doc_type")) if documents else [],
        hotline_comparison=fetch(con, HOTLINE_COMPARISON, ("marts.mart_hotline_comparison",)),
        hotline_lines=fetch(con, HOTLINE_LINES, ("marts.mart_hotline_spending",)),
        hotline_evaluations=fetch(
            con,
            HOTLINE_EVALUATIONS,
            ("marts.fct_project_performance", "marts.dim_department", "marts.hotline_project_patterns"),
        ),
        identity_summary=fetch(con, IDENTITY_SUMMARY, ("dq.identity_results",)),
        identity_problems=_first(problems),
        problems_total=_count(con, problems.sql) if problems else 0,
        ingest_issues=_first(issues),
        issues_total=_count(con, issues.sql) if issues else 0,
        issue_counts=fetch(con, ISSUE_COUNTS, ("dq.ingest_issues",)),
        issue_kinds=kinds[:ROWS_SHOWN] if kinds is not None else None,
        kinds_total=len(kinds or ()),
        build=_build_info(documents) if documents else {},
    )


def _query(con: duckdb.DuckDBPyConnection, sql: str, needs: tuple[str, ...]) -> Query | None:
    """The rows of ``sql``, to be read later, or None when one of the ``schema.table`` it needs is missing."""
    if not all(table_exists(con, *qualified.split(".")) for qualified in needs):
        return None
    return Query(con, sql)


def _first(query: Query | None) -> Query | None:
    """The query's first ROWS_SHOWN rows (its order is total: the same rows every time)."""
    return Query(query.con, f"{query.sql} limit {ROWS_SHOWN}") if query else None


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    found = con.execute(f"select count(*) from ({sql})").fetchone()
    return int(found[0]) if found else 0


def _build_info(documents: Query) -> Row:
    """When and from which code the warehouse was built (the same on every dim_document row)."""
    found = documents.con.execute(
        f"select built_at, code_commit from ({documents.sql}) where built_at is not null "
        "order by file_name, document_id limit 1"
    ).fetchone()
    return {"built_at": found[0], "code_commit": found[1]} if found else {}


class DocumentPaths:
    """document_id -> source_path, asked of the warehouse one document at a time."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.present = table_exists(con, "marts", "dim_document") and table_exists(con, "marts", "dim_department")

    def get(self, document_id: str) -> str | None:
        if not self.present:
            return None
        found = self.con.execute(
            "select source_path from marts.dim_document where document_id = ? limit 1", [document_id]
        ).fetchone()
        return found[0] if found else None


class DocumentIssues:
    """A document's ingest issues (its source page lists them), asked of the warehouse one document
    at a time: for the pages written before the documents' list, whose rows carry their issues."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.present = table_exists(con, "dq", "ingest_issues")

    def get(self, document_id: str) -> list[Row]:
        if not self.present:
            return []
        cursor = self.con.execute(DOCUMENT_ISSUES, [document_id])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def refreshed_documents(con: duckdb.DuckDBPyConnection) -> set[str] | None:
    """The documents the warehouse's last build refreshed (every document after a full build);
    None when it does not say."""
    if not table_exists(con, "raw", "refreshed_documents"):
        return None
    return {row[0] for row in con.execute("select document_id from raw.refreshed_documents").fetchall()}
