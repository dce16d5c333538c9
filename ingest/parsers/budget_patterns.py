"""Vocabulary of the budget tables (部门预算 / 单位预算): table keys, titles and aliases, column and
row keys, and the identities the tables hold (BU-xx, see expectations/rules.py).

The national template of the budget (财政部's 部门预算公开 tables) has eight tables — 收支总表,
收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表, 一般公共预算基本支出表, 一般公共预算“三公”经费
支出表, 政府性基金预算支出表 — and provinces add their own (财政拨款支出预算表, 机关运行经费, 政府采购,
国有资本经营, 项目支出). Examples name the real document and page each entry was read from:
js_* are the Jiangsu provincial departments of 2017–2019, sh_* the Shanghai 普陀区 units of 2024
(tests/fixtures/corpus/budgets/). Table numbers are the national template's; a province numbers
its own tables (公开01–12 in Jiangsu) in another order.

Labels are compared as the final-accounts ones are (fa_patterns.py): whitespace, quotes and list
markers removed, half-width parentheses made full-width.
"""

from __future__ import annotations

from ingest.parsers.fa_patterns import THREE_PUBLIC_GRAND_TOTAL
from ingest.parsers.template_vocabulary import ClassRowsMatch, CrossTableSum, TableSpec, TemplateVocabulary


def _budget(key: str, number: str, title: str, aliases: tuple[str, ...], kind: str) -> TableSpec:
    return TableSpec(key, number, title, aliases, kind, family="budget")


TABLES: tuple[TableSpec, ...] = (
    _budget(
        "budget_summary",
        "01",
        "收支预算总表",
        (
            "收支总表",  # the national template
            "部门收支总表",
            "财务收支预算总表",  # sh_putuo_wanli_street_2024_budget.pdf p.10 "2024年部门财务收支预算总表"
        ),
        "two_sided",
    ),
    _budget(
        "budget_income",
        "02",
        "收入预算总表",  # js_cppcc_office_2018_budget_tables.pdf p.2; sh_putuo_wanli p.11 "2024年部门收入预算总表"
        ("收入总表", "收入预算表", "部门收入总表"),
        "function_coded",
    ),
    _budget(
        "budget_expenditure",
        "03",
        "支出预算总表",  # js_cppcc_office_2018_budget_tables.pdf p.3; sh_putuo_wanli p.16
        ("支出总表", "支出预算表", "部门支出总表"),
        "function_coded",
    ),
    _budget(
        "budget_fiscal_summary",
        "04",
        "财政拨款收支预算总表",  # js_cppcc_office_2018_budget_tables.pdf p.4; sh_putuo_wanli p.21
        ("财政拨款收支总表", "部门财政拨款收支总表"),
        "two_sided",
    ),
    _budget(
        "budget_general_expenditure",
        "05",
        "一般公共预算支出表",  # the national template
        (
            "一般公共预算支出预算表",  # js_cppcc_office_2018_budget_tables.pdf p.7
            "一般公共预算支出预算表（功能科目）",  # js_cppcc_office_2019_budget_tables.pdf p.7
            "一般公共预算支出功能分类预算表",  # sh_putuo_wanli p.22
            "一般公共预算拨款支出预算表",
        ),
        "function_coded",
    ),
    _budget(
        "budget_general_basic_economic",
        "06",
        "一般公共预算基本支出表",  # the national template
        (
            "一般公共预算基本支出预算表",  # js_cppcc_office_2018_budget_tables.pdf p.8
            "一般公共预算基本支出预算表（经济科目）",  # js_cppcc_office_2019_budget_tables.pdf p.8
            "一般公共预算基本支出部门预算经济分类预算表",  # sh_putuo_wanli p.29
            "一般公共预算基本支出经济分类预算表",
        ),
        "economic_coded",
    ),
    _budget(
        "budget_three_public",
        "07",
        "一般公共预算“三公”经费支出表",  # the national template
        (
            "一般公共预算“三公”经费支出预算表",
            "“三公”经费支出预算表",
            "“三公”经费、会议费、培训费支出预算表",  # js_cppcc_office_2018_budget_tables.pdf p.9
            "“三公”经费、会议费、培训费支出预算表（一般公共预算）",  # js_cppcc_office_2017_budget_tables.pdf p.11
            "一般公共预算“三公”经费、会议费、培训费支出预算表",  # js_high_court_2017_budget.pdf p.17
            "“三公”经费和机关运行经费预算表",  # sh_putuo_wanli p.31 "部门“三公”经费和机关运行经费预算表"
        ),
        "three_public",
    ),
    _budget(
        "budget_government_fund",
        "08",
        "政府性基金预算支出表",  # the national template
        (
            "政府性基金支出预算表",  # js_high_court_2017_budget.pdf p.15
            "财政拨款政府性基金支出预算表",  # js_cppcc_office_2017_budget_tables.pdf p.7
            "政府性基金预算财政拨款支出预算表",  # js_high_court_2018_budget.pdf
            "政府性基金财政拨款支出预算表",  # js_cppcc_office_2019_budget.pdf, contents
            "政府性基金预算支出功能分类预算表",  # sh_putuo_wanli p.27
        ),
        "function_coded",
    ),
    _budget(
        "budget_state_capital",
        "",
        "国有资本经营预算支出表",
        (
            "国有资本经营预算支出功能分类预算表",  # sh_putuo_wanli p.28
            "国有资本经营预算财政拨款支出预算表",
        ),
        "function_coded",
    ),
    _budget(
        "budget_fiscal_expenditure",
        "",
        "财政拨款支出预算表",  # js_cppcc_office_2018_budget_tables.pdf p.5
        ("财政拨款支出预算表（功能科目）",),  # js_cppcc_office_2019_budget_tables.pdf p.5
        "function_coded",
    ),
    _budget(
        "budget_fiscal_basic_economic",
        "",
        "财政拨款基本支出预算表",  # js_cppcc_office_2018_budget_tables.pdf p.6
        ("财政拨款基本支出预算表（经济科目）",),  # js_cppcc_office_2019_budget_tables.pdf p.6
        "economic_coded",
    ),
    _budget(
        "budget_operating_expenses",
        "",
        "一般公共预算机关运行经费支出预算表",  # js_cppcc_office_2018_budget_tables.pdf p.11
        ("机关运行经费支出预算表",),
        "economic_coded",
    ),
    _budget(
        "budget_procurement",
        "",
        "政府采购预算表",  # js_cppcc_office_2018_budget_tables.pdf p.12 "2018年政府采购预算表"
        ("政府采购支出预算表", "政府采购预算明细表"),  # js_high_court_2019_budget.pdf (公开12表)
        "rows",
    ),
    _budget(
        "budget_projects",
        "",
        "项目支出表",  # the national template (2020 on)
        ("项目支出预算表", "部门项目支出预算表", "项目支出预算明细表"),
        "rows",
    ),
)

TABLES_BY_KEY = {t.key: t for t in TABLES}
# The national template's eight tables: every budget publishes them (empty ones with a note).
TEMPLATE_TABLE_KEYS = tuple(t.key for t in TABLES if t.number)

# ---------------------------------------------------------------------------------------------
# Column headers -> column_key (the keys of the final accounts where the meaning is the same).
# ---------------------------------------------------------------------------------------------
COLUMN_LABELS_GENERAL: dict[str, str] = {
    "金额": "amount",  # js_cppcc_office_2018_budget_tables.pdf p.1 "项目名称 | 金额"
    "预算数": "amount",  # sh_putuo_wanli p.10 "项目 | 预算数"
    "本年预算数": "amount",
    "合计": "total",  # sh_putuo_wanli p.16 "合计 | 基本支出 | 项目支出"
    "小计": "total",
    "本年收入合计": "total",
    "本年支出合计": "total",
    "财政拨款收入": "fiscal_appropriation",  # sh_putuo_wanli p.11
    "财政拨款": "fiscal_appropriation",
    "上级补助收入": "superior_subsidy",
    "事业收入": "business",  # sh_putuo_wanli p.11
    "事业单位经营收入": "operating",  # sh_putuo_wanli p.11 "事业单位经营收入" (wrapped in two lines)
    "经营收入": "operating",
    "附属单位上缴收入": "affiliated_remit",
    "其他收入": "other",  # sh_putuo_wanli p.11
    "上年结转": "carryover_begin",
    "基本支出": "basic",  # js_cppcc_office_2018_budget_tables.pdf p.3
    "项目支出": "project",
    "单位预留机动经费": "reserve",  # js_cppcc_office_2018_budget_tables.pdf p.3
    "结转下年资金": "carryover_end",  # js_cppcc_office_2018_budget_tables.pdf p.3
    "上缴上级支出": "remit_superior",
    "事业单位经营支出": "operating",
    "对附属单位补助支出": "affiliated_subsidy",
    "人员经费": "personnel",  # sh_putuo_wanli p.29 "合计 | 人员经费 | 公用经费"
    "公用经费": "public",
    "一般公共预算": "general_budget",  # sh_putuo_wanli p.21 "合计 | 一般公共预算 | 政府性基金预算 | …"
    "政府性基金预算": "government_fund",
    "国有资本经营预算": "state_capital",
    "机关运行经费支出": "amount",  # js_cppcc_office_2018_budget_tables.pdf p.11
}
# Headers of label columns: 政府采购预算表 "采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 总计"
# (js_cppcc_office_2018_budget_tables.pdf p.12); 专项名称 and 采购物品名称 are name columns by their 名称.
NAME_COLUMN_WORDS = ("采购品目大类", "采购品目")
# A coded table with one amount column prints it as 金额: that is the row's total.
_ONE_COLUMN_CODED = {"金额": "total"}
# The economic tables' figure is "amount" (as in the final accounts); 合计 heads it where 人员经费
# and 公用经费 follow (sh_putuo_wanli p.29).
_ECONOMIC = {"合计": "amount", "小计": "amount"}
COLUMN_LABELS_BY_TABLE: dict[str, dict[str, str]] = {
    "budget_income": _ONE_COLUMN_CODED,
    "budget_expenditure": _ONE_COLUMN_CODED,
    "budget_general_expenditure": _ONE_COLUMN_CODED,
    "budget_government_fund": _ONE_COLUMN_CODED,
    "budget_state_capital": _ONE_COLUMN_CODED,
    "budget_fiscal_expenditure": _ONE_COLUMN_CODED,
    "budget_general_basic_economic": _ECONOMIC,
    "budget_fiscal_basic_economic": _ECONOMIC,
    "budget_operating_expenses": _ECONOMIC,
    "budget_procurement": {"总计": "amount", "合计": "amount"},  # js_cppcc_office_2018 p.12 "… | 总计"
    "budget_projects": {"合计": "total", "金额": "total", "项目金额": "total"},
}

# ---------------------------------------------------------------------------------------------
# Row labels of the two-sided tables (收支预算总表, 财政拨款收支预算总表) -> row_key. The 类 rows of the
# 功能分类 group are read by their 支出功能分类 names (fa_patterns.FUNCTION_CLASS_CODES).
# ---------------------------------------------------------------------------------------------
SUMMARY_INCOME_ROWS: dict[str, str] = {
    "财政拨款": "fiscal_appropriation_income",  # js_cppcc_office_2018 p.1 "一、财政拨款"
    "财政拨款收入": "fiscal_appropriation_income",  # sh_putuo_wanli p.10 "一、财政拨款收入"
    "一般公共预算": "general_budget_income",  # js_cppcc_office_2018 p.1 " 1.一般公共预算"; p.4 "一、一般公共预算"
    "一般公共预算资金": "general_budget_income",  # sh_putuo_wanli p.10 "1. 一般公共预算资金"
    "一般公共预算收入": "general_budget_income",
    "政府性基金预算": "government_fund_income",  # js_cppcc_office_2018 p.1 " 2.政府性基金预算"
    "政府性基金": "government_fund_income",  # sh_putuo_wanli p.10 "2. 政府性基金"
    "政府性基金预算资金": "government_fund_income",
    "国有资本经营预算": "state_capital_income",  # sh_putuo_wanli p.10 "3. 国有资本经营预算"
    "国有资本经营预算资金": "state_capital_income",
    "财政专户管理资金": "special_account_income",  # js_cppcc_office_2018 p.1 "二、财政专户管理资金"
    "其他资金": "other_funds_income",  # js_cppcc_office_2018 p.1 "三、其他资金"
    "上级补助收入": "superior_subsidy_income",
    "事业收入": "business_income",  # sh_putuo_wanli p.10 "二、事业收入"
    "事业单位经营收入": "operating_income",  # sh_putuo_wanli p.10 "三、事业单位经营收入"
    "经营收入": "operating_income",
    "附属单位上缴收入": "affiliated_remit_income",
    "其他收入": "other_income",  # sh_putuo_wanli p.10 "四、其他收入"
    "当年收入小计": "current_income",  # js_cppcc_office_2018 p.1
    "本年收入合计": "current_income",
    "本年收入小计": "current_income",
    "上年结转资金": "carryover_begin",  # js_cppcc_office_2018 p.1
    "上年结转": "carryover_begin",
    "上年结转和结余": "carryover_begin",
    "收入合计": "income_total",  # js_cppcc_office_2018 p.1; p.4
    "收入总计": "income_total",  # sh_putuo_wanli p.10
    "总计": "income_total",
}
SUMMARY_EXPENDITURE_ROWS: dict[str, str] = {
    "当年支出小计": "current_expenditure",  # js_cppcc_office_2018 p.1
    "本年支出合计": "current_expenditure",
    "本年支出小计": "current_expenditure",
    "结转下年资金": "carryover_end",  # js_cppcc_office_2018 p.1
    "结转下年": "carryover_end",
    "支出合计": "expenditure_total",  # js_cppcc_office_2018 p.1; p.4
    "支出总计": "expenditure_total",  # sh_putuo_wanli p.10
    "总计": "expenditure_total",
    # the 支出用途 group printed beside the 功能分类 group (js_cppcc_office_2018 p.1, p.4)
    "基本支出": "basic_expenditure",  # "一、基本支出"
    "项目支出": "project_expenditure",  # "二、项目支出"
    "单位预留机动经费": "reserve_expenditure",  # "三、单位预留机动经费"
    "事业单位经营支出": "operating_expenditure",
    "上缴上级支出": "remit_superior_expenditure",
    "对附属单位补助支出": "affiliated_subsidy_expenditure",
}

# ---------------------------------------------------------------------------------------------
# The “三公”经费 table (one row of figures under its item headers, all of them budget figures).
# ---------------------------------------------------------------------------------------------
THREE_PUBLIC_ROWS: dict[str, str] = {
    "合计": "three_public_total",  # sh_putuo_wanli p.31 "“三公”经费预算数 / 合计"
    "三公经费": "three_public_total",  # js_cppcc_office_2018 p.9 "“三公”经费 / 小计"
    "三公经费预算数": "three_public_total",  # sh_putuo_wanli p.31 "2024年“三公”经费预算数"
    "因公出国（境）费": "three_public_abroad",  # js_cppcc_office_2018 p.9
    "因公出国（境）费用": "three_public_abroad",
    "公务用车购置及运行维护费": "three_public_vehicles",  # js_cppcc_office_2018 p.9
    "公务用车购置及运行费": "three_public_vehicles",  # sh_putuo_wanli p.31
    "公务用车购置费": "three_public_vehicle_purchase",  # js_cppcc_office_2018 p.9
    "购置费": "three_public_vehicle_purchase",  # sh_putuo_wanli p.31 "公务用车购置及运行费 / 购置费"
    "公务用车运行维护费": "three_public_vehicle_operation",  # js_cppcc_office_2018 p.9
    "公务用车运行费": "three_public_vehicle_operation",
    "运行费": "three_public_vehicle_operation",  # sh_putuo_wanli p.31 "公务用车购置及运行费 / 运行费"
    "公务接待费": "three_public_reception",  # js_cppcc_office_2018 p.9
    "会议费": "meeting_expenses",  # js_cppcc_office_2018 p.9 "… | 会议费 | 培训费"
    "培训费": "training_expenses",
    "机关运行经费": "operating_expenses",
    "机关运行经费预算数": "operating_expenses",  # sh_putuo_wanli p.31 "2024年机关运行经费预算数"
}

# ---------------------------------------------------------------------------------------------
# Labelled rows of the other tables.
# ---------------------------------------------------------------------------------------------
ROW_LABELS_BY_TABLE: dict[str, dict[str, str]] = {
    # 收入预算总表 printed as a tree of sources (js_cppcc_office_2018_budget_tables.pdf p.2): a group
    # label (一般公共预算资金 …) beside its 小计, its items below.
    "budget_income": {
        "收入总计": "income_total",
        "一般公共预算资金": "general_budget_income",
        "公共财政拨款（补助）资金": "general_budget_appropriation",
        "专项收入": "special_revenue",
        "政府性基金": "government_fund_income",
        "财政专户管理资金": "special_account_income",
        "专户管理教育收费": "special_account_education_fees",
        "其他非税收入": "special_account_other_non_tax",
        "其他资金": "other_funds_income",
        "事业收入": "business_income",
        "经营收入": "operating_income",
        "其他收入": "other_income",
        "债务资金（银行贷款）": "debt_income",
        "上年结转和结余资金": "carryover_begin",
        "动用上年结转和结余资金": "carryover_begin_used",
    },
    # 政府采购预算表 (js_cppcc_office_2018_budget_tables.pdf p.12): 合计 and the three kinds of purchase.
    "budget_procurement": {
        "合计": "total",
        "货物A": "goods",  # "一、货物A"
        "货物": "goods",
        "工程B": "works",
        "工程": "works",
        "服务C": "services",  # "三、服务C"
        "服务": "services",
    },
    "budget_projects": {"合计": "total", "总计": "total"},
}
# The row a group label's 小计 stands for, in a tree of sources.
SUBTOTAL_ROW_LABELS = ("小计",)

# ---------------------------------------------------------------------------------------------
# The identities the budget tables hold (BU-xx, expectations/rules.py). A figure is
# (side, row_key, column_key); a sum is checked where its total and its first part are printed.
# ---------------------------------------------------------------------------------------------
# Within a row: (rule, total column, part columns, side of the rows it applies to).
_BASIC_PROJECT = ("BU-04", "total", ("basic", "project", "reserve", "carryover_end"), "")
_PERSONNEL_PUBLIC = ("BU-04", "amount", ("personnel", "public"), "")
ROW_SUM_RULES: dict[str, tuple[tuple[str, str, tuple[str, ...], str], ...]] = {
    "budget_income": (
        (
            "BU-04",
            "total",
            ("fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliated_remit", "other"),
            "",
        ),
    ),
    "budget_expenditure": (_BASIC_PROJECT,),
    "budget_general_expenditure": (_BASIC_PROJECT,),
    "budget_government_fund": (_BASIC_PROJECT,),
    "budget_state_capital": (_BASIC_PROJECT,),
    "budget_fiscal_expenditure": (_BASIC_PROJECT,),
    "budget_general_basic_economic": (_PERSONNEL_PUBLIC,),
    "budget_fiscal_basic_economic": (_PERSONNEL_PUBLIC,),
    # 收支预算总表 of a 单位预算: 合计 = 人员经费 + 公用经费 + 项目支出 (sh_putuo_welfare_home p.5)
    "budget_summary": (("BU-04", "total", ("personnel", "public", "project"), "expenditure"),),
    "budget_fiscal_summary": (
        ("BU-07", "total", ("general_budget", "government_fund", "state_capital"), "expenditure"),
    ),
}
# Income sources that make up 当年收入小计 (Jiangsu) or 收入总计 (Shanghai, which prints no subtotal).
CURRENT_INCOME_SOURCES = (
    "fiscal_appropriation_income",
    "special_account_income",
    "other_funds_income",
    "superior_subsidy_income",
    "business_income",
    "operating_income",
    "affiliated_remit_income",
    "other_income",
)
FISCAL_FUNDS = ("general_budget_income", "government_fund_income", "state_capital_income")
USES = ("basic_expenditure", "project_expenditure", "reserve_expenditure", "operating_expenditure",
        "remit_superior_expenditure", "affiliated_subsidy_expenditure")  # fmt: skip
# The expenditure side prints its figures under 金额 (Jiangsu) or under 合计 and its parts (Shanghai).
EXPENDITURE_COLUMNS = ("amount", "total")


def _income_sums(rule: str, sources: tuple[str, ...]) -> tuple:
    return (
        (
            rule,
            ("income", "income_total", "amount"),
            (("income", "current_income", "amount"), ("income", "carryover_begin", "amount")),
        ),
        (rule, ("income", "current_income", "amount"), tuple(("income", key, "amount") for key in sources)),
        # no 当年收入小计 printed (sh_putuo_wanli p.10): 收入总计 = Σ sources + 上年结转
        (
            rule,
            ("income", "income_total", "amount"),
            tuple(("income", key, "amount") for key in (*sources, "carryover_begin")),
        ),
    )


def _expenditure_sums(balance_rule: str, rule: str) -> tuple:
    sums: tuple = ()
    for column in EXPENDITURE_COLUMNS:
        sums += (
            (balance_rule, ("income", "income_total", "amount"), (("expenditure", "expenditure_total", column),)),
            (
                rule,
                ("expenditure", "expenditure_total", column),
                (("expenditure", "current_expenditure", column), ("expenditure", "carryover_end", column)),
            ),
            (rule, ("expenditure", "current_expenditure", column), tuple(("expenditure", k, column) for k in USES)),
            # no 当年支出小计 printed (the 财政拨款收支预算总表 of js_cppcc_office_2018 p.4): 支出合计 = Σ 支出用途
            (
                rule,
                ("expenditure", "expenditure_total", column),
                tuple(("expenditure", k, column) for k in (*USES, "carryover_end")),
            ),
        )
    return sums


SUMMARY_SUMS: dict[str, tuple] = {
    "budget_summary": (
        *_income_sums("BU-02", CURRENT_INCOME_SOURCES),
        (
            "BU-02",
            ("income", "fiscal_appropriation_income", "amount"),
            tuple(("income", key, "amount") for key in FISCAL_FUNDS),
        ),
        *_expenditure_sums("BU-01", "BU-03"),
    ),
    "budget_fiscal_summary": (*_income_sums("BU-07", FISCAL_FUNDS), *_expenditure_sums("BU-07", "BU-07")),
}
# Σ 类 of the 功能分类 rows = 当年支出小计 (or 支出总计 where no subtotal is printed).
CLASS_SUM_RULES = {"budget_summary": "BU-03", "budget_fiscal_summary": "BU-07"}

# “三公”经费 (BU-08): 合计 = 因公出国（境）费 + 公务用车 + 公务接待费; 公务用车 = 购置 + 运行; Jiangsu's
# 合计 beside them = “三公” + 会议费 + 培训费.
THREE_PUBLIC_SUMS: dict[str, tuple[str, ...]] = {
    "three_public_total": ("three_public_abroad", "three_public_vehicles", "three_public_reception"),
    "three_public_vehicles": ("three_public_vehicle_purchase", "three_public_vehicle_operation"),
    THREE_PUBLIC_GRAND_TOTAL: ("three_public_total", "meeting_expenses", "training_expenses"),
}

# Across tables (BU-06): each table's 合计 against the summaries it details.
CROSS_TABLE_SUMS = tuple(
    CrossTableSum("BU-06", total, (part,))
    for total, part in (
        (
            ("budget_expenditure", "", "total", "total"),
            ("budget_summary", "expenditure", "current_expenditure", "amount"),
        ),
        (("budget_expenditure", "", "total", "total"), ("budget_summary", "expenditure", "expenditure_total", "total")),
        (("budget_income", "", "total", "total"), ("budget_summary", "income", "current_income", "amount")),
        (("budget_income", "", "total", "total"), ("budget_summary", "income", "income_total", "amount")),
        # the tree of sources (js_cppcc_office_2018 p.2) prints 收入总计 instead of 合计
        (("budget_income", "", "income_total", "total"), ("budget_summary", "income", "income_total", "amount")),
        (
            ("budget_general_expenditure", "", "total", "total"),
            ("budget_fiscal_summary", "income", "general_budget_income", "amount"),
        ),
        (
            ("budget_general_basic_economic", "", "total", "amount"),
            ("budget_general_expenditure", "", "total", "basic"),
        ),
        (
            ("budget_fiscal_expenditure", "", "total", "total"),
            ("budget_fiscal_summary", "income", "income_total", "amount"),
        ),
    )
)
CLASS_ROWS_MATCHES = (
    ClassRowsMatch("BU-06", "budget_expenditure", "total", "budget_summary", "amount"),
    ClassRowsMatch("BU-06", "budget_expenditure", "total", "budget_summary", "total"),
    ClassRowsMatch("BU-06", "budget_general_expenditure", "total", "budget_fiscal_summary", "general_budget"),
)

VOCABULARY = TemplateVocabulary(
    family="budget",
    tables=TABLES,
    template_table_keys=TEMPLATE_TABLE_KEYS,
    name_column_words=NAME_COLUMN_WORDS,
    column_labels_general=COLUMN_LABELS_GENERAL,
    column_labels_by_table=COLUMN_LABELS_BY_TABLE,
    summary_income_rows=SUMMARY_INCOME_ROWS,
    summary_expenditure_rows=SUMMARY_EXPENDITURE_ROWS,
    three_public_rows=THREE_PUBLIC_ROWS,
    three_public_measure="budget",
    row_labels_by_table=ROW_LABELS_BY_TABLE,
    row_sum_rules=ROW_SUM_RULES,
    summary_sums=SUMMARY_SUMS,
    class_sum_rules=CLASS_SUM_RULES,
    hierarchy_rule="BU-05",
    economic_rule="BU-05",
    three_public_sums=THREE_PUBLIC_SUMS,
    three_public_rule="BU-08",
    cross_table_sums=CROSS_TABLE_SUMS,
    class_rows_matches=CLASS_ROWS_MATCHES,
)
