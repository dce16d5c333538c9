"""The report's page as data: sections of tables, charts and notes, every figure formatted and linked
to the line it was read from. The templates (report/templates/) only lay it out; jinja2 escapes every
string (autoescape), so text taken from documents cannot become markup.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from report.charts import PALETTE, Badge, BarChart, ChartRow, Point, Series, bar_chart
from report.queries import ROWS_SHOWN, ReportData, Row
from report.rule_texts import RuleText
from report.sources import SourcePages

KIND_ZH = {"self_evaluation": "自评", "department_evaluation": "部门评价", "overall_department": "部门整体"}
BASIS_ZH = {"department_total": "热线单位本年支出合计", "project_executed": "项目执行数", "mixed": "两者皆有"}
BUDGET_BASIS_ZH = {
    "unit_current_expenditure": "热线单位当年支出预算",
    "unit_expenditure_total": "热线单位支出预算合计",
    "project_budget": "项目支出预算",
}
DOC_TYPE_ZH = {
    "final_accounts": "决算 final accounts",
    "budget": "预算 budget",
    "performance_evaluation": "绩效评价 performance",
    "unknown": "unknown",
}


@dataclass(frozen=True)
class Cell:
    text: str = ""
    href: str | None = None
    title: str | None = None
    kind: str = ""  # css class of the cell: num, wrap, status-fail …
    badges: tuple[Badge, ...] = ()
    small: str = ""  # a second line in small print


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Cell, ...]
    data: dict[str, str] = field(default_factory=dict)  # data-* attributes the filters read


@dataclass(frozen=True)
class Table:
    table_id: str
    headers: tuple[str, ...]
    rows: Iterable[TableRow]


@dataclass(frozen=True)
class LazyRows:
    """Table rows made from query rows while the page is written: one batch in memory at a time."""

    rows: Iterable[Row]
    make: Callable[[Row], TableRow]

    def __iter__(self) -> Iterator[TableRow]:
        return (self.make(row) for row in self.rows)


@dataclass(frozen=True)
class UnitCostEntry:
    label: str
    badges: tuple[Badge, ...]
    cost: Cell
    volume: Cell
    spending: Cell


@dataclass(frozen=True)
class UnitCostGroup:
    measure: str
    title: str
    counts: str
    entries: tuple[UnitCostEntry, ...]
    chart: BarChart | None  # bars only where two or more jurisdictions count the same thing


@dataclass(frozen=True)
class HotlineSection:
    present: bool
    notes: tuple[str, ...] = ()
    spending_chart: BarChart | None = None
    unit_costs: tuple[UnitCostGroup, ...] = ()
    evaluation_chart: BarChart | None = None
    comparison: Table | None = None
    jurisdictions: tuple[tuple[str, str, Table], ...] = ()  # (name, anchor, table)


@dataclass(frozen=True)
class Listing:
    """A table of the first rows of a listing, and how many rows the listing has."""

    table: Table
    shown: int
    total: int

    @property
    def more(self) -> int:
        return self.total - self.shown


@dataclass(frozen=True)
class QualitySection:
    summary: Table | None
    problems: Listing | None
    issue_counts: Table | None
    issue_kinds: Listing | None
    issues: Listing | None
    identities_ran: bool
    issues_table_present: bool


@dataclass(frozen=True)
class CorpusSection:
    table: Table
    provinces: tuple[str, ...]
    years: tuple[str, ...]
    kinds: tuple[tuple[str, str], ...]  # (value, label)


@dataclass(frozen=True)
class Page:
    title: str
    document_count: int
    built_at: str | None
    code_commit: str | None
    hotline: HotlineSection
    quality: QualitySection
    corpus: CorpusSection


def build_page(data: ReportData, sources: SourcePages, rules: dict[str, RuleText]) -> Page:
    built_at = data.build.get("built_at")
    return Page(
        title="公共财政披露数据仓库 · 分析报告",
        document_count=data.document_count,
        built_at=_timestamp(built_at) if built_at is not None else None,
        code_commit=data.build.get("code_commit"),
        hotline=hotline_section(data, sources),
        quality=quality_section(data, sources, rules),
        corpus=corpus_section(data, sources),
    )


# ---------------------------------------------------------------- hotline


def hotline_section(data: ReportData, sources: SourcePages) -> HotlineSection:
    if data.hotline_comparison is None or data.hotline_lines is None:
        return HotlineSection(present=False)
    comparison, lines = data.hotline_comparison, data.hotline_lines
    spending = _spending_links(lines, sources)
    badges = _comparison_badges(comparison)
    return HotlineSection(
        present=True,
        notes=_difference_notes(comparison),
        spending_chart=bar_chart(
            "chart-spending",
            "Hotline spending per jurisdiction and year (万元)",
            [Series("spending 万元", PALETTE[0])],
            [
                ChartRow(
                    f"{r['jurisdiction_name']} {r['fiscal_year']}",
                    (Point(_f(r["spending_yuan"]) / 10000, *spending[_key(r)]),),
                    badges[_key(r)],
                )
                for r in comparison
            ],
            lambda v: f"{v:,.2f} 万元",
        ),
        unit_costs=unit_cost_groups(comparison, lines, spending, badges, sources),
        evaluation_chart=evaluation_chart(data.hotline_evaluations, lines, sources),
        comparison=comparison_table(comparison, spending, badges, lines, sources),
        jurisdictions=tuple(
            (name, _anchor("lines", name), jurisdiction_table(name, rows, sources))
            for name, rows in _group(lines, "jurisdiction_name")
        ),
    )


def _key(row: Row) -> tuple[str, int]:
    return (row["jurisdiction_name"], row["fiscal_year"])


def _spending_links(lines: list[Row], sources: SourcePages) -> dict[tuple[str, int], tuple[str | None, str]]:
    """(href, source_ref) of each jurisdiction-year's spending: the line that prints the figure when one
    spending line makes it, else the table of its lines in this report."""
    by_key: dict[tuple[str, int], list[Row]] = {}
    for line in lines:
        by_key.setdefault(_key(line), []).append(line)
    links = {}
    for key, rows in by_key.items():
        if len(rows) == 1:
            row = rows[0]
            href = sources.figure_href(row["document_id"], row["source_ref"], money_forms(row["spending_yuan"]))
            links[key] = (href, row["source_ref"] or "")
        else:
            links[key] = (f"#{_anchor('lines', key[0])}", f"{len(rows)} spending lines")
    return links


def _comparison_badges(comparison: list[Row]) -> dict[tuple[str, int], tuple[Badge, ...]]:
    """Year and spending basis of each row, marked where the rows compared differ in them."""
    years = Counter(r["fiscal_year"] for r in comparison)
    bases = Counter(r["spending_basis"] for r in comparison)
    badges = {}
    for r in comparison:
        marks = []
        if len(years) > 1:
            marks.append(Badge(str(r["fiscal_year"]), "year", "the rows compared are of different years"))
        if len(bases) > 1:
            basis = r["spending_basis"] or ""
            marks.append(
                Badge(BASIS_ZH.get(basis, basis), f"basis-{basis}", "the rows compared differ in what they count")
            )
        badges[_key(r)] = tuple(marks)
    return badges


def _difference_notes(comparison: list[Row]) -> tuple[str, ...]:
    notes = []
    years = sorted({r["fiscal_year"] for r in comparison if r["fiscal_year"] is not None})
    if len(years) > 1:
        notes.append(
            f"The figures are of different years ({', '.join(map(str, years))}): each row is marked with its year. "
            "各行年度不同，已逐行标出。"
        )
    bases = sorted({r["spending_basis"] for r in comparison if r["spending_basis"]})
    if len(bases) > 1:
        named = "; ".join(f"{BASIS_ZH.get(b, b)} ({b})" for b in bases)
        notes.append(
            f"The spending is not counted on one basis ({named}): a hotline unit's whole expenditure is larger "
            "than a project's executed amount. 支出口径不同，已逐行标出。"
        )
    return tuple(notes)


def unit_cost_groups(
    comparison: list[Row],
    lines: list[Row],
    spending: dict[tuple[str, int], tuple[str | None, str]],
    badges: dict[tuple[str, int], tuple[Badge, ...]],
    sources: SourcePages,
) -> tuple[UnitCostGroup, ...]:
    """Unit costs grouped by what their volume counts: a group's costs compare with each other only."""
    volume_lines = {_key(r): r for r in lines if r["service_volume"] is not None}
    groups: dict[str, list[Row]] = {}
    for row in comparison:
        if row["unit_cost_yuan"] is not None:
            groups.setdefault(row["service_volume_measure"] or "unknown", []).append(row)
    result = []
    for index, (measure, rows) in enumerate(sorted(groups.items())):
        entries = []
        for r in rows:
            volume_line = volume_lines.get(_key(r))
            volume_href = (
                sources.figure_href(
                    volume_line["service_volume_document_id"],
                    volume_line["service_volume_source_ref"],
                    count_forms(volume_line["service_volume"]),
                )
                if volume_line
                else None
            )
            spending_href, spending_source = spending[_key(r)]
            entries.append(
                UnitCostEntry(
                    label=f"{r['jurisdiction_name']} {r['fiscal_year']}",
                    badges=badges[_key(r)],
                    cost=Cell(f"{_f(r['unit_cost_yuan']):,.2f} 元", title="spending ÷ service volume"),
                    volume=Cell(
                        _volume(r["service_volume"], r["service_volume_unit"]),
                        volume_href,
                        volume_line["service_volume_source_ref"] if volume_line else None,
                    ),
                    spending=Cell(_wan(r["spending_yuan"]) + " 万元", spending_href, spending_source),
                )
            )
        chart = None
        if len(rows) > 1:
            chart = bar_chart(
                f"chart-unit-cost-{measure}",
                f"Unit cost per {_measure_name(measure)} (元)",
                [Series(_measure_name(measure), PALETTE[(index + 2) % len(PALETTE)])],
                [
                    ChartRow(
                        f"{r['jurisdiction_name']} {r['fiscal_year']}",
                        (Point(_f(r["unit_cost_yuan"])),),
                        badges[_key(r)],
                    )
                    for r in rows
                ],
                lambda v: f"{v:,.2f} 元",
            )
        result.append(
            UnitCostGroup(
                measure=measure,
                title=f"per {_measure_name(measure)} ({measure})",
                counts=rows[0]["service_volume_counts"] or "",
                entries=tuple(entries),
                chart=chart,
            )
        )
    return tuple(result)


def evaluation_chart(evaluations: list[Row] | None, lines: list[Row], sources: SourcePages) -> BarChart:
    if evaluations is None:  # fall back to the counted project lines
        evaluations = [r for r in lines if r["spending_basis"] == "project_executed"]
    rows = []
    for r in evaluations:
        rate = None if r["execution_rate"] is None else _f(r["execution_rate"]) * 100
        score = None if r["total_score"] is None else _f(r["total_score"])
        source = r.get("source_ref") or ""
        rows.append(
            ChartRow(
                f"{r['jurisdiction_name']} {r['fiscal_year']} · {r['project_name']} "
                f"({KIND_ZH.get(r['evaluation_kind'], '')})",
                (
                    Point(
                        rate, sources.figure_href(r["document_id"], source, percent_forms(r["execution_rate"])), source
                    ),
                    Point(score, sources.figure_href(r["document_id"], source, count_forms(r["total_score"])), source),
                ),
            )
        )
    return bar_chart(
        "chart-evaluations",
        "Execution rate (%) and score of hotline projects",
        [Series("执行率 execution rate %", PALETTE[1]), Series("得分 score", PALETTE[2])],
        rows,
        lambda v: f"{v:,.1f}",
    )


def comparison_table(
    comparison: list[Row],
    spending: dict[tuple[str, int], tuple[str | None, str]],
    badges: dict[tuple[str, int], tuple[Badge, ...]],
    lines: list[Row],
    sources: SourcePages,
) -> Table:
    volume_lines = {_key(r): r for r in lines if r["service_volume"] is not None}
    rows = []
    for r in comparison:
        volume_line = volume_lines.get(_key(r))
        href, source = spending[_key(r)]
        rows.append(
            TableRow(
                (
                    Cell(r["jurisdiction_name"], badges=badges[_key(r)]),
                    Cell(r["province"] or ""),
                    Cell(str(r["fiscal_year"])),
                    Cell(_wan(r["spending_yuan"]), href, source, "num"),
                    Cell(BASIS_ZH.get(r["spending_basis"], r["spending_basis"] or "")),
                    Cell(
                        _volume(r["service_volume"], r["service_volume_unit"]),
                        sources.figure_href(
                            volume_line["service_volume_document_id"],
                            volume_line["service_volume_source_ref"],
                            count_forms(volume_line["service_volume"]),
                        )
                        if volume_line
                        else None,
                        volume_line["service_volume_source_ref"] if volume_line else None,
                        "num",
                    ),
                    Cell(r["service_volume_counts"] or "", kind="wrap"),
                    Cell(_yuan(r["unit_cost_yuan"]), kind="num"),
                    Cell("是 yes" if r["is_volume_comparable"] else "否 no"),
                    Cell(r["comparability_note"] or "", kind="wrap"),
                )
            )
        )
    headers = (
        "地区 jurisdiction",
        "省 province",
        "年度 year",
        "支出 spending (万元)",
        "口径 basis",
        "服务量 volume",
        "服务量计什么 what it counts",
        "单位成本 unit cost (元)",
        "可比? comparable?",
        "说明 note",
    )
    return Table("comparison", headers, tuple(rows))


def jurisdiction_table(name: str, rows: list[Row], sources: SourcePages) -> Table:
    body = []
    for r in rows:
        volume_href = (
            sources.figure_href(
                r["service_volume_document_id"], r["service_volume_source_ref"], count_forms(r["service_volume"])
            )
            if r["service_volume"] is not None
            else None
        )
        body.append(
            TableRow(
                (
                    Cell(str(r["fiscal_year"])),
                    Cell(r["department_name"] or "", kind="wrap"),
                    Cell(r["project_name"] or "（整个热线单位）", kind="wrap"),
                    Cell(BASIS_ZH.get(r["spending_basis"], r["spending_basis"] or "")),
                    Cell(
                        _wan(r["spending_yuan"]),
                        sources.figure_href(r["document_id"], r["source_ref"], money_forms(r["spending_yuan"])),
                        r["source_ref"],
                        "num",
                    ),
                    Cell(_wan(r["budget_yuan"]), kind="num"),
                    _budget_document_cell(r, sources),
                    Cell(
                        _volume(r["service_volume"], r["service_volume_unit"]),
                        volume_href,
                        r["service_volume_source_ref"],
                        "num",
                        small=r["service_volume_label"] or "" if r["service_volume"] is not None else "",
                    ),
                    Cell(_yuan(r["unit_cost_yuan"]), kind="num"),
                    Cell("" if r["execution_rate"] is None else f"{_f(r['execution_rate']) * 100:.2f}%", kind="num"),
                    Cell("" if r["total_score"] is None else f"{_f(r['total_score']):g}", kind="num"),
                    Cell(r["source_ref"] or "", sources.href(r["document_id"], r["source_ref"]), kind="wrap source"),
                )
            )
        )
    headers = (
        "年度 year",
        "部门 department",
        "项目 project",
        "口径 basis",
        "支出 spending (万元)",
        "评价所列预算 budget in the evaluation (万元)",
        "预算文件所列预算 budget in the budget document (万元)",
        "服务量 volume",
        "单位成本 unit cost (元)",
        "执行率 execution",
        "得分 score",
        "来源 source",
    )
    return Table(_anchor("lines-table", name), headers, tuple(body))


def _budget_document_cell(r: Row, sources: SourcePages) -> Cell:
    """What the budget document budgets for the line, labelled with what the figure is."""
    amount = r["budget_document_yuan"]
    if amount is None:
        return Cell("", kind="num")
    ref = r["budget_document_source_ref"]
    href = sources.figure_href(r["budget_document_id"], ref, money_forms(amount))
    basis = r["budget_document_basis"]
    return Cell(_wan(amount), href, ref, "num", small=BUDGET_BASIS_ZH.get(basis, basis or ""))


# ---------------------------------------------------------------- data quality


def quality_section(data: ReportData, sources: SourcePages, rules: dict[str, RuleText]) -> QualitySection:
    summary = problems = None
    if data.identity_summary:
        summary = Table(
            "identity-summary",
            ("规则 rule", "检查什么 what it checks", "级别 severity", "通过 pass", "失败 fail", "已确认 acknowledged"),
            tuple(
                TableRow(
                    (
                        Cell(r["rule_id"], kind="rule"),
                        Cell(
                            rules[r["rule_id"]].zh if r["rule_id"] in rules else "",
                            kind="wrap",
                            small=rules[r["rule_id"]].en if r["rule_id"] in rules else "",
                        ),
                        Cell(r["severity"] or ""),
                        Cell(str(r["pass"]), kind="num"),
                        Cell(str(r["fail"]), kind="num status-fail" if r["fail"] else "num"),
                        Cell(str(r["acknowledged"]), kind="num"),
                    )
                )
                for r in data.identity_summary
            ),
        )
    if data.identity_problems is not None and data.problems_total:
        problems = Listing(
            Table(
                "identity-problems",
                (
                    "状态 status",
                    "规则 rule",
                    "文档 document",
                    "对象 subject",
                    "左 lhs",
                    "右 rhs",
                    "差 difference",
                    "说明 message",
                ),
                LazyRows(data.identity_problems, lambda r: _problem_row(r, sources, rules)),
            ),
            min(ROWS_SHOWN, data.problems_total),
            data.problems_total,
        )
    return QualitySection(
        summary=summary,
        problems=problems,
        issue_counts=_issue_counts(data.issue_counts) if data.issue_counts else None,
        issue_kinds=_issue_kinds(data.issue_kinds, data.kinds_total) if data.issue_kinds else None,
        issues=_issues(data.ingest_issues, data.issues_total, sources)
        if data.ingest_issues and data.issues_total
        else None,
        identities_ran=data.identity_summary is not None,
        issues_table_present=data.ingest_issues is not None,
    )


def _issue_counts(rows: list[Row]) -> Table:
    return Table(
        "ingest-issue-counts",
        ("环节 stage", "级别 severity", "问题 issues", "文档 documents"),
        tuple(
            TableRow(
                (
                    Cell(r["stage"] or ""),
                    Cell(r["severity"] or "", kind=f"severity-{r['severity']}"),
                    Cell(f"{r['issues']:,}", kind="num"),
                    Cell(f"{r['documents']:,}", kind="num"),
                )
            )
            for r in rows
        ),
    )


def _issue_kinds(rows: list[Row], total: int) -> Listing:
    table = Table(
        "ingest-issue-kinds",
        ("环节 stage", "级别 severity", "类别 kind of message", "问题 issues", "文档 documents"),
        tuple(
            TableRow(
                (
                    Cell(r["stage"] or ""),
                    Cell(r["severity"] or "", kind=f"severity-{r['severity']}"),
                    Cell(r["kind"] or "", kind="wrap message"),
                    Cell(f"{r['issues']:,}", kind="num"),
                    Cell(f"{r['documents']:,}", kind="num"),
                )
            )
            for r in rows
        ),
    )
    return Listing(table, len(rows), total)


def _issues(issues: Iterable[Row], total: int, sources: SourcePages) -> Listing:
    table = Table(
        "ingest-issues",
        ("级别 severity", "文件 file", "环节 stage", "说明 message"),
        LazyRows(issues, lambda r: _issue_row(r, sources)),
    )
    return Listing(table, min(ROWS_SHOWN, total), total)


def _problem_row(r: Row, sources: SourcePages, rules: dict[str, RuleText]) -> TableRow:
    return TableRow(
        (
            Cell(r["status"], kind=f"status-{r['status']}", small=r["severity"] or ""),
            Cell(
                r["rule_id"] or "",
                title=_rule_title(rules.get(r["rule_id"] or "")),
                kind="rule",
            ),
            Cell(
                r["file_name"] or r["document_id"] or "",
                sources.href(r["document_id"], r["source_ref"], r["source_path"]),
                r["source_ref"],
                "wrap",
            ),
            Cell(r["subject"] or "", kind="wrap"),
            Cell(_num(r["lhs_value"]), kind="num"),
            Cell(_num(r["rhs_value"]), kind="num"),
            Cell(_num(r["difference"]), kind="num"),
            Cell(r["message"] or "", kind="wrap message"),
        ),
        {"status": r["status"] or ""},
    )


def _issue_row(r: Row, sources: SourcePages) -> TableRow:
    return TableRow(
        (
            Cell(r["severity"] or "", kind=f"severity-{r['severity']}"),
            Cell(
                Path(r["source_path"] or "").name,
                sources.href(r["document_id"], _issue_ref(r), r["document_source_path"]) if r["document_id"] else None,
                kind="wrap",
            ),
            Cell(r["stage"] or ""),
            Cell(r["message"] or "", kind="wrap message"),
        )
    )


def _rule_title(rule: RuleText | None) -> str | None:
    return f"{rule.zh} {rule.en}" if rule else None


def _issue_ref(issue: Row) -> str | None:
    """An ingest issue's place as a source_ref location ("p.3 | line 12")."""
    if issue.get("line_no") is None:
        return None
    page = f"p.{issue['page_no']} | " if issue.get("page_no") is not None else ""
    return f"{page}line {issue['line_no']}"


# ---------------------------------------------------------------- corpus


def corpus_section(data: ReportData, sources: SourcePages) -> CorpusSection:
    headers = (
        "文件 file",
        "类型 kind",
        "省 province",
        "地区 jurisdiction",
        "年度 year",
        "部门 department",
        "质量 grade",
        "表 tables found",
        "勾稽 identities closed",
        "解析 parse",
        "内容哈希 hash · 修改时间 modified",
        "发布 published",
    )
    return CorpusSection(
        table=Table("documents", headers, LazyRows(data.documents, lambda d: _document_row(d, sources))),
        provinces=tuple(data.provinces),
        years=tuple(data.years),
        kinds=tuple((k, DOC_TYPE_ZH.get(k, k)) for k in data.doc_types),
    )


def _document_row(d: Row, sources: SourcePages) -> TableRow:
    checked = d.get("identities_checked")
    passed = d.get("identities_passed")
    closed = d.get("identities_closed")
    if closed is not None:
        identities = f"{closed} / {checked}" if checked is not None else f"{closed}"
    else:
        identities = f"{passed} / {checked}" if checked else ""
    tables = d.get("template_tables_found")
    tables = tables if tables is not None else d.get("tables_parsed")
    missing = d.get("template_tables_missing")
    return TableRow(
        (
            Cell(
                d["file_name"] or "",
                sources.href(d["document_id"], None, d["source_path"], d.get("ingest_issues")),
                d["source_path"],
                "wrap",
            ),
            Cell(DOC_TYPE_ZH.get(d["doc_type"] or "", d["doc_type"] or "")),
            Cell(d["province"] or ""),
            Cell(d["jurisdiction_name"] or "", kind="wrap"),
            Cell("" if d["fiscal_year"] is None else str(d["fiscal_year"])),
            Cell(d["department_name"] or "", kind="wrap", small=d["title"] or ""),
            Cell(d.get("quality_grade") or "—", kind=f"grade grade-{d.get('quality_grade') or 'none'}"),
            Cell(
                "" if tables is None else str(tables),
                kind="num",
                small=f"missing {missing}" if missing else "",
            ),
            Cell(identities, kind="num"),
            Cell(d["parse_status"] or "", kind=f"parse-{d['parse_status']}"),
            Cell(
                (d.get("content_sha256") or "")[:12],
                title=d.get("content_sha256"),
                kind="mono",
                small=_timestamp(d.get("file_modified_at")) if d.get("file_modified_at") else "",
            ),
            Cell(
                str(d.get("publication_date") or "") or ("link" if _web_address(d.get("publication_url")) else ""),
                _web_address(d.get("publication_url")),
                d.get("publication_url"),
            ),
        ),
        {
            "province": d["province"] or "",
            "year": "" if d["fiscal_year"] is None else str(d["fiscal_year"]),
            "kind": d["doc_type"] or "",
        },
    )


# ---------------------------------------------------------------- numbers as printed


def money_forms(yuan: Any) -> list[str]:
    """How an amount in yuan may be printed: in 万元 with 2 to 0 decimals, or in 元."""
    if yuan is None:
        return []
    value = Decimal(str(yuan))
    wan = value / 10000
    forms = [f"{wan:.4f}", f"{wan:.3f}", f"{wan:.2f}", f"{wan:.1f}", f"{wan:.0f}", f"{value:.2f}", f"{value:,.2f}"]
    return _exact(forms, [wan, wan, wan, wan, wan, value, value])


def count_forms(value: Any) -> list[str]:
    """A count or a score as printed: "110083", "98", "98.5"."""
    if value is None:
        return []
    number = Decimal(str(value))
    forms = [f"{number:.2f}", f"{number:.1f}", f"{number:.0f}", f"{number:,.0f}"]
    return _exact(forms, [number] * 4)


def percent_forms(fraction: Any) -> list[str]:
    """A rate stored as a fraction, as printed: "99.65%", "100%"."""
    if fraction is None:
        return []
    percent = Decimal(str(fraction)) * 100
    return [f + "%" for f in _exact([f"{percent:.2f}", f"{percent:.1f}", f"{percent:.0f}"], [percent] * 3)]


def _exact(forms: list[str], values: list[Decimal]) -> list[str]:
    """The forms that print the value exactly (198.00 also as 198), longest first, without repeats."""
    kept: list[str] = []
    for text, value in zip(forms, values, strict=True):
        plain = text.replace(",", "")
        if Decimal(plain) == value and text not in kept:
            kept.append(text)
    return kept


# ---------------------------------------------------------------- helpers


def _web_address(url: str | None) -> str | None:
    """A publication address as a link only when it is a web page (http/https), never a script."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _measure_name(measure: str) -> str:
    """calls_accepted -> "calls accepted" (seed hotline_volume_measures names the measures)."""
    return measure.replace("_", " ")


def _anchor(prefix: str, name: str) -> str:
    return f"{prefix}-" + re.sub(r"\s+", "-", name)


def _group(rows: list[Row], key: str) -> list[tuple[str, list[Row]]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row[key] or "（未知）", []).append(row)
    return list(groups.items())


def _timestamp(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return str(value)


def _f(value: Any) -> float:
    return float(value) if isinstance(value, Decimal | int | float) else 0.0


def _wan(yuan: Any) -> str:
    return "" if yuan is None else f"{_f(yuan) / 10000:,.2f}"


def _yuan(yuan: Any) -> str:
    return "" if yuan is None else f"{_f(yuan):,.2f}"


def _num(value: Any) -> str:
    return "" if value is None else f"{_f(value):,.2f}"


def _volume(volume: Any, unit: str | None) -> str:
    return "" if volume is None else f"{_f(volume):,.0f} {unit or ''}".strip()
