"""The documents behind a failed ``dbt build``: quarantine's last line of defence.

Landing checks every document against the staging tests (landing/consistency.py), so a single
document cannot break those; a test on a model further down (a mart's not-null column, say) still
can. When ``dbt build`` fails, its ``run_results.json`` names the failed tests. Each test's failing
rows are selected again with the SQL dbt ran, and matched to the rows of the model the test is
attached to: the model's ``document_id`` names the documents they came from. Those documents can
be quarantined and the build run again. A failure no document can be named for (a model that did
not build, a test on a model without document_id) is reported as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

# dbt's generic tests rename the column they test in their failing rows.
RENAMED_BY_TESTS = ("unique_field", "value_field", "from_field")
# not_null_columns (tests/generic) adds to a failing row the columns it lacks.
NULL_COLUMNS = "null_columns"


@dataclass
class FailedBuild:
    culprits: dict[str, str] = field(default_factory=dict)  # document_id -> which test its rows fail
    unexplained: list[str] = field(default_factory=list)  # failures no document can be named for


def failed_build(con: duckdb.DuckDBPyConnection, target_dir: Path) -> FailedBuild:
    """Read the last ``dbt build``'s results in ``target_dir`` and name the documents behind each failure."""
    results = json.loads((target_dir / "run_results.json").read_text(encoding="utf-8"))["results"]
    nodes = json.loads((target_dir / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    found = FailedBuild()
    for result in results:
        if result["status"] not in ("fail", "error"):
            continue
        node = nodes.get(result["unique_id"], {})
        what = f"{node.get('resource_type', 'node')} {node.get('name', result['unique_id'])}"
        if result["status"] == "error" or node.get("resource_type") != "test":
            found.unexplained.append(f"{what}: {result.get('message') or result['status']}")
            continue
        documents = _documents_failing(con, result["compiled_code"], node, nodes.get(node.get("attached_node"), {}))
        if not documents:
            found.unexplained.append(
                f"{what}: {result.get('message') or 'fails'}; no document can be named for its rows"
            )
        for document_id, lacking in documents.items():
            detail = f" (without {lacking})" if lacking else ""
            found.culprits.setdefault(document_id, f"its rows fail the dbt test {node['name']}{detail}")
    return found


def _documents_failing(con: duckdb.DuckDBPyConnection, test_sql: str, test: dict, model: dict) -> dict[str, str]:
    """document -> the columns its failing rows lack, when the test says (not_null_columns), else ''."""
    relation = model.get("relation_name")
    if not relation:
        return {}
    model_columns = {row[0] for row in con.execute(f"describe select * from {relation}").fetchall()}
    if "document_id" not in model_columns:
        return {}
    failing_columns = [row[0] for row in con.execute(f"describe select * from ({test_sql})").fetchall()]
    tested_column = test.get("column_name") or test.get("test_metadata", {}).get("kwargs", {}).get("column_name")
    pairs = []
    for column in failing_columns:
        in_model = tested_column if column in RENAMED_BY_TESTS else column
        if in_model in model_columns:
            pairs.append((in_model, column))
    if not pairs:
        return {}
    matched = " and ".join(f'm."{mine}" is not distinct from f."{theirs}"' for mine, theirs in pairs)
    lacking = (
        "string_agg(distinct f.null_columns, '; ' order by f.null_columns)" if NULL_COLUMNS in failing_columns else "''"
    )
    rows = con.execute(
        f"select m.document_id, {lacking} from {relation} as m join ({test_sql}) as f on {matched} "
        "where m.document_id is not null group by 1 order by 1"
    ).fetchall()
    return {document_id: lacks for document_id, lacks in rows}
