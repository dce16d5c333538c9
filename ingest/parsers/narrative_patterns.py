"""Vocabulary of the 情况说明 (final-accounts narrative): sections, figure labels and cue phrases.

Subjects and their synonyms ("本年收入合计", "本单位收入为", "1、收入:") are data, in the seed
``ref_narrative_subjects``; the words that list figures ("各是 A、B", "分别为") and that make a clause
not a total ("分流 315 万元") are in the seed ``ref_narrative_clauses``. Sections and cue phrases are
here. Each pattern has the real sentence it exists for next to it (file and line in the sample
corpus, or the published PDF it was seen in). Texts are matched after ``ingest.layout.text_flow``
joined wrapped lines and dropped layout whitespace, so patterns never need to allow for spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbers import NUMBER_PATTERN
from ingest.seeds import read_seed

# A printed number: "902.93", "4,914.20", "0", "-215.56" (ingest/numbers.py).
NUMBER = rf"(?P<num>{NUMBER_PATTERN})"
# A money unit. "0.39 万（含外宾接待支出…）" prints 万 alone (putuo_planning_resources_2024.pdf p.26).
MONEY_UNIT = r"(?P<unit>亿元|万元|元|万(?![人个次件辆台批名户]))"

# --- sections ------------------------------------------------------------------------------
# A heading line's text -> the section it opens. First match wins, so the more specific come first.
# Sections not in FIGURE_SECTIONS are read for nothing (performance reports, glossary, tables, …).


@dataclass(frozen=True)
class SectionPattern:
    kind: str
    pattern: re.Pattern[str]
    example: str


SECTION_PATTERNS: tuple[SectionPattern, ...] = (
    SectionPattern("performance", re.compile(r"绩效"), "九、预算绩效评价情况说明 (000 l.224)"),
    SectionPattern("glossary", re.compile(r"名词解释"), "第四部分 名词解释 (000 l.720)"),
    SectionPattern("appendix", re.compile(r"附件|附表"), "第五部分 附 件 (000 l.830)"),
    SectionPattern(
        "overview_part", re.compile(r"^第.{1,3}部分.*情况说明"), "第三部分 2022 年度部门决算情况说明 (000 l.38)"
    ),
    SectionPattern("other_part", re.compile(r"^第.{1,3}部分"), "第二部分 2022 年度部门决算表 (001 l.8)"),
    SectionPattern("tables", re.compile(r"表$"), "一、收入支出决算总表 (001 l.11, the table list)"),
    SectionPattern("assets", re.compile(r"国有资产"), "八、国有资产占用情况说明 (000 l.216)"),
    SectionPattern("three_public", re.compile(r"三公"), "五、财政拨款“三公”经费支出决算情况说明 (000 l.130)"),
    SectionPattern("operating", re.compile(r"机关运行经费"), "六、机关运行经费支出情况说明 (000 l.184)"),
    SectionPattern("procurement", re.compile(r"政府采购"), "七、政府采购支出情况说明 (000 l.198)"),
    SectionPattern(
        "fund", re.compile(r"政府性基金|国有资本经营"), "七、政府性基金预算财政拨款收入支出决算情况说明 (002 l.328)"
    ),
    SectionPattern("basic", re.compile(r"基本支出"), "四、一般公共预算财政拨款基本支出决算情况说明 (000 l.102)"),
    SectionPattern(
        "fiscal_overview",
        re.compile(r"财政拨款收入支出决算总体|财政拨款收支"),
        "四、财政拨款收入支出决算总体情况说明 (002 l.290)",
    ),
    SectionPattern(
        "fiscal_expenditure",
        re.compile(r"财政拨款支出"),
        "三、财政拨款支出决算情况说明 (000 l.70); （二）一般公共预算财政拨款支出决算结构情况 (002 l.302)",
    ),
    SectionPattern(
        "overview", re.compile(r"收入支出决算总体|收支决算总体"), "一、收入支出决算总体情况说明 (002 l.278)"
    ),
    SectionPattern("income", re.compile(r"收入决算"), "一、收入决算情况说明 (000 l.40)"),
    SectionPattern("expenditure", re.compile(r"支出决算"), "二、支出决算情况说明 (000 l.52)"),
    SectionPattern(
        "other",
        re.compile(r"其他重要事项|其他需要说明"),
        "十一、其他重要事项的情况说明 (putuo_planning_resources_2024.pdf p.27)",
    ),
)

# Sections whose figures are read. Everything else (performance reports and their "资金到位 42 万元",
# the glossary, table lists, asset counts) is skipped.
FIGURE_SECTIONS = frozenset(
    {
        "overview",
        "income",
        "expenditure",
        "fiscal_overview",
        "fiscal_expenditure",
        "basic",
        "three_public",
        "operating",
        "procurement",
    }
)

# --- figure labels -------------------------------------------------------------------------
# kind decides what a budget / final / bare amount after the label means (see narrative.py MEASURES):
#   plain        a figure of its own: a bare amount is measure 'amount'
#   three_public "三公" items: 全年预算数 -> 'budget', 年初预算数 -> 'budget_initial', 决算数 -> 'amount'
#   fiscal       财政拨款支出 as a whole: 年初预算数 -> fiscal_budget_initial, 决算数 -> fiscal_final
#   category     an expenditure category (功能分类): metric category_budget_vs_final, subject = its name


@dataclass(frozen=True)
class LabelPattern:
    metrics: tuple[str, ...]
    pattern: str  # regex, matched on the joined text
    sections: frozenset[str]
    example: str
    kind: str = "plain"


# The subjects (figure labels) and their synonyms are data: seed ref_narrative_subjects (one row per
# synonym: metrics, phrase, sections, kind, a real example and where it is printed).


def _subject_labels() -> tuple[LabelPattern, ...]:
    return tuple(
        LabelPattern(
            tuple(row["metrics"].split()),
            row["phrase"],
            frozenset(row["sections"].split()),
            f"{row['example']} ({row['source']})",
            row["kind"],
        )
        for row in read_seed("ref_narrative_subjects")
    )


LABELS: tuple[LabelPattern, ...] = _subject_labels()

# 支出功能分类 类 names (政府收支分类科目, current and pre-2019 wording) an expenditure category
# sentence starts with. "其他支出" only counts with its "（类）" mark.
CATEGORY_NAMES: tuple[str, ...] = (
    "一般公共服务",
    "外交",
    "国防",
    "公共安全",
    "教育",
    "科学技术",
    "文化旅游体育与传媒",
    "文化体育与传媒",
    "社会保障和就业",
    "卫生健康",
    "医疗卫生与计划生育",
    "节能环保",
    "城乡社区",
    "农林水",
    "交通运输",
    "资源勘探工业信息等",
    "资源勘探信息等",
    "商业服务业等",
    "金融",
    "援助其他地区",
    "自然资源海洋气象等",
    "国土海洋气象等",
    "住房保障",
    "粮油物资储备",
    "国有资本经营预算",
    "灾害防治及应急管理",
    "债务还本",
    "债务付息",
    "债务发行费用",
    "抗疫特别国债安排的",
)
_CLASS_MARK = r"[（(]类[)）]"
# "一般公共服务支出"  (000 l.76)                     "社会保障和就业" (000 l.82, printed without 支出)
# "一般公共服务（类）支出" (002 l.306)                 "住房保障支出(类)" (002 l.318)
# "一般公共服务支出(类)财政事务(款)行政运行(项)" (002 l.316)
# "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
#   (putuo_social_work_dept_2024.pdf p.19)
CATEGORY_PATTERN = (
    r"(?:(?:" + "|".join(CATEGORY_NAMES) + r")(?:支出)?(?:" + _CLASS_MARK + r")?|其他支出" + _CLASS_MARK + r")"
    r"(?:支出)?(?:[^，。；：:\d（()）]{1,30}[（(]款[)）][^，。；：:\d（()）]{1,40}[（(]项[)）])?"
)
CATEGORY_LABEL = LabelPattern(
    ("category_budget_vs_final",),
    CATEGORY_PATTERN,
    frozenset({"fiscal_expenditure"}),
    "（一）一般公共服务支出年初预算数为 562.41 万元，决算数为 808.79 万元，完成年初预算的 143.81% (000 l.76)",
    kind="category",
)

# --- cue phrases -----------------------------------------------------------------------------
# Each cue is a regex; the order of CUES is the priority when two overlap at the same place.


@dataclass(frozen=True)
class CuePattern:
    kind: str
    pattern: str
    example: str


_DIRECTION = r"(?P<dir>增加|减少|增长|下降|降低|上升)"


def _clause_words(role: str) -> str:
    words = sorted((row["word"] for row in read_seed("ref_narrative_clauses") if row["role"] == role), key=len)
    return "|".join(re.escape(word) for word in reversed(words))


# A list of figures, one per subject in the order the subjects are named: "收、支总计各是4125.49,4143.91万元",
# "各减少1267.86,2570.97万元", "各下降23.51%、38.28%" (sc_unknown_unit_2022_final_narrative.txt l.3-4).
# Items are separated by 、，, 和 及 与; a comma followed by three digits is a thousands separator.
ENUMERATION_ITEM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_ITEM_UNIT = r"(?:亿元|万元|元|万(?![人个次件辆台批名户])|%)"
ENUMERATION = (
    r"(?P<word>" + _clause_words("enumeration") + r")(?:" + _DIRECTION + r"了?|(?P<share>占))?"
    r"(?P<list>(?:" + ENUMERATION_ITEM + _ITEM_UNIT + r"?(?:[,，、]|和|及|与))+" + ENUMERATION_ITEM + r")"
    r"(?P<unit>" + _ITEM_UNIT + r")"
)
ENUMERATED_VALUE = re.compile(r"(?P<num>" + ENUMERATION_ITEM + r")(?P<unit>" + _ITEM_UNIT + r")?")
# Words that make an amount in their clause something other than the subject's figure: "分流315万元".
NOT_A_TOTAL = re.compile(_clause_words("not_a_total"))
_ALTERNATIVE = r"(?P<alt>[（(](?:增加|减少|增长|下降|降低)[)）])?"
CUES: tuple[CuePattern, ...] = (
    # final vs budget: a comparison word NA-06 checks
    CuePattern(
        "comparison",
        r"决算数?(?:较|比|同|与)?(?:全年|年初|调整后)?预算数?"
        r"(?P<word>增加[（(]减少[)）]|减少[（(]增加[)）]|大于[（(]小于[)）]|小于[（(]大于[)）]|增加|减少|大于|小于|高于|低于|等于|持平|一致|无增+减变化|无变化|相等)",
        "决算数较全年预算数增加的主要原因是 (000 l.180); 决算数与全年预算数持平 (putuo_social_work_dept_2024.pdf p.19)",
    ),
    CuePattern(
        "comparison",
        r"决算数?(?P<word>大于[（(]小于[)）]|小于[（(]大于[)）]|大于|小于|等于|高于|低于|超过)(?:全年|年初|调整后)?预算数?",
        "决算数小于预算数的主要原因 (putuo_social_work_dept_2024.pdf p.18); 决算数大于（小于）预算数 (template text)",
    ),
    CuePattern(
        "comparison_missing",
        r"决算数?较(?:全年|年初)?预算数?的主要原因",
        "决算数较全年预算数的主要原因是 (000 l.156: the comparison word is missing)",
    ),
    CuePattern(
        "completion_rate",
        r"(?:完成|为|占)(?:了)?(?P<basis>年初|全年|调整后)?预算(?:数)?的?" + NUMBER + r"%",
        "完成年初预算的 137.59 % (000 l.74); 完成全年预算的 158.61 % (000 l.134); 完成预算的 13.68% (putuo_planning_resources_2024.pdf p.25)",
    ),
    CuePattern(
        "completion_rate",
        r"(?P<basis>)预算(?:完成|执行)率(?:为|达|是)?" + NUMBER + r"%",
        "预算完成率为 98.5% (wording of other publications of the template)",
    ),
    CuePattern(
        "share",
        r"占(?:比(?:重|例)?(?:为|是)?|(?P<whole>[^，。；、\d%]{0,30}?)(?:的)?(?:比(?:重|例)(?:为|是)?)?)"
        + NUMBER
        + r"%",
        "占 52.3 % (000 l.64); 占本年收入 100% (002 l.284); 占政府采购支出总额的 100 % (000 l.204); 占比 31.14%",
    ),
    CuePattern(
        "change_rate",
        _DIRECTION + _ALTERNATIVE + r"(?:了)?" + NUMBER + r"%",
        "增长 24.35% (000 l.48); 下降 100% (000 l.46); 降低 247.90% (001 l.438); 下降（增长）27.78% (putuo_planning_resources_2024.pdf p.25)",
    ),
    CuePattern(
        "change_amount",
        _DIRECTION + _ALTERNATIVE + r"(?:了)?" + NUMBER + MONEY_UNIT,
        "较 2021 年增加 176.79 万元 (000 l.46); 决算数较 2021 年增加（减少） 0 万元 (000 l.142)",
    ),
    CuePattern("change_rate_missing", r"(?:增长|下降|降低)%", "增长%，主要原因是车辆使用年限较长 (000 l.176)"),
    CuePattern(
        "prior_year",
        r"(?:较|比)(?:20\d\d年度?|上年度?|上一年度?|去年)|与(?:20\d\d年度?|上年度?|上一年度?|去年)相比|同比",
        "较 2021 年增加 165.64 万元 (000 l.42); 与 2023 年度相比，收入支出总计增加 307.82 万元 (putuo_social_work_dept_2024.pdf p.17)",
    ),
    CuePattern(
        "budget_initial",
        r"年初预算(?:数)?(?:为|是)?",
        "年初预算数为 654.52 万元 (000 l.72); 年初预算为0万元 (002 l.316)",
    ),
    CuePattern(
        "budget_full",
        r"全年预算(?:数)?(?:为|是)?",
        "全年预算数为 4.59 万元 (000 l.132); 全年预算为 52.00 万元 (putuo_social_work_dept_2024.pdf p.18)",
    ),
    CuePattern("budget", r"预算(?:数)?为", "“三公”经费财政拨款支出预算为 0 万元 (002 l.340)"),
    CuePattern(
        "final", r"(?:支出)?决算(?:数)?(?:为|是)", "决算数为 900.56 万元 (000 l.74); 支出决算为 216.73 万元 (002 l.316)"
    ),
    CuePattern(
        "whole",
        r"(?P<whole>本年收入|本年支出)的具体构成为",
        "本年收入的具体构成为：财政拨款收入 902.93 万元，占 100 % (000 l.50)",
    ),
    CuePattern(
        "parts",
        r"其中[:：]?|主要用于以下方面[:：]?",
        "基本支出 471.03 万元，其中： (000 l.104); 主要用于以下方面：(002 l.304)",
    ),
    CuePattern(
        "enumeration", ENUMERATION, "收、支总计各是4125.49,4143.91万元 (sc_unknown_unit_2022_final_narrative.txt l.3)"
    ),
    CuePattern("money", NUMBER + MONEY_UNIT, "收入总计902.93万元 (000 l.42)"),
)

# Explanations whose words must not start a figure: "主要原因是：项目支出增加；" (000 l.58),
# "主要是用于工资福利支出；商品和服务支出；" (002 l.306), "主要包括：基本工资、…" (putuo p.20).
EXPLANATION = re.compile(
    r"主要原因(?:是)?[:：]?[^。；]*|主要(?:是)?用于[:：](?!以下)[^。]*|主要是用于[^。]*|主要包括[:：][^。；]*"
)

# Comparison words -> sign of (final - budget) they assert. None: an unresolved template alternative.
COMPARISON_SIGN: dict[str, int | None] = {
    "增加": 1,
    "大于": 1,
    "高于": 1,
    "超过": 1,
    "减少": -1,
    "小于": -1,
    "低于": -1,
    "等于": 0,
    "持平": 0,
    "一致": 0,
    "相等": 0,
    "无变化": 0,
}

# Direction words of a change against the prior year -> sign of the change.
DIRECTION_SIGN: dict[str, int] = {"增加": 1, "增长": 1, "上升": 1, "减少": -1, "下降": -1, "降低": -1}

# Parts the narrative lists under a whole (NA-02): (whole metric, its part metrics). A whole can be
# broken down more than one way (一般公共预算财政拨款基本支出 by economic class or 人员经费 + 公用经费).
PARTS_OF: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("income_total", ("current_income", "carryover_begin")),
    ("expenditure_total", ("current_expenditure", "carryover_end")),
    (
        "current_income",
        (
            "fiscal_appropriation_income",
            "superior_subsidy_income",
            "business_income",
            "operating_income",
            "affiliated_remit_income",
            "other_income",
        ),
    ),
    (
        "current_expenditure",
        (
            "basic_expenditure",
            "project_expenditure",
            "operating_expenditure",
            "remit_superior_expenditure",
            "affiliated_subsidy_expenditure",
            "other_expenditure",
        ),
    ),
    (
        "general_budget_basic_expenditure",
        ("wages_benefits", "goods_services", "household_subsidies", "capital_expenditure"),
    ),
    ("general_budget_basic_expenditure", ("personnel_expenditure", "public_expenditure")),
    ("three_public_total", ("three_public_abroad", "three_public_vehicles", "three_public_reception")),
    ("three_public_vehicles", ("three_public_vehicle_purchase", "three_public_vehicle_operation")),
    ("procurement_total", ("procurement_goods", "procurement_works", "procurement_services")),
    ("fiscal_final", ("category_budget_vs_final",)),  # Σ final of the categories stated
)

# The whole a stated share is of (subject of a 'share' figure, as printed) -> its metric (NA-03).
# A category's share is of the whole 一般公共预算财政拨款支出 (metric fiscal_final).
SHARE_WHOLES: dict[str, str] = {
    "本年收入": "current_income",  # 本年收入的具体构成为：财政拨款收入 902.93 万元，占 100 % (000 l.50)
    "本年收入合计": "current_income",  # 其中：财政拨款收入 307.82 万元，占 100.00% (putuo p.17)
    "本年支出": "current_expenditure",  # 基本支出 68.06 万元，占本年支出 31.14 % (002 l.288)
    "本年支出合计": "current_expenditure",  # 一般公共预算财政拨款支出 218.56 万元，占本年支出合计的 100% (002 l.300)
    "政府采购支出总额": "procurement_total",  # 授予中小企业合同金额 …，占政府采购支出总额的 8.4% (002 l.350)
    "授予中小企业合同金额": "procurement_sme",  # 授予小微企业合同金额 …，占授予中小企业合同金额的 100% (000 l.206)
    "货物支出金额": "procurement_goods",  # 货物采购授予中小企业合同金额占货物支出金额的 100 % (000 l.208)
    "工程支出金额": "procurement_works",
    "服务支出金额": "procurement_services",
}
