"""The newcomer's path: `make where` (and the end of `make build`) says where the report, the docs
and the exports are, and the guide's query command needs nothing but the project's environment."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT


def test_make_where_names_every_output_of_a_build(tmp_path):
    warehouse = tmp_path / "out" / "warehouse.duckdb"
    done = subprocess.run(
        ["make", "--no-print-directory", "where", f"WAREHOUSE={warehouse}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    for path in ("report/index.html", "docs/index.html", "exports/", "dq/failures.txt"):
        assert f"{tmp_path / 'out'}/{path}" in out, path
    assert "make shell" in out


def test_the_readme_queries_with_the_projects_own_tools():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "-readonly" not in readme  # the DuckDB command-line program is not installed
    assert "make shell" in readme and "python -m report.query" in readme


def test_the_build_help_says_what_every_step_does(capsys):
    from warehouse_build.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for step in ("build:", "dbt-models:", "clean:", "shell:", "where:"):
        assert step in help_text, step
    assert "ingest, dbt, expectations, report, docs, exports, publish in turn" in help_text
