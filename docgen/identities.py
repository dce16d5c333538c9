"""The error-level identities FA-01…FA-15 (../shared/spec/identities.md), checked on a document's
data exactly as its tables print it. A generated document must pass every one: `check` returns the
failures (rule id and what differs), an empty list for a consistent document."""

from __future__ import annotations

from docgen.answer_key import finance_metrics
from docgen.compose import SUMMARY_CATEGORIES
from docgen.model import FUNDS, FinalAccounts, FunctionRow


def _children(rows: list[FunctionRow], parent: FunctionRow) -> list[FunctionRow]:
    if parent.level == 0:
        return [r for r in rows if r.level == 1]
    return [r for r in rows if r.level == parent.level + 1 and r.code.startswith(parent.code)]


def check(data: FinalAccounts) -> list[str]:
    fails: list[str] = []

    def same(rule: str, what: str, lhs: int, rhs: int) -> None:
        if lhs != rhs:
            fails.append(f"{rule} {what}: {lhs} != {rhs}")

    m = finance_metrics(data)
    sources = data.income_by_source()
    same(
        "FA-01", "收入总计", m["income_total"], m["current_income"] + data.nonfiscal_balance_used + m["carryover_begin"]
    )
    same(
        "FA-02",
        "支出总计",
        m["expenditure_total"],
        m["current_expenditure"] + data.balance_distribution + m["carryover_end"],
    )
    same("FA-03", "总计", m["income_total"], m["expenditure_total"])
    same("FA-04", "本年收入合计", m["current_income"], sum(sources.values()))
    expenditure = data.expenditure_rows()
    categories = {r.code: r.get("exp_total") for r in expenditure if r.level == 1}
    unknown = set(categories) - {code for code, _ in SUMMARY_CATEGORIES}
    if unknown:
        fails.append(f"FA-05 categories not in 收入支出决算总表: {sorted(unknown)}")
    same("FA-05", "本年支出合计", m["current_expenditure"], sum(categories.values()))
    income = data.income_rows()
    for row in income:
        keys = ("inc_fiscal", "inc_superior", "inc_business", "inc_operating", "inc_affiliated", "inc_other")
        same("FA-06", row.code, row.get("inc_total"), sum(row.get(k) for k in keys))
    for row in expenditure:
        keys = ("exp_basic", "exp_project", "exp_remit", "exp_operating", "exp_affiliated")
        same("FA-07", row.code, row.get("exp_total"), sum(row.get(k) for k in keys))
    tables = {
        "收入决算表": income,
        "支出决算表": expenditure,
        "一般公共预算财政拨款支出决算表": data.general_budget_rows(),
        "政府性基金": data.fund_rows("gf"),
        "国有资本经营": data.fund_rows("sc"),
    }
    for title, rows in tables.items():
        for parent in rows:
            if parent.level < 3:
                for key, value in parent.amounts.items():
                    same(
                        "FA-08",
                        f"{title} {parent.code} [{key}]",
                        value,
                        sum(c.get(key) for c in _children(rows, parent)),
                    )
    same("FA-09", "收入决算表 合计", income[0].get("inc_total"), m["current_income"])
    same("FA-09", "支出决算表 合计", expenditure[0].get("exp_total"), m["current_expenditure"])
    begin = {f: data.fund_begin(f) for f in FUNDS}
    end = {f: data.fund_end(f) for f in FUNDS}
    fund_income = {f: data.fund_income(f) for f in FUNDS}
    spent = {f: data.fund_spent(f) for f in FUNDS}
    same(
        "FA-10",
        "财政拨款 总计",
        sum(fund_income.values()) + sum(begin.values()),
        sum(spent.values()) + sum(end.values()),
    )
    for row in expenditure:
        if row.level == 1:
            same("FA-10", row.code, row.get("fiscal_spent"), sum(row.get(f"{f}_spent") for f in FUNDS))
    general = data.general_budget_rows()
    for row in general:
        same("FA-11", row.code, row.get("gpb_total"), row.get("gpb_basic") + row.get("gpb_project"))
    same("FA-11", "合计 = 一般公共预算财政拨款 本年支出", general[0].get("gpb_total"), spent["gpb"])
    same(
        "FA-12",
        "人员经费 + 公用经费 = 基本支出",
        m["personnel_expenditure"] + m["public_expenditure"],
        general[0].get("gpb_basic"),
    )
    tp = data.three_public
    for column in (0, 1):
        vehicles = tp["vehicle_purchase"][column] + tp["vehicle_operation"][column]
        same(
            "FA-13",
            f"三公 合计 [{column}]",
            data.three_public_total(column),
            tp["abroad"][column] + vehicles + tp["reception"][column],
        )
    if any(v < 0 for pair in tp.values() for v in pair):
        fails.append("FA-13 negative 三公 amount")
    for item, code in (
        ("abroad", "30212"),
        ("vehicle_purchase", "31013"),
        ("vehicle_operation", "30231"),
        ("reception", "30217"),
    ):
        if data.economic.get(code, 0) > tp[item][1]:
            fails.append(f"FA-14 {code} {data.economic.get(code, 0)} > 三公 {item} {tp[item][1]}")
    for f in FUNDS:
        same("FA-15", f, begin[f] + fund_income[f], spent[f] + end[f])
        if begin[f] < 0 or end[f] < 0:
            fails.append(f"FA-15 {f} negative balance: {begin[f]} / {end[f]}")
    amounts = [v for line in data.lines for v in line.amounts.values()] + list(data.economic.values())
    if any(v < 0 for v in amounts) or m["carryover_end"] < 0:
        fails.append("negative amount")
    if any(v % data.quantum for v in amounts):
        fails.append("an amount is not a whole printed step")
    return fails
