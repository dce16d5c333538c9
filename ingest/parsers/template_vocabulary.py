"""What the table reader needs to know about a family of standard tables, as data.

Departments publish their money in families of standard tables: the final accounts (部门决算,
公开01–10) and the budget (部门预算 / 单位预算: 收支预算总表, 一般公共预算支出表, …). The tables of
both families are built the same way — summaries with a 收入 side and a 支出 side, tables keyed by
支出功能分类 or 经济分类 codes, the “三公”经费 table, lists of labelled rows — so one reader maps
them all (parsers/final_accounts.py and its step modules). What differs is vocabulary: titles,
column headers, row labels, and the identities the tables hold. Each family states its vocabulary
as one ``TemplateVocabulary`` in its own module (fa_patterns.py, budget_patterns.py); templates.py
gathers the families, and the reader asks it for the vocabulary of the table it reads.

Keys (table_key, column_key, row_key) are what ``raw.fa_values`` lands and what the identity
checks and the marts use; table keys are unique across families.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# How a table is read (TableSpec.kind):
# - two_sided: 收入 | 支出 side by side (summary tables), rows keyed by the family's summary labels;
# - function_coded: rows keyed by 支出功能分类 code (3/5/7 digits), 合计 as "total";
# - economic_coded: rows keyed by 经济分类 code (301, 30101, …), side-by-side code groups allowed;
# - three_public: the “三公”经费 table, one row per item or all items in one row;
# - rows: rows keyed by the labels of the family's row vocabulary for the table (row_labels_by_table).
TABLE_KINDS = ("two_sided", "function_coded", "economic_coded", "three_public", "rows")

# A figure of a summary identity: (side, row_key, column_key); side "" for tables without sides.
Figure = tuple[str, str, str]


@dataclass(frozen=True)
class TableSpec:
    key: str
    number: str  # 公开NN in the family's national template; "" where the template numbers none
    title: str  # official title
    aliases: tuple[str, ...] = ()  # other titles seen in published documents
    kind: str = "rows"  # see TABLE_KINDS
    family: str = "final_accounts"

    @property
    def label(self) -> str:
        """How the table is named in messages: "公开03 支出决算表", or the title alone."""
        return f"公开{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class CrossTableSum:
    """An identity across tables: a figure of one table = the sum of figures of others.

    Each figure is (table_key, side, row_key, column_key); checked where the total and the first
    part are printed."""

    rule: str
    total: tuple[str, str, str, str]
    parts: tuple[tuple[str, str, str, str], ...]


@dataclass(frozen=True)
class ClassRowsMatch:
    """An identity across tables: each 类 (3-digit code) of a function-coded table = its row in a
    summary table (FA-09: 支出决算表 类 = 收入支出决算总表 类)."""

    rule: str
    coded_table: str
    coded_column: str
    summary_table: str
    summary_column: str


@dataclass(frozen=True)
class TemplateVocabulary:
    """The vocabulary of one family of standard tables (see the module docstring)."""

    family: str  # final_accounts / budget: the doc_type whose documents print these tables
    tables: tuple[TableSpec, ...]
    template_table_keys: tuple[str, ...]  # the tables every document of the family publishes
    title_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # more titles, by table
    name_column_words: tuple[str, ...] = ()  # headers of label columns beyond the common ones (fa_patterns)
    # Column headers -> column_key, for every table of the family, then per table (looked up first).
    column_labels_general: Mapping[str, str] = field(default_factory=dict)
    column_labels_by_table: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The template's column order, for space-separated tables whose header cannot be read.
    default_columns_by_title: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    two_sided_default_columns: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    # Row labels of the two-sided tables, by side; the 类 rows are read by the 支出功能分类 names.
    summary_income_rows: Mapping[str, str] = field(default_factory=dict)
    summary_expenditure_rows: Mapping[str, str] = field(default_factory=dict)
    summary_class_order: tuple[str, ...] = ()  # 类 by ordinal, for a class row whose name is misprinted
    carryover_fund_rows: Mapping[str, str] = field(default_factory=dict)  # rows under a carryover, by fund
    economic_total_rows: Mapping[str, str] = field(default_factory=dict)  # 人员经费合计 … of economic tables
    three_public_rows: Mapping[str, str] = field(default_factory=dict)
    three_public_measure: str | None = None  # the measure of a “三公” column whose header names none
    row_labels_by_table: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # "rows" tables
    # The identities a document's tables hold (checked by parsers/fa_checks.py):
    row_sum_rules: Mapping[str, tuple[tuple[str, str, tuple[str, ...], str], ...]] = field(default_factory=dict)
    summary_sums: Mapping[str, tuple[tuple[str, Figure, tuple[Figure, ...]], ...]] = field(default_factory=dict)
    class_sum_rules: Mapping[str, str] = field(default_factory=dict)  # "本年支出合计 = Σ 类", by two-sided table
    hierarchy_rule: str = ""  # rule id of "合计 = Σ 类, 类 = Σ 款, 款 = Σ 项" in the coded tables
    economic_groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    economic_rule: str = ""  # rule id of the economic tables' groups and 类 = Σ 款
    three_public_sums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    three_public_rule: str = ""
    cross_table_sums: tuple[CrossTableSum, ...] = ()
    class_rows_matches: tuple[ClassRowsMatch, ...] = ()

    def __post_init__(self) -> None:
        for spec in self.tables:
            if spec.kind not in TABLE_KINDS or spec.family != self.family:
                raise ValueError(f"{spec.key}: kind {spec.kind!r} / family {spec.family!r} do not fit {self.family}")

    def keys_of_kind(self, kind: str) -> tuple[str, ...]:
        return tuple(spec.key for spec in self.tables if spec.kind == kind)
