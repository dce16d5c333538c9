"""Vocabulary of the 情况说明 (final-accounts narrative): sections, figure labels and cue phrases.

This is the one place a new narrative wording goes. Each pattern has the real sentence it exists
for next to it (file and line in the sample corpus, or the published PDF it was seen in). Texts
are matched after ``ingest.layout.text_flow`` joined wrapped lines and dropped layout whitespace,
so patterns never need to allow for spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A printed number: "902.93", "4,914.20", "0".
NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
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


_SUMMARY = frozenset({"overview", "income", "expenditure"})
_INCOME = frozenset({"overview", "income"})
_EXPENDITURE = frozenset({"overview", "expenditure"})
# 财政拨款收入 by fund, in the income section ("其中：一般公共预算财政拨款收入 X 万元") or the fiscal overview.
_FISCAL_INCOME = frozenset({"income", "fiscal_overview"})

LABELS: tuple[LabelPattern, ...] = (
    LabelPattern(("income_total",), r"收入总计", _INCOME, "本部门2022年度收入总计902.93万元 (000 l.42)"),
    LabelPattern(("expenditure_total",), r"支出总计", _EXPENDITURE, "本部门2022年度支出总计900.56万元 (000 l.54)"),
    LabelPattern(
        ("income_total", "expenditure_total"),
        r"收[、,，]?支总计|收入支出总计",
        _SUMMARY,
        "2022 年度收、支总计均为 218.56 万元 (002 l.280); 收入支出总计307.82 万元 (putuo_social_work_dept_2024.pdf p.17)",
    ),
    LabelPattern(
        ("current_income",),
        r"(?:本年)?收入合计|本年收入(?![的中])",
        _INCOME,
        "本年收入合计 902.93 万元 (000 l.46); 2022 年度收入合计 215.56 万元 (002 l.284)",
    ),
    LabelPattern(
        ("current_expenditure",),
        r"(?:本年)?支出合计|本年支出(?![的中])",
        _EXPENDITURE,
        "其中本年支出合计 900.56 万元 (000 l.56); 2022 年度支出合计 218.56 万元 (002 l.288)",
    ),
    LabelPattern(("carryover_begin",), r"(?:年初|上年)结转和?结余", _SUMMARY, "其中年初结转和结余 0 万元 (000 l.44)"),
    LabelPattern(("carryover_end",), r"年末结转和?结余|结转下年", _SUMMARY, "年末结转和结余 2.38 万元 (000 l.58)"),
    LabelPattern(
        ("fiscal_appropriation_income",), r"财政拨款收入", _INCOME, "财政拨款收入 902.93 万元，占 100 % (000 l.50)"
    ),
    LabelPattern(("superior_subsidy_income",), r"上级补助收入", _INCOME, "上级补助收入 0 万元 (002 l.284)"),
    LabelPattern(("business_income",), r"事业收入", _INCOME, "事业收入0万元，占0% (001 l.295)"),
    LabelPattern(("operating_income",), r"经营收入", _INCOME, "经营收入0万元，占0% (001 l.295)"),
    LabelPattern(("affiliated_remit_income",), r"附属单位上缴收入", _INCOME, "附属单位上缴收入 0 万元 (002 l.284)"),
    LabelPattern(("other_income",), r"其他收入", _INCOME, "其他收入0.47万元，占0.01% (001 l.297)"),
    LabelPattern(("basic_expenditure",), r"基本支出", _EXPENDITURE, "基本支出 471.03 万元，占 52.3 % (000 l.64)"),
    LabelPattern(("project_expenditure",), r"项目支出", _EXPENDITURE, "项目支出 429.52 万元，占 47.7% (000 l.66)"),
    LabelPattern(("operating_expenditure",), r"经营支出", _EXPENDITURE, "经营支出 0 万元 (000 l.66)"),
    LabelPattern(("remit_superior_expenditure",), r"上缴上级支出", _EXPENDITURE, "上缴上级支出 0 万元 (002 l.288)"),
    LabelPattern(
        ("affiliated_subsidy_expenditure",),
        r"对附属单位补助支出",
        _EXPENDITURE,
        "对附属单位补助支出 0 万元 (002 l.288)",
    ),
    LabelPattern(
        ("other_expenditure",),
        r"其他支出",
        _EXPENDITURE,
        "其他支出（对附属单位补助支出、上缴上级支出）0 万元，占 0% (000 l.66)",
    ),
    # 财政拨款收入支出决算总体情况
    LabelPattern(
        ("fiscal_total",),
        r"财政拨款收[、,，]?支总计|财政拨款收入支出总计",
        frozenset({"fiscal_overview"}),
        "2022 年度财政拨款收、支总计均为 218.56 万元 (002 l.292)",
    ),
    LabelPattern(
        ("fiscal_income",),
        r"财政拨款收入",
        frozenset({"fiscal_overview"}),
        "2022 年度财政拨款收入中，一般公共预算财政拨款收入 215.56 万元 (002 l.294)",
    ),
    LabelPattern(
        ("fiscal_expenditure",),
        r"财政拨款支出",
        frozenset({"fiscal_overview"}),
        "财政拨款收入 X 万元，财政拨款支出 X 万元 (official template wording, 四、财政拨款收入支出决算总体情况说明)",
    ),
    LabelPattern(
        ("general_budget_income",),
        r"一般公共预算财政拨款收入",
        _FISCAL_INCOME,
        "一般公共预算财政拨款收入 215.56 万元 (002 l.294)",
    ),
    LabelPattern(
        ("government_fund_income",),
        r"政府性基金预算财政拨款收入",
        _FISCAL_INCOME,
        "政府性基金预算财政拨款收入 0 万元 (002 l.294)",
    ),
    LabelPattern(
        ("state_capital_income",),
        r"国有资本经营预算财政拨款收入",
        _FISCAL_INCOME,
        "国有资本经营预算财政拨款收入 0 万元 (002 l.294)",
    ),
    # 财政拨款支出决算情况说明: the whole, then the categories (CATEGORY_NAMES below)
    LabelPattern(
        ("fiscal_budget_initial", "fiscal_final"),
        r"(?:一般公共预算)?财政拨款(?:本年)?支出",
        frozenset({"fiscal_expenditure"}),
        "本部门 2022 年度财政拨款本年支出年初预算数为 654.52 万元，决算数为 900.56 万元 (000 l.72); "
        "2022 年度一般公共预算财政拨款支出年初预算为 0 万元，支出决算为 218.56 万元 (002 l.312)",
        kind="fiscal",
    ),
    # 一般公共预算财政拨款基本支出决算情况说明
    LabelPattern(
        ("general_budget_basic_expenditure",),
        r"一般公共预算财政拨款基本支出",
        frozenset({"basic"}),
        "本部门 2022 年度一般公共预算财政拨款基本支出 471.03 万元，其中： (000 l.104)",
    ),
    LabelPattern(
        ("wages_benefits",), r"工资福利支出", frozenset({"basic"}), "（一）工资福利支出 401.85 万元 (000 l.108)"
    ),
    LabelPattern(
        ("goods_services",), r"商品和服务支出", frozenset({"basic"}), "（二）商品和服务支出 59.87 万元 (000 l.112)"
    ),
    LabelPattern(
        ("household_subsidies",),
        r"对个人和家庭(?:的)?补助(?:支出)?",
        frozenset({"basic"}),
        "（三）对个人和家庭补助支出 9.3 万元 (000 l.120)",
    ),
    LabelPattern(
        ("capital_expenditure",), r"资本性支出", frozenset({"basic"}), "（四）资本性支出 13.41 万元 (000 l.126)"
    ),
    LabelPattern(("personnel_expenditure",), r"人员经费", frozenset({"basic"}), "人员经费 65.88 万元 (002 l.324)"),
    LabelPattern(("public_expenditure",), r"公用经费", frozenset({"basic"}), "公用经费 2.17 万元 (002 l.326)"),
    # 财政拨款"三公"经费支出决算情况说明
    LabelPattern(
        ("three_public_total",),
        r"[“\"]?三公[”\"]?经费(?:财政拨款)?(?:支出)?",
        frozenset({"three_public"}),
        "财政拨款“三公”经费支出全年预算数为 4.59 万元，决算数为 7.28 万元 (000 l.132)",
        kind="three_public",
    ),
    LabelPattern(
        ("three_public_abroad",),
        r"因公出国[（(]境[)）](?:费|支出)*",
        frozenset({"three_public"}),
        "（一）因公出国（境）支出全年预算数为 0 万元 (000 l.138)",
        kind="three_public",
    ),
    LabelPattern(
        ("three_public_vehicles",),
        r"公务用车购置及运行(?:维护)?费(?:支出)?",
        frozenset({"three_public"}),
        "（三）公务用车购置及运行维护费支出 6.77 万元 (000 l.164)",
        kind="three_public",
    ),
    LabelPattern(
        ("three_public_vehicle_purchase",),
        r"公务用车购置(?:费|支出)*",
        frozenset({"three_public"}),
        "其中公务用车购置全年预算数为 0万元 (000 l.164)",
        kind="three_public",
    ),
    LabelPattern(
        ("three_public_vehicle_operation",),
        r"公务用车运行(?:维护)?(?:费|支出)*",
        frozenset({"three_public"}),
        "公务用车运行维护费支出全年预算数为 2.59 万元 (000 l.172)",
        kind="three_public",
    ),
    LabelPattern(
        ("three_public_reception",),
        r"公务接待(?:费)?(?:支出)?",
        frozenset({"three_public"}),
        "（二）公务接待费支出全年预算数为 2 万元 (000 l.152)",
        kind="three_public",
    ),
    # 机关运行经费
    LabelPattern(
        ("operating_expenses",),
        r"机关运行经费(?:支出)?",
        frozenset({"operating"}),
        "本部门 2022 年度机关运行经费支出 59.87 万元 (000 l.186)",
    ),
    # 政府采购
    LabelPattern(
        ("procurement_total",),
        r"政府采购(?:支出总额|金额|总额)",
        frozenset({"procurement"}),
        "政府采购支出总额 13.41 万元 (000 l.200); 政府采购金额（以合同签订为准）为 21.07 万元 (putuo_social_work_dept_2024.pdf p.22)",
    ),
    LabelPattern(
        ("procurement_goods",),
        r"政府采购货物支出|货物采购金额",
        frozenset({"procurement"}),
        "政府采购货物支出 13.41 万元 (000 l.202)",
    ),
    LabelPattern(
        ("procurement_works",),
        r"政府采购工程支出|工程采购金额",
        frozenset({"procurement"}),
        "政府采购工程支出 0万元 (000 l.202)",
    ),
    LabelPattern(
        ("procurement_services",),
        r"政府采购服务支出|服务采购金额",
        frozenset({"procurement"}),
        "政府采购服务支出 88.58 万元 (002 l.350)",
    ),
    LabelPattern(
        ("procurement_sme",),
        r"授予中小企业合同金额",
        frozenset({"procurement"}),
        "授予中小企业合同金额 13.41 万元，占政府采购支出总额的 100 % (000 l.204)",
    ),
    LabelPattern(
        ("procurement_small_micro",),
        r"授予小微企业合同金额",
        frozenset({"procurement"}),
        "授予小微企业合同金额 13.41 万元，占授予中小企业合同金额的 100% (000 l.206)",
    ),
    LabelPattern(
        ("procurement_goods_sme",),
        r"货物采购授予中小企业合同金额",
        frozenset({"procurement"}),
        "货物采购授予中小企业合同金额占货物支出金额的 100 % (000 l.208)",
    ),
    LabelPattern(
        ("procurement_works_sme",),
        r"工程采购授予中小企业合同金额",
        frozenset({"procurement"}),
        "工程采购授予中小企业合同金额占工程支出金额的 0% (000 l.210)",
    ),
    LabelPattern(
        ("procurement_services_sme",),
        r"服务采购授予中小企业合同金额",
        frozenset({"procurement"}),
        "服务采购授予中小企业合同金额占服务支出金额的 0% (000 l.212)",
    ),
)

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
