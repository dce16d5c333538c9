"""The ``raw`` schema: one table per kind of parsed record, with provenance on every row.

Column lists are the single source of truth for the landing code and for dbt's sources.
Amounts are landed as printed (in their printed unit, DECIMAL(24,6)); staging converts to yuan.
"""

from __future__ import annotations

RAW_TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("document_id", "VARCHAR"),
        ("source_path", "VARCHAR"),
        ("file_name", "VARCHAR"),
        ("file_format", "VARCHAR"),
        ("byte_size", "BIGINT"),
        ("encoding", "VARCHAR"),
        ("page_count", "INTEGER"),
        ("line_count", "INTEGER"),
        ("doc_type", "VARCHAR"),
        ("title", "VARCHAR"),
        ("department_name", "VARCHAR"),
        ("jurisdiction_name", "VARCHAR"),
        ("province_name", "VARCHAR"),
        ("fiscal_year", "INTEGER"),
        ("title_year", "INTEGER"),
        ("money_unit", "VARCHAR"),
        ("is_template", "BOOLEAN"),
        ("parse_status", "VARCHAR"),
        ("parser_version", "VARCHAR"),
    ],
    "ingest_issues": [
        ("document_id", "VARCHAR"),
        ("source_path", "VARCHAR"),
        ("stage", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("message", "VARCHAR"),
        ("line_no", "INTEGER"),
        ("page_no", "INTEGER"),
    ],
    "fa_tables": [
        ("document_id", "VARCHAR"),
        ("table_key", "VARCHAR"),
        ("table_title", "VARCHAR"),
        ("table_no", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("status", "VARCHAR"),
        ("note", "VARCHAR"),
        ("line_no", "INTEGER"),
        ("page_no", "INTEGER"),
        ("row_count", "INTEGER"),
    ],
    "fa_values": [
        ("document_id", "VARCHAR"),
        ("table_key", "VARCHAR"),
        ("row_no", "INTEGER"),
        ("row_label", "VARCHAR"),
        ("line_code", "VARCHAR"),
        ("function_code", "VARCHAR"),
        ("economic_code", "VARCHAR"),
        ("side", "VARCHAR"),
        ("column_key", "VARCHAR"),
        ("column_label", "VARCHAR"),
        ("amount", "DECIMAL(24,6)"),
        ("printed", "VARCHAR"),
        ("decimals", "INTEGER"),
        ("unit", "VARCHAR"),
        ("line_no", "INTEGER"),
        ("page_no", "INTEGER"),
        ("source_ref", "VARCHAR"),
    ],
    "narrative_figures": [
        ("document_id", "VARCHAR"),
        ("metric", "VARCHAR"),
        ("measure", "VARCHAR"),
        ("subject", "VARCHAR"),
        ("value", "DECIMAL(24,6)"),
        ("printed", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("decimals", "INTEGER"),
        ("line_no", "INTEGER"),
        ("page_no", "INTEGER"),
        ("context", "VARCHAR"),
        ("source_ref", "VARCHAR"),
    ],
    "perf_projects": [
        ("document_id", "VARCHAR"),
        ("project_key", "INTEGER"),
        ("project_name", "VARCHAR"),
        ("evaluation_kind", "VARCHAR"),
        ("fiscal_year", "INTEGER"),
        ("department_name", "VARCHAR"),
        ("budget", "DECIMAL(24,6)"),
        ("executed", "DECIMAL(24,6)"),
        ("execution_rate", "DECIMAL(12,6)"),
        ("total_weight", "DECIMAL(12,4)"),
        ("total_score", "DECIMAL(12,4)"),
        ("grade", "VARCHAR"),
        ("score_bands", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("line_no", "INTEGER"),
        ("page_no", "INTEGER"),
        ("source_ref", "VARCHAR"),
    ],
    "perf_indicators": [
        ("document_id", "VARCHAR"),
        ("project_key", "INTEGER"),
        ("seq", "INTEGER"),
        ("level1_name", "VARCHAR"),
        ("level2_name", "VARCHAR"),
        ("level3_name", "VARCHAR"),
        ("target_text", "VARCHAR"),
        ("actual_text", "VARCHAR"),
        ("weight", "DECIMAL(12,4)"),
        ("score", "DECIMAL(12,4)"),
        ("deviation_note", "VARCHAR"),
        ("line_no", "INTEGER"),
        ("page_no", "INTEGER"),
        ("source_ref", "VARCHAR"),
    ],
}


def create_statements(schema: str = "raw") -> list[str]:
    """DDL creating the raw schema and every table (idempotent)."""
    statements = [f"create schema if not exists {schema}"]
    for table, columns in RAW_TABLES.items():
        cols = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
        statements.append(f"create or replace table {schema}.{table} ({cols})")
    return statements
