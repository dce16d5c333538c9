"""The accounting identities of a family's standard tables, checked on one document's parsed values.

The table reader checks them while it reads: to choose between candidate readings of an ambiguous
table (the one whose identities close wins, parsers/final_accounts.py) and to say how well each
document was read (the share of its identities that close, raw.documents -> marts.dim_document).
They are the identities of ../shared/spec/identities.md that one document's tables hold — for the
final accounts FA-01 to FA-13 and FA-15, plus the template's own sum 小计 = 基本支出 + 项目支出 of the
fund tables (rule "FA-07/08"); for budgets BU-01 to BU-08 — with the same tolerance as the
expectations step (half a unit of the last printed decimal of every figure involved). The
expectations step (expectations/sql) checks the same identities on the landed warehouse and
decides publication; these decide nothing but the reading.

Which rows and columns each identity sums is data, in each family's vocabulary
(template_vocabulary.TemplateVocabulary: row_sum_rules, summary_sums, economic_groups, …).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ingest.model import Amount, TableValue
from ingest.parsers.fa_values import TableRead
from ingest.parsers.template_vocabulary import TemplateVocabulary
from ingest.parsers.templates import FAMILIES, kind_of, vocabulary_of

YUAN_PER = {"万元": Decimal(10000), "元": Decimal(1)}


class Check(NamedTuple):  # a tuple: made a few hundred times per document, faster than a frozen dataclass
    """One identity checked: lhs = rhs within tolerance (yuan)."""

    rule: str
    table_key: str
    subject: str
    lhs: Decimal
    rhs: Decimal
    tolerance: Decimal

    @property
    def closed(self) -> bool:
        return abs(self.lhs - self.rhs) <= self.tolerance


class _Figure(NamedTuple):
    value: Decimal  # yuan
    tolerance: Decimal  # yuan


@dataclass(slots=True)
class _Row:
    row_key: str | None
    side: str
    code: str | None
    label: str
    figures: dict[str, _Figure]


def document_checks(values: Iterable[TableValue]) -> list[Check]:
    """Every identity the document's tables allow, table by table and across tables (FA-09)."""
    tables = _rows_by_table(values)
    checks = [check for table_key, rows in tables.items() for check in _table_checks(table_key, rows)]
    return checks + cross_table_checks(tables)


def table_checks(table_key: str, values: Iterable[TableValue]) -> list[Check]:
    """The identities within one table."""
    return _table_checks(table_key, _rows_by_table(values).get(table_key, []))


class TableChecks(NamedTuple):
    """The identities within one table, on what one reading of it read, with the rows they read."""

    rows: list[_Row]
    checks: list[Check]


def read_checks(table_key: str, read: TableRead) -> TableChecks:
    """The identities within one table, on the values one reading of it read: checked once, whether
    to decide between readings (fa_decide) or to grade the document's reading (fa_quality)."""
    if read.checked is None:
        rows = _rows_by_table(read.values).get(table_key, [])
        read.checked = TableChecks(rows, _table_checks(table_key, rows))
    return read.checked


def _rows_by_table(values: Iterable[TableValue]) -> dict[str, list[_Row]]:
    rows: dict[str, dict[tuple[int, str], _Row]] = defaultdict(dict)
    for value in values:
        amount, unit = value.amount, value.unit
        if amount is None or unit not in YUAN_PER:
            continue
        side = value.side or ""
        by_row = rows[value.table_key]
        row = by_row.get((value.row_no, side))
        if row is None:
            code = value.function_code or value.economic_code
            if code is None and value.row_key and value.row_key.isdigit():
                code = value.row_key
            row = by_row[(value.row_no, side)] = _Row(value.row_key, side, code, value.row_label, {})
        if value.column_key not in row.figures:
            row.figures[value.column_key] = _figure(amount.value, amount.decimals, unit)
    return {table_key: list(by_row.values()) for table_key, by_row in rows.items()}


@lru_cache(maxsize=1 << 12)  # a table's figures are checked once per reading of it, many printed again
def _figure(value: Decimal, decimals: int, unit: str) -> _Figure:
    """A printed figure in yuan, with its tolerance."""
    return _Figure(value * YUAN_PER[unit], _tolerance(decimals, unit))


@lru_cache(maxsize=64)
def _tolerance(decimals: int, unit: str) -> Decimal:
    """Half a unit of the last printed decimal, in yuan."""
    return Amount(Decimal(0), "", decimals).half_unit * YUAN_PER[unit]


def _table_checks(table_key: str, rows: list[_Row]) -> list[Check]:
    vocabulary = vocabulary_of(table_key)
    kind = kind_of(table_key)
    checks = _row_sums(table_key, rows, vocabulary)
    if kind == "function_coded":
        checks += _hierarchy(table_key, rows, vocabulary.hierarchy_rule)
    if kind == "economic_coded":
        checks += _economic(table_key, rows, vocabulary)
    if table_key in vocabulary.summary_sums:
        checks += _summary(table_key, rows, vocabulary)
    if kind == "three_public":
        checks += _three_public(table_key, rows, vocabulary)
    return checks


def _check(rule: str, table_key: str, subject: str, total: _Figure, parts: list[_Figure]) -> Check:
    value, tolerance = Decimal(0), Decimal(0)
    for part in parts:  # the parts summed in order, as sum() would
        value += part.value
        tolerance += part.tolerance
    return Check(rule, table_key, subject, total.value, value, total.tolerance + tolerance)


def _row_sums(table_key: str, rows: list[_Row], vocabulary: TemplateVocabulary) -> list[Check]:
    """Within a row: the total column = the sum of its part columns (FA-06, FA-07, FA-10, FA-11, BU-04)."""
    checks = []
    for rule, total_column, part_columns, side in vocabulary.row_sum_rules.get(table_key, ()):
        for row in rows:
            total = row.figures.get(total_column)
            parts = [row.figures[c] for c in part_columns if c in row.figures]
            if total is not None and parts and row.side in (side, ""):
                checks.append(_check(rule, table_key, f"{row.code or row.label} [{total_column}]", total, parts))
    return checks


def _hierarchy(table_key: str, rows: list[_Row], rule: str) -> list[Check]:
    """FA-08 / BU-05, column by column: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项."""
    children_of: dict[str, list[_Row]] = defaultdict(list)  # 合计 ("") -> its 类, 类 -> its 款, 款 -> its 项
    for row in rows:
        if row.code and row.code.isdigit() and len(row.code) in (3, 5, 7):
            children_of[row.code[:-2] if len(row.code) > 3 else ""].append(row)
    checks = []
    for parent in rows:
        if parent.row_key == "total":
            children = children_of.get("", [])
        elif parent.code and parent.code.isdigit() and len(parent.code) in (3, 5):
            children = children_of.get(parent.code, [])
        else:
            continue
        for column, total in parent.figures.items():
            parts = [figure for child in children if (figure := child.figures.get(column)) is not None]
            if parts:
                subject = f"{parent.code or '合计'} = Σ [{column}]"
                checks.append(_check(rule, table_key, subject, total, parts))
    return checks


def _economic(table_key: str, rows: list[_Row], vocabulary: TemplateVocabulary) -> list[Check]:
    """FA-12 / BU-05 within the table: 人员经费合计 / 公用经费合计 = their 类; 合计 = Σ 类; each 类 = Σ
    its 款 — column by column."""
    rule = vocabulary.economic_rule
    by_code = {row.code: row for row in rows if row.code}
    checks = []
    for total_key, codes in vocabulary.economic_groups.items():
        total = next((row.figures.get("amount") for row in rows if row.row_key == total_key), None)
        parts = [by_code[c].figures["amount"] for c in codes if c in by_code and "amount" in by_code[c].figures]
        if total is not None and parts:
            checks.append(_check(rule, table_key, total_key, total, parts))
    classes = [row for code, row in by_code.items() if len(code) == 3]
    for row in rows:
        if row.row_key != "total":
            continue
        for column, total in row.figures.items():
            parts = [c.figures[column] for c in classes if column in c.figures]
            if parts:
                checks.append(_check(rule, table_key, f"合计 = Σ 类 [{column}]", total, parts))
    for code, row in by_code.items():
        if len(code) != 3:
            continue
        children = [r for c, r in by_code.items() if len(c) == 5 and c.startswith(code)]
        for column, total in row.figures.items():
            parts = [child.figures[column] for child in children if column in child.figures]
            if parts:
                checks.append(_check(rule, table_key, f"{code} = Σ 款 [{column}]", total, parts))
    return checks


def _summary(table_key: str, rows: list[_Row], vocabulary: TemplateVocabulary) -> list[Check]:
    """The two-sided summaries' sums (FA-01 to FA-05, FA-10; BU-01 to BU-03, BU-07), and Σ 类 =
    本年支出合计 (or the 总计 where no 本年支出合计 is printed) column by column."""
    figure = {
        (side, row.row_key, column): value
        for row in rows
        for column, value in row.figures.items()
        for side in ({row.side, ""} if row.side else {"", "income", "expenditure"})
    }
    checks = []
    for rule, total_at, parts_at in vocabulary.summary_sums[table_key]:
        total = figure.get(total_at)
        parts = [figure[at] for at in parts_at if at in figure]
        if total is not None and parts_at[0] in figure:
            checks.append(_check(rule, table_key, f"{total_at[1]} [{total_at[2]}]", total, parts))
    rule = vocabulary.class_sum_rules.get(table_key)
    for column in sorted({column for row in rows for column in row.figures}) if rule else ():
        total_key = "current_expenditure"
        if ("expenditure", total_key, column) not in figure and ("expenditure", "carryover_end", column) not in figure:
            total_key = "expenditure_total"
        total = figure.get(("expenditure", total_key, column))
        classes = [
            row.figures[column]
            for row in rows
            if row.side != "income" and row.code and len(row.code) == 3 and column in row.figures
        ]
        if total is not None and classes:
            checks.append(_check(rule, table_key, f"{total_key} = Σ 类 [{column}]", total, classes))
    return checks


def _three_public(table_key: str, rows: list[_Row], vocabulary: TemplateVocabulary) -> list[Check]:
    """FA-13 / BU-08 for each measure (budget and final columns)."""
    checks = []
    columns = {column for row in rows for column in row.figures}
    for column in sorted(columns):
        figure = {row.row_key: row.figures[column] for row in rows if column in row.figures}
        for total_key, part_keys in vocabulary.three_public_sums.items():
            parts = [figure[k] for k in part_keys if k in figure]
            if total_key in figure and parts:
                subject = f"{total_key} [{column}]"
                checks.append(_check(vocabulary.three_public_rule, table_key, subject, figure[total_key], parts))
    return checks


def cross_table_checks(tables: dict[str, list[_Row]]) -> list[Check]:
    """Identities across tables (FA-09, BU-06), on each table's rows (read_checks): a table's figure
    against the summary it details; each 类 of a function-coded table against its row in the summary."""
    figure = {
        (table_key, side, row.row_key, column): value
        for table_key, rows in tables.items()
        for row in rows
        for column, value in row.figures.items()
        for side in {row.side, ""}
    }
    checks = []
    for family in FAMILIES.values():
        for cross in family.cross_table_sums:
            total = figure.get(cross.total)
            parts = [figure[at] for at in cross.parts if at in figure]
            if total is not None and cross.parts[0] in figure:
                subject = f"{cross.total[2]} [{cross.total[3]}] = {cross.parts[0][0]} {cross.parts[0][2]}"
                checks.append(_check(cross.rule, cross.total[0], subject, total, parts))
        for match in family.class_rows_matches:
            summary = {row.code: row.figures[match.summary_column]
                       for row in tables.get(match.summary_table, [])
                       if row.side != "income" and row.code and match.summary_column in row.figures}  # fmt: skip
            for row in tables.get(match.coded_table, []):
                total = row.figures.get(match.coded_column)
                if total is not None and row.code and len(row.code) == 3 and row.code in summary:
                    subject = f"{row.code} = {match.summary_table}"
                    checks.append(_check(match.rule, match.coded_table, subject, total, [summary[row.code]]))
    return checks
