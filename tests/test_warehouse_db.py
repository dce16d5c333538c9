"""Every step opens the warehouse with DuckDB's memory bounded (ingest/warehouse_db.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ingest.warehouse_db import DEFAULT_MEMORY_LIMIT, connect


def _limit_mib(con) -> str:
    return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_the_memory_limit_is_the_default_or_the_environments(tmp_path, monkeypatch):
    monkeypatch.delenv("DUCKDB_MEMORY_LIMIT", raising=False)
    con = connect(tmp_path / "w.duckdb")
    assert DEFAULT_MEMORY_LIMIT == "512MB" and _limit_mib(con) == "488.2 MiB"
    con.close()
    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "200MB")
    con = connect(tmp_path / "w.duckdb", read_only=True)
    assert _limit_mib(con) == "190.7 MiB"
    con.close()


def test_a_limit_that_is_no_size_stops_with_its_name(tmp_path, monkeypatch):
    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "1GB'; drop table x; --")
    with pytest.raises(ValueError, match="DUCKDB_MEMORY_LIMIT"):
        connect(tmp_path / "w.duckdb")


def test_dbt_opens_duckdb_within_the_same_limit_and_spills_beside_the_warehouse():
    """dbt's DuckDB takes the limit every step takes (its own default is 80% of the machine), and
    spills beside the database it builds, not in the folder dbt runs in."""
    profile = yaml.safe_load((Path(__file__).parents[1] / "dbt_project" / "profiles.yml").read_text("utf-8"))
    options = profile["finance_warehouse"]["outputs"]["dev"]["config_options"]
    assert options["memory_limit"] == f"{{{{ env_var('DUCKDB_MEMORY_LIMIT', '{DEFAULT_MEMORY_LIMIT}') }}}}"
    assert options["temp_directory"] == "{{ env_var('WAREHOUSE_DB', '../warehouse/warehouse.duckdb') }}.tmp"
