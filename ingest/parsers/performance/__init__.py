"""Performance evaluations (绩效自评表, 绩效评价表, 评价报告) -> projects, indicators, subtotals.

Every indicator table is found by its header row and read with the grammar of its layout:
- flattened (PDF text, 000/001): flattened.py
- tab-separated (Markdown/HTML exports, 002/004; ruled PDF tables and DOCX tables): tabular.py
- one cell per line (003): cell_lines.py
- web tables copied with a pipe after every cell (rebuilt as tab-separated rows first): pipe_rows.py
Figures are read from the columns the header row names (columns.py), not from fixed positions.
A level-1 weight printed once for several consecutive groups (a merged cell) is read as spanning them
(merged_weights.py).
Reports (…评价报告) fill what their tables leave blank (budget, grade, total) or, when they have no
table, are read as prose (prose.py), as are lists of self-evaluated projects and whole-department scores.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ingest.model import (
    DocumentMeta,
    IngestIssue,
    Line,
    LoadedDocument,
    PerfIndicator,
    PerfProject,
    PerfSubtotal,
    SourceRef,
)
from ingest.parsers.performance import cell_lines, columns, flattened, merged_weights, pipe_rows, prose, tabular
from ingest.parsers.performance.common import (
    IndicatorRow,
    ProjectDraft,
    checked_grade,
    clean_name,
    grade_from_bands,
    score_bands,
    squash,
    stated_grade,
    year_in,
)
from ingest.parsers.performance.header import (
    apply_execution_block,
    evaluation_kind,
    execution_block,
    investment_block,
    money_unit,
    printed_money_unit,
    project_name,
    table_year,
)
from ingest.parsers.performance.regions import ReportRegion, TableRegion, find_reports, find_tables
from ingest.seeds import read_seed

OVERALL_NAME = "部门整体支出"
STAGE = "parse_performance"


def parse_performance(
    doc: LoadedDocument, meta: DocumentMeta
) -> tuple[list[PerfProject], list[PerfIndicator], list[PerfSubtotal], list[IngestIssue]]:
    issues: list[IngestIssue] = []
    lines = pipe_rows.regroup(doc.lines)
    tables = [(region, read_table(region, meta, issues)) for region in find_tables(lines)]
    tables = [(region, draft) for region, draft in tables if _is_evaluation(region, draft, issues)]
    drafts = [draft for _, draft in tables]
    order = {(line.page_no, line.line_no): i for i, line in enumerate(lines)}

    def position(line: Line) -> int:
        """Order of a line in the document (PDF line numbers restart on every page)."""
        return order[(line.page_no, line.line_no)]

    table_lines = {position(line) for region, _ in tables for line in [*region.body, *region.total]}
    for report in find_reports(lines):
        drafts.extend(read_report(report, tables, table_lines, position))
    free_lines = [line for line in lines if position(line) not in table_lines]
    free_text = prose.SquashedText.of(free_lines)
    drafts.extend(prose.listed_self_evaluations(free_text, meta.fiscal_year))
    drafts.extend(_new_overall(prose.overall_department(free_text, meta.fiscal_year), drafts))
    if meta.doc_type == "performance_evaluation":
        drafts.extend(_new_hotline_projects(prose.hotline_projects(free_lines, meta.fiscal_year), drafts))
    drafts.sort(key=lambda d: position(d.line))
    for draft in drafts:
        draft.fiscal_year = draft.fiscal_year or meta.fiscal_year
        draft.name = draft.name or draft.table  # a table that names no project is known by its title
        merged_weights.mark_spanning_weights(draft)
    return _records(drafts, doc, meta, issues)


def _new_hotline_projects(found: list[ProjectDraft], drafts: list[ProjectDraft]) -> list[ProjectDraft]:
    """Hotline projects named in prose, when no table or report of the document evaluates one."""
    fragments = [r["name_fragment"] for r in read_seed("hotline_project_patterns")]
    if any(draft.name and any(f in draft.name for f in fragments) for draft in drafts):
        return []
    return [draft for draft in found if draft.budget is not None or draft.executed is not None]


def read_table(region: TableRegion, meta: DocumentMeta, issues: list[IngestIssue]) -> ProjectDraft:
    title = region.title.text if region.title else None
    caption = region.caption.text if region.caption else None
    kind = evaluation_kind(title, caption)
    name = OVERALL_NAME if kind == "overall_department" else project_name(region, meta.department_name)
    anchor = region.title or region.body[0]
    table = clean_name(title.lstrip("#")) if title else "绩效评价指标评分"
    draft = ProjectDraft(name, kind, table_year(region), anchor, table=table)
    draft.unit = money_unit(region)
    _year_issues(region, draft, meta, issues)
    draft.indicators, draft.subtotals = _rows(region)
    block = execution_block(region) if kind != "department_evaluation" else None
    if block:
        apply_execution_block(block, draft)
        line = region.pre[int(block["row_index"])]
        draft.indicators.insert(
            0,
            IndicatorRow(
                "预算执行",
                None,
                "年度资金总额",
                block.get("budget"),
                block.get("executed"),
                draft.execution_weight,
                draft.execution_score,
                None,
                line,
                header_unit=printed_money_unit(region),  # "项目资金（万元）": 000 prints "42" for 42 万元
            ),
        )
    investment = investment_block(region)
    if investment:
        draft.budget, draft.executed, draft.execution_rate = investment
    _totals(region, draft)
    _grade_and_bands(region, draft, issues)
    return draft


def _is_evaluation(region: TableRegion, draft: ProjectDraft, issues: list[IngestIssue]) -> bool:
    """A header row with neither indicator rows nor totals under it is not an evaluation table."""
    if draft.indicators or draft.total_score is not None:
        return True
    issues.append(
        IngestIssue(
            STAGE,
            "warn",
            "an indicator header row with no indicator rows under it was skipped",
            region.body[0].line_no,
            region.body[0].page_no,
        )
    )
    return False


def _year_issues(region: TableRegion, draft: ProjectDraft, meta: DocumentMeta, issues: list[IngestIssue]) -> None:
    """Say when a table's own year is not the document's (DOC-01): 001 prints a 2021 table in its 2022
    决算; 003's caption says 2025 and its header 2024."""
    anchor = region.title or region.body[0]
    title_year = year_in(region.title.text) if region.title else None
    if draft.fiscal_year and title_year and title_year != draft.fiscal_year:
        issues.append(
            IngestIssue(
                STAGE,
                "warn",
                f"{draft.table}: caption says {draft.fiscal_year}, table title says {title_year}; "
                f"fiscal_year {draft.fiscal_year} kept",
                anchor.line_no,
                anchor.page_no,
            )
        )
    if draft.fiscal_year and meta.fiscal_year and draft.fiscal_year != meta.fiscal_year:
        issues.append(
            IngestIssue(
                STAGE,
                "info",
                f"{draft.table} ({draft.name}) is for {draft.fiscal_year}, the document for {meta.fiscal_year}",
                anchor.line_no,
                anchor.page_no,
            )
        )


def _rows(region: TableRegion):
    header = squash(" ".join(line.text for line in region.body[:8]))
    if region.layout == "cell_lines":
        return cell_lines.parse_cell_rows(region.body)
    if region.layout == "tabular":
        if tabular.is_labelled(region.body):
            with_target = bool({"target", "actual"} & set(tabular.header_roles(region.body)))
            return tabular.parse_labelled(region.body, with_target=with_target)
        return tabular.parse_positional(region.body)
    if "分值二级指标" in header:
        return flattened.parse_level_rows(region.body)
    return flattened.parse_self_rows(region.body), []


def _totals(region: TableRegion, draft: ProjectDraft) -> None:
    if region.total:
        draft.total_weight, draft.total_score = _total_figures(region)
    if draft.total_weight is None:
        level1 = [s.weight for s in draft.subtotals if s.level == 1]
        if level1 and all(w is not None for w in level1):
            draft.total_weight = sum(level1, Decimal(0)) + (draft.execution_weight or Decimal(0))


def _total_figures(region: TableRegion) -> tuple[Decimal | None, Decimal | None]:
    """(total weight, total score) of the total row, by the header's columns where it names them."""
    if region.layout == "cell_lines":
        return cell_lines.total_numbers(region.total, cell_lines.header_roles(region.body))
    if region.layout == "tabular" and len(region.total) == 1:
        by_header = columns.total_figures(tabular.header_roles(region.body), region.total[0])
        if by_header is not None:
            return by_header
    return flattened.total_numbers(region.total)


def _grade_and_bands(region: TableRegion, draft: ProjectDraft, issues: list[IngestIssue]) -> None:
    text = " ".join(line.text.replace("\t", " ") for line in [*region.total, *region.post])
    draft.score_bands = score_bands(text)
    total_row = " ".join(line.text.replace("\t", " ") for line in region.total).strip()
    draft.grade = checked_grade(text) or stated_grade(text, total_row)
    if draft.grade is None and re.search(r"评价等[次级]", squash(text)):
        draft.grade = grade_from_bands(draft.score_bands, draft.total_score)
        if draft.grade:
            line = next((x for x in region.post if re.search(r"评价等[次级]", squash(x.text))), region.body[0])
            issues.append(
                IngestIssue(
                    STAGE,
                    "info",
                    f"{draft.name}: no grade box reads as checked; grade {draft.grade} taken from the stated "
                    f"score bands for total score {draft.total_score}",
                    line.line_no,
                    line.page_no,
                )
            )


def read_report(
    report: ReportRegion,
    tables: list[tuple[TableRegion, ProjectDraft]],
    table_lines: set[int],
    position: Callable[[Line], int],
) -> list[ProjectDraft]:
    """Fill the report's own tables with what its prose states; a report without a table of its project
    becomes a project of its own (001 行政服务中心运转经费, 002 坐席外包服务费)."""
    first, last = position(report.lines[0]), position(report.lines[-1])
    kind = prose.report_kind(report.title)
    name = prose.report_name(report.title, report.lines)
    year = prose.report_year(report.title)
    inside = [draft for region, draft in tables if first <= position(region.first_line) <= last]
    own = [d for d in inside if d.kind == kind and _same_project(d.name, name, kind)]
    starts = [position(region.first_line) for region, _ in tables]
    first_table = min((start for start in starts if first <= start <= last), default=last + 1)
    prose_lines_all = [x for x in report.lines if position(x) not in table_lines]
    prose_lines = [x for x in prose_lines_all if position(x) < first_table]
    figures = prose.report_figures(prose_lines if not own else prose_lines_all)
    if own:
        for draft in own:
            draft.fiscal_year = draft.fiscal_year or year
            draft.name = draft.name or name
            scored = any(row.score is not None for row in draft.indicators)
            if kind == "overall_department":
                figures = {k: v for k, v in figures.items() if k not in ("budget", "executed", "rate")}
            prose.apply_report_figures(draft, figures, scores_too=scored)
            if scored:
                prose.apply_section_scores(draft, prose.section_scores(prose_lines_all))
        return []
    if "score" not in figures or not name and kind != "overall_department":
        return []
    draft = ProjectDraft(OVERALL_NAME if kind == "overall_department" else name, kind, year, report.title)
    draft.table = clean_name(report.title.text.lstrip("#"))
    prose.apply_report_figures(draft, figures, scores_too=True)
    draft.indicators, draft.subtotals = prose.prose_indicators(prose_lines)
    level1 = [s.weight for s in draft.subtotals if s.level == 1]
    if draft.total_weight is None and level1 and all(w is not None for w in level1):
        draft.total_weight = sum(level1, Decimal(0))
    return [draft]


def _same_project(a: str | None, b: str | None, kind: str) -> bool:
    if kind == "overall_department" or not a or not b:
        return True
    a, b = squash(a), squash(b)
    return a in b or b in a


def _new_overall(candidates: list[ProjectDraft], drafts: list[ProjectDraft]) -> list[ProjectDraft]:
    """Whole-department scores from prose that no table or report of the document already holds."""
    known = {(d.kind, d.total_score) for d in drafts}
    return [c for c in candidates if (c.kind, c.total_score) not in known]


def _records(drafts: list[ProjectDraft], doc: LoadedDocument, meta: DocumentMeta, issues: list[IngestIssue]):
    projects: list[PerfProject] = []
    indicators: list[PerfIndicator] = []
    subtotals: list[PerfSubtotal] = []
    for key, draft in enumerate(drafts, start=1):
        projects.append(_project(key, draft, doc, meta))
        for seq, row in enumerate(draft.indicators, start=1):
            ref = SourceRef.of_line(doc.file_name, row.line, draft.table, row.level3 or row.level2)
            indicators.append(
                PerfIndicator(
                    key,
                    seq,
                    row.level1,
                    row.level2,
                    row.level3,
                    row.target,
                    row.actual,
                    row.weight,
                    row.score,
                    row.note,
                    row.line.line_no,
                    row.line.page_no,
                    ref.render(),
                    header_unit=row.header_unit,
                )
            )
        for sub in draft.subtotals:
            ref = SourceRef.of_line(doc.file_name, sub.line, draft.table, sub.name)
            subtotals.append(
                PerfSubtotal(
                    key,
                    sub.level,
                    sub.name,
                    sub.weight,
                    sub.score,
                    sub.line.line_no,
                    sub.line.page_no,
                    ref.render(),
                    sub.spans,
                )
            )
    return projects, indicators, subtotals, issues


def _project(key: int, draft: ProjectDraft, doc: LoadedDocument, meta: DocumentMeta) -> PerfProject:
    ref = SourceRef.of_line(doc.file_name, draft.line, draft.table, draft.name)
    return PerfProject(
        project_key=key,
        project_name=draft.name or "",
        evaluation_kind=draft.kind,
        fiscal_year=draft.fiscal_year,
        department_name=meta.department_name,
        budget=draft.budget,
        executed=draft.executed,
        execution_rate=draft.execution_rate,
        total_weight=draft.total_weight,
        total_score=draft.total_score,
        grade=draft.grade,
        execution_weight=draft.execution_weight,
        execution_score=draft.execution_score,
        score_bands=draft.score_bands,
        unit=draft.unit if draft.budget is not None or draft.executed is not None else None,
        line_no=draft.line.line_no,
        page_no=draft.line.page_no,
        source_ref=ref.render(),
    )
