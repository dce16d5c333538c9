"""Level-1 weights printed in merged cells: one figure beside several consecutive level-1 names.

000 lines 941-1002 (项目 “12345”热线运行经费) print 40 beside 决策 and nothing beside 过程: the 40 is
the weight of 决策 and 过程 together (24 + 16), as the 60 beside 产出 is that of 产出 and 效益 (28 + 32,
满意度 included), and 40 + 60 is the table's 100. A printed level-1 weight that is not the sum of its
own indicators, but is the sum of its own and of the following groups that print no weight, is read
as spanning those groups (``SubtotalRow.spans``); PE-03 then compares it with all of them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.parsers.performance.common import IndicatorRow, ProjectDraft, SubtotalRow

_WEIGHT_SUFFIX = re.compile(r"[（(]\s*[0-9.]+\s*[分份]?\s*[）)]")


def level_key(name: str | None) -> str:
    """A level name without whitespace and a printed weight: "产出指标 (40分)" -> "产出指标"."""
    return re.sub(r"\s", "", _WEIGHT_SUFFIX.sub("", name or ""))


def mark_spanning_weights(draft: ProjectDraft) -> None:
    """Set ``spans`` on each level-1 subtotal whose printed weight covers the following unweighted groups."""
    groups = [subtotal for subtotal in draft.subtotals if subtotal.level == 1]
    keys = [level_key(subtotal.name) for subtotal in groups]
    if len(set(keys)) != len(keys):  # a repeated level-1 name: which indicators are whose is not known
        return
    sums = [_weight_sum(draft.indicators, key) for key in keys]
    for i, subtotal in enumerate(groups):
        if subtotal.weight is None or sums[i] is None or sums[i] == subtotal.weight:
            continue
        subtotal.spans = _span(subtotal.weight, sums[i], groups[i + 1 :], sums[i + 1 :])


def _span(weight: Decimal, own: Decimal, following: list[SubtotalRow], sums: list[Decimal | None]) -> int:
    total = own
    for n, (group, group_sum) in enumerate(zip(following, sums, strict=True), start=2):
        if group.weight is not None or group_sum is None:
            break
        total += group_sum
        if total == weight:
            return n
        if total > weight:
            break
    return 1


def _weight_sum(indicators: list[IndicatorRow], key: str) -> Decimal | None:
    """Σ weights of the group's indicators; None when it has none or one prints no weight."""
    weights = [row.weight for row in indicators if level_key(row.level1) == key]
    if not weights or any(weight is None for weight in weights):
        return None
    return sum(weights, Decimal(0))
