"""dbt docs for a newcomer: an overview page that says where to start, relations named for the
warehouse (not for the file a build writes first), and descriptions written into the warehouse."""

from __future__ import annotations

import re

import duckdb
import pytest
from conftest import ROOT
from sample_build import sample_warehouse

OVERVIEW = ROOT / "dbt_project" / "models" / "overview.md"
MODELS = ROOT / "dbt_project" / "models"


def test_the_overview_names_only_models_that_exist():
    text = OVERVIEW.read_text(encoding="utf-8")
    assert text.startswith("{% docs __overview__ %}") and text.rstrip().endswith("{% enddocs %}")
    named = set(re.findall(r"`(?:dq\.)?((?:dim|fct|mart)_[a-z_]+|ingest_issues|identity_results)`", text))
    models = {path.stem for path in MODELS.rglob("*.sql")} | {"identity_results"}
    assert named and named <= models, sorted(named - models)


@pytest.mark.build
def test_docs_open_on_the_overview_with_warehouse_relation_names():
    docs = (sample_warehouse().parent / "docs" / "index.html").read_text(encoding="utf-8")
    assert "Where to start" in docs
    assert '"database": "warehouse"' in docs and '"database": "candidate"' not in docs


@pytest.mark.build
def test_the_docs_describe_the_models_and_name_no_document():
    """A full build lists every document in raw.refreshed_documents: the SQL the docs show is a full
    build's, the same for any warehouse, so it names none of them (and does not grow with them)."""
    warehouse = sample_warehouse()
    docs = (warehouse.parent / "docs" / "index.html").read_text(encoding="utf-8")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        documents = [row[0] for row in con.execute("select document_id from raw.refreshed_documents").fetchall()]
    finally:
        con.close()
    assert len(documents) >= 5
    assert [document_id for document_id in documents if document_id in docs] == []
    assert "count(*) as duplicate_rows" in docs  # the tests' SQL is there, on the whole relations


@pytest.mark.build
def test_the_warehouse_carries_its_descriptions():
    con = duckdb.connect(str(sample_warehouse()), read_only=True)
    try:
        undescribed = con.execute(
            "select table_name || '.' || column_name from duckdb_columns() "
            "where schema_name in ('marts', 'dq') and coalesce(comment, '') = '' order by 1"
        ).fetchall()
    finally:
        con.close()
    assert undescribed == []
