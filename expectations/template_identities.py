"""The identities a family of tables states as data (its TemplateVocabulary: row sums, summary sums,
hierarchies, sums across tables, the “三公” items), loaded into temporary tables the rule queries
read (``sql/_template_views.sql``; the budget rules BU-01 to BU-08 are written with them).

The reader checks the same data on one document while it reads (ingest/parsers/fa_checks.py); here
they are checked on the landed warehouse, where they decide publication.
"""

from __future__ import annotations

import duckdb

from ingest.parsers import budget_patterns, fa_patterns
from ingest.parsers.templates import FAMILIES, SPECS

# The families whose identities are checked from their vocabulary (the final accounts' FA rules are
# written out in sql/FA-*.sql; FA-08 through the same hierarchy macro).
CHECKED_FAMILIES = (budget_patterns.VOCABULARY,)

_TABLES = """
create or replace temp table dq_template_row_sum_rules (
    rule_id varchar, table_key varchar, total_column varchar, part_columns varchar[], side varchar);
create or replace temp table dq_template_sums (
    rule_id varchar, seq integer, total_table varchar, total_side varchar, total_row varchar, total_column varchar);
create or replace temp table dq_template_sum_parts (
    seq integer, part_no integer, part_table varchar, side varchar, row_key varchar, column_key varchar);
create or replace temp table dq_template_class_sum_rules (rule_id varchar, table_key varchar);
create or replace temp table dq_template_hierarchy_rules (rule_id varchar, table_key varchar);
create or replace temp table dq_template_class_matches (
    rule_id varchar, coded_table varchar, coded_column varchar, summary_table varchar, summary_column varchar);
create or replace temp table dq_template_three_public_sums (
    rule_id varchar, table_key varchar, total_item varchar, part_items varchar[]);
"""


def load_template_identities(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_TABLES)
    sums: list[tuple] = []
    parts: list[tuple] = []
    for family in CHECKED_FAMILIES:
        con.executemany(
            "insert into dq_template_row_sum_rules values (?, ?, ?, ?, ?)",
            [
                (rule, table_key, total, list(part_columns), side)
                for table_key, rules in family.row_sum_rules.items()
                for rule, total, part_columns, side in rules
            ],
        )
        for table_key, table_sums in family.summary_sums.items():
            for rule, total, figures in table_sums:
                _add_sum(sums, parts, rule, (table_key, *total), [(table_key, *figure) for figure in figures])
        for cross in family.cross_table_sums:
            _add_sum(sums, parts, cross.rule, cross.total, list(cross.parts))
        con.executemany(
            "insert into dq_template_class_sum_rules values (?, ?)",
            [(rule, table_key) for table_key, rule in family.class_sum_rules.items()],
        )
        con.executemany(
            "insert into dq_template_hierarchy_rules values (?, ?)",
            [
                (family.hierarchy_rule if spec.kind == "function_coded" else family.economic_rule, spec.key)
                for spec in family.tables
                if spec.kind in ("function_coded", "economic_coded")
            ],
        )
        con.executemany(
            "insert into dq_template_class_matches values (?, ?, ?, ?, ?)",
            [
                (m.rule, m.coded_table, m.coded_column, m.summary_table, m.summary_column)
                for m in family.class_rows_matches
            ],
        )
        con.executemany(
            "insert into dq_template_three_public_sums values (?, ?, ?, ?)",
            [
                (family.three_public_rule, spec.key, total, list(items))
                for spec in family.tables
                if spec.kind == "three_public"
                for total, items in family.three_public_sums.items()
            ],
        )
    con.executemany("insert into dq_template_sums values (?, ?, ?, ?, ?, ?)", sums)
    con.executemany("insert into dq_template_sum_parts values (?, ?, ?, ?, ?, ?)", parts)
    # FA-08 (合计 = Σ 类 = Σ 款 = Σ 项 in the function-coded tables) is the same query as a budget's:
    # one macro, over the final accounts' function-coded tables.
    con.executemany(
        "insert into dq_template_hierarchy_rules values (?, ?)",
        [
            (fa_patterns.VOCABULARY.hierarchy_rule, spec.key)
            for spec in fa_patterns.VOCABULARY.tables
            if spec.kind == "function_coded"
        ],
    )


def _add_sum(sums: list[tuple], parts: list[tuple], rule: str, total: tuple, figures: list[tuple]) -> None:
    """One sum: its total figure and its parts (table_key, side, row_key, column_key)."""
    seq = len(sums) + 1
    sums.append((rule, seq, *total))
    parts.extend((seq, n, *figure) for n, figure in enumerate(figures, start=1))


def table_rows() -> list[tuple[str, str, str, str, bool]]:
    """(table_key, title, family, kind, in the family's template) of every table the reader knows."""
    return [
        (spec.key, spec.title, spec.family, spec.kind, spec.key in FAMILIES[spec.family].template_table_keys)
        for spec in SPECS.values()
    ]
