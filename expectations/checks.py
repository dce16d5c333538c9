"""Compute every identity check of a candidate warehouse: one row per rule and subject checked.

The rule queries (``sql/<rule id>.sql``) run on the candidate through DuckDB, all in one statement,
and their rows are completed there (difference, excess, message, the numbers of repeated subjects)
into the temporary table ``dq_checks``. Whether a row
passes is decided by Great Expectations in ``validation.py`` on exactly these rows; ``excess``
(how far the two sides are apart beyond the tolerance; ≤ 0 holds) is what it validates. The rows
stay in DuckDB: only the columns Great Expectations reads, and the failing rows, become pandas.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from expectations.rules import RULES, SQL_DIR, Rule
from expectations.template_identities import load_template_identities, table_rows
from ingest.parsers.fa_patterns import FUNCTION_CLASS_CODES
from ingest.parsers.narrative_patterns import PARTS_OF

RESULT_COLUMNS = [
    "document_id",
    "rule_id",
    "severity",
    "subject",
    "lhs_value",
    "rhs_value",
    "difference",
    "tolerance",
    "status",
    "finding",
    "message",
    "source_ref",
]
CHECK_COLUMNS = ["document_id", "subject", "lhs_value", "rhs_value", "tolerance", "kind", "source_ref"]
# dq_checks: the completed rows of one chunk; row_id numbers them in (document, rule, subject) order
STAGED_COLUMNS = [
    "document_id",
    "rule_id",
    "severity",
    "subject",
    "lhs_value",
    "rhs_value",
    "difference",
    "tolerance",
    "excess",
    "message",
    "source_ref",
]
# The order of the checks of one subject repeated in a document: where the first figure was printed
# (source_ref "file | p.3 | line 12 | …"), then the rest of the row.
PRINTED_PAGE = r"^[^|]*\| p\.(\d+)"
PRINTED_LINE = r"^[^|]*(?:\| p\.\d+ )?\| line (\d+)"
REPEAT_ORDER = ["page", "line", "source_ref", "lhs_value", "rhs_value", "tolerance", "excess", "message"]

_STAGED_TYPES = ", ".join(
    f"{name} {'double' if name in ('lhs_value', 'rhs_value', 'difference', 'tolerance', 'excess') else 'varchar'}"
    for name in STAGED_COLUMNS
)
_CHECKS_TABLE = f"create or replace temp table dq_checks (row_id bigint, {_STAGED_TYPES});"
_STAGING = f"""
create or replace temp table dq_rules (rule_id varchar, severity varchar, title varchar);
create or replace temp table dq_check_rows ({_STAGED_TYPES});
{_CHECKS_TABLE}
-- A decimal as the double the results have always held: its unscaled integer over 10^6, as DuckDB
-- hands a decimal to pandas (a cast rounds correctly and differs beyond 2^53 units of 10^-6).
create or replace temp macro dq_double(x) as cast(cast(x * 1000000 as hugeint) as double) / 1e6;
-- A number in a message: fixed-point with six decimals, trailing zeros and point dropped; — for none.
create or replace temp macro dq_fmt(x) as
    case when x is null or isnan(x) then '—' else rtrim(rtrim(printf('%f', x), '0'), '.') end;
"""  # fmt: skip

# Completes a rule's rows in exact decimal arithmetic, so that a difference equal to its tolerance
# passes (floating point would make 100 yuan vs a 100-yuan tolerance fail at random).
_COMPLETE = """
select
    document_id,
    '{rule_id}' as rule_id,
    '{severity}' as severity,
    subject,
    dq_double(lhs) as lhs_value,
    dq_double(rhs) as rhs_value,
    dq_double(lhs - rhs) as difference,
    dq_double(tol) as tolerance,
    cast(case kind
        when 'eq' then abs(lhs - rhs) - tol
        when 'le' then lhs - rhs - tol
        when 'ge' then rhs - lhs - tol
        else given_excess
    end as double) as excess,
    message,
    source_ref
from (
    select
        document_id,
        subject,
        cast(lhs_value as decimal(38, 6)) as lhs,
        cast(rhs_value as decimal(38, 6)) as rhs,
        cast(tolerance as decimal(38, 6)) as tol,
        kind,
        {excess} as given_excess,
        {message} as message,
        source_ref
    from (
{sql}
    )
)
"""

# Every row with its message (the rule's title and figures when the query gave none) and its subject
# numbered when the rule checks it more than once in the document, appended to dq_checks with a
# row_id after the rows already there.
_NUMBERED = f"""
insert into dq_checks
with counted as (
    select
        c.* exclude (message),
        case when c.message is null or c.message = '' then r.title || ': ' || dq_fmt(c.lhs_value) || ' vs '
            || dq_fmt(c.rhs_value) || ' (difference ' || dq_fmt(c.difference) || ', tolerance '
            || dq_fmt(c.tolerance) || ')' else c.message end as message,
        count(*) over (partition by c.document_id, c.rule_id, c.subject) as repeats
    from dq_check_rows as c
    inner join dq_rules as r using (rule_id)
),

numbered as (
    select {", ".join(STAGED_COLUMNS)} from counted where repeats = 1
    union all
    select {", ".join(STAGED_COLUMNS).replace("subject", "numbered_subject as subject")}
    from (
        select
            *,
            subject || ' [' || row_number() over (partition by document_id, rule_id, subject order by
                {", ".join(f"{key} asc nulls last" for key in REPEAT_ORDER)}) || ']' as numbered_subject
        from (
            select
                *,
                cast(nullif(regexp_extract(source_ref, '{PRINTED_PAGE}', 1), '') as bigint) as page,
                cast(nullif(regexp_extract(source_ref, '{PRINTED_LINE}', 1), '') as bigint) as line
            from counted
            where repeats > 1
        )
    )
)

select row_number() over () - 1 + (select count(*) from dq_checks) as row_id, {", ".join(STAGED_COLUMNS)}
from numbered
"""


def prepare_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create the temporary views the rule queries read (nothing is written to the warehouse)."""
    con.execute(
        "create or replace temp table dq_table_names "
        "(table_key varchar, title varchar, family varchar, kind varchar, in_template boolean)"
    )
    con.executemany("insert into dq_table_names values (?, ?, ?, ?, ?)", table_rows())
    load_template_identities(con)
    con.execute("create or replace temp table dq_function_classes (category varchar, code varchar)")
    con.executemany(
        "insert into dq_function_classes values (?, ?)",
        [(name.removesuffix("支出"), code) for name, code in FUNCTION_CLASS_CODES.items()],
    )
    con.execute("create or replace temp table dq_na_parts (whole varchar, part varchar)")
    con.executemany("insert into dq_na_parts values (?, ?)", narrative_decompositions())
    con.execute((SQL_DIR / "_views.sql").read_text(encoding="utf-8"))
    con.execute((SQL_DIR / "_template_views.sql").read_text(encoding="utf-8"))


def narrative_decompositions() -> list[tuple[str, str]]:
    """(group, part) pairs of the decompositions the narrative lists (NA-02); a group is
    ``<whole metric>#<n>`` (a whole may be decomposed in more than one way)."""
    listed = PARTS_OF.items() if isinstance(PARTS_OF, dict) else PARTS_OF
    # 002 line 322: "一般公共预算财政拨款基本支出 68.06 万元，其中：人员经费 65.88 万元 … 公用经费 2.17 万元"
    extra = (("general_budget_basic_expenditure", ("personnel_expenditure", "public_expenditure")),)
    decompositions: list[tuple[str, tuple[str, ...]]] = []
    for whole, parts in (*listed, *extra):
        if (whole, tuple(parts)) not in decompositions:
            decompositions.append((whole, tuple(parts)))
    return [(f"{whole}#{n}", part) for n, (whole, parts) in enumerate(decompositions) for part in parts]


def check_queries(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The statements that stage each rule's rows in ``dq_check_rows`` (on views ``prepare_views``
    made; one a rule, which bounds the memory a chunk takes), and the rules' table ``dq_rules``; once
    per connection."""
    create_staging(con)
    return [f"insert into dq_check_rows\n{_completed(con, rule)}" for rule in RULES if rule.sql() is not None]


def create_staging(con: duckdb.DuckDBPyConnection) -> None:
    """The temporary tables and macros the checks are completed in (``dq_check_rows``, ``dq_rules``)."""
    con.execute(_STAGING)
    con.executemany("insert into dq_rules values (?, ?, ?)", [(r.rule_id, r.severity, r.title) for r in RULES])


def _completed(con: duckdb.DuckDBPyConnection, rule: Rule) -> str:
    sql = rule.sql() or ""
    columns = {row[0]: row[1] for row in con.execute(f"describe\n{sql}\n").fetchall()}
    missing = set(CHECK_COLUMNS) - set(columns)
    if missing:
        raise ValueError(f"{rule.sql_path.name} does not return {sorted(missing)}")
    if columns.get("message", "VARCHAR") != "VARCHAR":
        raise ValueError(f"{rule.sql_path.name} returns a message of type {columns['message']}, not text")
    return _COMPLETE.format(
        rule_id=rule.rule_id,
        severity=rule.severity,
        excess="excess" if "excess" in columns else "null",
        message="message" if "message" in columns else "null",
        sql=sql,
    )


def stage_checks(con: duckdb.DuckDBPyConnection, queries: list[str]) -> None:
    """Add to ``dq_checks`` every check of the documents ``raw`` shows (``queries`` are
    ``check_queries``')."""
    con.execute("delete from dq_check_rows")
    for query in queries:
        con.execute(query)
    number_checks(con)


def clear_checks(con: duckdb.DuckDBPyConnection) -> None:
    """Empty ``dq_checks`` (its rows were judged)."""
    con.execute(_CHECKS_TABLE)


def number_checks(con: duckdb.DuckDBPyConnection) -> None:
    """Add to ``dq_checks`` the rows of ``dq_check_rows`` with their messages and numbered subjects
    (then empty it). A subject names one check: a subject a rule checks more than once in a document is
    numbered, " [1]", " [2]", … in the order the checks were printed (page, line, then the rest of the
    row), so each stays addressable and keeps its number from one build to the next (the rule queries
    return their rows in no set order)."""
    con.execute(_NUMBERED)
    con.execute("delete from dq_check_rows")


def rule_rows(con: duckdb.DuckDBPyConnection, rule: Rule) -> pd.DataFrame:
    """The rows one rule's query returns, completed with difference and excess (its own message or none)."""
    create_staging(con)
    return con.execute(_completed(con, rule)).df()


def compute_checks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every check of every rule, one row per rule and subject (passes included), in
    (document, rule, subject) order."""
    prepare_views(con)
    stage_checks(con, check_queries(con))
    return con.execute(f"select {', '.join(STAGED_COLUMNS)} from dq_checks order by row_id").df()


def _fmt(value) -> str:
    """A number as the messages print it (``dq_fmt`` in SQL): fixed-point, trailing zeros dropped."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    text = f"{value:f}" if not isinstance(value, str) else value
    return text.rstrip("0").rstrip(".") if "." in text else text
