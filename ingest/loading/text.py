"""Text and Markdown dumps: bytes -> normalized lines; the normalization every loader applies.

Documents arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

``normalize_line`` is applied to every line of every format (text, PDF, DOCX and the others):
- full-width digits, Latin letters and number punctuation are folded to ASCII, so "１２３．４５％"
  reads "123.45%" and "１，９５４．０２" reads "1,954.02"; Chinese punctuation such as （）：，。 is
  kept as printed elsewhere (patterns use it);
- characters that only stand for another one are replaced by it (Unicode NFKC, applied to those
  blocks only, where it is safe): Kangxi radicals (⼀ U+2F00 for 一, as Word-made PDFs often carry),
  CJK compatibility ideographs, parenthesized ideographs (㈠ -> (一)); and the simplified-form CJK
  radicals that NFKC leaves alone (⻓ for 长, ⻔ for 门: ``RADICAL_STANDS_FOR``).

``normalize_cell`` is applied to the text of a table cell, whatever format it came from: the line
normalization, spaces between Chinese characters removed ("因 公 出 国 （ 境 ） 费用" ->
"因公出国（境）费用": names are printed letter-spaced to fill a cell) and thousands separators
dropped from amounts ("2,940.05" -> "2940.05").
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from ingest.model import Line, Span

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
# The same fold as a table of code points, for a whole document at once (a substitution per run of
# full-width characters costs ten times more there: every figure is one). The full-width
# characters folded all lie in U+FF01..U+FF5A; the two spaces are replaced apart.
_FOLD_FIRST, _FOLD_LAST = 0xFF01, 0xFF5A
_FOLD_TABLE = np.array([ord(FULLWIDTH_FOLD.get(c, chr(c))) for c in range(_FOLD_LAST + 1)], np.uint32)
_FOLDED_SPACES = [c for c in FULLWIDTH_FOLD if not _FOLD_FIRST <= c <= _FOLD_LAST]
_ARRAY_LENGTH = 2000  # characters from which a text is the faster read as an array of code points

# Blocks whose characters NFKC maps to the ideograph (or marker) they stand for. The rest of NFKC
# is not applied: it would turn Chinese punctuation （：， into ASCII and ① into a digit.
_COMPATIBILITY_RANGES = ((0x2E80, 0x2FDF), (0x3220, 0x3243), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_COMPATIBILITY = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _COMPATIBILITY_RANGES) + "]")
# Simplified-form radicals without an NFKC mapping, as PDF fonts map some glyphs to them.
RADICAL_STANDS_FOR = {
    "\u2ea0": "民", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角", "\u2ec9": "贝",
    "\u2ecb": "车", "\u2ed1": "長", "\u2ed3": "长", "\u2ed4": "门",
    "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食",
    "\u2ee2": "马", "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄",
    "\u2eea": "黾", "\u2eec": "齐", "\u2eee": "齿", "\u2ef0": "龙", "\u2ef3": "龟",
}  # fmt: skip
# Chinese characters and full-width punctuation: a space between two of them is no word break.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
# A full-width comma between digit groups is a thousands separator: "1，954.02" (full-width digits).
_FULLWIDTH_THOUSANDS = re.compile(r"，(?<=\d，)(?=\d{3}(?!\d))")
# A word of nothing but digits and separators is a figure, or a part of one wrapped in a narrow
# column ("111，760，" over "486.75"): its full-width commas are thousands separators too.
# (Only the words with a full-width comma are matched: the others have nothing to replace. Each of
# the two has a full-width comma beside a digit or separator, the text of prose mostly has none.)
# (Patterns that start with the comma itself are searched for as fast as a substring.)
_COMMA_BY_FIGURE = re.compile(r"，(?:(?<=[\d,.]，)|(?=[\d,.]))")
_FIGURE_WORD = re.compile(r"(?<!\S)(?=[\d,.]*，)[\d,.，]*\d[\d,.，]*(?!\S)")
_THOUSANDS = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # "2,940.05", "-12,000"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIGURE_PART = re.compile(r"^[\d,.]+$")
_WHOLE_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")  # "13,249,737.59", "37.59"
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")  # a 支出功能分类 code: 类, 类款 or 类款项
_BLANK_MARK = re.compile(r"^[-—–─━/／]+$")
_CODE_THEN_NAME = re.compile(r"^\d{3}(?:\d{2}){0,2}\s*[\u3400-\u9fff]")  # "2130101行政运行" in one cell
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
# A word of a text dump: characters between runs of two spaces or more (or a wide space).
_LAID_OUT_WORD = re.compile("[^ \u3000]+(?: [^ \u3000]+)*")
TEXT_EM = 2.0  # a wide character's columns: the height a dump's words are measured against
TEXT_LINE_PITCH = 2 * TEXT_EM  # a dump prints each row on a line of its own, a row's pitch apart


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
    """Fold full-width digits/letters and compatibility characters, drop control characters and
    trailing whitespace. Tabs are kept: they separate cells in tab-separated dumps.
    """
    return _normalize(text).rstrip(" \r")


@lru_cache(maxsize=1 << 13)  # a table's labels and most of its figures are printed again and again
def normalize_cell(text: str) -> str:
    """A table cell's text: the line normalization, no spaces between Chinese characters, no
    thousands separators in an amount, no surrounding whitespace."""
    text = _SPACE_BETWEEN_CJK.sub("", normalize_line(text)).strip()
    if _THOUSANDS.match(text):
        return text.replace(",", "")
    return text


def join_wrapped(parts: list[str]) -> str:
    """The lines of a wrapped cell joined: "机关事业单位" + "基本养老保险" and "39,323,510.6" + "8" run on;
    Latin words keep a space between them ("Total" + "amount")."""
    joined = ""
    for part in (p.strip() for p in parts):
        if joined and part and _LATIN_END.search(joined) and _LATIN_START.search(part):
            joined += " "
        joined += part
    return joined


def completes_cut_figures(
    above: tuple[str, ...] | list[str], below: tuple[str, ...] | list[str], decimals: int | None = None
) -> bool:
    """Whether a row of cells prints nothing but the rest of the row above, cut by a page break
    ("13,249,7" at the foot of a page, "37.59" at the top of the next; "55286" over "14.70";
    "5,65" over "9638.26", the rest's separators dropped as a cell's are; "行政运" over "行";
    "213010" over "1行政运行", a code printed with its name): no code of its own; every figure it
    prints completes a figure the row above leaves unfinished, and its text goes on with the text
    above. With the decimals the table's figures print (usual_decimals), a head printing fewer is
    unfinished too ("22625.4" over "6")."""
    pairs = [(a, b) for a, b in zip(above, below, strict=True) if b]
    figures = [(a, b) for a, b in pairs if _FIGURE_PART.match(b)]
    texts = [(a, b) for a, b in pairs if not _FIGURE_PART.match(b)]
    return (
        bool(figures)
        and all(
            a and _FIGURE_PART.match(a) and _cut_before(a, b, decimals) and _WHOLE_FIGURE.match(_run_on(a, b))
            for a, b in figures
        )
        and all(
            a and (not _FIGURE_PART.match(a) or _CODE_THEN_NAME.match(a + b)) and not _BLANK_MARK.match(b)
            for a, b in texts
        )
    )


def join_cut_row(above: tuple[str, ...], below: tuple[str, ...]) -> tuple[str, ...]:
    """A row cut by a page break (completes_cut_figures) with its rest joined: each figure runs on,
    each text as a wrapped cell's lines do."""
    return tuple(
        (_run_on(a, b) if _FIGURE_PART.match(a + b) else join_wrapped([a, b])) if b else a
        for a, b in zip(above, below, strict=True)
    )


def _run_on(head: str, rest: str) -> str:
    """A figure's head and rest joined; without separators when only that makes a figure (the rest
    of a cell read on its own has lost its separators: "5,65" + "9638.26")."""
    joined = head + rest
    return joined if _WHOLE_FIGURE.match(joined) else joined.replace(",", "")


def usual_decimals(cells: Iterable[str]) -> int | None:
    """How many decimals a table's figures print: the most that at least two figures print (a
    figure cut short prints fewer, however many are cut); None when no figure prints a decimal point."""
    counts = Counter(len(cell) - cell.index(".") - 1 for cell in cells if "." in cell and _WHOLE_FIGURE.match(cell))
    return max((d for d, count in counts.items() if count >= 2), default=None)


def _cut_before(head: str, rest: str, decimals: int | None = None) -> bool:
    """Whether a figure's head is unfinished: not a figure by itself, digits without the decimals
    the rest brings ("55286" over "14.70"), fewer decimals than the table's figures print
    ("22625.4" over "6", when they print 2), or a code without its last part ("21208" over "01")."""
    if _CODE.match(head) and rest.isdigit():
        return bool(_CODE.match(head + rest))
    if decimals is not None and "." in head and rest.isdigit() and len(head) - head.index(".") - 1 < decimals:
        return len(head + rest) - head.index(".") - 1 == decimals
    return not _WHOLE_FIGURE.match(head) or ("." not in head and "." in rest)


def _normalize(text: str) -> str:
    text = _folded(text)
    if "，" in text and _COMMA_BY_FIGURE.search(text):
        text = _FULLWIDTH_THOUSANDS.sub(",", text)
        text = _FIGURE_WORD.sub(lambda m: m.group().replace("，", ","), text)
    if _has_compatibility_characters(text):
        text = _COMPATIBILITY.sub(_stands_for, text)
    # searched for first: a search skips ahead to a control character, a substitution does not
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def _folded(text: str) -> str:
    """The text with FULLWIDTH_FOLD applied."""
    if len(text) < _ARRAY_LENGTH:
        return _FOLDABLE.sub(lambda m: m.group().translate(FULLWIDTH_FOLD), text)
    points = _code_points(text).copy()
    block = (points >= _FOLD_FIRST) & (points <= _FOLD_LAST)
    points[block] = _FOLD_TABLE[points[block]]
    for space in _FOLDED_SPACES:
        points[points == space] = ord(FULLWIDTH_FOLD[space])
    return points.tobytes().decode("utf-32-le", "surrogatepass")


def _has_compatibility_characters(text: str) -> bool:
    """Whether _COMPATIBILITY finds a character in the text (a whole document: looked for in its
    code points, where the pattern tests each character in turn)."""
    if len(text) < _ARRAY_LENGTH:
        return _COMPATIBILITY.search(text) is not None
    points = _code_points(text)
    return any(bool(np.any((points >= first) & (points <= last))) for first, last in _COMPATIBILITY_RANGES)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def _stands_for(match: re.Match[str]) -> str:
    char = match.group()
    return RADICAL_STANDS_FOR.get(char) or unicodedata.normalize("NFKC", char)


def text_to_lines(text: str) -> list[Line]:
    """Split decoded text into numbered, normalized lines (1-based line numbers). A line that
    normalization changed keeps its text as laid out (``Line.layout_text``): a full-width digit
    takes two columns of a dump, its folded form one, and ``aligned_spans`` needs the columns."""
    unfolded = text.replace("\r\n", "\n").replace("\r", "\n")
    # Normalizing the whole text at once is several times faster than line by line.
    folded = _normalize(unfolded)
    if folded == unfolded:
        return [Line(text=line.rstrip(" "), line_no=i) for i, line in enumerate(folded.split("\n"), start=1)]
    lines, laid_out = folded.split("\n"), unfolded.split("\n")
    if len(laid_out) != len(lines):  # never, as normalization keeps line breaks: no layout then
        laid_out = lines
    return [
        Line(text=line.rstrip(" "), line_no=i, layout_text=None if line == printed else printed.rstrip(" "))
        for i, (line, printed) in enumerate(zip(lines, laid_out, strict=True), start=1)
    ]


def aligned_spans(line: Line) -> tuple[Span, ...]:
    """The words of a line of a text dump placed by the columns they are printed in, as a PDF's are
    by their positions: a dump (``pdftotext -layout``) sets a table's cells apart by two spaces or
    more, a wide character taking two columns; a single space stays inside a word ("2010101
    行政运行", "行 政 运 行"). Measured in columns, a wide character (TEXT_EM) being the height words
    are set apart by; each line stands TEXT_LINE_PITCH below the one above."""
    printed = line.layout_text or line.text
    same_places = len(printed) == len(line.text)
    baseline = line.line_no * TEXT_LINE_PITCH
    spans = []
    x = 0.0
    end = 0
    for word in _LAID_OUT_WORD.finditer(printed):
        start, stop = word.span()
        x += start - end + printed.count("\u3000", end, start)  # the spaces before it: a wide one takes two
        laid_out = word.group()
        right = x + text_width(laid_out)
        text = line.text[start:stop] if same_places else _normalize(laid_out)
        spans.append(Span(x, right, text.strip(), TEXT_EM, baseline))
        x = right
        end = stop
    return tuple(spans)


@lru_cache(maxsize=1 << 12)  # the words of a table's names, printed again and again
def text_width(text: str) -> int:
    """Columns a text takes in a dump: two for a wide (East Asian W or F) character, one otherwise."""
    if text.isascii():  # the spaces and figures of a dump, quickly
        return len(text)
    return len(text) + sum(1 for char in text if char >= "\u1100" and unicodedata.east_asian_width(char) in "WF")
