"""Find the jurisdiction (province, prefecture or county) a department belongs to.

The reference is the national list of administrative divisions (seed ``ref_jurisdictions.csv``:
every province, prefecture and county of 2024, plus the central level) and the short forms
documents print for them (seed ``ref_jurisdiction_aliases.csv``: 红河州 for 红河哈尼族彝族自治州).

A department name is read from its start as a chain of divisions, each inside the one before:
"浙江省舟山市普陀区财政局" -> 浙江省 > 舟山市 > 普陀区; "江苏省人民检察院" -> 江苏省 (a provincial
department: level province); "中共上海市普陀区委社会工作部" -> 上海市 > 普陀区 (a party organ is named
after its jurisdiction). Only names of the list count, so a web page's banner ("欢迎来到…") or a
truncated name ("县招商服务中心") is never a jurisdiction.

A name two divisions share (普陀区: 上海市 and 浙江省舟山市) is resolved by the province or prefecture
the document also names; when it names neither or both, the jurisdiction is left unresolved and the
namesakes are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.seeds import read_seed

# Organisations named after their jurisdiction: "中共上海市普陀区委…", "共青团天水市委员会".
ORGANISATION_PREFIXES = ("中国共产党", "中共", "中国共产主义青年团", "共青团", "中国人民政治协商会议")
# A department of the central government ("中华人民共和国财政部", "中共中央办公厅", "国务院办公厅").
CENTRAL_PREFIXES = ("中华人民共和国", "中央", "国务院")
CENTRAL_CODE = "000000"


@dataclass(frozen=True)
class Division:
    code: str
    name: str  # the official name of the national list
    level: str  # central / province / prefecture / county
    province: str
    city: str  # the prefecture; empty for provinces, prefectures' own row excepted, and direct counties

    @property
    def prefecture(self) -> str:
        return self.name if self.level == "prefecture" else self.city


@dataclass(frozen=True)
class Located:
    """What a name says about its jurisdiction."""

    division: Division | None
    printed: str | None = None  # the name as the document prints it (红河州)
    namesakes: tuple[Division, ...] = field(default=())  # left unresolved: several divisions fit
    rest: str = ""  # what follows the jurisdiction in the name ("人民检察院" of "江苏省人民检察院")

    @property
    def is_ambiguous(self) -> bool:
        return self.division is None and len(self.namesakes) > 1


NOWHERE = Located(None)


class Gazetteer:
    def __init__(self, divisions: list[Division], aliases: list[tuple[str, str]]):
        self.by_code = {d.code: d for d in divisions}
        names: dict[str, list[Division]] = {}
        for d in divisions:
            if d.level != "central":
                names.setdefault(d.name, []).append(d)
        for alias, code in aliases:
            division = self.by_code[code]
            if division not in names.setdefault(alias, []):
                names[alias].append(division)
        self.names = names
        self._by_first: dict[str, list[str]] = {}
        for name in sorted(names, key=len, reverse=True):
            self._by_first.setdefault(name[0], []).append(name)
        self.central = self.by_code.get(CENTRAL_CODE)

    def locate(self, name: str, context: str = "") -> Located:
        """The jurisdiction a department name (or a title) starts with; context settles namesakes."""
        text = _compact(name)
        for prefix in ORGANISATION_PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix) :]
                break
        if self.central and text.startswith(CENTRAL_PREFIXES):
            prefix = next(p for p in CENTRAL_PREFIXES if text.startswith(p))
            return Located(self.central, prefix, rest=text[len(prefix) :])
        printed, fitting, end = self._chain(text)
        if not fitting:
            return NOWHERE
        if len(fitting) > 1:
            fitting = self._named_in(fitting, _compact(context)) or fitting
        if len(fitting) == 1:
            return Located(fitting[0], printed, rest=text[end:])
        return Located(None, printed, tuple(fitting), rest=text[end:])

    def _chain(self, text: str) -> tuple[str | None, list[Division], int]:
        """The last link of the chain of divisions the text starts with, its name as printed, where it ends."""
        position, printed, fitting = 0, None, []
        scope: Division | None = None
        while position < len(text):
            step = self._step(text, position, scope)
            if step is None:
                break
            printed, fitting = step
            position += len(printed)
            if len(fitting) > 1 or fitting[0].level == "county":
                break
            scope = fitting[0]
        return printed, fitting, position

    def _step(self, text: str, position: int, scope: Division | None) -> tuple[str, list[Division]] | None:
        for name in self._by_first.get(text[position], ()):
            if text.startswith(name, position):
                fitting = [d for d in self.names[name] if _inside(d, scope)]
                if fitting:
                    return name, fitting
        return None

    def _named_in(self, namesakes: list[Division], context: str) -> list[Division]:
        """The namesakes whose province or prefecture the context names."""
        return [
            d
            for d in namesakes
            if any(_mentioned(place, context) for place in (d.province, d.prefecture) if place and place != d.name)
        ]


def _inside(division: Division, scope: Division | None) -> bool:
    if scope is None:
        return True
    if division.level in ("province", "central") or division.province != scope.province:
        return False
    if scope.level == "prefecture":
        return division.level == "county" and division.city == scope.name
    return True


def _mentioned(place: str, context: str) -> bool:
    """A province or prefecture named in full or by its stem (上海 for 上海市, 舟山 for 舟山市)."""
    stem = re.sub(r"(?:省|市|自治区|特别行政区|地区|盟)$", "", place)
    return place in context or (len(stem) >= 2 and stem in context)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text).lstrip("#")


def load_gazetteer() -> Gazetteer:
    return _cached()


@lru_cache(maxsize=1)
def _cached() -> Gazetteer:
    divisions = [
        Division(r["division_code"], r["jurisdiction_name"], r["jurisdiction_level"], r["province"], r["city"])
        for r in read_seed("ref_jurisdictions")
    ]
    aliases = [(r["alias"], r["division_code"]) for r in read_seed("ref_jurisdiction_aliases")]
    return Gazetteer(divisions, aliases)
