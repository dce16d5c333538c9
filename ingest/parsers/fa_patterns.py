"""Vocabulary of the final-accounts tables: table keys, titles and aliases, column and row keys.

This is the one place a new table title, column header or row label goes. The keys are what
``raw.fa_values`` (table_key, column_key, row_key) and the identity checks use.
Table numbers follow the official template (公开01–10); see
../shared/spec/final-accounts-template-tables.md for the labels of every table.
"""

from __future__ import annotations

from ingest.parsers.template_vocabulary import ClassRowsMatch, CrossTableSum, TableSpec, TemplateVocabulary

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "income_expenditure_summary", "01", "收入支出决算总表", ("收支决算总表", "部门收支决算总表"), "two_sided"
    ),
    TableSpec("income", "02", "收入决算表", ("部门收入决算表",), "function_coded"),
    TableSpec("expenditure", "03", "支出决算表", ("部门支出决算表",), "function_coded"),
    TableSpec("fiscal_summary", "04", "财政拨款收入支出决算总表", ("财政拨款收支决算总表",), "two_sided"),
    TableSpec("general_budget_expenditure", "05", "一般公共预算财政拨款支出决算表", (), "function_coded"),
    TableSpec(
        "general_budget_basic_economic",
        "06",
        "一般公共预算财政拨款基本支出决算表",
        ("一般公共预算财政拨款基本支出决算明细表",),
        "economic_coded",
    ),
    TableSpec(
        "government_fund",
        "07",
        "政府性基金预算财政拨款收入支出决算表",
        ("政府性基金预算财政拨款支出决算表",),
        "function_coded",
    ),
    TableSpec(
        "state_capital",
        "08",
        "国有资本经营预算财政拨款收入支出决算表",
        ("国有资本经营预算财政拨款支出决算表",),
        "function_coded",
    ),
    TableSpec(
        "three_public",
        "09",
        "财政拨款“三公”经费支出决算表",
        ("一般公共预算财政拨款“三公”经费支出决算表", "“三公”经费支出决算表", "三公经费支出决算表"),
        "three_public",
    ),
    TableSpec("state_assets", "10", "国有资产占用情况表", ("国有资产使用情况表",), "rows"),
)

TABLES_BY_KEY = {t.key: t for t in TABLES}
# The tables every final-accounts document publishes (公开01–09; 公开10 is not always required).
TEMPLATE_TABLE_KEYS = tuple(t.key for t in TABLES if t.number <= "09")

# column_key vocabulary, per table family. Labels are the template's column headers.
COLUMNS: dict[str, str] = {
    # one-amount columns (summary tables: each side has one 决算数 column)
    "amount": "决算数 / 金额",
    # income table (公开02)
    "total": "合计 / 本年收入合计 / 本年支出合计 / 小计",
    "fiscal_appropriation": "财政拨款收入",
    "superior_subsidy": "上级补助收入",
    "business": "事业收入",
    "operating": "经营收入 / 经营支出",
    "affiliated_remit": "附属单位上缴收入",
    "other": "其他收入",
    # expenditure tables (公开03, 05)
    "basic": "基本支出",
    "project": "项目支出",
    "remit_superior": "上缴上级支出",
    "affiliated_subsidy": "对附属单位补助支出",
    # fiscal summary (公开04): expenditure side columns
    "general_budget": "一般公共预算财政拨款",
    "government_fund": "政府性基金预算财政拨款",
    "state_capital": "国有资本经营预算财政拨款",
    # government fund / state capital tables (公开07, 08)
    "carryover_begin": "年初结转和结余",
    "income": "本年收入",
    "carryover_end": "年末结转和结余",
    # three public (公开09): one row per item, budget and final columns
    "budget": "预算数 / 全年预算数",
    "budget_initial": "年初预算数",
    "final": "决算数",
}

# row_key vocabulary for the rows that are not keyed by a function or economic code.
# Function-coded rows use the code itself as row_key ("201", "20103", "2010301");
# economic-coded rows likewise ("301", "30101"); the 合计 row of a coded table is "total".
ROW_KEYS: dict[str, str] = {
    # 收入支出决算总表 / 财政拨款收入支出决算总表, income side
    "general_budget_income": "一般公共预算财政拨款收入",
    "government_fund_income": "政府性基金预算财政拨款收入",
    "state_capital_income": "国有资本经营预算财政拨款收入",
    "superior_subsidy_income": "上级补助收入",
    "business_income": "事业收入",
    "operating_income": "经营收入",
    "affiliated_remit_income": "附属单位上缴收入",
    "other_income": "其他收入",
    "current_income": "本年收入合计",
    "non_fiscal_balance_used": "使用非财政拨款结余",
    "carryover_begin": "年初结转和结余",
    "income_total": "总计 (收入)",
    # expenditure side: the 类 rows use the function code of the class as row_key ("201")
    "current_expenditure": "本年支出合计",
    "balance_distribution": "结余分配",
    "carryover_end": "年末结转和结余",
    "expenditure_total": "总计 (支出)",
    # 一般公共预算财政拨款基本支出决算表
    "personnel_total": "人员经费合计",
    "public_total": "公用经费合计",
    # “三公”经费 items
    "three_public_total": "合计",
    "three_public_abroad": "因公出国（境）费",
    "three_public_vehicles": "公务用车购置及运行维护费",
    "three_public_vehicle_purchase": "公务用车购置费",
    "three_public_vehicle_operation": "公务用车运行维护费",
    "three_public_reception": "公务接待费",
    "total": "合计 (coded tables)",
}

# ---------------------------------------------------------------------------------------------
# Titles as printed beyond the aliases above. Matching removes whitespace and quotes, and a
# leading "一、"/"- " list marker; a title may be preceded by "<department><year>年度".
# ---------------------------------------------------------------------------------------------
EXTRA_TITLE_ALIASES: dict[str, tuple[str, ...]] = {
    # 002_17f0692d4eecb2d0.txt line 65/67: "一、收入支出决算汇总表" / "收入支出决算汇总表 … 公开01表"
    "income_expenditure_summary": ("收入支出决算汇总表",),
}

# ---------------------------------------------------------------------------------------------
# Column headers -> column_key. Matched on the header text with whitespace, quotes and a trailing
# column number ("金额 1", 002 line 70) removed. Looked up per table family first, then generally.
# ---------------------------------------------------------------------------------------------
COLUMN_LABELS_GENERAL: dict[str, str] = {
    "决算数": "amount",  # 公开06/10 and the summary tables of the Shanghai template (s5 p5)
    "金额": "amount",  # 002 line 70: "金额 1"
    "本年收入合计": "total",  # 公开02 (002 line 110)
    "本年支出合计": "total",  # 公开03 (002 line 126)
    "合计": "total",
    "小计": "total",  # 公开05 (002 line 186)
    "财政拨款收入": "fiscal_appropriation",
    "上级补助收入": "superior_subsidy",
    "事业收入": "business",
    "经营收入": "operating",
    "附属单位上缴收入": "affiliated_remit",
    "其他收入": "other",
    "基本支出": "basic",
    "项目支出": "project",
    "上缴上级支出": "remit_superior",
    "经营支出": "operating",
    "对附属单位补助支出": "affiliated_subsidy",
    "一般公共预算财政拨款": "general_budget",  # 公开04 expenditure side (002 line 143)
    "政府性基金预算财政拨款": "government_fund",
    "国有资本经营预算财政拨款": "state_capital",
    "年初结转和结余": "carryover_begin",  # 公开07/08 (002 line 242)
    "本年收入": "income",
    "本年支出": "expenditure",
    "年末结转和结余": "carryover_end",
    "预算数": "budget",  # 公开09 (002 line 267)
    "全年预算数": "budget",  # 公开09 (001 line 179)
    "年初预算数": "budget_initial",  # 公开09 (001 line 179)
}
COLUMN_LABELS_BY_TABLE: dict[str, dict[str, str]] = {
    # 公开09: "决算数" is the final column next to the budget columns (001 line 179)
    "three_public": {"决算数": "final"},
}
COLUMNS["expenditure"] = "本年支出 合计/小计 (公开07/08: the expenditure of the fund)"

# Header words that name the non-amount columns of a table.
CODE_COLUMN_WORDS = ("编码", "代码")  # 科目代码 (002 line 110), 功能分类科目编码 (PDF)
CODE_PART_COLUMNS = ("类", "款", "项")  # a code printed over three columns (template variants s4/s1)
TOTAL_ROW_LABELS = ("合计", "总计")  # the 合计 row of a coded table (row_key "total")
NAME_COLUMN_WORDS = ("科目名称", "项目", "项目栏次", "栏次项目")  # "项目 栏次" (002 line 70)
NAME_COLUMN_PARTS = ("名称",)  # "功能分类科目名称", "经济分类科目名称" (budgets of Shanghai districts)
LINE_NO_COLUMN_WORDS = ("行次",)

# When a header cannot be read (space-separated dumps print it one character per line, 001 lines
# 128-151), the template's column order is used if the printed column numbers (栏次 1 2 3) agree.
DEFAULT_COLUMNS_BY_TITLE: dict[str, tuple[str, ...]] = {
    "收入决算表": (
        "total",
        "fiscal_appropriation",
        "superior_subsidy",
        "business",
        "operating",
        "affiliated_remit",
        "other",
    ),
    "支出决算表": ("total", "basic", "project", "remit_superior", "operating", "affiliated_subsidy"),
    "一般公共预算财政拨款支出决算表": ("total", "basic", "project"),
    "政府性基金预算财政拨款收入支出决算表": (
        "carryover_begin",
        "income",
        "expenditure",
        "basic",
        "project",
        "carryover_end",
    ),
    "政府性基金预算财政拨款支出决算表": ("expenditure", "basic", "project"),
    "国有资本经营预算财政拨款收入支出决算表": (
        "carryover_begin",
        "income",
        "expenditure",
        "basic",
        "project",
        "carryover_end",
    ),
    # 001 lines 121-153: "合计 0 0 0" under 栏次 1 2 3 (合计 | 基本支出 | 项目支出)
    "国有资本经营预算财政拨款支出决算表": ("expenditure", "basic", "project"),
    "国有资产占用情况表": ("amount",),
    "国有资产使用情况表": ("amount",),
}

# Tables whose rows are keyed by a 支出功能分类 code / an 经济分类 code; the two-sided summaries.
FUNCTION_CODED_TABLES = tuple(t.key for t in TABLES if t.kind == "function_coded")
ECONOMIC_CODED_TABLES = tuple(t.key for t in TABLES if t.kind == "economic_coded")
TWO_SIDED_TABLES = tuple(t.key for t in TABLES if t.kind == "two_sided")
# Columns of each side (收入 | 支出) when a space-separated header cannot be read.
TWO_SIDED_DEFAULT_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "income_expenditure_summary": (("amount",), ("amount",)),
    "fiscal_summary": (("amount",), ("total", "general_budget", "government_fund", "state_capital")),
}

# ---------------------------------------------------------------------------------------------
# Row labels -> row_key. Labels are compared with whitespace, quotes and list markers ("一、",
# "1.", "（1）", "其中：") removed, half-width parentheses made full-width, and a trailing count
# unit ("（个）", "(台、辆)") removed.
# ---------------------------------------------------------------------------------------------
SUMMARY_INCOME_ROWS: dict[str, str] = {
    "一般公共预算财政拨款收入": "general_budget_income",  # 002 line 71
    "一般公共预算财政拨款": "general_budget_income",  # 公开04 (002 line 145)
    "政府性基金预算财政拨款收入": "government_fund_income",
    "政府性基金预算财政拨款": "government_fund_income",
    "国有资本经营预算财政拨款收入": "state_capital_income",
    "国有资本经营预算财政拨款": "state_capital_income",
    "上级补助收入": "superior_subsidy_income",
    "事业收入": "business_income",
    "经营收入": "operating_income",
    "附属单位上缴收入": "affiliated_remit_income",
    "其他收入": "other_income",
    "本年收入合计": "current_income",
    "使用非财政拨款结余": "non_fiscal_balance_used",
    "使用非财政拨款结余（含专用结余）": "non_fiscal_balance_used",  # template variants s4/s1
    "年初结转和结余": "carryover_begin",
    "年初财政拨款结转和结余": "carryover_begin",  # 公开04 (002 line 172)
    "总计": "income_total",
}
SUMMARY_EXPENDITURE_ROWS: dict[str, str] = {
    "本年支出合计": "current_expenditure",
    "结余分配": "balance_distribution",
    "年末结转和结余": "carryover_end",
    "年末财政拨款结转和结余": "carryover_end",  # 公开04 (002 line 172)
    "总计": "expenditure_total",
}
# 公开04: the fund rows printed under 年初财政拨款结转和结余 (002 lines 173-175) split that carryover.
CARRYOVER_FUND_ROWS: dict[str, str] = {
    "general_budget_income": "carryover_begin_general_budget",
    "government_fund_income": "carryover_begin_government_fund",
    "state_capital_income": "carryover_begin_state_capital",
}
ROW_KEYS.update(
    {
        "carryover_begin_general_budget": "年初财政拨款结转和结余: 一般公共预算财政拨款",
        "carryover_begin_government_fund": "年初财政拨款结转和结余: 政府性基金预算财政拨款",
        "carryover_begin_state_capital": "年初财政拨款结转和结余: 国有资本经营预算财政拨款",
    }
)

# 2022+ 支出功能分类 类 as printed in the summary tables ("一、一般公共服务支出" -> 201).
FUNCTION_CLASS_CODES: dict[str, str] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
    # names of the classification before 2019, still printed in documents of 2017-2024
    # (js_cppcc_office_2018_budget_tables.pdf p.1; sh_putuo_welfare_home_2024_unit_budget.pdf p.6)
    "文化体育与传媒支出": "207",
    "医疗卫生与计划生育支出": "210",
    "资源勘探信息等支出": "215",
    "国土海洋气象等支出": "220",
}
# The order the template prints the first 23 类 in (identical in every variant, s5 p5). A class row
# whose name is misprinted is read by its ordinal here: 002 line 71 prints "一、一般公共预算支出" for 201.
SUMMARY_CLASS_ORDER: tuple[str, ...] = (
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213",
    "214", "215", "216", "217", "219", "220", "221", "222", "223", "224", "229",
)  # fmt: skip

ECONOMIC_TOTAL_ROWS: dict[str, str] = {
    "人员经费合计": "personnel_total",  # 002 line 234
    "人员经费": "personnel_total",
    "公用经费合计": "public_total",
    "公用经费": "public_total",
}

THREE_PUBLIC_ROWS: dict[str, str] = {
    "合计": "three_public_total",  # 002 line 268 (column header of the one-row layout)
    "三公经费支出": "three_public_total",  # 001 line 183: 一、“三公 ”经费支出
    "三公经费": "three_public_total",
    "财政拨款三公经费": "three_public_total",
    "因公出国（境）费": "three_public_abroad",
    "公务用车购置及运行维护费": "three_public_vehicles",
    "公务用车购置及运行费": "three_public_vehicles",  # template variant s4/s1
    "公务用车购置费": "three_public_vehicle_purchase",
    "公务用车运行维护费": "three_public_vehicle_operation",
    "公务用车运行费": "three_public_vehicle_operation",
    "公务接待费": "three_public_reception",
    "国内接待费": "three_public_reception_domestic",  # 001 line 195
    "外事接待费": "three_public_reception_foreign_affairs",  # 001 line 197
    "国（境）外接待费": "three_public_reception_abroad",  # 001 line 199
    # 相关统计数 (counts, 001 lines 203-221)
    "因公出国（境）团组数": "abroad_groups",
    "因公出国（境）人次数": "abroad_persons",
    "公务用车购置数": "vehicles_purchased",
    "公务用车保有量": "vehicles_held",
    "国内公务接待批次": "reception_batches",
    "外事接待批次": "foreign_affairs_reception_batches",
    "国内公务接待人次": "reception_persons",
    "外事接待人次": "foreign_affairs_reception_persons",
    "国（境）外公务接待批次": "abroad_reception_batches",
    "国（境）外公务接待人次": "abroad_reception_persons",
}
# The template's columns of the 三公 one-row layout (final-accounts-template-tables.md T7): each item's
# 预算数 | 决算数, items in this order.
THREE_PUBLIC_TEMPLATE_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (item, measure)
    for item in (
        "three_public_total",
        "three_public_abroad",
        "three_public_vehicles",
        "three_public_vehicle_purchase",
        "three_public_vehicle_operation",
        "three_public_reception",
    )
    for measure in ("budget", "final")
)
# Items of the 三公 one-row layout when a header cell is a sub-item (小计 under 公务用车购置及运行维护费).
THREE_PUBLIC_SUBTOTAL_WORDS = ("小计",)
# A 合计 printed outside the “三公” group, beside other items (会议费, 培训费: the budgets of Jiangsu,
# js_cppcc_office_2018_budget_tables.pdf p.9) is the total of the whole table, this row key.
THREE_PUBLIC_GRAND_TOTAL = "three_public_meeting_training_total"

STATE_ASSET_ROWS: dict[str, str] = {
    "车辆数合计": "vehicles_total",  # 001 line 251
    "副部（省）级及以上领导用车": "vehicles_senior_leaders",
    "主要领导干部用车": "vehicles_principal_leaders",
    "机要通信用车": "vehicles_confidential",
    "应急保障用车": "vehicles_emergency",
    "执法执勤用车": "vehicles_law_enforcement",
    "特种专业技术用车": "vehicles_special",
    "离退休干部用车": "vehicles_retired_cadres",
    "其他用车": "vehicles_other",
    "单价100万元（含）以上设备（不含车辆）": "equipment_over_1m",  # 001 line 269
    "单价50万元（含）以上通用设备": "general_equipment_over_500k",
    "单价100万元（含）以上专用设备": "special_equipment_over_1m",
}
for _key in (*THREE_PUBLIC_ROWS.values(), *STATE_ASSET_ROWS.values()):
    ROW_KEYS.setdefault(_key, "see fa_patterns.THREE_PUBLIC_ROWS / STATE_ASSET_ROWS")

# Rows of the 三公 table that count things (团组, 人次, 辆, 批次) rather than money: their unit.
COUNT_UNIT_PATTERN = r"[（(](个|人|辆|台|套|台、辆|台、辆、套|台（套）)[）)]$"

# A table printed without data says so under it (DOC-02 accepts the explanation).
EMPTY_TABLE_MARKERS = (
    "本表无数据",  # 002 line 274: "…没有“三公”经费支出，故本表无数据。"
    "无数据",
    "数据为空",  # 001 line 168: "说明：当此表数据为空时，即本部门(单位)无…"
)

# ---------------------------------------------------------------------------------------------
# The identities the reader checks on the tables it reads (parsers/fa_checks.py; ids as in
# ../shared/spec/identities.md). A figure is (side, row_key, column_key); a sum is checked when its
# total and its first part are printed (blank parts add nothing).
# ---------------------------------------------------------------------------------------------
# Within a row: (rule, total column, part columns, side of the rows it applies to).
ROW_SUM_RULES: dict[str, tuple[tuple[str, str, tuple[str, ...], str], ...]] = {
    "income": (
        (
            "FA-06",
            "total",
            ("fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliated_remit", "other"),
            "",
        ),
    ),
    "expenditure": (("FA-07", "total", ("basic", "project", "remit_superior", "operating", "affiliated_subsidy"), ""),),
    "general_budget_expenditure": (("FA-11", "total", ("basic", "project"), ""),),
    "government_fund": (("FA-07/08", "expenditure", ("basic", "project"), ""),),
    "state_capital": (("FA-07/08", "expenditure", ("basic", "project"), ""),),
    "fiscal_summary": (("FA-10", "total", ("general_budget", "government_fund", "state_capital"), "expenditure"),),
}
INCOME_SOURCE_ROWS = (
    "general_budget_income",
    "government_fund_income",
    "state_capital_income",
    "superior_subsidy_income",
    "business_income",
    "operating_income",
    "affiliated_remit_income",
    "other_income",
)
# The summary tables: (rule, total figure, part figures); each 类 row summing to 本年支出合计 (FA-05)
# is checked column by column besides these.
SUMMARY_SUMS: dict[str, tuple[tuple[str, tuple[str, str, str], tuple[tuple[str, str, str], ...]], ...]] = {
    "income_expenditure_summary": (
        (
            "FA-01",
            ("income", "income_total", "amount"),
            (
                ("income", "current_income", "amount"),
                ("income", "non_fiscal_balance_used", "amount"),
                ("income", "carryover_begin", "amount"),
            ),
        ),
        (
            "FA-02",
            ("expenditure", "expenditure_total", "amount"),
            (
                ("expenditure", "current_expenditure", "amount"),
                ("expenditure", "balance_distribution", "amount"),
                ("expenditure", "carryover_end", "amount"),
            ),
        ),
        ("FA-03", ("income", "income_total", "amount"), (("expenditure", "expenditure_total", "amount"),)),
        (
            "FA-04",
            ("income", "current_income", "amount"),
            tuple(("income", key, "amount") for key in INCOME_SOURCE_ROWS),
        ),
    ),
    "fiscal_summary": (
        (
            "FA-04",
            ("income", "current_income", "amount"),
            tuple(("income", key, "amount") for key in INCOME_SOURCE_ROWS[:3]),
        ),
        (
            "FA-10",
            ("income", "income_total", "amount"),
            (("income", "current_income", "amount"), ("income", "carryover_begin", "amount")),
        ),
        (
            "FA-10",
            ("expenditure", "expenditure_total", "total"),
            (("expenditure", "current_expenditure", "total"), ("expenditure", "carryover_end", "total")),
        ),
        ("FA-10", ("income", "income_total", "amount"), (("expenditure", "expenditure_total", "total"),)),
    ),
}
# 一般公共预算财政拨款基本支出决算表 (FA-12): the totals and the economic 类 they group.
ECONOMIC_GROUPS: dict[str, tuple[str, ...]] = {
    "personnel_total": ("301", "303"),
    "public_total": ("302", "307", "310", "399"),
}
# “三公”经费 (FA-13), for the budget and the final columns.
THREE_PUBLIC_SUMS: dict[str, tuple[str, ...]] = {
    "three_public_total": ("three_public_abroad", "three_public_vehicles", "three_public_reception"),
    "three_public_vehicles": ("three_public_vehicle_purchase", "three_public_vehicle_operation"),
}

# FA-09 across tables: 收入决算表 合计 = 本年收入合计; 支出决算表 合计 = 本年支出合计; each 类 of
# 支出决算表 = its row in 收入支出决算总表.
CROSS_TABLE_SUMS = (
    CrossTableSum(
        "FA-09",
        ("income", "", "total", "total"),
        (("income_expenditure_summary", "income", "current_income", "amount"),),
    ),
    CrossTableSum(
        "FA-09",
        ("expenditure", "", "total", "total"),
        (("income_expenditure_summary", "expenditure", "current_expenditure", "amount"),),
    ),
)
CLASS_ROWS_MATCHES = (ClassRowsMatch("FA-09", "expenditure", "total", "income_expenditure_summary", "amount"),)

VOCABULARY = TemplateVocabulary(
    family="final_accounts",
    tables=TABLES,
    template_table_keys=TEMPLATE_TABLE_KEYS,
    title_aliases=EXTRA_TITLE_ALIASES,
    column_labels_general=COLUMN_LABELS_GENERAL,
    column_labels_by_table=COLUMN_LABELS_BY_TABLE,
    default_columns_by_title=DEFAULT_COLUMNS_BY_TITLE,
    two_sided_default_columns=TWO_SIDED_DEFAULT_COLUMNS,
    summary_income_rows=SUMMARY_INCOME_ROWS,
    summary_expenditure_rows=SUMMARY_EXPENDITURE_ROWS,
    summary_class_order=SUMMARY_CLASS_ORDER,
    carryover_fund_rows=CARRYOVER_FUND_ROWS,
    economic_total_rows=ECONOMIC_TOTAL_ROWS,
    three_public_rows=THREE_PUBLIC_ROWS,
    row_labels_by_table={"state_assets": STATE_ASSET_ROWS},
    row_sum_rules=ROW_SUM_RULES,
    summary_sums=SUMMARY_SUMS,
    class_sum_rules=dict.fromkeys(TWO_SIDED_TABLES, "FA-05"),
    hierarchy_rule="FA-08",
    economic_groups=ECONOMIC_GROUPS,
    economic_rule="FA-12",
    three_public_sums=THREE_PUBLIC_SUMS,
    three_public_rule="FA-13",
    cross_table_sums=CROSS_TABLE_SUMS,
    class_rows_matches=CLASS_ROWS_MATCHES,
)
