"""The one number parser (ingest/numbers.py) and the parsers that read figures through it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.loading.text import text_to_lines
from ingest.model import DocumentMeta, LoadedDocument
from ingest.numbers import decimals_of, first_number, parse_number
from ingest.parsers.fa_figures import parse_amount
from ingest.parsers.narrative import parse_narrative
from ingest.parsers.performance.common import amount_value, rate_value


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("902.93", Decimal("902.93")),
        ("4,914.20", Decimal("4914.20")),
        ("1234,567", Decimal("1234567")),
        ("-215.56", Decimal("-215.56")),
        ("−3.5", Decimal("-3.5")),  # U+2212, as PDFs print it
        ("+5", Decimal("5")),
        (" 0 ", Decimal("0")),
        ("12345678901234567890.12", Decimal("12345678901234567890.12")),  # exact: landing judges the size
    ],
)
def test_a_printed_number_is_read_exactly(printed, value):
    assert parse_number(printed) == value


@pytest.mark.parametrize(
    "text", ["1e309", "1E5", "inf", "nan", "Infinity", "12万", "1.2.3", "-", "", "  ", None, "１２"]
)
def test_anything_but_one_plain_number_is_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("≤49万元", Decimal("49")),
        ("99.30%", Decimal("99.30")),
        ("收入1,234.50万元", Decimal("1234.50")),
        ("减少-215.56万元", Decimal("-215.56")),
        ("100-200", Decimal("100")),  # a range: the dash is not a sign of 200
        ("1，234万元", Decimal("1234")),  # a full-width separator
        ("1e309", None),
        ("1e309万元", None),
        ("v2", None),
        ("4125.49,4143.91万元", Decimal("4125.49")),
        ("无", None),
        (None, None),
    ],
)
def test_the_first_number_standing_on_its_own(text, value):
    assert first_number(text) == value


def test_decimals_are_counted_as_printed():
    assert [decimals_of(t) for t in ("902.93", "1,234", "0.500", "-3.5")] == [2, 0, 3, 1]


def test_final_accounts_cells_read_through_the_number_parser():
    assert parse_amount("−1,234.50").value == parse_amount("-1234.50").value
    amount = parse_amount(" −1,234.50 ")
    assert (amount.value, amount.printed, amount.decimals) == (Decimal("-1234.50"), "−1,234.50", 2)
    assert parse_amount("1e309") is None
    assert parse_amount("12345678901234567890.00").value == Decimal("12345678901234567890.00")


def test_performance_cells_read_through_the_number_parser():
    assert amount_value("53.45万") == Decimal("53.45")
    assert amount_value("1e309万元") is None
    assert rate_value("-2.5%") == Decimal("-0.025")


def _narrative(text: str) -> dict[tuple[str, str], tuple[Decimal, str]]:
    doc = LoadedDocument("x", "n.txt", "n.txt", "txt", 0, text_to_lines(text))
    meta = DocumentMeta("final_accounts", None, None, None, None, 2022, 2022, "万元")
    found, _ = parse_narrative(doc, meta)
    return {(f.metric, f.measure): (f.value, f.printed) for f in found}


def test_a_negative_narrative_amount_keeps_its_sign():
    got = _narrative("一、收入决算情况说明\n本部门2022年度收入总计-215.56 万元，本年收入合计 902.93 万元。\n")
    assert got[("income_total", "amount")] == (Decimal("-215.56"), "-215.56")
    assert got[("current_income", "amount")] == (Decimal("902.93"), "902.93")


def test_an_exponent_is_not_read_as_its_tail():
    got = _narrative("一、收入决算情况说明\n本部门2022年度收入总计1e309 万元，本年收入合计 902.93 万元。\n")
    assert ("income_total", "amount") not in got
    assert got[("current_income", "amount")] == (Decimal("902.93"), "902.93")


def test_a_range_is_not_a_negative_amount():
    got = _narrative("一、收入决算情况说明\n本部门2022年度收入总计100-215.56万元。\n")
    assert got[("income_total", "amount")] == (Decimal("215.56"), "215.56")
