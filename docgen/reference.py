"""Reference vocabulary the generator draws from (docgen/data/*.csv).

function_classes.csv: 支出功能分类 codes and names, from the corpus's documents, the dbt seed
ref_function_classes.csv and the national classification (the `source` column says which).
economic_classes.csv: 部门预算支出经济分类 as printed in real 公开06 tables; `group` is how the
table sums them (personnel 人员经费 = 301 + 303, public 公用经费 = 302 + 307 + 310 + 399);
`in_template` marks the rows the national template prints.
places.csv: a sample of the national list of administrative divisions (2024); which of their names
other divisions share is read from the whole list (the dbt seed ref_jurisdictions.csv).
departments.csv: kinds of department, their name at province and local level, the 款 of
支出功能分类 they mainly spend on, and subordinate units.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.seeds import read_seed

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    province: str
    prefecture: str


@dataclass(frozen=True)
class DepartmentKind:
    local_name: str
    provincial_name: str
    main_function_codes: tuple[str, ...]
    subordinate_units: tuple[str, ...]


@dataclass(frozen=True)
class EconomicClass:
    code: str
    name: str
    group: str
    in_template: bool


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def function_classes() -> dict[str, str]:
    return {r["function_code"]: r["function_name"] for r in _rows("function_classes.csv")}


@cache
def economic_classes() -> dict[str, EconomicClass]:
    return {
        r["economic_code"]: EconomicClass(r["economic_code"], r["economic_name"], r["group"], r["in_template"] == "1")
        for r in _rows("economic_classes.csv")
    }


@cache
def places() -> tuple[Place, ...]:
    return tuple(Place(r["code"], r["name"], r["level"], r["province"], r["prefecture"]) for r in _rows("places.csv"))


@cache
def shared_place_names() -> frozenset[str]:
    """Names several divisions of the national list carry (普陀区 of 上海市 and of 舟山市)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for row in read_seed("ref_jurisdictions"):
        name = row["jurisdiction_name"]
        (shared if name in seen else seen).add(name)
    return frozenset(shared)


@cache
def department_kinds() -> tuple[DepartmentKind, ...]:
    return tuple(
        DepartmentKind(
            r["local_name"],
            r["provincial_name"],
            tuple(r["main_function_codes"].split(";")),
            tuple(u for u in r["subordinate_units"].split(";") if u),
        )
        for r in _rows("departments.csv")
    )
