"""Text and Markdown dumps: bytes -> normalized lines.

Documents arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK. Full-width
digits, Latin letters and number punctuation are folded to ASCII so that "１２３．４５％" reads as
"123.45%"; Chinese punctuation such as （）：，。 is kept as printed.
"""

from __future__ import annotations

import codecs
import re

from ingest.model import Line

# Encodings tried in order when the file has no BOM. GB18030 is a superset of GBK and GB2312.
FALLBACK_ENCODINGS = ("utf-8", "gb18030")

# Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E. Only digits, letters and the
# characters used inside numbers are folded; the rest of CJK punctuation stays as printed.
_FOLD_CHARS = (
    "０１２３４５６７８９％．＋－"
    + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B))
)
FULLWIDTH_FOLD = str.maketrans({c: chr(ord(c) - 0xFEE0) for c in _FOLD_CHARS} | {"\u3000": " ", "\u00a0": " "})

_FOLDABLE = re.compile("[" + re.escape(_FOLD_CHARS) + "\u3000\u00a0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UnreadableText(Exception):
    """The bytes are not a text document in any supported encoding."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise UnreadableText for empty, binary or undecodable input."""
    if not data.strip():
        raise UnreadableText("the file is empty")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise UnreadableText(
                    f"the file starts with a {name} byte-order mark but does not decode: {exc}"
                ) from exc
    if b"\x00" in data[:4096]:
        raise UnreadableText("the file contains NUL bytes: it is binary, not text")
    for name in FALLBACK_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise UnreadableText("the file decodes but is mostly control characters: it is binary, not text")
        return text, name
    raise UnreadableText("the file is neither UTF-8 nor GB18030/GBK text")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 20)


def normalize_line(text: str) -> str:
    """Fold full-width digits/letters, drop control characters and trailing whitespace.

    Tabs are kept: they separate cells in tab-separated dumps.
    """
    text = _FOLDABLE.sub(lambda m: m.group().translate(FULLWIDTH_FOLD), text)
    text = _CONTROL.sub("", text)
    return text.rstrip(" \r")


def text_to_lines(text: str) -> list[Line]:
    """Split decoded text into numbered, normalized lines (1-based line numbers)."""
    # Normalizing the whole text at once is several times faster than line by line.
    folded = _FOLDABLE.sub(lambda m: m.group().translate(FULLWIDTH_FOLD), text)
    folded = _CONTROL.sub("", folded.replace("\r\n", "\n").replace("\r", "\n"))
    return [Line(text=raw.rstrip(" "), line_no=i) for i, raw in enumerate(folded.split("\n"), start=1)]
