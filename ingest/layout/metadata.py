"""Classify a document and read its identity: department, jurisdiction, fiscal year, unit.

Examples the patterns exist for (sample corpus):
- "天门市 12345 公共服务热线中心" / "2022 年度部门决算"  -> final accounts of 天门市12345公共服务热线中心, 2022
- "编制单位：景德镇市人民政府行政服务中心管理委员会   2022 年度   金额单位：万元"
- "第一部分 景德镇市委信访局部门概况"
- "富民县信访局2025年度热线办理工作经费支出绩效评价报告" -> performance evaluation, 2025
- "项目单位：子洲县行政审批服务局"
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.layout.jurisdictions import Gazetteer, load_gazetteer
from ingest.model import DocumentMeta, Line

ORG_SUFFIX = r"(?:局|中心|委员会|办公室|委|办|厅|院|部|所|站|队|馆|会|处|室)"

# Patterns that name the department, strongest first. Group "name" is the department.
# Applied to the whole text with re.MULTILINE, so ^ and $ are line boundaries.
DEPARTMENT_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (
        5,
        re.compile(
            r"(?:编制单位|部门|单位名称|项目单位|预算单位)\s*[:：]\s*(?P<name>[^\s:：\t]{3,40}?"
            + ORG_SUFFIX
            + r")(?=\s|$|\t|（本级）)"
        ),
    ),
    (
        4,
        re.compile(
            r"^#*\s*(?P<name>\S.{1,38}?"
            + ORG_SUFFIX
            + r")\s*(?:20\d\d)\s*年度?\s*(?:部门决算|.{0,40}绩效(?:评价|自评)报告)"
        ),
    ),
    (4, re.compile(r"^\s*(?P<name>\S.{1,38}?" + ORG_SUFFIX + r")\s*$")),
    (3, re.compile(r"第一部分\s*(?P<name>\S.{1,38}?" + ORG_SUFFIX + r")\s*(?:部门)?概况")),
    (2, re.compile(r"主管部门\s*[:：]?\s*(?P<name>[^\s:：\t]{3,40}?" + ORG_SUFFIX + r")(?=\s|$|\t)")),
]
DEPARTMENT_PATTERNS = [(weight, re.compile(p.pattern, re.MULTILINE)) for weight, p in DEPARTMENT_PATTERNS]

TITLE_YEAR = re.compile(r"(20\d\d)\s*年度?\s*(?:部门决算|.{0,30}?绩效(?:评价|自评)报告|.{0,30}?决算)")
ANY_YEAR = re.compile(r"(20\d\d)\s*年")
REPORT_DATE_LINE = re.compile(r"^(?:#+\s*)?(?:评价时间|上报时间|报告日期|日期|填报日期)")
FINAL_ACCOUNTS_MARKERS = ("部门决算", "收入支出决算总表", "收支决算总表")
PERFORMANCE_MARKERS = ("绩效评价报告", "绩效自评", "部门评价报告", "绩效评价表", "绩效评价")
TEMPLATE_MARKERS = ("XX部门", "××部门", "（部门名称）", "部门名称：XX")
# A placeholder where the template's department name goes: "上海市 XX 局", "XX 部门", "××单位".
TEMPLATE_PLACEHOLDER = re.compile(r"(?:XX|××|ＸＸ)\s*(?:部门|单位|局|委员会|委|办公室|办|厅|中心)")
PLACEHOLDER_IN_NAME = re.compile(r"XX|××|ＸＸ")
# "第三部分 上海市普陀区规划和自然资源局 2024 年度部门决算" names the department after a part number.
SECTION_PREFIX = re.compile(r"^第[一二三四五六七八九十]+部分")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_metadata(lines: list[Line], gazetteer: Gazetteer | None = None) -> DocumentMeta:
    gazetteer = gazetteer or load_gazetteer()
    head = [line.text for line in lines[:80] if line.text.strip()]
    all_text = [line.text for line in lines]
    doc_type = classify(head, all_text)
    department = find_department(all_text)
    title = find_title(head)
    title_year = _title_year(head)
    fiscal_year = title_year or _majority_year(all_text)
    joined_head = "\n".join(head)
    is_template = (
        any(marker in joined_head for marker in TEMPLATE_MARKERS)
        or bool(TEMPLATE_PLACEHOLDER.search(joined_head))
        or (department is None and "决算" in joined_head and fiscal_year is None)
    )
    if is_template:
        # the blank template names no department: "上海市XX局" is where one goes
        department = None
    jurisdiction, province = gazetteer.resolve(department or title or "")
    if jurisdiction is None:
        jurisdiction, province = gazetteer.resolve(" ".join(head[:10]))
    unit = _money_unit(all_text)
    return DocumentMeta(
        doc_type=doc_type,
        title=title,
        department_name=department,
        jurisdiction_name=jurisdiction,
        province_name=province,
        fiscal_year=fiscal_year,
        title_year=title_year,
        money_unit=unit,
        is_template=is_template,
    )


def classify(head: list[str], all_text: list[str]) -> str:
    head_text = _compact("\n".join(head[:40]))
    if any(marker in head_text for marker in FINAL_ACCOUNTS_MARKERS):
        return "final_accounts"
    if any(marker in head_text for marker in PERFORMANCE_MARKERS):
        return "performance_evaluation"
    body = _compact("\n".join(all_text))
    if any(marker in body for marker in FINAL_ACCOUNTS_MARKERS[1:]):
        return "final_accounts"
    if any(marker in body for marker in PERFORMANCE_MARKERS):
        return "performance_evaluation"
    return "unknown"


def find_department(all_text: list[str]) -> str | None:
    """The department name: the best-scoring candidate over the whole text."""
    scores: Counter[str] = Counter()
    joined = "\n".join(all_text)
    for weight, pattern in DEPARTMENT_PATTERNS:
        for m in pattern.finditer(joined):
            name = SECTION_PREFIX.sub("", _compact(m.group("name")).lstrip("#").strip('“”"'))
            if _plausible_department(name):
                scores[name] += weight
    if not scores:
        return None
    return scores.most_common(1)[0][0]


def _plausible_department(name: str) -> bool:
    if len(name) < 4 or len(name) > 40:
        return False
    if re.search(r"[，。；、：:（(]|^(?:本|我|该|各|市直|全)", name):
        return False
    if PLACEHOLDER_IN_NAME.search(name):  # "上海市XX局": a template's placeholder, not a department
        return False
    return bool(re.search(r"[市县区州旗盟省]", name))


def find_title(head: list[str]) -> str | None:
    for text in head[:15]:
        compact = _compact(text).lstrip("#")
        if re.search(r"20\d\d年度?.{0,30}(决算|报告|评价)", compact) or re.search(r"(决算|评价报告)$", compact):
            return compact
    return _compact(head[0]).lstrip("#") if head else None


def _title_year(head: list[str]) -> int | None:
    for text in head[:30]:
        if m := TITLE_YEAR.search(text):
            return int(m.group(1))
    return None


def _majority_year(all_text: list[str]) -> int | None:
    years: Counter[int] = Counter()
    for text in all_text:
        if REPORT_DATE_LINE.match(text.strip()):
            continue
        years.update(int(y) for y in ANY_YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def _money_unit(all_text: list[str]) -> str | None:
    joined = "\n".join(all_text)
    wan = len(re.findall(r"万元", joined))
    yuan = len(re.findall(r"(?:单位|金额单位)\s*[:：]\s*元", joined))
    if not wan and not yuan:
        return None
    return "万元" if wan >= yuan else "元"
