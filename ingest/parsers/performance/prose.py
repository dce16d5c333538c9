"""Scores stated in prose: lists of self-evaluated projects, whole-department scores, evaluation
reports without a score table (001's 行政服务中心运转经费 report scores each indicator in a sentence),
and hotline projects a self-evaluation report names only in a sentence with their amount."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.model import Line
from ingest.numbers import parse_number
from ingest.parsers.performance.common import (
    IndicatorRow,
    ProjectDraft,
    SubtotalRow,
    clean_name,
    normalize_grade,
    score_bands,
    squash,
    to_decimal,
    year_in,
)
from ingest.parsers.performance.header import evaluation_kind
from ingest.seeds import read_seed


@dataclass
class SquashedText:
    """Lines joined with all whitespace removed, with a map back to the line of every character."""

    text: str
    starts: list[int]
    lines: list[Line]

    @classmethod
    def of(cls, lines: list[Line]) -> SquashedText:
        texts = [squash(line.text) for line in lines]
        starts = list(itertools.accumulate((len(text) for text in texts[:-1]), initial=0)) if texts else []
        return cls("".join(texts), starts, lines)

    def line_at(self, pos: int) -> Line:
        return self.lines[max(0, bisect.bisect_right(self.starts, pos) - 1)]


# 001 "（3）新办企业首套印章免费刻制和免费寄递服务项目绩效自评得分79.1分；"
_LISTED_SELF_SCORE = re.compile(
    r"(?:[（(]\d{1,2}[)）]|(?<![\d.])\d{1,2}[、．])(?P<name>[^（()）；;。：:、]{2,60}?)(?:绩效)?自评(?:综合)?(?:得分|分数)为?"
    r"(?P<score>\d+(?:\.\d+)?)分"
)
# 001 "组织开展部门整体支出绩效评价，涉及一般公共预算支出4810.54万元…部门整体支出绩效自评得分97.33分"
_OVERALL_SCORE = re.compile(r"部门整体支出绩效(?:自评|评价)?(?:综合)?得分(?:为)?(?P<score>\d+(?:\.\d+)?)分")
_OVERALL_SPENDING = re.compile(r"部门整体支出绩效评价[，,]涉及一般公共预算支出(?P<amount>\d+(?:\.\d+)?)万元")
# 000 "开展 2022 年度部门整体支出绩效自评工作 … 我单位合计得分 98 分，自评结果为：优。"
_UNIT_SCORE = re.compile(
    r"(?:我|本)(?:单位|部门|局)(?:合计|综合|总)?得分(?P<score>\d+(?:\.\d+)?)分[，,]?(?:自评|评价)?(?:结果|等级)为[：:]?"
    r"[“\"]?(?P<grade>优秀|良好|优|良|中|差)?"
)
_OVERALL_CONTEXT = re.compile(r"部门整体支出绩效自评")


def listed_self_evaluations(squashed: SquashedText, fiscal_year: int | None) -> list[ProjectDraft]:
    drafts = []
    if "自评" not in squashed.text:
        return drafts  # (what every listed score says: looked for at once, not at every enumerator)
    for match in _LISTED_SELF_SCORE.finditer(squashed.text):
        name = match.group("name")
        if name.endswith("费项目"):  # "…奖励经费项目" -> …奖励经费; "…建设项目" keeps 项目
            name = name[: -len("项目")]
        if "部门整体" in name:
            continue
        draft = ProjectDraft(clean_name(name), "self_evaluation", fiscal_year, squashed.line_at(match.start()))
        draft.total_score = parse_number(match.group("score"))
        draft.table = "绩效自评结果"
        drafts.append(draft)
    return drafts


def overall_department(squashed: SquashedText, fiscal_year: int | None) -> list[ProjectDraft]:
    drafts = []
    for match in _OVERALL_SCORE.finditer(squashed.text):
        draft = ProjectDraft("部门整体支出", "overall_department", fiscal_year, squashed.line_at(match.start()))
        draft.total_score = parse_number(match.group("score"))
        spending = list(_OVERALL_SPENDING.finditer(squashed.text, max(0, match.start() - 300), match.start()))
        if spending:
            draft.executed = parse_number(spending[-1].group("amount"))
        draft.table = "部门整体支出绩效评价"
        drafts.append(draft)
    for match in _UNIT_SCORE.finditer(squashed.text):
        if not _OVERALL_CONTEXT.search(squashed.text, max(0, match.start() - 1500), match.start()):
            continue
        draft = ProjectDraft("部门整体支出", "overall_department", fiscal_year, squashed.line_at(match.start()))
        draft.total_score = parse_number(match.group("score"))
        draft.grade = normalize_grade(match.group("grade"))
        draft.table = "部门整体支出绩效自评"
        drafts.append(draft)
    return drafts


# --- evaluation reports -------------------------------------------------------------------------

# 001 "2022年度行政服务中心运转经费项目支出绩效评价报告"; 002 "二、2022 年度 12345 热线和数字城管坐席外包
# 服务费项目绩效评价报告"; 000 "“ 12345 ”热线运行经费绩效评价报告".
_REPORT_NAME = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?(?:.*?20\d{2}年度?)?(?P<name>.+?)(?:项目)?(?:支出)?(?:绩效)?评价报告$"
)
_NAME_LINE = re.compile(r"项目名称[：:](?P<name>.+)$")

_REPORT_FIGURES = {
    # 001 "项目全年预算数财政拨款 701 万元"; 003 "预算资金2万元"; 002 "项目资金为 155 万元"
    "budget": re.compile(r"(?:全年预算数(?:财政拨款)?|预算资金(?:为)?|项目资金为|计划投资额)(?P<v>\d+(?:\.\d+)?)万元"),
    # 001 "项目支出资金总额 701 万元"; 003 "实际支出资金1.99万元"; 002 "已申请拨付资金 49.74193 万元"
    "executed": re.compile(r"(?:支出资金总额|实际支出(?:资金)?|已申请拨付资金|实际使用)(?P<v>\d+(?:\.\d+)?)万元"),
    # 001 "预算执行率为 100%"; 002 "资金使用率为 32.09%"; 003 "占年初预算的99.5%"
    "rate": re.compile(r"(?:预算执行率(?:为|达)?|资金使用率为|占年初预算的)(?P<v>\d+(?:\.\d+)?)%"),
    # 001 "评价得分 96.02 分"; 003 "总得分97分"; 002 "项目指标绩效评分 100 分", "整体绩效得分为 98 分";
    # 004 "自评得分为 96 分"
    "score": re.compile(r"(?:评价得分|总得分|绩效评分|绩效得分为|自评得分为)(?P<v>\d+(?:\.\d+)?)分"),
    # 003 "总分值100 分"; 004 "满分 100 分"
    "weight": re.compile(r"(?:总分值|(?:自评|评价)满分)(?P<v>\d+(?:\.\d+)?)分"),
    # 001 "绩效评价等级为“优”"; 003 "评价等级为“优秀”"; 002 "等级为优"; 004 "96 分，优秀等级"
    "grade": re.compile(
        r"(?:等级(?:为|[:：])[“\"]?(?P<v>优秀|良好|优|良|中|差)|分[，,](?P<w>优秀|良好|优|良|中|差)等级)"
    ),
}


def report_name(title: Line, lines: list[Line]) -> str | None:
    name_match = _REPORT_NAME.match(squash(title.text.lstrip("#")))
    name = clean_name(name_match.group("name")) if name_match else None
    if not name or name in {"部门", "部门评价", "项目"}:
        for line in lines[:40]:
            match = _NAME_LINE.search(line.text)
            if match:
                return clean_name(match.group("name"))
        return None
    return name


def report_kind(title: Line) -> str:
    return evaluation_kind(title.text.replace("评价报告", "评价表"))


def report_figures(lines: list[Line]) -> dict[str, tuple[str, Line]]:
    """The first statement of each project figure in a report (texts as printed, with their line)."""
    squashed = SquashedText.of(lines)
    found: dict[str, tuple[str, Line]] = {}
    for key, pattern in _REPORT_FIGURES.items():
        match = pattern.search(squashed.text)
        if match:
            value = match.group("v") or (match.groupdict().get("w"))
            found[key] = (value, squashed.line_at(match.start()))
    bands = score_bands(" ".join(line.text.replace("\t", " ") for line in lines))
    if bands:
        found["bands"] = (bands, lines[0])
    return found


def apply_report_figures(draft: ProjectDraft, figures: dict[str, tuple[str, Line]], *, scores_too: bool) -> None:
    """Fill what a table leaves blank with what its report states."""
    if draft.budget is None and "budget" in figures:
        draft.budget = to_decimal(figures["budget"][0])
    if draft.executed is None and "executed" in figures:
        draft.executed = to_decimal(figures["executed"][0])
    if draft.execution_rate is None and "rate" in figures:
        draft.execution_rate = to_decimal(figures["rate"][0]) / Decimal(100)
    if draft.score_bands is None and "bands" in figures:
        draft.score_bands = figures["bands"][0]
    if not scores_too:
        return
    if draft.total_score is None and "score" in figures:
        draft.total_score = to_decimal(figures["score"][0])
    if draft.total_weight is None and "weight" in figures:
        draft.total_weight = to_decimal(figures["weight"][0])
    if draft.grade is None and "grade" in figures:
        draft.grade = normalize_grade(figures["grade"][0])


# --- indicators scored in prose (001) -------------------------------------------------------------

# "（一）项目决策情况" / "#### （一）项目决策情况。"
_LEVEL1_HEADING = re.compile(
    r"^[#\s]*[（(][一二三四五六七八九十]+[）)]\s*(?P<name>[^，。；]{2,12}?)(?:情况)?[。.]?\s*$"
)
# "1、项目立项" / "4 、产出成本情况"
_LEVEL2_HEADING = re.compile(r"^\s*\d+\s*[、.．]\s*(?P<name>[^，。；\d]{2,14}?)(?:情况)?\s*$")
# "（1）立项依据充分性"
_LEVEL3_HEADING = re.compile(r"^\s*[（(]\d+[）)]\s*(?P<name>[^，。；]{2,24}?)\s*$")
# "分值共 24 分，绩效评价得分 24 分" / "共 20 分，自评得分 20 分"
_SECTION_SCORE = re.compile(r"(?:分值)?共(?P<w>\d+(?:\.\d+)?)分[，,](?:绩效评价|自评)?得分(?P<s>\d+(?:\.\d+)?)分")
# "该指标得满分 4 分" / "该指标满分 4 分" (a scoring sentence: full marks) / "该指标得 3.33 分"
_FULL_MARKS = re.compile(r"(?:该|此|本)(?:指标|项指标|项)得?满分(?:为)?(?P<v>\d+(?:\.\d+)?)分")
_SCORE = re.compile(r"(?:该|此|本)(?:指标|项指标|项)得(?:分)?(?:为)?(?P<v>\d+(?:\.\d+)?)分")
_QUANTITY = r"\d+(?:\.\d+)?\s*(?:万件|件|家|类|人|天|台/套|万元|个|项|次|%)"
_TARGET = re.compile(rf"(?:年初计划|预算资金为|计划)[^，。；\d]*?(?P<v>{_QUANTITY})")
_RATE = re.compile(r"(?:率|度)(?:为|达)\s*(?P<v>\d+(?:\.\d+)?%)|(?:率)\s*(?P<w>\d+(?:\.\d+)?%)")
_ACTUAL = re.compile(rf"实际[^，。；\d]*?(?P<v>{_QUANTITY})")


@dataclass
class _Section:
    level: int
    name: str
    line: Line
    text: list[Line]


def _sections(lines: list[Line]) -> list[_Section]:
    sections: list[_Section] = []
    for line in lines:
        text = line.text.strip()
        for level, pattern in ((1, _LEVEL1_HEADING), (2, _LEVEL2_HEADING), (3, _LEVEL3_HEADING)):
            match = pattern.match(text)
            if match:
                sections.append(_Section(level, clean_name(match.group("name")), line, []))
                break
        else:
            if sections:
                sections[-1].text.append(line)
    return sections


def _indicator_from_prose(level1, level2, section: _Section) -> IndicatorRow:
    text = "".join(line.text.strip() for line in section.text)
    weight = score = None
    full = _FULL_MARKS.search(squash(text))
    if full:
        weight = score = parse_number(full.group("v"))
    else:
        scored = _SCORE.search(squash(text))
        score = parse_number(scored.group("v")) if scored else None
    target = _TARGET.search(text)
    rate = _RATE.search(text)
    actual = _ACTUAL.search(text)
    actual_text = (rate.group("v") or rate.group("w")) if rate else (actual.group("v") if actual else None)
    if section.name.endswith("率") and actual_text and "%" not in actual_text and not target:
        # 001 "实际进驻业务部门 50 个 … 进驻业务部门达标率。": a count with no target is not the rate's value
        # (资金到位率 keeps "实际到位资金 701 万元" against its target "预算资金为 701 万元").
        actual_text = None
    return IndicatorRow(
        level1,
        level2,
        section.name,
        target.group("v") if target else None,
        actual_text,
        weight,
        score,
        None,
        section.line,
    )


def prose_indicators(lines: list[Line]) -> tuple[list[IndicatorRow], list[SubtotalRow]]:
    """Indicators of the 绩效评价指标分析 part of a report: level-1 sections with their stated weight and
    score, level-2 headings, level-3 headings each followed by the sentence that scores it."""
    start = next((i for i, line in enumerate(lines) if "指标分析" in squash(line.text)), None)
    if start is None:
        return [], []
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"^[#\s]*[五六七八九十]+\s*、", lines[i].text)), len(lines)
    )
    indicators: list[IndicatorRow] = []
    subtotals: list[SubtotalRow] = []
    level1 = level2 = None
    for section in _sections(lines[start + 1 : end]):
        if section.level == 1:
            level1, level2 = section.name, None
            stated = _SECTION_SCORE.search(squash("".join(line.text for line in section.text)))
            subtotals.append(
                SubtotalRow(
                    1,
                    level1,
                    to_decimal(stated.group("w")) if stated else None,
                    to_decimal(stated.group("s")) if stated else None,
                    section.line,
                )
            )
        elif section.level == 2:
            level2 = section.name
        else:
            indicators.append(_indicator_from_prose(level1, level2, section))
    return indicators, subtotals


def report_year(title: Line) -> int | None:
    return year_in(title.text)


# 002 "3.1 投入（各指标得分情况和绩效分析） 本部门在投入上得分为 15 分"
_ON_SECTION_SCORE = re.compile(r"在(?P<name>[^，。；\d]{1,8}?)(?:方面)?上?得分为?(?P<s>\d+(?:\.\d+)?)分")


def section_scores(lines: list[Line]) -> list[SubtotalRow]:
    """Level-1 weights and scores a report states for the sections of its own table: 004 "（一）项目决策情况。
    … 共 20 分，自评得分 20 分"; 002 "本部门在投入上得分为 15 分"."""
    _, sections = prose_indicators(lines)
    squashed = SquashedText.of(lines)
    for match in _ON_SECTION_SCORE.finditer(squashed.text):
        sections.append(
            SubtotalRow(1, match.group("name"), None, parse_number(match.group("s")), squashed.line_at(match.start()))
        )
    return [s for s in sections if s.score is not None]


def apply_section_scores(draft: ProjectDraft, stated: list[SubtotalRow]) -> None:
    """Give the table's printed level-1 subtotals the score the report states for the same section
    ("项目决策" is the table's 决策)."""
    for subtotal in draft.subtotals:
        if subtotal.level != 1 or subtotal.score is not None:
            continue
        for section in stated:
            name, other = squash(subtotal.name), squash(section.name)
            if name and (name in other or other in name):
                if section.weight is None or subtotal.weight is None or section.weight == subtotal.weight:
                    subtotal.score = section.score
                    subtotal.weight = subtotal.weight if subtotal.weight is not None else section.weight
                break


# --- hotline projects named only in prose ---------------------------------------------------------

# "2021年度，12345政务服务便民热线运行经费支出199.56万元": a project a self-evaluation report names with
# its amount in a sentence. The name starts at a hotline fragment (seed hotline_project_patterns) and
# runs to the word that says what the amount is; budget words give the budget, spending words the
# executed amount. An amount without such a word is not read (not guessed).
_BUDGET_WORDS = r"全年预算数?|年初预算数?|预算数?|安排"
_EXECUTED_WORDS = r"实际支出|实际使用|全年执行数?|执行数?|支出|使用|拨付"
_AMOUNT_CUE = re.compile(
    r"(?:(?P<budget>" + _BUDGET_WORDS + r")|(?P<executed>" + _EXECUTED_WORDS + r"))(?:资金|金额)?(?:为|了|共计|共)?"
    r"(?P<amount>\d+(?:\.\d+)?)万元"
)
_TIME_WORDS = re.compile(r"(?:全年|年度|本年|当年)$")


def hotline_projects(lines: list[Line], fiscal_year: int | None) -> list[ProjectDraft]:
    squashed = SquashedText.of(lines)
    fragments = "|".join(re.escape(r["name_fragment"]) for r in read_seed("hotline_project_patterns"))
    name_start = re.compile(r"[“\"]?(?:" + fragments + r")")
    drafts: dict[str, ProjectDraft] = {}
    for sentence in re.finditer(r"[^。；;]+", squashed.text):
        text = sentence.group()
        start = name_start.search(text)
        first_cue = _AMOUNT_CUE.search(text, start.start()) if start else None
        if not start or not first_cue:
            continue
        name = clean_name(_TIME_WORDS.sub("", re.split(r"[，,：:（(]", text[start.start() : first_cue.start()])[0]))
        if len(name) < 4:
            continue
        draft = drafts.get(name) or ProjectDraft(
            name, "self_evaluation", fiscal_year, squashed.line_at(sentence.start() + start.start())
        )
        draft.table = "绩效自评报告"
        for cue in _AMOUNT_CUE.finditer(text, start.start()):
            field_name = "budget" if cue.group("budget") else "executed"
            if getattr(draft, field_name) is None:
                setattr(draft, field_name, parse_number(cue.group("amount")))
        drafts[name] = draft
    return list(drafts.values())
