"""DOC-01 and DOC-03: checks of the document's text itself (headings and template text).

They are made as the document is read, on the lines every other parser reads (so line and page
numbers are those every source_ref uses), and land in ``raw.text_checks``, from which the identity
checks take them (expectations/sql/DOC-01.sql, DOC-03.sql): the text is never read a second time.
Patterns are data, each with the real line it exists for.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ingest.model import Line, SourceRef, TextCheck

# DOC-01: headings and table titles that print a fiscal year ("N 年度").
YEAR_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    # 002 line 362 "附件：2021 年度市 12345 热线中心部门整体支出绩效自评表";
    # 003 line 51 "富民县信访局2024年度热线办理工作经费支出绩效评价指标体系及打分表"
    (re.compile(r"^.{0,40}?(20\d\d)年度.{0,60}表$"), "table title"),
    # 001 line 1539 "（ 2021 年度）" under 项目支出绩效自评表; 002 line 407 "(2022年度)"
    (re.compile(r"^[（(](20\d\d)年度[）)]$"), "table year line"),
    # 002 line 5 "2022 年度部门决算"; 002 line 667 "二、2022 年度 12345 热线…项目绩效评价报告"
    (re.compile(r"^.{0,40}?(20\d\d)年度.{0,50}(?:部门决算|决算表|评价报告|自评报告)$"), "heading"),
    # 001 line 126 "编制单位：景德镇市人民政府行政服务中心管理委员会 2022 年度 金额单位：万元"
    (re.compile(r"^编制单位[:：].{0,60}?(20\d\d)年度"), "table header"),
)

# DOC-03: template text left in a published document.
TEMPLATE_TEXT: tuple[tuple[re.Pattern[str], str], ...] = (
    # the template's placeholders: "上海市 XX 局", "××部门" (two or more, not within a Latin word; the
    # look-behind follows the first character so the scan jumps from one X to the next)
    (re.compile(r"(?:X(?<![A-Za-z]X)X+|Ｘ(?<![A-Za-z]Ｘ)Ｘ+|×(?<![A-Za-z]×)×+)(?![A-Za-z])"), "placeholder"),
    (re.compile(r"待填写|待补充|（部门名称）"), "placeholder"),
    # 002 line 544 "一、2022 年度部门名称整体绩效评价报告"
    (re.compile(r"年度部门名称"), "placeholder"),
    # 000 line 142 "决算数较 2021 年增加（减少） 0 万元"; 001 line 392 "增长（下降）0%"
    (
        re.compile(
            r"(增加|减少|增长|下降|大于|小于|高于|低于|上升)[（(](增加|减少|增长|下降|大于|小于|高于|低于|上升)[）)]"
        ),
        "unresolved alternative",
    ),
    # 002 line 346 "（说明：非参公管理的事业单位不填写，也不用说明。）"
    (re.compile(r"不填写|不用说明"), "instruction to the author"),
    # 002 line 508 "（该项名词解释中“上述……等收入”请依据部门收入的实际情况进行解释）"
    (re.compile(r"请(?:依据|根据|按照|结合)|逐项解释|补充解释"), "instruction to the author"),
    # 002 line 669 "一、摘要（1500 字以内）"
    (re.compile(r"[（(]\s*\d+\s*字以内\s*[）)]"), "instruction to the author"),
    # 000 line 176 "决算数较 2021 年增加 4.23 万元，增长%，主要原因是" (the rate was never filled in)
    (re.compile(r"(?:增长|下降|降低|增加|减少)\s*[%％]"), "figure left blank"),
    # 000 line 158 "决算数较全年预算数的主要原因是" (the template's 增加（减少） deleted, no word put back)
    (re.compile(r"决算数?较(?:全年|年初)?预算数?的主要原因"), "comparison word left out"),
    # template s5: "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明"
    (re.compile(r"仍保留该表格式|不涉及的不列|如持平作持平表述"), "instruction to the author"),
)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _subject(line: Line, text: str) -> str:
    where = f"p.{line.page_no} line {line.line_no}" if line.page_no is not None else f"line {line.line_no}"
    return f"{where}: {text[:40]}"


def year_findings(lines: list[Line], fiscal_year: int | None, file_name: str) -> list[TextCheck]:
    """DOC-01: every heading or table title that prints a year, against the document's fiscal year."""
    if fiscal_year is None:
        return []
    findings = []
    for line in lines:
        if "年" not in line.text:
            continue
        compact = _compact(line.text).lstrip("#-")
        if len(compact) > 90:
            continue
        for pattern, what in YEAR_HEADINGS:
            match = pattern.search(compact)
            if not match:
                continue
            year = int(match.group(1))
            findings.append(
                TextCheck(
                    "DOC-01",
                    _subject(line, compact),
                    float(year),
                    float(fiscal_year),
                    0.0 if year == fiscal_year else 1.0,
                    f"{what} prints {year}; the document's fiscal year is {fiscal_year}",
                    SourceRef(file_name, line.line_no, line.page_no, None, compact[:60]).render(),
                )
            )
            break
    return findings


def _joined_text(lines: list[Line]) -> tuple[str, list[int]]:
    """The text with line breaks (and the spaces around them) removed, and where each line starts in it.

    A phrase broken across lines is one phrase: 001 lines 390-392 "决算数较2021年增加（减" / "少）0万元".
    """
    starts = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line.text.strip())
    return "".join(line.text.strip() for line in lines), starts


def template_findings(lines: list[Line], file_name: str) -> list[TextCheck]:
    """DOC-03: one failing row per line where template text starts (the first pattern that matches
    there); one passing row when there is none. Matched on the text with line breaks removed."""
    text, starts = _joined_text(lines)
    found: dict[int, tuple[str, str]] = {}
    for pattern, what in TEMPLATE_TEXT:
        for match in pattern.finditer(text):
            # the last line starting at or before the match: a blank line before it has the same start
            index = bisect_right(starts, match.start()) - 1
            found.setdefault(index, (what, match.group(0)))
    findings = []
    for index in sorted(found):
        line = lines[index]
        what, matched = found[index]
        findings.append(
            TextCheck(
                "DOC-03",
                _subject(line, _compact(line.text)),
                1.0,
                0.0,
                1.0,
                f"template text ({what}): “{matched}”",
                SourceRef(file_name, line.line_no, line.page_no, None, _compact(line.text)[:60]).render(),
            )
        )
    if not findings:
        findings.append(TextCheck("DOC-03", "document text", 0.0, 0.0, 0.0, "no template text found", file_name))
    return findings


def text_checks(lines: list[Line], fiscal_year: int | None, file_name: str) -> list[TextCheck]:
    """Every DOC-01 and DOC-03 check of a document's lines."""
    return [*year_findings(lines, fiscal_year, file_name), *template_findings(lines, file_name)]
