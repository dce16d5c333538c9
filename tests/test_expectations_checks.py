"""How a rule's rows are completed: exact decimal comparison against the tolerance."""

from __future__ import annotations

import duckdb
import pandas as pd

import expectations.rules as rules
from expectations.checks import number_repeated_subjects, rule_rows


def test_a_difference_equal_to_its_tolerance_passes_exactly(tmp_path, monkeypatch):
    monkeypatch.setattr(rules, "SQL_DIR", tmp_path)
    (tmp_path / "FA-01.sql").write_text(
        "select 'd' as document_id, s as subject, l as lhs_value, r as rhs_value, t as tolerance, 'eq' as kind, "
        "'f | line 1' as source_ref from (values ('at', 2185600.00, 2185500.00, 100.00), "
        "('beyond', 2185600.00, 2185499.99, 100.00), ('sum', 0.1 + 0.2, 0.3, 0)) as v(s, l, r, t)",
        encoding="utf-8",
    )
    rows = rule_rows(duckdb.connect(), rules.RULES_BY_ID["FA-01"]).set_index("subject")["excess"]
    assert rows["at"] == 0 and rows["beyond"] > 0 and rows["sum"] <= 0


def test_a_repeated_subject_is_numbered_in_the_order_it_was_printed():
    refs = [
        "f | line 348 | t | 行政运行",
        "f | line 9 | t | 行政运行",
        "f | line 40 | t | 行政运行",
        "f | line 7 | t | x",
    ]
    checks = pd.DataFrame(
        {
            "document_id": ["d", "d", "d", "d"],
            "rule_id": ["FA-11"] * 4,
            "subject": ["行政运行", "行政运行", "行政运行", "x"],
            "source_ref": refs,
            "lhs_value": [1.0, 2.0, 3.0, 4.0],
            "rhs_value": [1.0, 2.0, 3.0, 4.0],
            "tolerance": [0.0] * 4,
            "excess": [0.0] * 4,
            "message": ["m"] * 4,
        }
    )
    number_repeated_subjects(checks)
    assert checks["subject"].tolist() == ["行政运行 [3]", "行政运行 [1]", "行政运行 [2]", "x"]
