"""The quick tests that let a reader skip work give the answer of the full test they stand for:
on the lines of the sample documents and on examples of each case they cover."""

from __future__ import annotations

import dataclasses
import inspect
import random
import re

import pytest
from conftest import SAMPLES

from ingest.layout.metadata import DEPARTMENT_PATTERNS, TextLines
from ingest.layout.tables import METADATA, NUMBER, _is_metadata
from ingest.loading import load_document
from ingest.loading.text import (
    _COMPATIBILITY,
    _COMPATIBILITY_RANGES,
    FULLWIDTH_FOLD,
    _folded,
    _has_compatibility_characters,
    normalize_line,
)
from ingest.model import Line
from ingest.parsers.fa_figures import is_amount_text, is_blank_text

METADATA_LINES = [
    "部门：景德镇市委信访局",
    "编制单位：江苏省高级人民法院",
    "单位：万元",
    "金额单位：元",
    "收入支出决算总表   单位：万元",
    "公开 08 表",
    "2022 年度",
    "2022年",
    "单位：台、辆、套",
]


def _metadata_by_pattern(line: Line) -> bool:
    """What _is_metadata answers, without its quick test."""
    cells = [c.strip() for c in line.text.split("\t")] if "\t" in line.text else [line.text.strip()]
    return any(METADATA.search(cell) for cell in cells if cell)


def _sample_lines() -> list[Line]:
    return [line for path in sorted(SAMPLES.iterdir()) for line in load_document(path).lines]


@pytest.mark.parametrize("text", METADATA_LINES)
def test_every_kind_of_metadata_line_passes_the_quick_test(text):
    for line in (Line(text, 1), Line(f"\t{text}\t", 1)):
        assert _is_metadata(line) and _metadata_by_pattern(line)


def test_metadata_quick_test_agrees_with_the_pattern_on_every_sample_line():
    lines = [line for line in _sample_lines() if line.cells is None]
    assert sum(_is_metadata(line) for line in lines) > 20
    assert [_is_metadata(line) for line in lines] == [_metadata_by_pattern(line) for line in lines]


AMOUNT_CELLS = ["", "  ", "-", "—", "／", "────", "12", " 1,234.50 ", "-3.5", "−2", "0.00", "12a", "1,23", "12.", "--5"]


@pytest.mark.parametrize("text", AMOUNT_CELLS)
def test_an_amount_text_is_a_blank_or_a_figure(text):
    assert is_amount_text(text) == (is_blank_text(text) or bool(NUMBER.match(text.strip())))


def test_amount_text_agrees_with_blank_or_figure_on_every_sample_word():
    words = {word for line in _sample_lines() for word in line.text.split()}
    assert sum(is_amount_text(w) for w in words) > 100
    assert {w for w in words if is_amount_text(w)} == {w for w in words if is_blank_text(w) or NUMBER.match(w)}


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("合计 １，９５４．０２", "合计 1,954.02"),
        ("111，760，", "111,760,"),
        ("收入 1，954.02 万元", "收入 1,954.02 万元"),
        ("收入，支出，结余", "收入，支出，结余"),
        ("共计100，其中", "共计100，其中"),
    ],
)
def test_full_width_commas_are_thousands_separators_only_in_figures(printed, read):
    assert normalize_line(printed) == read


FOLDABLE_RUN = "[" + re.escape("".join(map(chr, FULLWIDTH_FOLD))) + "]+"  # what the fold changes
FOLD_TEST_CHARACTERS = (
    [chr(c) for c in range(0xFF00, 0xFF70)]  # the full-width block, folded or not, and beyond it
    + ["\u3000", "\u00a0", " ", "a", "1", "中", "，", "\n", "\ud800", "\U0002f800", "\u2f00"]
)


@pytest.mark.parametrize("length", [0, 1, 1999, 2000, 2001, 40_000])
def test_a_text_folded_as_an_array_is_folded_as_by_the_substitution(length):
    draw = random.Random(length)
    for _ in range(5):
        text = "".join(draw.choice(FOLD_TEST_CHARACTERS) for _ in range(length))
        assert _folded(text) == re.sub(FOLDABLE_RUN, lambda m: m.group().translate(FULLWIDTH_FOLD), text)


@pytest.mark.parametrize("length", [1, 1999, 2000, 6000])
def test_compatibility_characters_are_found_in_a_long_text_as_by_the_pattern(length):
    edges = [chr(c) for first, last in _COMPATIBILITY_RANGES for c in (first - 1, first, last, last + 1)]
    draw = random.Random(length)
    for character in [*edges, "中", "\ud800"]:
        text = "".join(character if draw.random() < 2 / length else "x" for _ in range(length))
        assert _has_compatibility_characters(text) == (_COMPATIBILITY.search(text) is not None)
        at_end = text[:-1] + character
        assert _has_compatibility_characters(at_end) == (_COMPATIBILITY.search(at_end) is not None)


def test_the_samples_are_folded_as_by_the_substitution():
    for path in sorted(SAMPLES.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert len(text) > 2000
        assert _folded(text) == re.sub(FOLDABLE_RUN, lambda m: m.group().translate(FULLWIDTH_FOLD), text)


DEPARTMENT_TEXTS = [
    "江苏省高级人民法院\n2019 年度部门预算公开",
    "##\n第一部分\n某市某某局\n2020年度部门决算",  # the most lines a match takes before its year
    "第一部分\n\n江苏省某某局 2019年度部门决算",
    "##\n\n  某市某某局2020年度部门预算",
    "  \n\n二、\n  2018 年度江苏省高级人民法院收入预算总表",
    "# 江苏省政协办公厅\n\n\n2019 年度收入、支出预算总计 13,377.11 万元",
    "江苏省高级人民法院   \n   \n",
    "\n\n江苏省高级人民法院",
    "第二部分 江苏省政协办公厅 2017 年度部门预算表\n天门市 12345 公共服务热线中心 2022 年度部门决算",
]


def test_department_patterns_find_at_the_lines_they_try_what_they_find_anywhere():
    texts = DEPARTMENT_TEXTS + [
        "\n".join(line.text for line in load_document(p).lines) for p in sorted(SAMPLES.iterdir())
    ]
    found = 0
    for text in texts:
        lines = TextLines(text)
        for _, pattern, begins in DEPARTMENT_PATTERNS:
            everywhere = [(m.span(), m.group("name")) for m in pattern.finditer(text)]
            assert [(m.span(), m.group("name")) for m in lines.matches(pattern, begins)] == everywhere
            found += len(everywhere)
    assert found > 30


def test_a_line_made_by_its_own_init_is_the_dataclass_line():
    parameters = list(inspect.signature(Line.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in parameters] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(Line)
    ]
    values = ("text", 3, 2, ("a", "b"), "A1:B1", "printed", (), None, "laid out")
    line = Line(*values)
    assert tuple(getattr(line, f.name) for f in dataclasses.fields(line)) == values
    assert line == Line(**{f.name: v for f, v in zip(dataclasses.fields(Line), values, strict=True)})
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.text = "changed"
