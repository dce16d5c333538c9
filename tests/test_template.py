"""The official blank template (final_accounts_template.pdf): a document with every standard table
and no figures, whose "上海市XX局" is where a department name goes, not a department."""

from __future__ import annotations

import os
import subprocess
from functools import cache
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, shared_pdf

from ingest.landing.duckdb_writer import write_raw
from ingest.landing.rows import rows_by_table
from ingest.layout.metadata import read_metadata
from ingest.model import DocumentResult, Line
from ingest.pipeline import process_document

TEMPLATE = "final_accounts_template.pdf"


@cache
def _template() -> DocumentResult:
    return process_document(shared_pdf(TEMPLATE))


def _land(tmp_path: Path) -> Path:
    db = tmp_path / "template.duckdb"
    write_raw(db, rows_by_table(_template()))
    return db


def test_template_names_no_department():
    meta = _template().meta
    assert meta.is_template
    assert meta.department_name is None
    assert meta.jurisdiction_name is None
    assert meta.fiscal_year == 2024


def test_placeholder_is_never_a_department_name():
    # the template's cover: "上海市 XX 局" / "2024 年度部门决算"
    lines = [Line("上海市 XX 局", 1), Line("2024 年度部门决算", 2), Line("收入支出决算总表", 3)]
    meta = read_metadata(lines)
    assert meta.is_template
    assert meta.department_name is None


def test_template_lands_as_a_document_with_empty_tables(tmp_path):
    con = duckdb.connect(str(_land(tmp_path)), read_only=True)
    try:
        documents = con.execute(
            "select department_name, is_template, doc_type, fiscal_year from raw.documents"
        ).fetchall()
        tables = con.execute("select status, count(*) from raw.fa_tables group by status").fetchall()
        amounts = con.execute("select count(*) from raw.fa_values where amount is not null").fetchone()
    finally:
        con.close()
    assert documents == [(None, True, "final_accounts", 2024)]
    assert tables == [("empty", 9)]
    assert amounts == (0,)


@pytest.mark.slow
def test_template_is_in_dim_document_and_not_in_dim_department(tmp_path):
    db = _land(tmp_path)
    env = {
        **os.environ,
        "WAREHOUSE_DB": str(db),
        "DBT_TARGET_PATH": str(tmp_path / "dbt_target"),
        "DBT_LOG_PATH": str(tmp_path / "dbt_logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    dbt = ROOT / ".venv" / "bin" / "dbt"
    command = [str(dbt), "build", "--project-dir", "dbt_project", "--profiles-dir", "dbt_project", "--quiet"]
    command += ["--indirect-selection", "cautious"]  # tests of the selected models only
    done = subprocess.run(
        [*command, "--select", "+dim_document", "+dim_department"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = con.execute("select is_template, doc_type from marts.dim_document").fetchall()
        departments = con.execute("select count(*) from marts.dim_department").fetchone()
    finally:
        con.close()
    assert documents == [(True, "final_accounts")]
    assert departments == (0,)
