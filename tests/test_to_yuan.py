"""The to_yuan macro (dbt_project/macros/to_yuan.sql) computes an amount below 10^8 in 64-bit
decimals and a larger one in 128-bit ones: both ways give the value of the plain 128-bit
conversion, rounding included, in either unit."""

from __future__ import annotations

from decimal import Decimal

import duckdb
from conftest import ROOT
from jinja2 import Environment

MACROS = ROOT / "dbt_project" / "macros" / "to_yuan.sql"
PLAIN = "cast(amount * case when unit = '万元' then 10000 else 1 end as decimal(20, 2))"
BOUNDS = ("0", "0.004999", "0.005", "99999999.994999", "99999999.995", "99999999.999999", "100000000")
SHIFTS = ("0", "-0.000001", "0.000001", "12345.678905", "987654321.123456", "1234567890123.994999")


def _to_yuan_sql() -> str:
    module = Environment().from_string(MACROS.read_text(encoding="utf-8")).module
    return str(module.to_yuan("amount", "unit"))


def test_to_yuan_gives_the_plain_conversions_value_on_both_sides_of_its_bound():
    con = duckdb.connect()
    con.execute("create table figures (amount decimal(24, 6), unit varchar)")
    bounds = [Decimal(sign + bound) for bound in BOUNDS for sign in ("", "-")]
    values = sorted({bound + Decimal(shift) for bound in bounds for shift in SHIFTS})
    con.executemany(
        "insert into figures values (?, ?)", [[str(v), unit] for v in values for unit in ("万元", "元", "个")]
    )
    con.execute("insert into figures values (null, '万元'), (null, '元')")
    con.execute("delete from figures where abs(amount) >= 1e13")  # the plain conversion overflows there too
    rows = con.execute(
        f"select amount, unit, {_to_yuan_sql()} as fast, {PLAIN} as plain, typeof(fast) from figures"
    ).fetchall()
    assert len(rows) > 150
    assert [row for row in rows if row[2] != row[3] or (row[2] is None) != (row[3] is None)] == []
    assert {row[4] for row in rows} == {"DECIMAL(20,2)"}
    fast_rows = [row for row in rows if row[0] is not None and abs(row[0]) < 100000000]
    assert len(fast_rows) > 50 and len(rows) - len(fast_rows) > 50  # both ways are taken
    by_amount = {(str(row[0]), row[1]): str(row[2]) for row in rows}
    assert by_amount[("0.005000", "元")] == "0.01" and by_amount[("-0.005000", "元")] == "-0.01"
    assert by_amount[("99999999.995000", "万元")] == "999999999950.00"
    assert by_amount[("99999999.995000", "元")] == "100000000.00"
