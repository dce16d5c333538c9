"""Figures as printed in the final-accounts tables: amounts, blanks, and what is neither.

A blank, "-", "—", "/", "────" cell is a blank (amount None), never zero.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.layout.tables import BLANK_MARK, BLANK_TEXT, FIGURE_TEXT, NUMBER
from ingest.model import Amount
from ingest.numbers import decimals_of, parse_number


@lru_cache(maxsize=1 << 12)
def is_blank_text(text: str) -> bool:
    """A blank cell: empty, "-", "—", "/", "────" (blank, not zero)."""
    stripped = text.strip()
    return not stripped or bool(BLANK_MARK.match(stripped))


# A blank or a figure, with the spaces around it: is_blank_text or NUMBER, in one match.
AMOUNT_TEXT = re.compile(rf"\s*(?:{BLANK_TEXT}|{FIGURE_TEXT})?\s*")


@lru_cache(maxsize=1 << 12)  # a table's labels and most of its figures are printed again and again
def is_amount_text(text: str) -> bool:
    return AMOUNT_TEXT.fullmatch(text) is not None


@lru_cache(maxsize=1 << 12)  # an Amount is immutable: one object may serve every cell printing it
def parse_amount(text: str) -> Amount | None:
    """The figure a cell prints, with its text and decimals; None for a blank or non-figure cell."""
    stripped = text.strip()
    if is_blank_text(stripped) or not NUMBER.match(stripped):
        return None
    value = parse_number(stripped)
    return None if value is None else Amount(value=value, printed=stripped, decimals=decimals_of(stripped))
