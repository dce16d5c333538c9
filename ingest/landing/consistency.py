"""Can a document's rows be landed consistently? Checked per document, before anything is written.

The structural tests dbt runs on the staging models (keys, not-null columns, accepted values in
``dbt_project/models/staging/raw/_raw__models.yml``) are read from that file and checked here on
the raw rows of each document, for every column the staging model passes through unchanged.
Every value must also fit its raw column type (landing/schema.py), and every figure must stay
below ``LARGEST_FIGURE`` in its printed unit, so that the warehouse's money type holds it in yuan.

A document with a problem is quarantined (landing/quarantine.py): its rows are held back, so one
document can never break a structural test of the build, and the problem is an issue row.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import yaml

from ingest.landing.duckdb_writer import to_arrow
from ingest.landing.schema import RAW_TABLES

STAGING_FOLDER = Path(__file__).resolve().parents[2] / "dbt_project" / "models" / "staging" / "raw"
STAGING_MODEL_PREFIX = "stg_raw__"
# 10^14 万元 is the largest amount that DECIMAL(20,2), the warehouse's money type, holds in yuan; and
# a rate of 10^14 % the largest DECIMAL(18,6) holds as a fraction. No real figure comes near it.
LARGEST_FIGURE = Decimal(10) ** 14
INTEGER_RANGES = {"INTEGER": 2**31, "BIGINT": 2**63}
_DECIMAL_TYPE = re.compile(r"DECIMAL\((\d+),(\d+)\)")
# A column the staging model selects as it is: "    document_id," (not "amount as amount_printed").
_PLAIN_SELECT = re.compile(r"^\s*(\w+),?\s*$", re.M)
KEY_SEPARATOR, NULL_TEXT = "\x1f", "\x00null"  # joining a key's columns into one text
MAX_PROBLEMS = 5  # problems named per document; one is enough to quarantine it


@dataclass(frozen=True)
class TableRules:
    """The staging tests of one raw table, on the columns staging passes through unchanged."""

    keys: tuple[tuple[str, ...], ...] = ()
    not_null: tuple[str, ...] = ()
    accepted: dict[str, frozenset] = field(default_factory=dict)


@cache
def staging_rules(folder: Path = STAGING_FOLDER) -> dict[str, TableRules]:
    """raw table -> the tests dbt runs on its staging model (read from the staging yml files)."""
    rules: dict[str, TableRules] = {}
    for yml in sorted(folder.glob("*.yml")):
        for model in yaml.safe_load(yml.read_text(encoding="utf-8")).get("models") or []:
            table = model["name"].removeprefix(STAGING_MODEL_PREFIX)
            sql = folder / f"{model['name']}.sql"
            if table not in RAW_TABLES or not sql.exists():
                continue
            rules[table] = _table_rules(model, set(_PLAIN_SELECT.findall(sql.read_text(encoding="utf-8"))))
    return rules


def _table_rules(model: dict, passed_through: set[str]) -> TableRules:
    keys, not_null, accepted = [], [], {}
    for test in model.get("data_tests") or []:
        if isinstance(test, dict) and "unique_key_columns" in test:
            columns = tuple(_arguments(test["unique_key_columns"])["columns"])
            if set(columns) <= passed_through:
                keys.append(columns)
        elif isinstance(test, dict) and "not_null_columns" in test:
            not_null.extend(c for c in _arguments(test["not_null_columns"])["columns"] if c in passed_through)
    for column in model.get("columns") or []:
        name = column["name"]
        if name not in passed_through:
            continue
        for test in column.get("data_tests") or []:
            test_name = test if isinstance(test, str) else next(iter(test))
            if test_name == "unique":
                keys.append((name,))
            elif test_name == "not_null":
                not_null.append(name)
            elif test_name == "accepted_values":
                accepted[name] = frozenset(_arguments(test["accepted_values"])["values"])
    return TableRules(tuple(keys), tuple(not_null), accepted)


def _arguments(test: dict) -> dict:
    return test.get("arguments", test)


def problems(rows: dict[str, list[tuple]]) -> list[str]:
    """What keeps one document's rows from landing consistently (empty when nothing does)."""
    return checked(rows)[0]


def checked(rows: dict[str, list[tuple]]) -> tuple[list[str], dict[str, pa.Table]]:
    """What keeps one document's rows from landing consistently, and, when nothing does, the rows
    as the Arrow tables that are landed (converted once, here)."""
    found: list[str] = []
    tables: dict[str, pa.Table] = {}
    for table, table_rows in rows.items():
        type_found, arrow_rows = _type_problems(table, table_rows)
        found.extend(type_found)
        if arrow_rows is not None:
            tables[table] = arrow_rows
            found.extend(_test_problems(table, table_rows, staging_rules().get(table, TableRules()), arrow_rows))
        else:
            found.extend(_test_problems(table, table_rows, staging_rules().get(table, TableRules())))
        if len(found) >= MAX_PROBLEMS:
            break
    return found[:MAX_PROBLEMS], tables


def _test_problems(table: str, rows: list[tuple], rules: TableRules, arrow_rows: pa.Table | None = None) -> list[str]:
    """The staging tests on the rows. With the rows as Arrow, each test is first run on the columns
    and looked at row by row only when it may fail (a document that passes is not looked at twice)."""
    names = [name for name, _ in RAW_TABLES[table]]
    found = []
    for key in rules.keys:
        if arrow_rows is not None and not _may_repeat(arrow_rows, key):
            continue
        positions = [names.index(column) for column in key]
        counts = Counter(tuple(row[p] for p in positions) for row in rows)
        for values, count in counts.items():
            if count > 1:
                found.append(
                    f"{table}: {count} rows share the key {_pairs(key, values)}{_where(table, rows, key, values)}"
                )
    for column in rules.not_null:
        if arrow_rows is not None and arrow_rows.column(column).null_count == 0:
            continue
        position = names.index(column)
        missing = [row for row in rows if row[position] is None]
        if missing:
            found.append(f"{table}: {len(missing)} row(s) without {column}{_source(table, missing[0])}")
    for column, allowed in rules.accepted.items():
        if arrow_rows is not None:
            values = pc.unique(arrow_rows.column(column)).to_pylist() if arrow_rows.num_rows else []
        else:
            values = [row[names.index(column)] for row in rows]
        unknown = sorted({str(v) for v in values if v is not None} - {str(v) for v in allowed})
        if unknown:
            found.append(f"{table}: {column} {', '.join(unknown)} is not one of {', '.join(map(str, allowed))}")
    return found


def _may_repeat(arrow_rows: pa.Table, key: tuple[str, ...]) -> bool:
    """Whether two rows may share the key. Rows equal as Python values have equal Arrow values,
    hence equal joined texts: a key whose texts are all distinct is unique (texts that collide
    only send the rows to the exact test)."""
    if arrow_rows.num_rows < 2:
        return False
    texts = [pc.cast(arrow_rows.column(column), pa.string()) for column in key]
    joined = (
        texts[0]
        if len(texts) == 1
        else pc.binary_join_element_wise(*texts, KEY_SEPARATOR, null_handling="replace", null_replacement=NULL_TEXT)
    )
    return pc.count_distinct(joined, mode="all").as_py() < arrow_rows.num_rows


def _pairs(columns: tuple[str, ...], values: tuple) -> str:
    return ", ".join(f"{column}={value!r}" for column, value in zip(columns, values, strict=True))


def _where(table: str, rows: list[tuple], key: tuple[str, ...], values: tuple) -> str:
    names = [name for name, _ in RAW_TABLES[table]]
    positions = [names.index(column) for column in key]
    first = next(row for row in rows if tuple(row[p] for p in positions) == values)
    return _source(table, first)


def _source(table: str, row: tuple) -> str:
    names = [name for name, _ in RAW_TABLES[table]]
    if "source_ref" in names and row[names.index("source_ref")]:
        return f" (at {row[names.index('source_ref')]})"
    return ""


def _type_problems(table: str, rows: list[tuple]) -> tuple[list[str], pa.Table | None]:
    """Values too large for the warehouse, or that the raw column type cannot hold; and the rows as
    Arrow when they fit."""
    try:
        arrow_rows = to_arrow(table, rows)  # what landing does: fast, and it refuses what the column type cannot hold
    except (pa.ArrowException, ValueError, TypeError, OverflowError, ArithmeticError, UnicodeError) as exc:
        found = _figure_problems(table, rows)
        return found or _unfit_values(table, rows) or [f"{table}: {type(exc).__name__}: {exc}"], None
    if _largest_figure(arrow_rows) >= LARGEST_FIGURE and (found := _figure_problems(table, rows)):
        return found, None
    return [], arrow_rows


def _largest_figure(arrow_rows: pa.Table) -> Decimal:
    """The largest absolute value of the table's decimal columns (0 without any)."""
    largest = Decimal(0)
    for column in arrow_rows.columns:
        if pa.types.is_decimal(column.type) and column.null_count < len(column):
            extremes = pc.min_max(column)
            for end in ("min", "max"):
                largest = max(largest, abs(extremes[end].as_py()))
    return largest


def _figure_problems(table: str, rows: list[tuple]) -> list[str]:
    found = []
    for position, (column, sql_type) in enumerate(RAW_TABLES[table]):
        if not sql_type.startswith("DECIMAL"):
            continue
        for row in rows:
            value = row[position]
            if isinstance(value, Decimal) and value.is_finite() and abs(value) >= LARGEST_FIGURE:
                found.append(
                    f"{table}.{column}: {value} is too large for the warehouse (figures stay below 1E+14 "
                    f"in their printed unit){_source(table, row)}"
                )
                break  # one example per column
    return found


def _unfit_values(table: str, rows: list[tuple]) -> list[str]:
    """Name the values landing refused, one example per column."""
    found = []
    for position, (column, sql_type) in enumerate(RAW_TABLES[table]):
        for row in rows:
            value = row[position]
            if value is not None and (why := _unfit(value, sql_type)):
                found.append(f"{table}.{column}: {why}{_source(table, row)}")
                break
    return found


def _unfit(value: object, sql_type: str) -> str | None:
    """Why a value cannot be landed in a column of this type; None when it can."""
    if sql_type == "VARCHAR":
        return _unfit_text(value)
    if sql_type in INTEGER_RANGES:
        limit = INTEGER_RANGES[sql_type]
        fits = isinstance(value, int) and not isinstance(value, bool) and -limit <= value < limit
        return None if fits else f"{value!r} is not a {sql_type.lower()}"
    if sql_type == "BOOLEAN":
        return None if isinstance(value, bool) else f"{value!r} is not true or false"
    if m := _DECIMAL_TYPE.fullmatch(sql_type):
        return _unfit_decimal(value, int(m.group(1)), int(m.group(2)))
    return f"no landing rule for {sql_type}"


def _unfit_text(value: object) -> str | None:
    if not isinstance(value, str):
        return f"{value!r} is not text"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"text that is not valid Unicode: {value[:40]!r}"
    return None


def _unfit_decimal(value: object, precision: int, scale: int) -> str | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return f"{value!r} is not a number"
    if not number.is_finite():
        return f"{value!r} is not a finite number"
    limit = Decimal(10) ** (precision - scale)
    if abs(number) >= limit or abs(number.quantize(Decimal(1).scaleb(-scale))) >= limit:
        return f"{number} does not fit DECIMAL({precision},{scale})"
    return None
