"""``datapackage.json``: the exports described as a Frictionless Tabular Data Package.

Every CSV is a resource whose fields carry the column's type and its description from the dbt docs
(read from the warehouse, report/table_docs.py) and, as title, its Chinese label. Where the Fiscal Data
Package fits, its properties are added: ``countryCode``, ``fiscalPeriod``, and on a field its
``columnType`` (an amount in yuan is a ``value`` in ``CNY``; a fiscal year, a functional or economic
classification and the publishing department say what they are). The profile stays
``tabular-data-package``: the fiscal profile is only published online, and the package validates
offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from report.excel_csv import DATETIME_FORMAT
from report.table_docs import ColumnDoc, TableDoc

PACKAGE_NAME = "cn-public-finance-warehouse"

# Fiscal Data Package column types of the columns that are one of its dimensions or measures.
FISCAL_COLUMN_TYPES: dict[str, str] = {
    "fiscal_year": "date:fiscal-year",
    "function_code": "functional-classification:generic:code",
    "function_name": "functional-classification:generic:label",
    "economic_code": "economic-classification:generic:code",
    "economic_name": "economic-classification:generic:label",
    "department_id": "administrative-classification:generic:code",
    "department_name": "administrative-classification:generic:label",
}


@dataclass(frozen=True)
class ExportedTable:
    doc: TableDoc
    resource_name: str  # file stem of the CSV and Parquet files
    headers: dict[str, str]  # column name -> CSV header (the name itself unless labels were asked for)
    csv_leaves_out: tuple[str, str] | None = None  # (column, value): rows the CSV does not list (Parquet does)


def frictionless_type(duckdb_type: str) -> str:
    kind = duckdb_type.upper()
    if kind.startswith(("DECIMAL", "DOUBLE", "FLOAT", "REAL", "NUMERIC")):
        return "number"
    if kind in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}:
        return "integer"
    if kind == "BOOLEAN":
        return "boolean"
    if kind == "DATE":
        return "date"
    if kind.startswith("TIMESTAMP"):
        return "datetime"
    return "string"


def field(column: ColumnDoc, header: str) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "name": header,
        "title": column.name if header != column.name else (column.label_zh or column.name),
        "type": frictionless_type(column.duckdb_type),
        "description": column.description,
    }
    if descriptor["type"] == "datetime":
        descriptor["format"] = DATETIME_FORMAT
    if column.name.endswith("_yuan") and descriptor["type"] == "number":
        descriptor.update(columnType="value", currency="CNY")
    elif column.name in FISCAL_COLUMN_TYPES:
        descriptor["columnType"] = FISCAL_COLUMN_TYPES[column.name]
    return descriptor


def resource(table: ExportedTable) -> dict[str, Any]:
    description = table.doc.description
    if table.csv_leaves_out:
        column, value = table.csv_leaves_out
        description += (
            f" This CSV file lists the rows whose {column} is not '{value}'; "
            f"{table.resource_name}.parquet holds every row."
        )
    return {
        "name": table.resource_name,
        "path": f"{table.resource_name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "title": table.doc.qualified,
        "description": description,
        "schema": {"fields": [field(c, table.headers.get(c.name, c.name)) for c in table.doc.columns]},
    }


def package(tables: list[ExportedTable], fiscal_years: list[int], extra: dict[str, Any] | None = None) -> dict:
    """The datapackage.json descriptor; ``extra`` adds package properties (provenance)."""
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Chinese public-finance disclosures: marts and data-quality tables",
        "description": (
            "Final accounts (部门决算), performance evaluations (绩效评价) and the comparisons built on them, "
            "money in yuan, every figure with the place it was read (source_ref); the dq_ tables list what "
            "could not be read and every accounting identity checked. The same tables are in the Parquet "
            "files beside each CSV (dq_identity_results.csv lists the checks that did not pass; its Parquet "
            "file every check)."
        ),
        "countryCode": "CN",
    }
    if fiscal_years:
        descriptor["fiscalPeriod"] = {"start": f"{min(fiscal_years)}-01-01", "end": f"{max(fiscal_years)}-12-31"}
    descriptor.update(extra or {})
    descriptor["resources"] = [resource(t) for t in tables]
    return descriptor
