"""The data of one generated final-accounts document (部门决算), in integer cents.

One model, many renderers: `tables.py` turns a `FinalAccounts` into printed grids, `answer_key.py`
into the facts the marts must hold, and every producer draws the same grids. Every amount is an
integer number of cents and a multiple of the document's printing quantum (0.01 万元 = 10 000 cents
when the document prints 万元, 1 cent when it prints 元), so a parent that is the sum of its children
stays the exact sum after printing: the identities hold to the last printed digit.

`Department` and `FunctionLine` are shared with other document kinds of the same department and
year (a budget, 部门预算, would reuse both and add its own tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Columns of one 项 (7-digit function code) line. Parents (款, 类, 合计) are sums of these.
INCOME_SOURCES = ("inc_fiscal", "inc_superior", "inc_business", "inc_operating", "inc_affiliated", "inc_other")
FISCAL_SPENDING = ("gpb_basic", "gpb_project", "gf_basic", "gf_project", "sc_basic", "sc_project")
OTHER_SPENDING = ("other_basic", "other_project", "exp_remit", "exp_operating", "exp_affiliated")
FUND_BALANCES = ("gf_begin", "gf_income", "sc_begin", "sc_income", "gpb_income")
LINE_KEYS = INCOME_SOURCES + FISCAL_SPENDING + OTHER_SPENDING + FUND_BALANCES

FUNDS = ("gpb", "gf", "sc")  # 一般公共预算, 政府性基金预算, 国有资本经营预算 财政拨款
THREE_PUBLIC_ITEMS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


@dataclass(frozen=True)
class Department:
    name: str  # as printed: "上海市普陀区民政局"
    short_name: str  # the name without its jurisdiction prefix: "民政局"
    jurisdiction: str  # official name of the jurisdiction: "普陀区"
    province: str
    level: str  # province / prefecture / county
    units: tuple[str, ...]  # 决算单位构成: the department itself (本级) and its subordinate units


@dataclass
class FunctionLine:
    """One 项 of 支出功能分类 with every amount the tables print for it."""

    code: str  # 7 digits
    name: str
    amounts: dict[str, int] = field(default_factory=dict)

    def get(self, key: str) -> int:
        return self.amounts.get(key, 0)


@dataclass(frozen=True)
class FunctionRow:
    """A printed row of a function-keyed table: 类 (3 digits), 款 (5), 项 (7) or 合计 (code TOTAL)."""

    code: str
    name: str
    level: int  # 0 合计, 1 类, 2 款, 3 项
    amounts: dict[str, int]

    def get(self, key: str) -> int:
        return self.amounts.get(key, 0)


@dataclass
class FinalAccounts:
    department: Department
    fiscal_year: int
    quantum: int  # cents per printed unit step
    lines: list[FunctionLine]
    function_names: dict[str, str]  # names of the 类 and 款 the lines belong to
    economic: dict[str, int]  # 款 of 经济分类 (5 digits) -> 一般公共预算财政拨款基本支出, cents
    economic_names: dict[str, str]
    economic_groups: dict[str, str]  # 类 (3 digits) -> personnel / public
    three_public: dict[str, tuple[int, int]]  # item -> (budget, final)
    nonfiscal_balance_used: int  # 使用非财政拨款结余
    balance_distribution: int  # 结余分配
    other_carryover_begin: int  # 年初结转和结余 beyond the fiscal funds'
    fiscal_carryover_end: dict[str, int]  # fund -> 年末财政拨款结转和结余 (gpb; gf/sc follow their lines)
    extra_economic_rows: tuple[str, ...] = ()  # 经济分类 rows printed beyond the template's list

    # ---- function-keyed rows --------------------------------------------------------------------

    def function_rows(self, keys: tuple[str, ...], include=lambda line: True) -> list[FunctionRow]:
        """合计, then 类 / 款 / 项 rows in code order, parents as sums of the included lines."""
        chosen = sorted((line for line in self.lines if include(line)), key=lambda line: line.code)
        rows: list[FunctionRow] = []
        total = _sum(chosen, keys)
        rows.append(FunctionRow("TOTAL", "合计", 0, total))
        for class_code in sorted({line.code[:3] for line in chosen}):
            in_class = [line for line in chosen if line.code[:3] == class_code]
            rows.append(FunctionRow(class_code, self.function_names[class_code], 1, _sum(in_class, keys)))
            for item_code in sorted({line.code[:5] for line in in_class}):
                in_item = [line for line in in_class if line.code[:5] == item_code]
                rows.append(FunctionRow(item_code, self.function_names[item_code], 2, _sum(in_item, keys)))
                for line in in_item:
                    rows.append(FunctionRow(line.code, line.name, 3, {k: line.get(k) for k in keys}))
        return rows

    def income_rows(self) -> list[FunctionRow]:
        rows = self.function_rows(INCOME_SOURCES, lambda line: any(line.get(k) for k in INCOME_SOURCES))
        return [_with_total(row, INCOME_SOURCES, "inc_total") for row in rows]

    def expenditure_rows(self) -> list[FunctionRow]:
        keys = FISCAL_SPENDING + OTHER_SPENDING
        rows = self.function_rows(keys, lambda line: any(line.get(k) for k in keys))
        return [_expenditure_columns(row) for row in rows]

    def general_budget_rows(self) -> list[FunctionRow]:
        keys = ("gpb_basic", "gpb_project")
        rows = self.function_rows(keys, lambda line: line.get("gpb_basic") + line.get("gpb_project") > 0)
        return [_with_total(row, keys, "gpb_total") for row in rows]

    def fund_rows(self, fund: str) -> list[FunctionRow]:
        """公开08 / 公开09: lines of one fund with carry-over, income, spending and end balance."""
        keys = (f"{fund}_begin", f"{fund}_income", f"{fund}_basic", f"{fund}_project")
        rows = self.function_rows(keys, lambda line: any(line.get(k) for k in keys))
        if len(rows) == 1:
            return []
        out = []
        for row in rows:
            amounts = dict(row.amounts)
            amounts[f"{fund}_spent"] = amounts[f"{fund}_basic"] + amounts[f"{fund}_project"]
            amounts[f"{fund}_end"] = amounts[f"{fund}_begin"] + amounts[f"{fund}_income"] - amounts[f"{fund}_spent"]
            out.append(FunctionRow(row.code, row.name, row.level, amounts))
        return out

    # ---- headline figures -----------------------------------------------------------------------

    def total(self, key: str) -> int:
        return sum(line.get(key) for line in self.lines)

    def fund_income(self, fund: str) -> int:
        return self.total(f"{fund}_income")

    def fund_spent(self, fund: str) -> int:
        return self.total(f"{fund}_basic") + self.total(f"{fund}_project")

    def fund_begin(self, fund: str) -> int:
        if fund == "gpb":
            return self.fiscal_carryover_end["gpb"] + self.fund_spent("gpb") - self.fund_income("gpb")
        return self.total(f"{fund}_begin")

    def fund_end(self, fund: str) -> int:
        return self.fund_begin(fund) + self.fund_income(fund) - self.fund_spent(fund)

    def income_by_source(self) -> dict[str, int]:
        """收入支出决算总表's eight income rows."""
        return {
            "gpb": self.fund_income("gpb"),
            "gf": self.fund_income("gf"),
            "sc": self.fund_income("sc"),
            "superior": self.total("inc_superior"),
            "business": self.total("inc_business"),
            "operating": self.total("inc_operating"),
            "affiliated": self.total("inc_affiliated"),
            "other": self.total("inc_other"),
        }

    def current_income(self) -> int:
        return sum(self.income_by_source().values())

    def current_expenditure(self) -> int:
        return self.expenditure_rows()[0].get("exp_total")

    def carryover_begin(self) -> int:
        return sum(self.fund_begin(f) for f in FUNDS) + self.other_carryover_begin

    def income_total(self) -> int:
        return self.current_income() + self.nonfiscal_balance_used + self.carryover_begin()

    def carryover_end(self) -> int:
        return self.income_total() - self.current_expenditure() - self.balance_distribution

    def economic_rows(self) -> list[tuple[str, str, int]]:
        """(code, name, amount) of 一般公共预算财政拨款基本支出 by 经济分类: 类 then its 款."""
        rows = []
        for class_code in sorted(self.economic_groups):
            items = sorted(code for code in self.economic if code[:3] == class_code)
            rows.append((class_code, self.economic_names[class_code], sum(self.economic[c] for c in items)))
            rows.extend((code, self.economic_names[code], self.economic[code]) for code in items)
        return rows

    def economic_group_total(self, group: str) -> int:
        return sum(v for code, v in self.economic.items() if self.economic_groups[code[:3]] == group)

    def three_public_total(self, column: int) -> int:
        return sum(self.three_public[item][column] for item in THREE_PUBLIC_ITEMS)


def _sum(lines: list[FunctionLine], keys: tuple[str, ...]) -> dict[str, int]:
    return {k: sum(line.get(k) for line in lines) for k in keys}


def _with_total(row: FunctionRow, keys: tuple[str, ...], total_key: str) -> FunctionRow:
    amounts = dict(row.amounts)
    amounts[total_key] = sum(row.get(k) for k in keys)
    return FunctionRow(row.code, row.name, row.level, amounts)


def _expenditure_columns(row: FunctionRow) -> FunctionRow:
    """支出决算表's columns: 基本 and 项目 over every source, then the three other kinds."""
    g = row.get
    basic = g("gpb_basic") + g("gf_basic") + g("sc_basic") + g("other_basic")
    project = g("gpb_project") + g("gf_project") + g("sc_project") + g("other_project")
    amounts = {
        "exp_basic": basic,
        "exp_project": project,
        "exp_remit": g("exp_remit"),
        "exp_operating": g("exp_operating"),
        "exp_affiliated": g("exp_affiliated"),
        "gpb_spent": g("gpb_basic") + g("gpb_project"),
        "gf_spent": g("gf_basic") + g("gf_project"),
        "sc_spent": g("sc_basic") + g("sc_project"),
    }
    amounts["exp_total"] = basic + project + g("exp_remit") + g("exp_operating") + g("exp_affiliated")
    amounts["fiscal_spent"] = amounts["gpb_spent"] + amounts["gf_spent"] + amounts["sc_spent"]
    return FunctionRow(row.code, row.name, row.level, amounts)
