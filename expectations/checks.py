"""Compute every identity check of a candidate warehouse: one row per rule and subject checked.

The rule queries (``sql/<rule id>.sql``) run on the candidate through DuckDB; the rows they
return are completed here (difference, excess, message) into one pandas DataFrame. Whether a row
passes is decided by Great Expectations in ``validation.py`` on exactly these rows; ``excess``
(how far the two sides are apart beyond the tolerance; ≤ 0 holds) is what it validates.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from expectations.rules import RULES, SQL_DIR, Rule
from expectations.template_identities import load_template_identities, table_rows
from expectations.text_checks import text_check_rows
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
# The order of the checks of one subject repeated in a document: where the first figure was printed
# (source_ref "file | p.3 | line 12 | …"), then the rest of the row.
PRINTED_PAGE = r"^[^|]*\| p\.(\d+)"
PRINTED_LINE = r"^[^|]*(?:\| p\.\d+ )?\| line (\d+)"
REPEAT_ORDER = ["page", "line", "source_ref", "lhs_value", "rhs_value", "tolerance", "excess", "message"]
CHECK_COLUMNS = ["document_id", "subject", "lhs_value", "rhs_value", "tolerance", "kind", "source_ref"]

# Completes a rule's rows in exact decimal arithmetic, so that a difference equal to its tolerance
# passes (floating point would make 100 yuan vs a 100-yuan tolerance fail at random).
_COMPLETE = """
select
    document_id,
    subject,
    cast(lhs_value as decimal(38, 6)) as lhs_value,
    cast(rhs_value as decimal(38, 6)) as rhs_value,
    cast(lhs_value as decimal(38, 6)) - cast(rhs_value as decimal(38, 6)) as difference,
    cast(tolerance as decimal(38, 6)) as tolerance,
    cast(case kind
        when 'eq' then abs(cast(lhs_value as decimal(38, 6)) - cast(rhs_value as decimal(38, 6)))
            - cast(tolerance as decimal(38, 6))
        when 'le' then cast(lhs_value as decimal(38, 6)) - cast(rhs_value as decimal(38, 6))
            - cast(tolerance as decimal(38, 6))
        when 'ge' then cast(rhs_value as decimal(38, 6)) - cast(lhs_value as decimal(38, 6))
            - cast(tolerance as decimal(38, 6))
        else {excess}
    end as double) as excess,
    {message} as message,
    source_ref
from dq_rule_rows
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


def rule_rows(con: duckdb.DuckDBPyConnection, rule: Rule) -> pd.DataFrame:
    """The rows one rule's query returns, completed with difference, excess and message."""
    sql = rule.sql()
    if sql is None:
        return pd.DataFrame()
    con.execute(f"create or replace temp table dq_rule_rows as {sql}")
    columns = {row[0] for row in con.execute("describe dq_rule_rows").fetchall()}
    missing = set(CHECK_COLUMNS) - columns
    if missing:
        raise ValueError(f"{rule.sql_path.name} does not return {sorted(missing)}")
    excess = "excess" if "excess" in columns else "null"
    message = "message" if "message" in columns else "null"
    frame = con.execute(_COMPLETE.format(excess=excess, message=message)).df()
    frame.insert(1, "rule_id", rule.rule_id)
    frame.insert(2, "severity", rule.severity)
    return frame


def compute_checks(con: duckdb.DuckDBPyConnection, source_root: Path | None = None) -> pd.DataFrame:
    """Every check of every rule, one row per rule and subject (passes included)."""
    prepare_views(con)
    return checks_of(con, source_root)


def checks_of(con: duckdb.DuckDBPyConnection, source_root: Path | None = None) -> pd.DataFrame:
    """Every check of the documents ``raw`` shows, on views ``prepare_views`` made (once per
    connection), sorted by document, rule and subject."""
    frames = [rule_rows(con, rule) for rule in RULES]
    frames.append(text_check_rows(con, source_root))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty_checks()
    checks = pd.concat(frames, ignore_index=True)
    checks["message"] = [
        msg if isinstance(msg, str) and msg else default_message(rule_id, lhs, rhs, diff, tol)
        for msg, rule_id, lhs, rhs, diff, tol in zip(
            checks["message"],
            checks["rule_id"],
            checks["lhs_value"],
            checks["rhs_value"],
            checks["difference"],
            checks["tolerance"],
            strict=True,
        )
    ]
    checks["family"] = checks["rule_id"].str.split("-").str[0]
    number_repeated_subjects(checks)
    return checks.sort_values(["document_id", "rule_id", "subject"], kind="stable").reset_index(drop=True)


def number_repeated_subjects(checks: pd.DataFrame) -> None:
    """A subject names one check: a subject a rule checks more than once in a document is numbered,
    " [1]", " [2]", … in the order the checks were printed (page, line, then the rest of the row), so
    each stays addressable and keeps its number from one build to the next (the rule queries return
    their rows in no set order)."""
    key = ["document_id", "rule_id", "subject"]
    repeated = checks.duplicated(key, keep=False)
    if not repeated.any():
        return
    rows = checks.loc[repeated, [*key, "source_ref", "lhs_value", "rhs_value", "tolerance", "excess", "message"]]
    rows = rows.assign(
        page=rows["source_ref"].str.extract(PRINTED_PAGE, expand=False).astype("float64"),
        line=rows["source_ref"].str.extract(PRINTED_LINE, expand=False).astype("float64"),
    )
    rows = rows.sort_values([*key, *REPEAT_ORDER], kind="stable", na_position="last")
    order = rows.groupby(key).cumcount() + 1
    checks.loc[order.index, "subject"] = checks.loc[order.index, "subject"] + " [" + order.astype(str) + "]"


def empty_checks() -> pd.DataFrame:
    columns = [*CHECK_COLUMNS, "rule_id", "severity", "difference", "excess", "message", "family"]
    return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})


def default_message(rule_id: str, lhs, rhs, difference, tolerance) -> str:
    from expectations.rules import RULES_BY_ID

    title = RULES_BY_ID[rule_id].title
    return f"{title}: {_fmt(lhs)} vs {_fmt(rhs)} (difference {_fmt(difference)}, tolerance {_fmt(tolerance)})"


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    text = f"{value:f}" if not isinstance(value, str) else value
    return text.rstrip("0").rstrip(".") if "." in text else text
