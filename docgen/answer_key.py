"""The answer key of a generated document: every fact the marts must hold, in their units and keys.

Amounts are yuan as decimal strings with two decimals (the marts' DECIMAL(20,2)); an amount the
document prints as blank or "-" is null (the marts keep it NULL, not 0). Kinds:
document (dim_document × dim_department), function_expenditure (fct_expenditure_by_function),
function_income (fct_income_by_function), economic (fct_basic_expenditure_by_economic_class),
finance (fct_department_finance, source `table`).
"""

from __future__ import annotations

from decimal import Decimal

from docgen.catalogue import Layout
from docgen.compose import economic_lines
from docgen.model import FinalAccounts

INCOME_COLUMNS = {
    "total_yuan": "inc_total",
    "fiscal_appropriation_yuan": "inc_fiscal",
    "superior_subsidy_yuan": "inc_superior",
    "business_yuan": "inc_business",
    "operating_yuan": "inc_operating",
    "affiliated_remit_yuan": "inc_affiliated",
    "other_yuan": "inc_other",
}
ECONOMIC_METRICS = {
    "wages_benefits": "301",
    "goods_services": "302",
    "household_subsidies": "303",
    "capital_expenditure": "310",
}


def yuan(cents: int) -> str:
    return str(Decimal(cents) / 100)


def facts(data: FinalAccounts, layout: Layout) -> list[dict]:
    def printed(cents: int) -> str | None:
        """The figure as the mart must hold it: null where the document prints nothing."""
        if cents == 0 and layout.zero_style != "zero":
            return None
        return f"{Decimal(cents) / 100:.2f}"

    dept = data.department
    out: list[dict] = [
        {
            "kind": "document",
            "doc_type": "final_accounts",
            "department_name": dept.name,
            "jurisdiction_name": dept.jurisdiction,
            "province": dept.province,
            "fiscal_year": data.fiscal_year,
        }
    ]
    for row in data.expenditure_rows():
        out.append(
            {
                "kind": "function_expenditure",
                "funding_scope": "all_sources",
                "function_code": row.code,
                "total_yuan": printed(row.get("exp_total")),
                "basic_yuan": printed(row.get("exp_basic")),
                "project_yuan": printed(row.get("exp_project")),
            }
        )
    for row in data.general_budget_rows():
        out.append(
            {
                "kind": "function_expenditure",
                "funding_scope": "general_public_budget",
                "function_code": row.code,
                "total_yuan": printed(row.get("gpb_total")),
                "basic_yuan": printed(row.get("gpb_basic")),
                "project_yuan": printed(row.get("gpb_project")),
            }
        )
    for row in data.income_rows():
        fact = {"kind": "function_income", "function_code": row.code}
        fact |= {column: printed(row.get(key)) for column, key in INCOME_COLUMNS.items()}
        out.append(fact)
    for class_code in sorted({c for c in ("301", "302", "303", "307", "309", "310", "399")}):
        for code, _, amount in economic_lines(data, class_code):
            if printed(amount) is not None:
                out.append({"kind": "economic", "economic_code": code, "amount_yuan": printed(amount)})
    for metric, cents in finance_metrics(data).items():
        if printed(cents) is not None:
            out.append({"kind": "finance", "metric": metric, "amount_yuan": printed(cents)})
    return out


def finance_metrics(data: FinalAccounts) -> dict[str, int]:
    """The headline figures of the tables, by the metric vocabulary of fct_department_finance."""
    sources = data.income_by_source()
    spent = data.expenditure_rows()[0]
    gpb = data.general_budget_rows()[0]
    tp = data.three_public
    metrics = {
        "income_total": data.income_total(),
        "expenditure_total": data.income_total(),
        "current_income": data.current_income(),
        "current_expenditure": data.current_expenditure(),
        "carryover_begin": data.carryover_begin(),
        "carryover_end": data.carryover_end(),
        "fiscal_appropriation_income": sources["gpb"] + sources["gf"] + sources["sc"],
        "superior_subsidy_income": sources["superior"],
        "business_income": sources["business"],
        "operating_income": sources["operating"],
        "affiliated_remit_income": sources["affiliated"],
        "other_income": sources["other"],
        "basic_expenditure": spent.get("exp_basic"),
        "project_expenditure": spent.get("exp_project"),
        "remit_superior_expenditure": spent.get("exp_remit"),
        "operating_expenditure": spent.get("exp_operating"),
        "affiliated_subsidy_expenditure": spent.get("exp_affiliated"),
        "general_budget_basic_expenditure": gpb.get("gpb_basic"),
        "personnel_expenditure": data.economic_group_total("personnel"),
        "public_expenditure": data.economic_group_total("public"),
        "fiscal_final": spent.get("fiscal_spent"),
        "three_public_total": data.three_public_total(1),
        "three_public_abroad": tp["abroad"][1],
        "three_public_vehicles": tp["vehicle_purchase"][1] + tp["vehicle_operation"][1],
        "three_public_vehicle_purchase": tp["vehicle_purchase"][1],
        "three_public_vehicle_operation": tp["vehicle_operation"][1],
        "three_public_reception": tp["reception"][1],
    }
    for metric, class_code in ECONOMIC_METRICS.items():
        metrics[metric] = sum(v for c, v in data.economic.items() if c[:3] == class_code)
    return metrics
