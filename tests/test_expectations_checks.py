"""How a rule's rows are completed: exact decimal comparison against the tolerance."""

from __future__ import annotations

import duckdb

import expectations.rules as rules
from expectations.checks import rule_rows


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
