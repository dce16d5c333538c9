"""Prose lines -> paragraphs and sentences, with PDF line-wrap artefacts undone.

Text dumps of PDFs wrap prose at the page width, so a figure or a word is often split across
lines, with blank lines between the pieces and page furniture in between. Real examples
(000_a19997e405ff60dc.txt, lines 42-48 and 72-74):

    本部门2022年度收入总计902.93万元，较2021年增加165.64
    <blank>
    万元。其中年初结转和结余 0 万元，较 2021 年减少 11.15 万元，

    本部门 2022 年度财政拨款本年支出年初预算数为 654.52 万
    <blank>
    元，决算数为 900.56 万元，完成年初预算的 137.59 %。其中：

``flow_paragraphs`` joins such lines into one paragraph text ("…增加165.64万元。其中年初结转和结余0万元…"),
drops whitespace that is only layout (between Chinese characters, between a number and its unit),
drops page furniture ("- 3 -", "第 3 页", a bare page number) and remembers, for every character,
the line it came from, so a figure found in the paragraph keeps its line and page number.

A paragraph ends at a heading line ("三、财政拨款支出决算情况说明", "（一）绩效评价工作开展情况"), before an
enumerated item ("（二）社会保障和就业年初预算数为…", "1、一般公共服务支出（类）…"), at a table row
(tab-separated cells). A line ending with "。" does not end a paragraph: an item's title sentence
("8、住房保障支出（类）住房改革支出（款）住房公积金（项）。") is followed by its figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.model import Line

# "一、" "二 、" "（一）" "(二）" "1、" "2." "第三部分" — an enumerator at the start of a line.
# "2.38 万元" is not one: a digit enumerator must not be followed by another digit.
ENUMERATOR = re.compile(
    r"^\s*(?:[#*\-]+\s*)?(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*、|"
    r"[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、.．](?!\d))"
)
# Page furniture: "- 3 -", "— 12 —", "第 3 页", "第3页 共20页", "3/20", a bare page number.
PAGE_FURNITURE = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,3})\s*$"
)
# A short line on at least this many pages is a running head or footer.
RUNNING_HEAD_MIN_PAGES = 3
# A line that starts with a unit or closing punctuation continues the previous line's figure.
CONTINUATION_START = re.compile(r"^\s*(?:万元|万|元|%|个|人|辆|台|。|，|；|：)")
HEADING_ENDING = re.compile(
    r"(?:说明|情况|结论|分析|结果|概况|职能|职责|解释|附件|表|设置|过程|措施|建议|部分)[。:：]?$"
)
MONEY_OR_RATE = re.compile(r"\d\s*(?:万元|元|%)")


@dataclass
class Paragraph:
    """Joined prose text; ``origins[i]`` is the source line of ``text[i]``. The lines are joined
    when the text is first read: most paragraphs of a document (its table rows) never are."""

    is_heading: bool = False
    _lines: list[Line] = field(default_factory=list, repr=False)
    _joined: tuple[str, list[Line]] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self._join()[0]

    @property
    def origins(self) -> list[Line]:
        return self._join()[1]

    def line_at(self, offset: int) -> Line:
        return self.origins[min(max(offset, 0), len(self.origins) - 1)]

    def append(self, line: Line) -> None:
        """Add a line (a line of nothing but whitespace adds nothing)."""
        self._lines.append(line)
        self._joined = None

    def _join(self) -> tuple[str, list[Line]]:
        """The lines' characters, layout whitespace dropped but one space kept between ASCII words."""
        if self._joined is None:
            pieces: list[str] = []
            origins: list[Line] = []
            for line in self._lines:
                text = _LAYOUT_SPACE.sub("", _SPACE_BETWEEN_ASCII_WORDS.sub(" ", line.text.strip()))
                pieces.append(text)
                origins.extend([line] * len(text))
            self._joined = ("".join(pieces), origins)
        return self._joined


# "2022 12345" keeps one space; "2022 年" and "902.93 万元" lose theirs: whitespace between two ASCII
# alphanumerics becomes one space, then every run of whitespace that is not between two goes.
_SPACE_BETWEEN_ASCII_WORDS = re.compile(r"(?<=[0-9A-Za-z])\s+(?=[0-9A-Za-z])")
_LAYOUT_SPACE = re.compile(r"(?<![0-9A-Za-z])\s+|\s+(?![0-9A-Za-z])")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph: text up to and including its "。" and its offset in the paragraph."""

    text: str
    start: int


def is_heading_line(text: str) -> bool:
    """A short enumerated line without a stated figure that ends like a title: a section heading.

    "三、财政拨款支出决算情况说明" and "（一）机关运行经费支出情况" are headings; the first line of a wrapped
    item ("（一）贯彻执行中央及省、市有关信访工作的方针、政策和法") and an item title that its text
    continues ("1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。") are not.
    """
    compact = "".join(text.split()).lstrip("#*-")
    if len(compact) > 40 or not ENUMERATOR.match(compact) or MONEY_OR_RATE.search(compact):
        return False
    return compact.startswith("第") or bool(HEADING_ENDING.search(compact))


def is_page_furniture(line: Line, next_text: str | None) -> bool:
    """A page number or running footer, unless the next line continues it as a figure ("100\\n万元")."""
    if not PAGE_FURNITURE.match(line.text):
        return False
    is_bare_number = line.text.strip().isdigit()
    return not is_bare_number or next_text is None or not CONTINUATION_START.match(next_text)


def running_heads(lines: list[Line]) -> set[str]:
    """Short lines printed at the top or bottom of many pages (the department and year, "单位：万元").

    Only for paged documents: a text dump has no pages to repeat a head on. A heading, a stated
    figure or a sentence ("决算数同预算数持平。") is never a running head.
    """
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.page_no is not None:
            by_page.setdefault(line.page_no, []).append(line)
    if len(by_page) < RUNNING_HEAD_MIN_PAGES:
        return set()
    pages_by_text: dict[str, set[int]] = {}
    for page_no, page_lines in by_page.items():
        for line in page_lines[:2] + page_lines[-2:]:
            text = _compact(line.text)
            if _may_be_running_head(text):
                pages_by_text.setdefault(text, set()).add(page_no)
    return {text for text, on_pages in pages_by_text.items() if len(on_pages) >= RUNNING_HEAD_MIN_PAGES}


def _may_be_running_head(text: str) -> bool:
    return (
        0 < len(text) <= 40
        and not text.endswith(("。", "；", "，", "："))
        and not MONEY_OR_RATE.search(text)
        and not ENUMERATOR.match(text)
    )


def _compact(text: str) -> str:
    return "".join(text.split())


def is_table_row(line: Line) -> bool:
    return line.cells is not None or "\t" in line.text or line.text.lstrip().startswith("|")


def flow_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Join wrapped prose lines into paragraphs (see the module docstring)."""
    paragraphs: list[Paragraph] = []
    current = Paragraph()
    texts = [line.text for line in lines if line.text.strip()]
    content = [line for line in lines if line.text.strip()]
    running = running_heads(content)

    def close() -> None:
        nonlocal current
        if current._lines:  # lines with text (content): its text is not empty
            paragraphs.append(current)
        current = Paragraph()

    for i, line in enumerate(content):
        next_text = texts[i + 1] if i + 1 < len(texts) else None
        if is_table_row(line):
            close()
            continue
        if is_page_furniture(line, next_text) or (running and _compact(line.text) in running):
            continue
        starts_item = bool(ENUMERATOR.match(line.text)) and not CONTINUATION_START.match(line.text)
        heading = is_heading_line(line.text)
        if starts_item or heading:
            close()
        current.append(line)
        if heading:
            current.is_heading = True
            close()
    close()
    return paragraphs


def split_sentences(paragraph: Paragraph) -> list[Sentence]:
    """Split at "。" (kept with its sentence); a trailing fragment without "。" is a sentence too."""
    sentences: list[Sentence] = []
    start = 0
    for match in re.finditer(r"。+", paragraph.text):
        sentences.append(Sentence(paragraph.text[start : match.end()], start))
        start = match.end()
    if start < len(paragraph.text):
        sentences.append(Sentence(paragraph.text[start:], start))
    return sentences


def join_wrapped(text: str) -> str:
    """Convenience for tests and callers with plain text: the paragraph texts of ``text``, one per line."""
    lines = [Line(raw, i) for i, raw in enumerate(text.splitlines(), start=1)]
    return "\n".join(p.text for p in flow_paragraphs(lines))
