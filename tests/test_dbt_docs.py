"""Every dbt model is documented in the yml beside it: the model and each of its columns has a
description, and the documented columns are the columns the model builds. The raw sources list
exactly the columns ingest lands (ingest/landing/schema.py), each described."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import yaml
from conftest import ROOT

from ingest.landing.schema import RAW_TABLES

MODELS = ROOT / "dbt_project" / "models"
# the schema each top-level folder builds into (dbt_project.yml)
SCHEMA_OF_FOLDER = {"staging": "staging", "intermediate": "intermediate", "marts": "marts", "dq": "dq"}


def _model_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(MODELS.rglob("*.sql"))}


def _documented() -> dict[str, tuple[Path, dict]]:
    """Each model entry of the models/**/_*.yml files, with the yml it is in."""
    entries: dict[str, tuple[Path, dict]] = {}
    for path in sorted(MODELS.rglob("_*.yml")):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []:
            assert entry["name"] not in entries, f"{entry['name']} is documented twice"
            entries[entry["name"]] = (path, entry)
    return entries


def _described(entry: dict) -> bool:
    return bool(str(entry.get("description") or "").strip())


def test_every_model_has_a_description_in_the_yml_beside_it():
    documented = _documented()
    missing = sorted(name for name in _model_files() if name not in documented)
    assert not missing, f"models without a yml entry: {missing}"
    for name, sql in _model_files().items():
        yml, entry = documented[name]
        assert yml.parent == sql.parent, f"{name} is documented in {yml}, not beside {sql}"
        assert _described(entry), f"{name} has no description"


def test_every_documented_model_exists_and_every_documented_column_is_described():
    models = _model_files()
    for name, (yml, entry) in _documented().items():
        assert name in models, f"{yml.name} documents {name}, which has no .sql"
        columns = entry.get("columns") or []
        names = [column["name"] for column in columns]
        assert len(names) == len(set(names)), f"{name}: a column is documented twice"
        undescribed = [column["name"] for column in columns if not _described(column)]
        assert not undescribed, f"{name}: columns without a description: {undescribed}"
        said_nothing = [c["name"] for c in columns if not _says_more_than_its_name(c["name"], c["description"])]
        assert not said_nothing, f"{name}: descriptions that only repeat the column name: {said_nothing}"


def _says_more_than_its_name(name: str, description: str) -> bool:
    """ "Table key." for table_key says nothing."""
    return description.strip().rstrip(".").lower() != name.replace("_", " ").lower()


def test_raw_sources_list_the_landed_columns_each_described():
    sources = yaml.safe_load((MODELS / "staging" / "raw" / "_raw__sources.yml").read_text(encoding="utf-8"))
    tables = {table["name"]: table for table in sources["sources"][0]["tables"]}
    assert set(tables) == set(RAW_TABLES)
    for name, table in tables.items():
        assert _described(table), f"raw.{name} has no description"
        columns = [column["name"] for column in table.get("columns") or []]
        assert columns == [column for column, _ in RAW_TABLES[name]], f"raw.{name}: columns differ from schema.py"
        for column in table["columns"]:
            description = str(column.get("description") or "")
            assert _says_more_than_its_name(column["name"], description), (
                f"raw.{name}.{column['name']}: {description!r}"
            )


def _built_columns(warehouse: Path) -> dict[tuple[str, str], list[str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "order by table_schema, table_name, ordinal_position"
        ).fetchall()
    finally:
        con.close()
    built: dict[tuple[str, str], list[str]] = {}
    for schema, table, column in rows:
        built.setdefault((schema, table), []).append(column)
    return built


@pytest.mark.build
def test_the_documented_columns_are_the_built_columns():
    from sample_build import sample_warehouse

    built = _built_columns(sample_warehouse())
    documented = _documented()
    problems = []
    for name, sql in _model_files().items():
        schema = SCHEMA_OF_FOLDER[sql.relative_to(MODELS).parts[0]]
        columns = built.get((schema, name))
        assert columns is not None, f"{schema}.{name} was not built"
        described = {c["name"] for c in documented[name][1].get("columns") or [] if _described(c)}
        if undocumented := [c for c in columns if c not in described]:
            problems.append(f"{name}: undocumented {undocumented}")
        if stale := sorted(described - set(columns)):
            problems.append(f"{name}: documented but not built {stale}")
    assert not problems, "\n".join(problems)
