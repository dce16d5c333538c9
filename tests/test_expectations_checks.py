"""How a rule's rows are completed: exact decimal comparison against the tolerance."""

from __future__ import annotations

import duckdb

import expectations.rules as rules
from expectations.checks import _fmt, create_staging, number_checks, rule_rows


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
    con = duckdb.connect()
    create_staging(con)
    refs = [
        "f | line 348 | t | 行政运行",
        "f | line 9 | t | 行政运行",
        "f | line 40 | t | 行政运行",
        "f | line 7 | t | x",
    ]
    subjects = ["行政运行", "行政运行", "行政运行", "x"]
    con.executemany(
        "insert into dq_check_rows values ('d', 'FA-11', 'error', ?, 1, 1, 0, 0.01, -0.01, null, ?)",
        list(zip(subjects, refs, strict=True)),
    )
    number_checks(con)
    numbered = dict(con.execute("select source_ref, subject from dq_checks").fetchall())
    assert [numbered[ref] for ref in refs] == ["行政运行 [3]", "行政运行 [1]", "行政运行 [2]", "x"]
    message = con.execute("select message from dq_checks where subject = 'x'").fetchone()
    assert message == (f"{rules.RULES_BY_ID['FA-11'].title}: 1 vs 1 (difference 0, tolerance 0.01)",)


def test_values_are_the_doubles_pandas_reads_and_print_as_python_prints_them():
    """dq_double gives a decimal's value as DuckDB hands it to pandas (which the results always held),
    not the correctly rounded cast; dq_fmt prints it as _fmt does."""
    con = duckdb.connect()
    create_staging(con)
    values = ["-11575741437.552470", "17605281364.599998", "0.015", "2185600", "-0.000001", "123456789012.345678"]
    rows = con.execute(
        "select d, dq_double(d) as x, cast(d as double) as cast_d, dq_fmt(dq_double(d)) as printed "
        "from (select cast(unnest(?) as decimal(38, 6)) as d)",
        [values],
    ).df()
    assert rows["x"].tolist() == rows["d"].tolist()
    assert (rows["cast_d"] != rows["d"]).any()  # the cast would not give the same doubles
    assert rows["printed"].tolist() == [_fmt(v) for v in rows["d"]]
    assert rows["printed"].tolist()[2:5] == ["0.015", "2185600", "-0.000001"]
