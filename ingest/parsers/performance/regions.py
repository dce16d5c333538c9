"""Where the performance tables and reports of a document are.

An indicator table is found by its header row (一级指标 … 二级指标), whatever the layout: on one line
(000 "一级指标 二级指标 三级指标"), split over lines (001 "一级 / 指标"), one cell per line (003) or
tab-separated (002, 004). Its title, caption and budget block are in the lines just before the header;
its rows run to the total row (总分 / 合计 / 自评得分合计) or to the next heading or table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Line
from ingest.parsers.performance.common import squash
from ingest.parsers.performance.patterns import CAPTION, HEADING, REPORT_TITLE, TABLE_TITLE, TOTAL_ROW

HEADER_WINDOW = 8
PRE_WINDOW = 150


@dataclass
class TableRegion:
    pre: list[Line]  # title, caption, project block, budget block
    body: list[Line]  # header and indicator rows
    total: list[Line]  # the total row (may span lines in a one-cell-per-line table)
    post: list[Line]  # grade boxes, score bands, notes up to the next heading
    title: Line | None
    caption: Line | None
    layout: str  # flattened / tabular / cell_lines

    @property
    def first_line(self) -> Line:
        return (self.pre or self.body)[0]


@dataclass
class ReportRegion:
    title: Line
    lines: list[Line]


def _is_header_start(lines: list[Line], i: int) -> bool:
    if not lines[i].text.lstrip().startswith(("一", "绩")):
        return False  # (what the header's first cell starts with, below)
    first = squash(lines[i].text)
    if not first or not first.startswith(("一级", "绩效指标一级", "绩效指标")):
        return False
    if re.search(r"[，。；]", first) or ("\t" not in lines[i].text and len(first) > 40):
        return False  # prose such as "一级指标4个，二级指标9个" is not a header row
    window = squash("".join(line.text for line in lines[i : i + HEADER_WINDOW]))
    return window.find("一级指标") != -1 and "二级指标" in window and window.find("一级") < 8


def find_header_starts(lines: list[Line]) -> list[int]:
    starts: list[int] = []
    for i in range(len(lines)):
        if _is_header_start(lines, i) and (not starts or i - starts[-1] > HEADER_WINDOW):
            starts.append(i)
    return starts


def _layout(lines: list[Line], header: int) -> str:
    window = [line.text for line in lines[header : header + HEADER_WINDOW] if line.text.strip()]
    tab_cells = [len([c for c in text.split("\t") if c.strip()]) for text in window if "\t" in text]
    if tab_cells and max(tab_cells) >= 3:
        return "tabular"
    if tab_cells and all(text.startswith("\t") or "\t" not in text for text in window):
        return "cell_lines"
    return "flattened"


def _is_heading(line: Line) -> bool:
    """A section heading; a heading-like line holding tab cells is a table row (004 "二、绩效评价指标评分→→")."""
    return bool(HEADING.match(line.text)) and not TABLE_TITLE.search(line.text) and "\t" not in line.text


def _pre_region(lines: list[Line], header: int, floor: int) -> list[Line]:
    start = header
    while start - 1 >= floor and header - (start - 1) <= PRE_WINDOW:
        line = lines[start - 1]
        if _is_heading(line) or REPORT_TITLE.search(line.text) or TOTAL_ROW.match(line.text):
            break
        start -= 1
    return lines[start:header]


def _title_and_caption(pre: list[Line]) -> tuple[Line | None, Line | None]:
    titles = [i for i, line in enumerate(pre) if TABLE_TITLE.search(line.text) and len(squash(line.text)) <= 60]
    if not titles:
        return None, None
    title_index = titles[-1]
    for line in reversed(pre[max(0, title_index - 3) : title_index + 1]):
        if CAPTION.match(line.text) and line is not pre[title_index]:
            return pre[title_index], line
    title = pre[title_index]
    return title, (title if CAPTION.match(title.text) else None)


def _body_end(lines: list[Line], header: int, limit: int) -> int:
    """Index of the total row, or of the first line past the table."""
    for j in range(header + 1, limit):
        text = lines[j].text
        if TOTAL_ROW.match(text) or TOTAL_ROW.match(text.replace("\t", " ").strip()):
            return j
        if (
            _is_heading(lines[j])
            or REPORT_TITLE.search(text)
            or (TABLE_TITLE.search(text) and len(squash(text)) <= 60 and j > header + HEADER_WINDOW)
        ):
            return j
    return limit


def _total_lines(lines: list[Line], j: int, limit: int, layout: str) -> int:
    """Index just past the total row (a one-cell-per-line total runs until the blank line)."""
    if layout != "cell_lines":
        return j + 1
    k = j + 1
    while k < limit and lines[k].text.strip():
        k += 1
    return k


def _post_end(lines: list[Line], start: int, limit: int) -> int:
    for k in range(start, min(limit, start + 12)):
        if _is_heading(lines[k]) or REPORT_TITLE.search(lines[k].text) or TABLE_TITLE.search(lines[k].text):
            return k
    return min(limit, start + 12)


def find_tables(lines: list[Line]) -> list[TableRegion]:
    headers = find_header_starts(lines)
    regions: list[TableRegion] = []
    floor = 0
    for n, header in enumerate(headers):
        limit = headers[n + 1] if n + 1 < len(headers) else len(lines)
        layout = _layout(lines, header)
        pre = _pre_region(lines, header, floor)
        body_end = _body_end(lines, header, limit)
        is_total = body_end < limit and TOTAL_ROW.match(lines[body_end].text.replace("\t", " ").strip() or "x")
        total_end = _total_lines(lines, body_end, limit, layout) if is_total else body_end
        post_end = _post_end(lines, total_end, limit)
        title, caption = _title_and_caption(pre)
        regions.append(
            TableRegion(
                pre=pre,
                body=lines[header:body_end],
                total=lines[body_end:total_end] if is_total else [],
                post=lines[total_end:post_end],
                title=title,
                caption=caption,
                layout=layout,
            )
        )
        floor = post_end
        # A table that stops at the next table's title leaves that title to the next pre-region.
    return regions


def find_reports(lines: list[Line]) -> list[ReportRegion]:
    """Report titles ("…绩效评价报告") and the lines up to the next report title."""
    titles = [
        i
        for i, line in enumerate(lines)
        if REPORT_TITLE.search(line.text) and len(squash(line.text)) <= 70 and not re.search(r"[。，；]", line.text)
    ]
    reports = []
    for n, i in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(lines)
        reports.append(ReportRegion(title=lines[i], lines=lines[i:end]))
    return reports
