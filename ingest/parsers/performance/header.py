"""The block above an indicator table: title, year, project name, budget and execution figures."""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.parsers.performance.common import (
    amount_value,
    clean_name,
    is_number,
    join_wrapped,
    merge_unit_tokens,
    rate_value,
    squash,
    to_decimal,
    year_in,
)
from ingest.parsers.performance.patterns import OVERALL_WORDS, SELF_EVALUATION_WORDS
from ingest.parsers.performance.regions import TableRegion

# 000 "项目名称 项目 信访稳定工作经费": a stray 项目 cell between the label and the name.
_STRAY_PROJECT_CELL = re.compile(r"项目\s*名\s*称\s+项目\s+")
_NAME = re.compile(
    r"项目名称[:：]?(?P<name>.+?)(?=主管部门|项目负责人|负责人|实施单位|项目单位|项目资金|预算执行情况|计划投资额|年度资金总额|$)"
)
# 003 "富民县信访局2024年度热线办理工作经费支出绩效评价指标体系及打分表" -> 热线办理工作经费.
_NAME_FROM_TITLE = re.compile(r"(?:20\d{2}年度?)?(?P<name>.+?)(?:项目)?(?:支出)?绩效")

# Budget-execution block of a self-evaluation table (columns as the header prints them).
_EXEC_COLUMNS = (
    ("initial", ("年初预算数",)),
    ("budget", ("全年预算数",)),
    ("executed", ("全年执行数", "到位资金数", "实际执行数")),
    ("weight", ("分值",)),
    ("rate", ("执行率",)),
    ("score", ("得分",)),
)
_EXEC_ROW = re.compile(r"年度资金总额[:：]?")
_EXEC_WEIGHT = re.compile(r"预算执行情况.*?[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")

# Project block of an evaluation table: 000 "计划投资额（万元） 194.59实际到位资金（万元） 194.59
# 实际使用情况（万元） 100%"; 004 "计划投资额 (万元)→49→实际到位资金 (万元)→49→实际使用情况 (万元)→48.83".
_PLANNED = re.compile(r"计划投资额[(（]万元[)）]([\d.]+%?)")
_ARRIVED = re.compile(r"实际到位资金[(（]万元[)）]([\d.]+%?)")
_USED = re.compile(r"实际使用情况[(（]万元[)）]([\d.]+%?)")


def evaluation_kind(*texts: str | None) -> str:
    joined = squash(" ".join(t for t in texts if t))
    if any(word in joined for word in OVERALL_WORDS):
        return "overall_department"
    if any(word in joined for word in SELF_EVALUATION_WORDS):
        return "self_evaluation"
    return "department_evaluation"


def table_year(region: TableRegion) -> int | None:
    """The table's own year: its caption's year first (003 附表1 …2025年度 over the header's 2024),
    then its title, then a year line just under the title (000 "（ 2022 年度）")."""
    for line in (region.caption, region.title):
        year = year_in(line.text) if line else None
        if year:
            return year
    after_title = region.pre.index(region.title) if region.title in region.pre else max(0, len(region.pre) - 40)
    for line in region.pre[after_title : after_title + 6]:
        if re.fullmatch(r"\s*[(（]?\s*20\d{2}\s*年度?\s*[)）]?\s*", line.text):
            return year_in(line.text)
    return None


def _name_cell(region: TableRegion) -> str | None:
    """The cell after 项目名称 in a tab-separated row (002 "项目 名称→→购买服务岗位经费→→负责人及电话")."""
    for line in region.pre:
        cells = [c.strip() for c in line.text.split("\t")]
        if len(cells) < 2 or squash(cells[0]) not in ("项目名称", "项目名称:", "项目名称："):
            continue
        return next((clean_name(c) for c in cells[1:] if c), None)
    return None


def project_name(region: TableRegion, department_name: str | None) -> str | None:
    cell = _name_cell(region)
    if cell:
        return cell
    raw = join_wrapped(region.pre).replace("\t", " ")
    raw = _STRAY_PROJECT_CELL.sub("项目名称 ", raw)
    match = _NAME.search(squash(raw))
    if match and match.group("name"):
        return clean_name(match.group("name"))
    if region.title is None:
        return None
    title = squash(region.title.text.lstrip("#"))
    if department_name:
        title = title.split(department_name, 1)[-1]
    match = _NAME_FROM_TITLE.match(title)
    return clean_name(match.group("name")) if match else None


def _exec_tokens(text: str) -> list[str]:
    tokens = [t for t in re.split(r"\s+", text.replace("\t", " ").strip()) if t and t not in {"-", "—", "/"}]
    return merge_unit_tokens(tokens)


def _exec_cells(line_text: str) -> list[str | None]:
    if "\t" in line_text:
        cells = [c.strip() for c in line_text.split("\t")]
        start = next(i for i, c in enumerate(cells) if _EXEC_ROW.match(c))
        values = cells[start + 1 :]
        while values and not values[-1]:
            values.pop()
        return [v or None for v in values]
    return list(_exec_tokens(_EXEC_ROW.split(line_text, 1)[1]))


def execution_block(region: TableRegion) -> dict[str, str | None] | None:
    """The 年度资金总额 row of a self-evaluation table, keyed by column (texts as printed)."""
    pre = region.pre
    row_index = next((i for i, line in enumerate(pre) if _EXEC_ROW.search(line.text)), None)
    if row_index is None:
        return None
    header_text = squash(join_wrapped(pre[max(0, row_index - 12) : row_index]))
    columns = [
        (header_text.find(word), key) for key, words in _EXEC_COLUMNS for word in words if header_text.find(word) != -1
    ]
    columns = [key for _, key in sorted(columns)]
    row_lines = [pre[row_index]]
    if "\t" not in pre[row_index].text:
        for line in pre[row_index + 1 : row_index + 6]:
            if re.search(r"其中|上年结转|其他资金", line.text):
                break
            row_lines.append(line)
    text = join_wrapped(row_lines) if len(row_lines) > 1 else row_lines[0].text
    values = _exec_cells(text[_EXEC_ROW.search(text).start() :])
    block: dict[str, str | None] = dict.fromkeys(columns)
    for key, value in zip(columns, values, strict=False):
        block[key] = value
    weight = _EXEC_WEIGHT.search(header_text)
    if weight and not block.get("weight"):
        block["weight"] = weight.group(1)
    block["row_index"] = str(row_index)
    return block


def apply_execution_block(block: dict[str, str | None], draft) -> None:
    draft.budget = amount_value(block.get("budget")) or amount_value(block.get("initial"))
    draft.executed = amount_value(block.get("executed"))
    draft.execution_rate = rate_value(block.get("rate"))
    draft.execution_weight = to_decimal(block.get("weight")) if is_number(block.get("weight")) else None
    draft.execution_score = to_decimal(block.get("score")) if is_number(block.get("score")) else None


# The money block's unit: 000 "项目资金（万元）", 002 "预算执行情况(万元)", 004 "计划投资额 (万元)"; a table in
# yuan prints "（元）".
_YUAN_UNIT = re.compile(r"[(（]元[)）]")
_WAN_UNIT = re.compile(r"[(（]万元[)）]")


def money_unit(region: TableRegion) -> str:
    return printed_money_unit(region) or "万元"


def printed_money_unit(region: TableRegion) -> str | None:
    """The money unit the table's header block prints ("项目资金（万元）" -> 万元), or None when it prints none."""
    text = squash(" ".join(line.text for line in region.pre))
    if _WAN_UNIT.search(text):
        return "万元"
    return "元" if _YUAN_UNIT.search(text) else None


def investment_block(region: TableRegion) -> tuple[Decimal | None, Decimal | None, Decimal | None] | None:
    """(budget, executed, execution rate) of an evaluation table's 计划投资额 block.

    executed is 实际使用情况 when it is an amount; 000 prints a rate there ("100%"), which is kept as the
    execution rate, and then executed is 实际到位资金.
    """
    text = squash(join_wrapped(region.pre))
    planned = _PLANNED.search(text)
    if not planned:
        return None
    arrived, used = _ARRIVED.search(text), _USED.search(text)
    budget = amount_value(planned.group(1))
    used_text = used.group(1) if used else None
    executed = amount_value(used_text)
    rate = rate_value(used_text)
    if executed is None and arrived:
        executed = amount_value(arrived.group(1))
    return budget, executed, rate
