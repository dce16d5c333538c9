"""Vocabulary of the final-accounts tables: table keys, titles and aliases, column and row keys.

This is the one place a new table title, column header or row label goes. The keys are what
``raw.fa_values`` (table_key, column_key, row_key) and the identity checks use.
Table numbers follow the official template (公开01–10); see
../shared/spec/final-accounts-template-tables.md for the labels of every table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    key: str
    number: str  # 公开NN in the official template
    title: str  # official title
    aliases: tuple[str, ...] = ()  # other titles seen in published documents


TABLES: tuple[TableSpec, ...] = (
    TableSpec("income_expenditure_summary", "01", "收入支出决算总表", ("收支决算总表", "部门收支决算总表")),
    TableSpec("income", "02", "收入决算表", ("部门收入决算表",)),
    TableSpec("expenditure", "03", "支出决算表", ("部门支出决算表",)),
    TableSpec("fiscal_summary", "04", "财政拨款收入支出决算总表", ("财政拨款收支决算总表",)),
    TableSpec("general_budget_expenditure", "05", "一般公共预算财政拨款支出决算表", ()),
    TableSpec(
        "general_budget_basic_economic",
        "06",
        "一般公共预算财政拨款基本支出决算表",
        ("一般公共预算财政拨款基本支出决算明细表",),
    ),
    TableSpec("government_fund", "07", "政府性基金预算财政拨款收入支出决算表", ("政府性基金预算财政拨款支出决算表",)),
    TableSpec("state_capital", "08", "国有资本经营预算财政拨款收入支出决算表", ("国有资本经营预算财政拨款支出决算表",)),
    TableSpec(
        "three_public",
        "09",
        "财政拨款“三公”经费支出决算表",
        ("一般公共预算财政拨款“三公”经费支出决算表", "“三公”经费支出决算表", "三公经费支出决算表"),
    ),
    TableSpec("state_assets", "10", "国有资产占用情况表", ("国有资产使用情况表",)),
)

TABLES_BY_KEY = {t.key: t for t in TABLES}

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
