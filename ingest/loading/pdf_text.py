"""Characters -> lines of text: grouping by baseline, reading left to right, spaces and column gaps.

A line is the characters standing on the same baseline (within LINE_TOLERANCE), read left to
right. Grouping by baseline rather than by box keeps the glyphs with little ink on their line
when a font gives pdfium no metrics (pdf_page.py): "一般公共服务支出" does not become
"般公共服务支出" + "一", and the decimal point of 2284.45 is not sorted after its digits.

Within a line, a gap wider than WORD_GAP (or a printed space) separates two words; each line keeps
its words with their positions (``Line.spans``), from which a table printed without ruling lines
is read into columns (layout/columns.py).
A Chinese character or full-width sign takes a full em whatever its ink (a box tight to the ink of
"：" would otherwise open a gap after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.loading.text import join_wrapped, normalize_line
from ingest.model import Span

LINE_TOLERANCE = 3.0  # chars whose baselines differ by at most this share a text line (points)
WORD_GAP = 3.0  # a horizontal gap wider than this between two chars is a space (pdfplumber's x_tolerance)
LATIN_WORD_GAP = 0.15  # next to a digit or Latin letter, a gap this many character heights wide is a space
THIN_GLYPH = 0.7  # a glyph box lower than this share of its line's tallest is tight to its ink
FULL_WIDTH_ADVANCE = 0.9  # the em of a line without a full glyph box, in line heights
FULL_WIDTH = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass
class TextLine:
    """A line of text on a page: where it starts, its text, and its spans."""

    top: float
    x0: float
    text: str
    spans: tuple[Span, ...]


def text_lines(chars: list[dict]) -> list[TextLine]:
    """Group chars into lines by their baselines, top to bottom; each line read left to right."""
    lines = []
    for group in _baseline_groups(chars):
        text = normalize_line(_line_text(group)).strip()
        if text:
            top = min(char["top"] for char in group)
            lines.append(TextLine(top, group[0]["x0"], text, _spans(group)))
    return lines


def cell_text(chars: list[dict]) -> str:
    """A table cell's text: its lines read top to bottom and joined (wrapped names, vertical headers)."""
    if not chars:
        return ""
    return join_wrapped([normalize_line(_line_text(group, in_cell=True)).strip() for group in _baseline_groups(chars)])


def _baseline_groups(chars: list[dict]) -> list[list[dict]]:
    ordered = sorted(chars, key=lambda c: (c["baseline"], c["x0"]))
    groups: list[list[dict]] = []
    line_baseline = None
    for char in ordered:
        if line_baseline is None or char["baseline"] - line_baseline > LINE_TOLERANCE:
            groups.append([])
            line_baseline = char["baseline"]
        groups[-1].append(char)
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        _widen_thin_full_width(group)
    return groups


def _widen_thin_full_width(group: list[dict]) -> None:
    """A full-width glyph whose box is a sliver (tight to the ink of 一 ：、) spans the em of its line:
    the median width of the line's full-width glyphs with full boxes."""
    tallest = max(c["bottom"] - c["top"] for c in group)
    full_width = [c for c in group if FULL_WIDTH.match(c["text"])]
    thin = [c for c in full_width if c["bottom"] - c["top"] < THIN_GLYPH * tallest]
    if not thin:
        return
    widths = sorted(c["x1"] - c["x0"] for c in full_width if c["bottom"] - c["top"] >= THIN_GLYPH * tallest)
    em = widths[len(widths) // 2] if widths else FULL_WIDTH_ADVANCE * tallest
    for char in thin:
        char["x1"] = max(char["x1"], char["x0"] + em)


def _line_text(chars: list[dict], in_cell: bool = False) -> str:
    out: list[str] = []
    prev = None
    for char in chars:
        text = char["text"]
        if prev is not None:
            if text == prev["text"] and abs(char["x0"] - prev["x0"]) < 1 and abs(char["top"] - prev["top"]) < 1:
                continue  # the same glyph printed twice (fake bold)
            if _word_break(prev, char, in_cell) and out and out[-1] != " " and text != " ":
                out.append(" ")
        if text == " " and out and out[-1] == " ":
            continue
        out.append(text)
        prev = char
    return re.sub(r"\s+", " ", "".join(out))


def _word_break(prev: dict, char: dict, in_cell: bool) -> bool:
    """A gap wider than WORD_GAP; in a table cell also, next to a digit or Latin letter, one as wide
    as a space of a small font (a code printed before its name: "2010301 行政运行"). Prose keeps the
    narrow gaps word processors leave between Chinese and Latin text unspaced."""
    gap = char["x0"] - prev["x1"]
    if gap > WORD_GAP:
        return True
    if not in_cell:
        return False
    latin = prev["text"].isascii() and prev["text"].isalnum() or char["text"].isascii() and char["text"].isalnum()
    return latin and gap > LATIN_WORD_GAP * (char["bottom"] - char["top"])


def _spans(chars: list[dict]) -> tuple[Span, ...]:
    """The words of a line: runs of visible chars between printed spaces and gaps wider than WORD_GAP."""
    words: list[list[dict]] = []
    last = None
    for char in chars:
        if not char["text"].strip():
            last = None
            continue
        if last is None or _word_break(last, char, in_cell=True):
            words.append([])
        words[-1].append(char)
        last = char
    return tuple(_span(word) for word in words)


def _span(word: list[dict]) -> Span:
    height = max(c["bottom"] - c["top"] for c in word)
    baseline = min(c["baseline"] for c in word)
    return Span(
        word[0]["x0"],
        max(c["x1"] for c in word),
        normalize_line(_line_text(word, in_cell=True)).strip(),
        height,
        baseline,
    )
