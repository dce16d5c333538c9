"""Great Expectations validates the identity rows: a row fails when its excess is above 0, each
family's suite on its own rows, and rows of no rule of the catalog (or without an excess) stop
the step as malformed."""

from __future__ import annotations

import pandas as pd
import pytest

from expectations.rules import FAMILIES
from expectations.validation import Validator


@pytest.fixture(scope="module")
def validator(tmp_path_factory) -> Validator:
    return Validator(tmp_path_factory.mktemp("validation") / "data_docs")


def _frame(rows: list[tuple[str, float | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["rule_id", "excess"])
    frame["row_id"] = [100 + i for i in range(len(rows))]
    frame["rule_id"] = frame["rule_id"].astype("category")
    return frame


def test_rows_above_their_tolerance_fail_in_every_family(validator):
    frame = _frame([("FA-01", -1.0), ("FA-01", 0.0), ("FA-08", 0.5), ("NA-03", -0.2), ("DOC-03", 1.0), ("PE-01", 0.0)])
    outcome = validator.validate(frame)
    assert outcome.failing_rows == {102, 104}
    assert not outcome.success
    assert set(outcome.statistics) == {"SHAPE", *FAMILIES}
    assert outcome.statistics["FA"]["evaluated_expectations"] > 0


def test_rows_that_all_hold_pass(validator):
    outcome = validator.validate(_frame([("FA-01", 0.0), ("BU-01", -3.0)]))
    assert outcome.failing_rows == set() and outcome.success


@pytest.mark.parametrize(
    "rows", [[("FA-01", 0.0), ("XX-99", -1.0)], [("FA-01", None)]], ids=["unknown rule", "no excess"]
)
def test_malformed_rows_stop_the_validation(validator, rows):
    with pytest.raises(RuntimeError, match="malformed"):
        validator.validate(_frame(rows))
