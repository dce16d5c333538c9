"""Character forms real documents carry: Kangxi radicals and CJK compatibility ideographs (as
Word-made PDFs often map them), full-width digits, and names printed with spaces between characters.
Each form folds back to the plain text under NFKC (and by removing the spaces)."""

from __future__ import annotations

import unicodedata
from functools import cache

FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789.,-%"})


@cache
def _kangxi_table() -> dict[int, str]:
    """Plain ideograph -> its Kangxi radical (U+2F00–U+2FD5) or compatibility form (U+F900–U+FAD9)."""
    table: dict[int, str] = {}
    for start, end in ((0xF900, 0xFADA), (0x2F00, 0x2FD6)):  # radicals win over compatibility forms
        for cp in range(start, end):
            plain = unicodedata.normalize("NFKC", chr(cp))
            if len(plain) == 1 and plain != chr(cp):
                table[ord(plain)] = chr(cp)
    return table


def kangxi(text: str) -> str:
    return text.translate(_kangxi_table())


def fullwidth(text: str) -> str:
    return text.translate(FULLWIDTH)


def spaced(text: str) -> str:
    return " ".join(text)
