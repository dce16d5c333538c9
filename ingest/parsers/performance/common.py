"""Helpers shared by the layout parsers: text joining, numbers, names, grades and score bands."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.model import Line
from ingest.numbers import first_number
from ingest.parsers.performance.patterns import CHECKED_MARK, GRADES, UNIT_TOKENS, YEAR

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]")
_HTML_TAG = re.compile(r"<[^>]+>")
_SPACE_BETWEEN_WIDE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


@dataclass
class IndicatorRow:
    """One indicator as a layout parser read it (before project keys are known)."""

    level1: str | None
    level2: str | None
    level3: str | None
    target: str | None
    actual: str | None
    weight: Decimal | None
    score: Decimal | None
    note: str | None
    line: Line
    header_unit: str | None = None  # unit the table's header prints for the target / actual cells


@dataclass
class SubtotalRow:
    level: int
    name: str
    weight: Decimal | None
    score: Decimal | None
    line: Line
    spans: int = 1  # consecutive same-level groups its figures cover (a merged cell: merged_weights.py)


@dataclass
class ProjectDraft:
    """What one table or report states about an evaluated project."""

    name: str | None
    kind: str
    fiscal_year: int | None
    line: Line
    table: str | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None
    execution_rate: Decimal | None = None
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    grade: str | None = None
    execution_weight: Decimal | None = None
    execution_score: Decimal | None = None
    score_bands: str | None = None
    unit: str = "万元"  # printed unit of budget / executed
    indicators: list[IndicatorRow] = field(default_factory=list)
    subtotals: list[SubtotalRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def squash(text: str) -> str:
    """Text with every whitespace character removed (for comparing labels)."""
    return "".join(text.split())


def strip_html(text: str) -> str:
    return re.sub(r"\s+", " ", _HTML_TAG.sub(" ", text)).strip()


def clean_name(text: str | None) -> str | None:
    """A name as printed with line-wrap and layout whitespace removed ("12345 市民热线" -> "12345市民热线")."""
    if text is None:
        return None
    text = strip_html(text)
    text = _SPACE_BETWEEN_WIDE.sub("", text).strip()
    return text or None


def is_wide(char: str) -> bool:
    return bool(_CJK.match(char))


def join_wrapped(lines: list[Line]) -> str:
    """Join the lines of a flattened table: a wrap inside a run of Chinese text joins without a space;
    a blank line or any other line break separates cells with a space.

    000: "指标 1：信访部门及时受理" + "率 100.00% 99.79% 6 6" -> "…及时受理率 100.00% 99.79% 6 6".
    """
    out = ""
    previous_blank = False
    for line in lines:
        text = line.text.strip()
        if not text:
            previous_blank = True
            continue
        if out and not previous_blank and is_wide(out[-1]) and is_wide(text[0]):
            out += text
        elif out:
            out += " " + text
        else:
            out = text
        previous_blank = False
    return out


def to_decimal(text: str | None) -> Decimal | None:
    return first_number(text)


def is_number(text: str | None) -> bool:
    return bool(text) and bool(re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", text))


def amount_value(text: str | None) -> Decimal | None:
    """An amount cell ("85万元", "53.45万", "194.59") -> its number; None for a rate or a blank cell."""
    if not text or "%" in text:
        return None
    return to_decimal(text)


def rate_value(text: str | None) -> Decimal | None:
    """ "62.9%" -> 0.629; None when the text is not a percentage."""
    if not text or "%" not in text:
        return None
    value = to_decimal(text)
    return None if value is None else value / Decimal(100)


_UNIT_FRAGMENT = re.compile(r"^(?:[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,2})?|%)$")
# Short words that are values, not units, when they follow a number cell.
_NOT_UNITS = {
    "较好",
    "良好",
    "优秀",
    "完成",
    "及时",
    "健全",
    "满意",
    "达标",
    "合格",
    "是",
    "否",
    "无",
    "有",
    "好",
    "优",
    "良",
}


def merge_unit_tokens(tokens: list[str]) -> list[str]:
    """Re-attach a unit printed in its own cell fragment: ["110083", "个"] -> ["110083个"] (000),
    ["0.3万", "件"] -> ["0.3万件"] (001), ["100", "人次"] -> ["100人次"]."""
    merged: list[str] = []
    for token in tokens:
        is_unit = token in UNIT_TOKENS or (_UNIT_FRAGMENT.match(token) and token not in _NOT_UNITS)
        if merged and is_unit and re.search(r"\d万?$", merged[-1]):
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def year_in(text: str | None) -> int | None:
    if not text:
        return None
    match = YEAR.search(squash(text))
    return int(match.group(1)) if match else None


def normalize_grade(text: str | None) -> str | None:
    if not text:
        return None
    return GRADES.get(text.strip())


def checked_grade(text: str) -> str | None:
    """The grade whose box is checked: 004 "优 <input checked="" type="checkbox"/> 良 <input …/>"."""
    grade = r"(优秀|良好|优|良|中|差)"
    for pattern in (rf"{grade}\s*[(（]?\s*{CHECKED_MARK}", rf"{CHECKED_MARK}\s*{grade}"):
        match = re.search(pattern, text)
        if match:
            return normalize_grade(match.group(1))
    return None


# A grade written out, not a row of options: "评价等级：优", "总分 100 96 优秀". 000 "评价等次 优 良 中 □ 差□"
# lists the options (their boxes lost) and states none.
_STATED_GRADE = re.compile(
    r"等[级次][：:为]?\s*[“\"]?(?P<grade>优秀|良好|优|良|中|差)[”\"]?(?!\s*[□☐■☑√]?\s*(?:优|良|中|差))"
)
_TOTAL_ROW_GRADE = re.compile(r"\d\s+(?P<grade>优秀|良好|优|良|中|差)\s*$")


def stated_grade(text: str, total_row: str = "") -> str | None:
    match = _TOTAL_ROW_GRADE.search(total_row) or _STATED_GRADE.search(text)
    return normalize_grade(match.group("grade")) if match else None


_BAND = re.compile(
    r"(?P<a>\d+)\s*(?P<a_incl>[(（]含[)）])?\s*(?:分)?\s*[-~－—至到]\s*(?P<b>\d+)\s*分?\s*(?P<b_incl>[(（]含[^)）]*[)）])?\s*分?\s*"
    r"(?:为|[→\s]+)?\s*(?P<grade>优秀|良好|优|良|中|差)"
)
_BAND_BELOW = re.compile(r"(?P<a>\d+)\s*分以下\s*(?:为|[→\s]+)?\s*(?P<grade>优秀|良好|优|良|中|差)")


def score_bands(text: str) -> str | None:
    """The grade bands a document states, as JSON: [{"grade": "优", "min": 90, "max": 100, …}].

    000: "90（含）-100 分为优、80（含）-90 分为良、60（含）-80 分为中、60 分以下为差";
    004: "100-90 (含) 分为优、90-80 (含) 分为良…"; 002: "90 分~100 分（含 90 分）→优".
    """
    bands = []
    for match in _BAND.finditer(text):
        a, b = int(match.group("a")), int(match.group("b"))
        low, high = min(a, b), max(a, b)
        low_inclusive = bool(match.group("a_incl") if a <= b else match.group("b_incl"))
        if match.group("b_incl") and re.search(rf"含\s*{low}", match.group("b_incl") or ""):
            low_inclusive = True
        bands.append(
            {"grade": normalize_grade(match.group("grade")), "min": low, "max": high, "min_inclusive": low_inclusive}
        )
    for match in _BAND_BELOW.finditer(text):
        bands.append(
            {
                "grade": normalize_grade(match.group("grade")),
                "min": None,
                "max": int(match.group("a")),
                "min_inclusive": False,
            }
        )
    if len(bands) < 2:
        return None
    return json.dumps(bands, ensure_ascii=False)


def grade_from_bands(bands_json: str | None, score: Decimal | None) -> str | None:
    """The grade the stated bands give a score (used only when a grade box cannot be read)."""
    if not bands_json or score is None:
        return None
    for band in json.loads(bands_json):
        low, high = band["min"], band["max"]
        above = low is None or score > low or (band["min_inclusive"] and score == low)
        if above and score <= high:
            return band["grade"]
    return None
