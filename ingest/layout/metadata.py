"""Classify a document and read its identity: kind, department, jurisdiction, fiscal year, unit.

What a person reads, in this order:

- the title: the first short lines of the document up to the one that says what it is, joined
  ("上海市普陀区规划和自然" / "资源局" / "2024 年度部门决算"; "2018 年度江苏省高级" / "人民法院预算公开");
- the kind (``doc_type``) from the wording of the whole first part, the title counting most
  (seed ``ref_document_kind_markers``): a 单位决算 is final accounts, a 部门预算 / 单位预算 a budget,
  and a 绩效评价报告 that mentions "2021年部门决算收支完成情况" stays a performance evaluation;
- the department wherever it stands: before or after the year of the title
  ("2021年湛江市人民政府行政服务中心部门决算"), in a labelled field ("部门(单位)名称: …", "发文单位: | … |";
  seed ``ref_department_fields``), in the part headings ("第一部分 景德镇市委信访局部门概况");
- the fiscal year the document is about: "(2021 年度)" under a table's title, then the year of the
  title, and only then the year most printed — never a publication date ("发文日期: 2022年11月04日");
- the jurisdiction from the department's name, else from the title (``jurisdictions.Gazetteer``).

Examples the patterns exist for (sample corpus):
- "天门市 12345 公共服务热线中心" / "2022 年度部门决算"  -> final accounts of 天门市12345公共服务热线中心, 2022
- "编制单位：景德镇市人民政府行政服务中心管理委员会   2022 年度   金额单位：万元"
- "第一部分 景德镇市委信访局部门概况"
- "富民县信访局2025年度热线办理工作经费支出绩效评价报告" -> performance evaluation, 2025
- "项目单位：子洲县行政审批服务局"
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ingest.layout.jurisdictions import Gazetteer, Located, load_gazetteer
from ingest.model import DocumentMeta, IngestIssue, Line
from ingest.seeds import read_seed

ORG_WORDS = ("局", "中心", "委员会", "办公室", "委", "办", "厅", "院", "部", "所", "站", "队", "馆", "会", "处", "室", "园",
             "校", "社", "台", "团", "场", "署", "宫")  # fmt: skip
# The lookahead of their first characters is what the alternation implies: a name tried at each
# length fails there at one character test instead of one per word.
ORG_SUFFIX = "(?=[" + "".join(dict.fromkeys(w[0] for w in ORG_WORDS)) + "])(?:" + "|".join(ORG_WORDS) + ")"
YEAR = r"(20\d\d)\s*年度?"
# The first part of a document: what its kind, title and department are read from.
HEAD_LINES = 80
TITLE_SEARCH_LINES = 15
# A marker in the title line weighs this many times one in the rest of the first part.
TITLE_WEIGHT = 3

# Patterns that name the department, with their weight. Group "name" is the department.
# Applied to the whole text with re.MULTILINE, so ^ and $ are line boundaries.
# Possessive whitespace (\s*+): a name starts with a non-space, so giving whitespace back can never
# make a match; without it every line indented by n spaces is tried n times over.
_NUMBERING = r"(?:(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)\s*+)?"
_KIND_WORD = r"(?:部门|单位)?(?:决算|预算)|.{0,40}?绩效(?:评价|自评)"
# Where a match of a pattern that starts with ^ can begin (finditer's matches, found by trying only
# the line starts that can begin one instead of scanning every line):
# - YEAR_NEAR: a year (20xx年) starts within the four lines with text from there on: the most that a
#   line of #s, a 第N部分 line, the name's line and the year's line take;
# - NAME_LINE: the first line with text from there on is the name alone (NAME_LONGEST at most).
# Patterns without ^ (None) are searched for everywhere.
YEAR_NEAR, NAME_LINE = "year_near", "name_line"
NAME_LONGEST = 39 + max(len(word) for word in ORG_WORDS)  # \S.{1,38}? and the organization's word
DEPARTMENT_PATTERNS: tuple[tuple[int, re.Pattern[str], str | None], ...] = tuple(
    (weight, re.compile(pattern, re.MULTILINE), begins)
    for weight, pattern, begins in (
        # "天门市 12345 公共服务热线中心 2022 年度部门决算", "第二部分 江苏省政协办公厅 2017 年度部门预算表"
        (
            4,
            r"^#*\s*+"
            + _NUMBERING
            + r"(?P<name>\S.{1,38}?"
            + ORG_SUFFIX
            + r")\s*"
            + YEAR
            + r"\s*(?:"
            + _KIND_WORD
            + r")",
            YEAR_NEAR,
        ),
        # "江苏省政协办公厅 2019 年度收入、支出预算总计 13,377.11 万元"
        (
            1,
            r"^#*\s*(?P<name>\S.{1,38}?" + ORG_SUFFIX + r")\s*" + YEAR + r"(?!\s*(?:" + _KIND_WORD + r"))",
            YEAR_NEAR,
        ),
        # "二、2018 年度江苏省高级人民法院收入预算总表"
        (
            2,
            r"^#*\s*+"
            + _NUMBERING
            + YEAR
            + r"\s*(?P<name>\S.{1,38}?"
            + ORG_SUFFIX
            + r")\s*(?:部门|单位)?(?:收支|收入|支出|财政|决算|预算)",
            YEAR_NEAR,
        ),
        # a line that is only the name: "江苏省高级人民法院" above "2019 年度部门预算公开"
        (4, r"^\s*(?P<name>\S.{1,38}?" + ORG_SUFFIX + r")\s*$", NAME_LINE),
        (3, r"第一部分\s*(?P<name>\S.{1,38}?" + ORG_SUFFIX + r")\s*(?:部门|单位)?概况", None),
    )
)
_YEAR_START = re.compile(r"20(?=\d\d\s*年)")  # where YEAR can start (the literal first: searched fast)
# Words that make a candidate not a department name: a web page's banner ("欢迎来到南县政协网站"),
# navigation ("首页 > …"), a template's placeholder ("上海市XX局").
NOT_A_NAME = re.compile(r"欢迎|网站|首页|当前位置|>|XX|××|ＸＸ")
PLACEHOLDER_IN_NAME = re.compile(r"XX|××|ＸＸ")
# Labels of the unit that carries out a project: printed beside 主管部门 in performance tables.
FIELD_LABELS_NOT_NAMING_THE_DEPARTMENT = ("实施单位",)
# Words a sentence, not a name, starts with ("本部门", "各单位"; "纳入…2022年度部门决算编制范围的单位包括").
# A name that starts with a place the gazetteer knows is a name even so (本溪满族自治县…).
NOT_A_NAME_START = re.compile(r"^(?:本|我|该|各|市直|全|纳入|[省市县区州])")

# A year in parentheses under a table's title: "( 2021 年度)" (hb_ezhou_xzspj_2021_perf_selfeval_table.txt l.5).
YEAR_IN_PARENTHESES = re.compile(r"[（(]\s*" + YEAR + r"\s*[)）]")
# A year followed by what the document is: "2022 年度部门决算", "2024年区级部门预算", "…绩效评价报告".
TITLE_YEAR = re.compile(YEAR + r"\s*.{0,30}?(?:决算|预算|绩效(?:评价|自评)|评价报告)")
ANY_YEAR = re.compile(YEAR)
# Dates of publication or evaluation are not the fiscal year: "发文日期: | 2022年11月04日", "2018 年 2 月 24 日".
FULL_DATE = re.compile(r"20\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|20\d\d-\d{1,2}-\d{1,2}")
REPORT_DATE_LINE = re.compile(r"^(?:#+\s*)?(?:评价时间|上报时间|报告日期|日期|填报日期|发文日期|发布日期)")
TEMPLATE_MARKERS = ("XX部门", "××部门", "（部门名称）", "部门名称：XX")
# A placeholder where the template's department name goes: "上海市 XX 局", "XX 部门", "××单位".
TEMPLATE_PLACEHOLDER = re.compile(r"(?:XX|××|ＸＸ)\s*(?:部门|单位|局|委员会|委|办公室|办|厅|中心)")
# "第三部分 上海市普陀区规划和自然资源局 2024 年度部门决算" names the department after a part number.
SECTION_PREFIX = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
# A line that can be part of a title: short, no field label, no sentence punctuation, no navigation.
TITLE_LINE_BREAKERS = re.compile(r"[:：|>，。；、]|^目录$")


@dataclass(frozen=True)
class KindMarker:
    marker: str
    doc_type: str


@lru_cache(maxsize=1)
def kind_markers() -> tuple[KindMarker, ...]:
    """Seed ref_document_kind_markers, longest marker first."""
    rows = read_seed("ref_document_kind_markers")
    return tuple(sorted((KindMarker(r["marker"], r["doc_type"]) for r in rows), key=lambda m: -len(m.marker)))


@lru_cache(maxsize=1)
def department_field_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """A labelled field naming the department (seed ref_department_fields) and each label's weight."""
    weights = {_compact(r["label"]): int(r["weight"]) for r in read_seed("ref_department_fields")}
    labels = "|".join(re.escape(label) for label in sorted(weights, key=len, reverse=True))
    pattern = re.compile(
        r"(?P<label>"
        + labels
        + r")(?:\s*[:：]\s*(?:\|\s*)?|\t+|\s+)(?P<name>[^\s:：|\t]{3,40}?"
        + ORG_SUFFIX
        + r")(?=\s|$|\||（本级）)",
        re.MULTILINE,
    )
    return pattern, weights


@lru_cache(maxsize=1)
def field_labels() -> tuple[str, ...]:
    """Labels of fields that name a department or a unit (never part of a name)."""
    return (*department_field_pattern()[1], *FIELD_LABELS_NOT_NAMING_THE_DEPARTMENT)


def _compact(text: str) -> str:
    return "".join(text.split())


def read_metadata(lines: list[Line], gazetteer: Gazetteer | None = None) -> DocumentMeta:
    gazetteer = gazetteer or load_gazetteer()
    head_lines = [line for line in lines[:HEAD_LINES] if line.text.strip()]
    head = [line.text for line in head_lines]
    all_text = [line.text for line in lines]
    title = find_title(head)
    doc_type = classify(head)
    department = find_department(all_text, gazetteer, title)
    title_year = find_title_year(head, title)
    fiscal_year = title_year or _majority_year(all_text)
    joined_head = "\n".join(head)
    is_template = (
        any(marker in joined_head for marker in TEMPLATE_MARKERS)
        or bool(TEMPLATE_PLACEHOLDER.search(joined_head))
        or (department is None and "决算" in joined_head and fiscal_year is None)
    )
    if is_template:
        # the blank template names no department: "上海市XX局" is where one goes
        department = None
    located, issues = locate_jurisdiction(gazetteer, department, title, joined_head)
    if located.division and PLACEHOLDER_IN_NAME.match(located.rest):
        located = Located(None)  # "上海市XX局": the place of a template's placeholder department
    division = located.division
    return DocumentMeta(
        doc_type=doc_type,
        title=title,
        department_name=department,
        jurisdiction_name=division.name if division else None,
        province_name=(division.province or None) if division else None,
        fiscal_year=fiscal_year,
        title_year=title_year,
        money_unit=_money_unit(all_text),
        is_template=is_template,
        jurisdiction_code=division.code if division else None,
        printed_title=_printed_title(head_lines),
        issues=issues,
    )


# --- kind --------------------------------------------------------------------------------------


def classify(head: list[str]) -> str:
    """The kind the first part of the document says it is; the first line that says it weighs most."""
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    title_found = False
    for index, text in enumerate(head):
        kinds = _kinds_in(_compact(text))
        for kind in kinds:
            scores[kind] += 1 if title_found else TITLE_WEIGHT
            first_seen.setdefault(kind, index)
        title_found = title_found or bool(kinds)
    if not scores:
        return "unknown"
    return max(scores, key=lambda kind: (scores[kind], -first_seen[kind]))


def _kinds_in(text: str) -> set[str]:
    found: set[str] = set()
    for marker in kind_markers():
        if marker.marker in text:
            found.add(marker.doc_type)
    return found


# --- title -------------------------------------------------------------------------------------


def find_title(head: list[str]) -> str | None:
    """The first lines of the document up to the one that says what it is, joined."""
    span = title_span(head)
    return "".join(_title_text(t) for t in head[span.start : span.stop]) if span else None


def title_span(head: list[str]) -> range | None:
    """Which of the head's lines make the title (else the first line)."""
    for index, text in enumerate(head[:TITLE_SEARCH_LINES]):
        compact = _title_text(text)
        if not (_kinds_in(compact) or TITLE_YEAR.search(compact)) or not _title_like(compact, 60):
            continue
        if SECTION_PREFIX.match(compact):
            continue  # a table of contents' entry, not the title
        start = index
        while start > 0 and index - start < 3 and _title_like(_title_text(head[start - 1]), 24):
            start -= 1
        return range(start, index + 1)
    return range(0, 1) if head else None


def _title_text(text: str) -> str:
    """A line without whitespace, Markdown heading marks and the pipes of a flattened web table."""
    return _compact(text).lstrip("#").strip("|")


def _title_like(compact: str, max_length: int) -> bool:
    return 0 < len(compact) <= max_length and not TITLE_LINE_BREAKERS.search(compact)


def _printed_title(head_lines: list[Line]) -> str | None:
    """The title as printed, when the document was read in converted characters."""
    span = title_span([line.text for line in head_lines])
    if span is None or not any(line.printed for line in head_lines[span.start : span.stop]):
        return None
    return "".join(_title_text(line.printed or line.text) for line in head_lines[span.start : span.stop])


# --- department --------------------------------------------------------------------------------


def find_department(all_text: list[str], gazetteer: Gazetteer | None = None, title: str | None = None) -> str | None:
    """The department name: the best-scoring candidate over the title, the fields and the text."""
    gazetteer = gazetteer or load_gazetteer()
    scores: Counter[str] = Counter()
    joined = "\n".join(all_text)
    field_pattern, field_weights = department_field_pattern()
    found: list[tuple[int, str]] = [
        (field_weights[_compact(m.group("label"))], m.group("name")) for m in field_pattern.finditer(joined)
    ]
    lines = TextLines(joined)
    for weight, pattern, begins in DEPARTMENT_PATTERNS:
        found.extend((weight, m.group("name")) for m in lines.matches(pattern, begins))
    if title:
        found.extend((TITLE_WEIGHT + 2, name) for name in _names_in_title(title))
    for weight, printed in found:
        name = SECTION_PREFIX.sub("", _compact(printed).lstrip("#").strip('“”"'))
        if _plausible_department(name, gazetteer):
            scores[name] += weight
    if not scores:
        return None
    return scores.most_common(1)[0][0]


class TextLines:
    """A text's lines, and the line starts where a pattern of DEPARTMENT_PATTERNS can begin a match."""

    def __init__(self, text: str) -> None:
        self.text = text
        lines = text.split("\n")
        self.starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        with_text = [i for i, line in enumerate(lines) if not line.isspace() and line]
        years = sorted({bisect_right(self.starts, m.start()) - 1 for m in _YEAR_START.finditer(text)})
        # the lines from the one after a line with text up to the next line with text have that line first
        after_previous = [0] + [i + 1 for i in with_text[:-1]]
        self.may_begin = {
            NAME_LINE: [
                i
                for n, line in enumerate(with_text)
                if len(lines[line].strip()) <= NAME_LONGEST
                for i in range(after_previous[n], line + 1)
            ],
            YEAR_NEAR: sorted(
                {i for year in years for i in range(after_previous[max(0, with_text.index(year) - 3)], year + 1)}
            ),
        }

    def matches(self, pattern: re.Pattern[str], begins: str | None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, the pattern tried only where ``begins`` says a match can begin."""
        if begins is None:
            yield from pattern.finditer(self.text)
            return
        end = 0
        for index in self.may_begin[begins]:
            start = self.starts[index]
            if start >= end and (m := pattern.match(self.text, start)):
                yield m
                end = m.end()


def _names_in_title(title: str) -> list[str]:
    """The department a title names before or after its year."""
    title = SECTION_PREFIX.sub("", title)
    names = []
    if m := re.match(r"(?P<name>.+?)" + YEAR, title):
        names.append(m.group("name"))
    if m := re.match(YEAR + r"(?P<name>.+?)(?:部门|单位)?(?:决算|预算)", title):
        names.append(m.group("name"))
    return names


def _plausible_department(name: str, gazetteer: Gazetteer) -> bool:
    if len(name) < 4 or len(name) > 40:
        return False
    if re.search(r"[，。；、：:（(]", name) or NOT_A_NAME.search(name):
        return False
    located = gazetteer.locate(name)
    if NOT_A_NAME_START.search(name) and located.printed is None:
        return False
    if any(label in name for label in field_labels()):  # "主管部门景德镇市委信访局实施单位…": a table row
        return False
    if not re.search(r"[市县区州旗盟省]", name):
        return False
    # a jurisdiction alone ("上海市普陀区" of "上海市普陀区2024年区级部门预算") is not a department
    return not (located.printed and not located.rest)


# --- jurisdiction ------------------------------------------------------------------------------


def locate_jurisdiction(
    gazetteer: Gazetteer, department: str | None, title: str | None, context: str
) -> tuple[Located, list[IngestIssue]]:
    """The department's jurisdiction, else the title's; namesakes left unresolved are reported."""
    issues: list[IngestIssue] = []
    for text in (department, title):
        if not text:
            continue
        located = gazetteer.locate(text, context)
        if located.is_ambiguous:
            places = "、".join(f"{d.province}{d.city}{d.name}" for d in located.namesakes)
            issues.append(
                IngestIssue(
                    "layout",
                    "warn",
                    f"jurisdiction {located.printed!r} of {text!r} names several places ({places}) and the "
                    "document names none of their provinces or prefectures: left unresolved",
                )
            )
            return located, issues
        if located.division is not None:
            return located, issues
    return Located(None), issues


# --- fiscal year -------------------------------------------------------------------------------


def find_title_year(head: list[str], title: str | None) -> int | None:
    """The year the title (or a table's caption) says the document is about."""
    for text in head[:40]:
        if m := YEAR_IN_PARENTHESES.search(text):
            return int(m.group(1))
    if title and (m := ANY_YEAR.search(FULL_DATE.sub("", title))):
        return int(m.group(1))
    for text in head[:30]:
        if m := TITLE_YEAR.search(FULL_DATE.sub("", text)):
            return int(m.group(1))
    return None


def _majority_year(all_text: list[str]) -> int | None:
    years: Counter[int] = Counter()
    for text in all_text:
        if "年" not in text or REPORT_DATE_LINE.match(text.strip()):
            continue  # (a year is printed with 年)
        years.update(int(y) for y in ANY_YEAR.findall(FULL_DATE.sub("", text)))
    return years.most_common(1)[0][0] if years else None


def _money_unit(all_text: list[str]) -> str | None:
    joined = "\n".join(all_text)
    wan = joined.count("万元")
    yuan = len(re.findall(r"(?:单位|金额单位)\s*[:：]\s*元", joined))
    if not wan and not yuan:
        return None
    return "万元" if wan >= yuan else "元"
