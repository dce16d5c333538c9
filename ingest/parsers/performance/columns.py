"""What each column of an indicator table holds, read from its header labels.

A header row names its columns; the figures of a row are taken from the column whose label says what
it is, never from a fixed position: 003 prints 指标分值 | 评价得分 | 扣分情况 | 扣分原因 after the names,
004 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分, 002 … 年度指标值 | 全年完成值 | 得分.

- Rows whose cells the loader knows (ruled PDF tables, DOCX: ``Line.cells``) keep every cell in its
  column, merged cells blank: a figure is read from its column's position.
- Rows of a tab-separated text dump may lose blank cells or shift (002), so only the order of the
  header's figure columns is used: the figures of a row, in order, are the weight, score, deduction…
  that the header lists, in its order.
"""

from __future__ import annotations

from decimal import Decimal

from ingest.model import Line
from ingest.parsers.performance.common import is_number, squash, strip_html, to_decimal

# (role, words a header label contains), first match wins; each with the label it exists for.
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("level3", ("三级指标", "指标名称")),
    ("note", ("原因", "偏差", "改进措施")),  # 003 扣分原因, 000 偏差原因分析及改进措施
    ("deduction", ("扣分",)),  # 003 扣分情况
    ("standard", ("评分标准", "评价标准", "评分办法", "评分细则")),  # 002 评分标准, 003 评价标准
    ("explanation", ("指标解释", "解释说明", "指标说明")),  # 003 指标解释, 002 指标解释说明
    ("score", ("得分",)),  # 003 评价得分, 004 得分
    ("weight", ("分值", "权重", "标准分", "满分")),  # 003 指标分值, 004 分值 (after 三级指标)
    ("actual", ("完成值", "实际值", "完成情况", "实际完成")),  # 002 全年完成值, PDF 实际完成值
    ("target", ("目标值", "指标值", "计划值")),  # 002 年度指标值, 004 全年目标值
)
LEVEL_WEIGHT = {"level1": "level1_weight", "level2": "level2_weight", "level3": "weight"}
# Roles whose cells are figures (points), in the order a row prints them.
FIGURE_ROLES = ("level1_weight", "level2_weight", "weight", "score", "deduction")


def cells(line: Line) -> list[str]:
    """A row's cells: the loader's cells when it knows them, else the tab-separated parts of its text."""
    parts = line.cells if line.cells is not None else line.text.split("\t")
    return [strip_html(c) for c in parts]


def role_of(label: str) -> str | None:
    text = squash(label)
    return next((role for role, words in ROLE_WORDS if any(w in text for w in words)), None)


def column_roles(header: list[str]) -> list[str | None]:
    """Role of each header cell. A bare 分值 right after a level column is that level's weight (004
    "一级指标 分值 二级指标 分值 三级指标 分值 得分"); any other 分值 / 指标分值 is the indicator's."""
    roles: list[str | None] = []
    for cell in header:
        role = role_of(cell)
        if role == "weight" and squash(cell) == "分值" and roles and roles[-1] in LEVEL_WEIGHT:
            role = LEVEL_WEIGHT[roles[-1]]
        roles.append(role)
    return roles


def merged_header(rows: list[list[str]]) -> list[str]:
    """Header cells of a header printed over several rows, joined column by column (002 "三级指标" over
    "指标名称 | 指标解释说明")."""
    width = max((len(r) for r in rows), default=0)
    return [" ".join(r[k] for r in rows if k < len(r) and r[k].strip()) for k in range(width)]


def figure_roles(roles: list[str | None]) -> list[str]:
    """The header's figure columns in order (003: weight, score, deduction)."""
    return [r for r in roles if r in FIGURE_ROLES]


def by_column(roles: list[str | None], row: list[str]) -> dict[str, str]:
    """A grid row's non-blank cells keyed by their column's role (the first column of a role wins)."""
    out: dict[str, str] = {}
    for role, cell in zip(roles, row, strict=False):
        if role and cell.strip() and role not in out:
            out[role] = cell.strip()
    return out


def figures_in_order(roles: list[str], numbers: list[Decimal]) -> dict[str, Decimal]:
    """The figures of a row whose blank cells may be lost, given to the header's figure columns in order:
    003 "1 / 1 / 0" under 指标分值 | 评价得分 | 扣分情况. A row printing fewer figures than the header has
    columns fills the first ones (the trailing 扣分 cell is the one left blank)."""
    return dict(zip(roles, numbers, strict=False))


def number(text: str | None) -> Decimal | None:
    return to_decimal(text) if is_number(text) else None


def total_figures(roles: list[str | None], line: Line) -> tuple[Decimal | None, Decimal | None] | None:
    """(total weight, total score) of a total row by the header's columns, or None when the header does not
    say: a grid row by position (DOCX "合计 | … | 100 | 97 | 3"); a text row when it prints exactly as many
    figures as the header has figure columns (004 "总分 100 100 100 96", 003 "合计 100 97 3")."""
    if "score" not in roles:
        return None
    if line.cells is not None:
        row = by_column(roles, cells(line))
        weight = number(row.get("weight")) if "weight" in roles else None
        return weight, number(row.get("score"))
    figures = [number(c) for c in cells(line)]
    found = [f for f in figures if f is not None]
    ordered = figure_roles(roles)
    if len(found) != len(ordered):
        return None
    named = figures_in_order(ordered, found)
    return named.get("weight"), named.get("score")
