"""The 支出功能分类 vocabulary: codes and names of 类 (3 digits), 款 (5) and 项 (7).

The list is the dbt seed ``ref_function_classes.csv`` (one source for ingest and dbt; extend it
there). The table parser uses it where a table prints names without codes: a 类 name is unique;
a 款 name is looked up under the 类 in force, a 项 name under the 款 in force ("行政运行" is
2010101 under 人大事务 and 2010301 under 政府办公厅（室）及相关机构事务).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.seeds import read_seed

_NOT_IN_NAME = re.compile(r"\s+|[（(](?:类|款|项)[）)]$")


def name_key(name: str) -> str:
    """A name in the form names are compared in: no spaces, no "（类）" marker, full-width parentheses."""
    return _NOT_IN_NAME.sub("", name.replace("(", "（").replace(")", "）"))


@dataclass(frozen=True)
class FunctionClasses:
    names: dict[str, str]  # code -> name
    by_parent: dict[tuple[str, str], str]  # (parent code, or "" for a 类; name key) -> code

    def has_name(self, name: str) -> bool:
        """Whether any 类, 款 or 项 has this name."""
        return name_key(name) in self.name_keys

    @property
    def name_keys(self) -> frozenset[str]:
        return frozenset(key for _, key in self.by_parent)

    def code_of(self, name: str, parent: str | None) -> str | None:
        """The code of a name printed under `parent` (None or "" for a 类)."""
        return self.by_parent.get((parent or "", name_key(name)))

    @classmethod
    def of(cls, names: dict[str, str]) -> FunctionClasses:
        return cls(names, {(_parent(code), name_key(name)): code for code, name in names.items()})


@lru_cache(maxsize=1)
def function_classes() -> FunctionClasses:
    return FunctionClasses.of(
        {row["function_code"].strip(): row["function_name"].strip() for row in read_seed("ref_function_classes")}
    )


def _parent(code: str) -> str:
    return code[:-2] if len(code) > 3 else ""
