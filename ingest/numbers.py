"""Printed numbers -> Decimal: the one reader of figures that every parser uses.

A printed number is digits with optional thousands separators and decimals, and an optional
minus sign: "902.93", "4,914.20", "-215.56", "−3.5" (U+2212; full-width digits and signs are folded
by the loaders before parsing). Nothing else is a number here: no exponents ("1e309"), no
"inf"/"nan", no words. Each parser finds numbers with the patterns of its own layout; this module
turns the text it found into a value and counts its printed decimals.

How large a value may be is decided at landing (ingest/landing/consistency.py), where the
document a figure belongs to is known: a figure too large for the warehouse quarantines its
document with an issue row instead of failing the build.
"""

from __future__ import annotations

import re
from decimal import Decimal

MINUS_SIGNS = "-−"
# A number as printed, for parsers that search text for one: a number standing on its own, never
# a piece of a longer token ("1e309" holds no number, "v2" neither). A minus sign belongs to the
# number only where no digit precedes it ("100-200" is a range: "200" is not negative). A comma
# between two numbers lists them ("4125.49,4143.91万元"), unless three digits follow ("4,914.20").
NUMBER_PATTERN = r"(?<![0-9A-Za-z.])[-−]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9A-Za-z]|\.[0-9])"
NUMBER = re.compile(NUMBER_PATTERN)
# A text that is one number and nothing else (ASCII digits: the loaders fold full-width ones);
# separators may group any digits ("1234,567").
_PLAIN_NUMBER = re.compile(r"[-−+]?[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?")


def parse_number(text: str | None) -> Decimal | None:
    """The value of a printed number ("1,234.50" -> 1234.50, "-215.56" -> -215.56); None when the
    text is not one plain number ("1e309", "12万", "", None)."""
    if text is None:
        return None
    compact = text.strip()
    if not _PLAIN_NUMBER.fullmatch(compact):
        return None
    return Decimal(compact.replace(",", "").replace("−", "-"))


def first_number(text: str | None) -> Decimal | None:
    """The first number standing on its own in a text ("≤49万元" -> 49, "99.30%" -> 99.30); None if none."""
    if not text:
        return None
    match = NUMBER.search(text.replace("，", ","))
    return None if match is None else parse_number(match.group())


def decimals_of(printed: str) -> int:
    """How many decimals a number is printed with ("902.93" -> 2, "1,234" -> 0)."""
    return len(printed.strip().partition(".")[2])
