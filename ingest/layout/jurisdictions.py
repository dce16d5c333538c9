"""Resolve the jurisdiction (city or county) a department belongs to.

The reference list is the dbt seed ``ref_jurisdictions.csv`` (one source for ingest and dbt).
Names are matched as prefixes of the department name, longest first; a province prefix
("上海市普陀区…") picks between namesakes (普陀区 is in 上海市 and in 浙江省舟山市).
A name not in the seed falls back to the leading "…市/县/区" of the department name.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "ref_jurisdictions.csv"
FALLBACK = re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,6}?(?:市|县|区|旗|州|盟))")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province / prefecture / county
    province: str
    city: str


class Gazetteer:
    def __init__(self, divisions: list[Division]):
        self.provinces = {d.name: d for d in divisions if d.level == "province"}
        self.by_name: dict[str, list[Division]] = {}
        for d in divisions:
            if d.level != "province":
                self.by_name.setdefault(d.name, []).append(d)
        self._names = sorted(self.by_name, key=len, reverse=True)

    def resolve(self, text: str) -> tuple[str | None, str | None]:
        """(jurisdiction name, province name or None) for a department name or heading."""
        # a party organ is named after its jurisdiction: "中共上海市普陀区委社会工作部"
        compact = re.sub(r"^(?:中共|中国共产党)", "", re.sub(r"\s+", "", text).lstrip("#"))
        province = None
        for name in self.provinces:
            short = name.rstrip("省市")
            if compact.startswith(name) or (len(short) >= 2 and compact.startswith(short + "省")):
                province = name
                compact = compact[len(name) :] if compact.startswith(name) else compact[len(short) + 1 :]
                break
        for name in self._names:
            if compact.startswith(name):
                candidates = self.by_name[name]
                if province:
                    candidates = [d for d in candidates if d.province == province] or candidates
                if len(candidates) == 1:
                    return name, candidates[0].province
                return name, province
        if province and province.endswith("市") and not compact:
            return province, province
        if m := FALLBACK.match(compact):
            return m.group("name"), province
        return None, province


def load_gazetteer(path: Path = SEED_PATH) -> Gazetteer:
    return _cached(str(path))


@lru_cache(maxsize=4)
def _cached(path: str) -> Gazetteer:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [
            Division(r["division_code"], r["jurisdiction_name"], r["jurisdiction_level"], r["province"], r["city"])
            for r in csv.DictReader(handle)
        ]
    return Gazetteer(rows)
