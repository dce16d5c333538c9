"""Validate the computed checks with Great Expectations and build its Data Docs.

The identity rows computed on the candidate (``checks.py``) are validated through GE's public
pandas path: an ephemeral context, a suite for the shape of the rows (every row names a rule of the
catalog and has an ``excess``), and one expectation suite per rule family (FA, BU, NA, PE, DOC),
one expectation per rule (``excess`` ≤ 0 on that rule's rows), each suite a validation definition.
They run once per chunk of documents (runner.py), so GE holds one chunk's rows: the shape's on
every row, each family's on that family's rows only (an expectation's row condition is a query
over the frame it is given, so a frame of every row would make each of the 39 queries read all of
them). GE's SQL engine is not
used: it loses query rows on DuckDB. Importing great_expectations takes seconds: only this module
does it, once per step.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from expectations.rules import FAMILIES, RULES

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
FAMILY_OF = {rule.rule_id: rule.family for rule in RULES}


@dataclass
class ValidationOutcome:
    failing_rows: set[int] = field(default_factory=set)  # row_ids of dq_checks (checks.py)
    success: bool = True
    statistics: dict[str, dict] = field(default_factory=dict)
    data_docs_index: Path | None = None


def _quiet() -> None:
    for name in ("great_expectations", "great_expectations.core", "great_expectations.data_context"):
        logging.getLogger(name).setLevel(logging.ERROR)


class Validator:
    """One ephemeral GE context with the family suites and their checkpoint, validating one chunk
    of checks after another; the Data Docs are built once, over every chunk's results."""

    def __init__(self, data_docs_dir: Path):
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig
        from great_expectations.expectations.row_conditions import Column

        _quiet()
        self.data_docs_dir = data_docs_dir
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        data_docs_dir.mkdir(parents=True, exist_ok=True)
        self.context.add_data_docs_site(
            site_name="identities",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(Path(data_docs_dir).resolve()),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        source = self.context.data_sources.add_pandas("identity_checks")
        self.definitions = {}
        for name, suite in (("SHAPE", _shape_suite(gx)), *((f, _family_suite(gx, Column, f)) for f in FAMILIES)):
            batch = source.add_dataframe_asset(f"{name.lower()}_checks").add_batch_definition_whole_dataframe(
                f"{name.lower()}_rows"
            )
            suite = self.context.suites.add(suite)
            definition = gx.ValidationDefinition(name=name, data=batch, suite=suite)
            self.definitions[name] = self.context.validation_definitions.add(definition)

    def validate(self, frame: pd.DataFrame) -> ValidationOutcome:
        """Validate one chunk of checks (``validation_frame``): the shape on every row, each family
        on its rows, in one run; return the row_ids of the rows GE found failing."""
        from great_expectations.core.run_identifier import RunIdentifier

        run_id = RunIdentifier(run_time=datetime.now(UTC))
        family = frame["rule_id"].map(FAMILY_OF)  # on the categories: a rule unknown here is in no family
        outcome = ValidationOutcome()
        for name, definition in self.definitions.items():
            rows = frame if name == "SHAPE" else frame[family == name]
            result = definition.run(
                batch_parameters={"dataframe": rows}, result_format={"result_format": "COMPLETE"}, run_id=run_id
            )
            outcome.success = outcome.success and bool(result.success)
            outcome.statistics[name] = dict(result.statistics)
            for expectation_result in result.results:
                if expectation_result.expectation_config.meta.get("check") != "identity":
                    if not expectation_result.success:
                        raise RuntimeError(f"identity rows are malformed: {expectation_result.expectation_config}")
                    continue
                for position in expectation_result.result.get("unexpected_index_list") or []:
                    outcome.failing_rows.add(int(frame.loc[position, "row_id"]))
        return outcome

    def build_data_docs(self) -> Path | None:
        self.context.build_data_docs(site_names=["identities"])
        index = self.data_docs_dir / "index.html"
        return index if index.exists() else None


def validation_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The rows GE validates, from ``dq_checks`` (checks.py): each family's suite reads its own rules'
    rows through row conditions. Only the columns the expectations read (and the row's id) are handed over."""
    frame = con.execute("select rule_id, excess, row_id from dq_checks order by row_id").df()
    # a category: the row conditions compare its few codes, not a string per row
    frame["rule_id"] = frame["rule_id"].astype("category")
    return frame


def _shape_suite(gx):
    """Every row names a rule of the catalog (so it is in a family's suite) and has an excess."""
    suite = gx.ExpectationSuite(name="identities_shape", meta={"family": None})
    shape = {"check": "shape"}
    rule_ids = [rule.rule_id for rule in RULES]
    suite.add_expectation(gx.expectations.ExpectColumnValuesToBeInSet(column="rule_id", value_set=rule_ids, meta=shape))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="excess", meta=shape))
    return suite


def _family_suite(gx, Column, family: str):
    suite = gx.ExpectationSuite(name=f"identities_{family.lower()}", meta={"family": family})
    for rule in RULES:
        if rule.family != family:
            continue
        suite.add_expectation(
            gx.expectations.ExpectColumnValuesToBeBetween(
                column="excess",
                max_value=0,
                row_condition=Column("rule_id") == rule.rule_id,
                result_format={"result_format": "COMPLETE"},
                severity="critical" if rule.severity == "error" else "warning",
                description=f"{rule.rule_id} ({rule.severity}): {rule.title} — |lhs − rhs| beyond the tolerance ≤ 0",
                meta={"check": "identity", "rule_id": rule.rule_id},
            )
        )
    return suite
