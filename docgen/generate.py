"""Random but consistent final-accounts data for one department and year.

Leaf amounts are drawn as whole printing quanta; every parent, total and balance is derived as a
sum or a difference of them, and balances are chosen so that no carry-over is negative. The
identities FA-01…FA-15 therefore hold exactly on the printed figures (`identities.py` checks).
"""

from __future__ import annotations

import random

from docgen import reference
from docgen.model import THREE_PUBLIC_ITEMS, Department, FinalAccounts, FunctionLine

# 款 that nearly every department reports (pensions, medical insurance, housing)
COMMON_ITEMS = {"20805": ("2080501", "2080505", "2080506"), "21011": ("2101101",), "22102": ("2210201", "2210203")}
GOVERNMENT_FUND_LINES = ("2120801", "2120803", "2296002", "2296003", "2082201")
STATE_CAPITAL_LINES = ("2230105",)
BASIC_ONLY_WORDS = ("行政运行", "事业运行", "离退休", "缴费", "医疗", "住房公积金", "提租", "购房")
YEARS = (2021, 2022, 2023, 2024)

PERSONNEL_ITEMS = (
    "30101", "30102", "30103", "30107", "30108", "30109", "30110", "30112", "30113", "30199",
    "30301", "30302", "30305", "30309", "30399",
)  # fmt: skip
PUBLIC_ITEMS = (
    "30201", "30202", "30205", "30206", "30207", "30209", "30211", "30212", "30213", "30215", "30216",
    "30217", "30226", "30227", "30228", "30229", "30231", "30239", "30299", "31002", "31007", "31013",
)  # fmt: skip
EXTENDED_ITEMS = ("30701", "39999", "39908")
THREE_PUBLIC_ECONOMIC = {
    "abroad": "30212",
    "vehicle_purchase": "31013",
    "vehicle_operation": "30231",
    "reception": "30217",
}


def generate(rng: random.Random, quantum: int, long_tables: bool, extended_economic: bool) -> FinalAccounts:
    kind = rng.choice(reference.department_kinds())
    department = draw_department(rng, kind)
    return generate_for(rng, kind, department, None, quantum, long_tables, extended_economic)


def generate_for(
    rng: random.Random,
    kind: reference.DepartmentKind,
    department: Department,
    fiscal_year: int | None,
    quantum: int,
    long_tables: bool = False,
    extended_economic: bool = False,
) -> FinalAccounts:
    """The final accounts of a given department (and year, else drawn): the counterpart of another
    document of the same department and year, such as its published budget (部门预算)."""
    scale = rng.choice((300, 1_000, 3_000, 10_000, 40_000))  # department size, 万元
    lines = draw_lines(rng, kind, long_tables)
    for line in lines:
        fill_line(rng, line, quantum, scale / len(lines))
    economic = split_basic(rng, sum(line.get("gpb_basic") for line in lines), quantum, extended_economic)
    classes = reference.economic_classes()
    names = reference.function_classes()
    year = rng.choice(YEARS) if fiscal_year is None else fiscal_year
    data = FinalAccounts(
        department=department,
        fiscal_year=year,
        quantum=quantum,
        lines=lines,
        function_names={c: names[c] for line in lines for c in (line.code[:3], line.code[:5])},
        economic=economic,
        economic_names={c: classes[c].name for code in economic for c in (code, code[:3])},
        economic_groups={code[:3]: classes[code[:3]].group for code in economic},
        three_public=draw_three_public(rng, economic, quantum),
        nonfiscal_balance_used=_amount(rng, quantum, scale * 0.02) if rng.random() < 0.2 else 0,
        balance_distribution=_amount(rng, quantum, scale * 0.01) if rng.random() < 0.15 else 0,
        other_carryover_begin=0,
        fiscal_carryover_end={"gpb": 0},
        extra_economic_rows=EXTENDED_ITEMS + ("30901",) if extended_economic else (),
    )
    settle_balances(rng, data, scale)
    return data


def draw_department(rng: random.Random, kind: reference.DepartmentKind) -> Department:
    place = rng.choice(reference.places())
    if place.level == "province":
        prefix, short = place.name, kind.provincial_name
    elif place.level == "prefecture":
        prefix, short = place.name, kind.local_name
    elif not place.prefecture or place.province.endswith("市"):
        # districts of the municipalities and county-level cities under a province carry the province
        prefix, short = (place.province if place.province.endswith("市") else "") + place.name, kind.local_name
    else:
        # a name other divisions share (普陀区, 铁东区) is printed with its prefecture, or no reader
        # could tell which place it is; the draw is made either way so the corpus of a seed stays put
        with_prefecture = rng.random() < 0.5 or place.name in reference.shared_place_names()
        prefix = (place.prefecture if with_prefecture else "") + place.name
        short = kind.local_name
    name = prefix + short
    units = (f"{name}（本级）",) + tuple(
        prefix + u for u in rng.sample(kind.subordinate_units, rng.randint(0, len(kind.subordinate_units)))
    )
    jurisdiction = place.name if place.level != "province" else place.province
    return Department(name, short, jurisdiction, place.province, place.level, units)


def draw_lines(rng: random.Random, kind: reference.DepartmentKind, long_tables: bool) -> list[FunctionLine]:
    names = reference.function_classes()
    codes: set[str] = set()
    for item in kind.main_function_codes:
        children = sorted(c for c in names if len(c) == 7 and c.startswith(item))
        codes.update(rng.sample(children, rng.randint(1, len(children))))
    for children in COMMON_ITEMS.values():
        codes.update(c for c in children if rng.random() < 0.8)
    if rng.random() < 0.3:
        codes.add(rng.choice(GOVERNMENT_FUND_LINES))
    if rng.random() < 0.1:
        codes.add(rng.choice(STATE_CAPITAL_LINES))
    if long_tables:  # enough rows that the function tables run over two or more pages
        others = sorted(c for c in names if len(c) == 7 and c not in codes)
        codes.update(rng.sample(others, min(len(others), 40 - min(len(codes), 30))))
    return [FunctionLine(code, names[code]) for code in sorted(codes)]


def _amount(rng: random.Random, quantum: int, scale_wan: float) -> int:
    """A positive amount of about scale_wan 万元, in whole quanta (cents)."""
    cents = rng.lognormvariate(0, 0.8) * scale_wan * 1_000_000
    return max(1, round(cents / quantum)) * quantum


def fill_line(rng: random.Random, line: FunctionLine, quantum: int, scale: float) -> None:
    a = line.amounts
    fund = "gf" if line.code in GOVERNMENT_FUND_LINES else "sc" if line.code in STATE_CAPITAL_LINES else "gpb"
    basic_only = any(word in line.name for word in BASIC_ONLY_WORDS) and fund == "gpb"
    if basic_only or rng.random() < 0.3:
        a[f"{fund}_basic"] = _amount(rng, quantum, scale)
    if not basic_only or rng.random() < 0.15:
        a[f"{fund}_project"] = _amount(rng, quantum, scale)
    if rng.random() < 0.25:
        a["other_basic" if basic_only else "other_project"] = _amount(rng, quantum, scale * 0.2)
    for key in ("exp_remit", "exp_operating", "exp_affiliated"):
        if rng.random() < 0.04:
            a[key] = _amount(rng, quantum, scale * 0.1)
    spent = a.get(f"{fund}_basic", 0) + a.get(f"{fund}_project", 0)
    # fiscal income of the year: about what was spent, some more or less (carried over)
    a[f"{fund}_income"] = max(0, spent + round(rng.uniform(-0.05, 0.08) * spent / quantum) * quantum)
    if fund != "gpb":
        a[f"{fund}_begin"] = _amount(rng, quantum, scale * 0.1) if rng.random() < 0.5 else 0
        shortfall = spent - a[f"{fund}_income"] - a[f"{fund}_begin"]
        if shortfall > 0:
            a[f"{fund}_begin"] += shortfall
    a["inc_fiscal"] = a[f"{fund}_income"]
    other_spent = sum(
        a.get(k, 0) for k in ("other_basic", "other_project", "exp_remit", "exp_operating", "exp_affiliated")
    )
    if other_spent:
        source = rng.choice(("inc_business", "inc_other", "inc_superior", "inc_operating", "inc_affiliated"))
        a[source] = max(quantum, other_spent + round(rng.uniform(-0.1, 0.1) * other_spent / quantum) * quantum)
    elif rng.random() < 0.1:
        a["inc_other"] = _amount(rng, quantum, scale * 0.02)
    line.amounts = {k: v for k, v in a.items() if v}


def split_basic(rng: random.Random, basic: int, quantum: int, extended: bool) -> dict[str, int]:
    """一般公共预算财政拨款基本支出 split over 经济分类 款, in whole quanta."""
    if basic == 0:
        return {}
    personnel = rng.sample(PERSONNEL_ITEMS, rng.randint(5, 10))
    public = rng.sample(PUBLIC_ITEMS, rng.randint(6, 14))
    if extended:
        public += [c for c in EXTENDED_ITEMS if rng.random() < 0.5]
    weights = {c: rng.uniform(2, 8) for c in personnel} | {c: rng.uniform(0.3, 2) for c in public}
    steps = basic // quantum
    codes = sorted(weights)
    if steps < len(codes):
        codes = codes[: max(1, steps)]
    total_weight = sum(weights[c] for c in codes)
    shares = {c: max(1, int(steps * weights[c] / total_weight)) for c in codes}
    # the largest item takes the rounding remainder
    largest = max(codes, key=lambda c: shares[c])
    shares[largest] += steps - sum(shares.values())
    return {c: n * quantum for c, n in shares.items() if n > 0}


def draw_three_public(rng: random.Random, economic: dict[str, int], quantum: int) -> dict[str, tuple[int, int]]:
    """Budget and final of each "三公" item; the final is at least the basic-expenditure item (FA-14)."""
    out = {}
    for item in THREE_PUBLIC_ITEMS:
        floor = economic.get(THREE_PUBLIC_ECONOMIC[item], 0)
        final = floor
        if floor == 0 and rng.random() < 0.3:
            final = _amount(rng, quantum, 2)
        elif floor and rng.random() < 0.4:
            final = floor + round(floor * rng.uniform(0, 0.5) / quantum) * quantum
        budget = round(final * rng.uniform(0.9, 1.3) / quantum) * quantum if final else 0
        if final == 0 and rng.random() < 0.2:
            budget = _amount(rng, quantum, 1)
        out[item] = (budget, final)
    return out


def settle_balances(rng: random.Random, data: FinalAccounts, scale: float) -> None:
    """Year-end balances: the general budget's end balance is drawn, its beginning derived (never
    negative); other carry-over keeps the overall end balance above the fiscal ones."""
    q = data.quantum
    gpb_gap = data.fund_spent("gpb") - data.fund_income("gpb")
    end = _amount(rng, q, scale * 0.03) if rng.random() < 0.7 else 0
    data.fiscal_carryover_end["gpb"] = max(end, -gpb_gap)
    fiscal_end = sum(data.fund_end(f) for f in ("gpb", "gf", "sc"))
    data.other_carryover_begin = _amount(rng, q, scale * 0.02) if rng.random() < 0.5 else 0
    shortfall = fiscal_end - data.carryover_end()
    if shortfall > 0:
        data.other_carryover_begin += shortfall
