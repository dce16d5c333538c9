"""What each identity rule checks, in a sentence of Chinese and of English, for readers of the report.

The sentences are data kept next to the rules: ``expectations/rule_explanations.csv`` (rule_id,
explanation_zh, explanation_en), one row per rule of ``expectations/rules.py``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import expectations

EXPLANATIONS = Path(expectations.__file__).with_name("rule_explanations.csv")


@dataclass(frozen=True)
class RuleText:
    zh: str
    en: str


def rule_texts(path: Path = EXPLANATIONS) -> dict[str, RuleText]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["rule_id"]: RuleText(row["explanation_zh"], row["explanation_en"]) for row in csv.DictReader(f)}
