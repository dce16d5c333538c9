"""``python -m report --db <warehouse> --out <folder>``: the static HTML report.

One self-contained page (``index.html``): the cross-city 12345 hotline comparison as inline SVG
charts and tables, every figure linked to the line it was read from (``sources/``), the data-quality
results (identity failures and acknowledgements, ingest issues) and the list of documents.
No script, font or style is fetched from anywhere: the report works offline. Every string taken
from a document is escaped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import duckdb

from report.charts import PALETTE, ChartRow, Series, bar_chart
from report.queries import ReportData, Row, read_report_data
from report.sources import SourcePages

KIND_ZH = {"self_evaluation": "自评", "department_evaluation": "部门评价", "overall_department": "部门整体"}
BASIS_ZH = {"department_total": "热线单位本年支出合计", "project_executed": "项目执行数", "mixed": "两者皆有"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    path = write_report(Path(args.db), Path(args.out))
    print(f"report written to {path}", file=sys.stderr)
    return 0


def write_report(db: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        data = read_report_data(con)
    finally:
        con.close()
    sources = SourcePages(out, {d["document_id"]: d["source_path"] for d in data.documents})
    page = render_report(data, sources)
    target = out / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def render_report(data: ReportData, sources: SourcePages) -> str:
    body = "\n".join(
        [
            "<h1>公共财政披露数据仓库 · 分析报告</h1>",
            f'<p class="lead">{len(data.documents)} documents in this warehouse. Every figure links to the '
            "line of the document it was read from.</p>",
            hotline_section(data, sources),
            quality_section(data, sources),
            documents_section(data.documents, sources),
        ]
    )
    return PAGE.replace("{body}", body)


# ---------------------------------------------------------------- hotline


def hotline_section(data: ReportData, sources: SourcePages) -> str:
    if data.hotline_comparison is None or data.hotline_lines is None:
        return '<section id="hotline"><h2>12345 热线跨城市比较</h2><p class="empty">The hotline marts are not in this warehouse.</p></section>'
    comparison, lines = data.hotline_comparison, data.hotline_lines
    parts = [
        '<section id="hotline"><h2>12345 热线跨城市比较 · Cross-city hotline comparison</h2>',
        "<p>Spending on the 12345 government-service hotline per jurisdiction and year: a department that is "
        "itself a hotline unit counts with its 本年支出合计; elsewhere hotline projects count with their executed "
        "amount, each project once per jurisdiction and year (a self-evaluation and a department evaluation of the "
        "same money are one line). A unit cost is shown where the documents state a service volume; volumes that "
        "count different things (calls, cases handed over, work orders) are <strong>not comparable</strong>.</p>",
        "<h3>Spending per jurisdiction and year (万元)</h3>",
        bar_chart(
            "Hotline spending per jurisdiction and year",
            [Series("spending", PALETTE[0])],
            [
                ChartRow(
                    f"{r['jurisdiction_name']} {r['fiscal_year']}",
                    (_f(r["spending_yuan"]) / 10000,),
                    BASIS_ZH.get(r["spending_basis"], r["spending_basis"] or ""),
                )
                for r in comparison
            ],
            lambda v: f"{v:,.2f} 万元",
            "chart-spending",
        ),
        "<h3>Unit cost (元 per unit of service)</h3>",
        unit_cost_chart(comparison),
        "<h3>Execution rate and score of hotline projects</h3>",
        evaluation_chart(data.hotline_evaluations, lines),
        "<h3>Comparison</h3>",
        comparison_table(comparison),
        "<h3>Spending lines per jurisdiction</h3>",
        *(jurisdiction_table(name, rows, sources) for name, rows in _group(lines, "jurisdiction_name")),
        "</section>",
    ]
    return "\n".join(parts)


def unit_cost_chart(comparison: list[Row]) -> str:
    rows = [r for r in comparison if r["unit_cost_yuan"] is not None]
    measures = sorted({r["service_volume_measure"] for r in rows})
    colors = {m: PALETTE[i % len(PALETTE)] for i, m in enumerate(measures)}
    charts = [
        bar_chart(
            f"Unit cost: {measure}",
            [Series(measure, colors[measure])],
            [
                ChartRow(
                    f"{r['jurisdiction_name']} {r['fiscal_year']}",
                    (_f(r["unit_cost_yuan"]),),
                    f"per {r['service_volume_unit']} · {r['service_volume_counts'] or measure}",
                )
                for r in rows
                if r["service_volume_measure"] == measure
            ],
            lambda v: f"{v:,.2f} 元",
            f"chart-unit-cost-{measure}",
        )
        for measure in measures
    ]
    if not charts:
        return '<p class="empty">No jurisdiction states a service volume.</p>'
    warning = (
        '<p class="warn">Each chart compares only volumes that count the same thing. '
        + escape(f"{len(measures)} different measures are stated: the charts must not be read against each other.")
        + "</p>"
        if len(measures) > 1
        else ""
    )
    return warning + "\n".join(charts)


def evaluation_chart(evaluations: list[Row] | None, lines: list[Row]) -> str:
    if evaluations is None:  # fall back to the counted project lines
        evaluations = [r for r in lines if r["spending_basis"] == "project_executed"]
    rows = [
        ChartRow(
            f"{r['jurisdiction_name']} {r['fiscal_year']} · {r['project_name']} ({KIND_ZH.get(r['evaluation_kind'], '')})",
            (
                None if r["execution_rate"] is None else _f(r["execution_rate"]) * 100,
                None if r["total_score"] is None else _f(r["total_score"]),
            ),
        )
        for r in evaluations
    ]
    return bar_chart(
        "Execution rate (%) and score of hotline projects",
        [Series("执行率 %", PALETTE[1]), Series("得分", PALETTE[2])],
        rows,
        lambda v: f"{v:,.1f}",
        "chart-evaluations",
    )


def comparison_table(comparison: list[Row]) -> str:
    header = ["地区", "省", "年度", "支出 (万元)", "口径", "服务量", "服务量计什么", "单位成本 (元)", "可比?", "说明"]
    body = [
        [
            escape(r["jurisdiction_name"]),
            escape(r["province"] or ""),
            str(r["fiscal_year"]),
            _wan(r["spending_yuan"]),
            escape(BASIS_ZH.get(r["spending_basis"], r["spending_basis"] or "")),
            _volume(r["service_volume"], r["service_volume_unit"]),
            escape(r["service_volume_counts"] or ""),
            _yuan(r["unit_cost_yuan"]),
            "是" if r["is_volume_comparable"] else "否",
            escape(r["comparability_note"] or ""),
        ]
        for r in comparison
    ]
    return _table(header, body, "comparison")


def jurisdiction_table(name: str, rows: list[Row], sources: SourcePages) -> str:
    header = ["年度", "部门", "项目", "口径", "支出 (万元)", "服务量", "单位成本 (元)", "执行率", "得分", "来源"]
    body = [
        [
            str(r["fiscal_year"]),
            escape(r["department_name"] or ""),
            escape(r["project_name"] or "（整个热线单位）"),
            escape(BASIS_ZH.get(r["spending_basis"], r["spending_basis"])),
            _link(_wan(r["spending_yuan"]), sources.href(r["document_id"], r["source_ref"]), r["source_ref"]),
            _link(
                _volume(r["service_volume"], r["service_volume_unit"])
                + (f" <small>{escape(r['service_volume_label'] or '')}</small>" if r["service_volume"] else ""),
                sources.href(r["service_volume_document_id"], r["service_volume_source_ref"]),
                r["service_volume_source_ref"],
            ),
            _yuan(r["unit_cost_yuan"]),
            "" if r["execution_rate"] is None else f"{_f(r['execution_rate']) * 100:.2f}%",
            "" if r["total_score"] is None else f"{_f(r['total_score']):g}",
            escape(r["source_ref"] or ""),
        ]
        for r in rows
    ]
    province = escape(rows[0]["province"] or "")
    return f"<h4>{escape(name)} <small>{province}</small></h4>" + _table(header, body, "lines")


# ---------------------------------------------------------------- data quality


def quality_section(data: ReportData, sources: SourcePages) -> str:
    parts = ['<section id="quality"><h2>数据质量 · Data quality</h2>', "<h3>Accounting identities</h3>"]
    if data.identity_summary is None:
        parts.append('<p class="empty">The identity checks have not run for this build (no dq.identity_results).</p>')
    elif not data.identity_summary:
        parts.append('<p class="empty">No identity was checked.</p>')
    else:
        parts.append(
            _table(
                ["rule", "severity", "pass", "fail", "acknowledged"],
                [
                    [escape(str(r[k])) for k in ("rule_id", "severity", "pass", "fail", "acknowledged")]
                    for r in data.identity_summary
                ],
                "identity-summary",
            )
        )
        parts.append(identity_problems_table(data.identity_problems or [], sources))
    parts.append("<h3>Ingest issues</h3>")
    parts.append(ingest_issues_table(data.ingest_issues))
    parts.append("</section>")
    return "\n".join(parts)


def identity_problems_table(problems: list[Row], sources: SourcePages) -> str:
    if not problems:
        return '<p class="ok">No identity fails and none is acknowledged.</p>'
    header = ["status", "rule", "severity", "document", "subject", "lhs", "rhs", "difference", "message", "source"]
    body = [
        [
            f'<span class="status-{escape(r["status"])}">{escape(r["status"])}</span>',
            escape(r["rule_id"] or ""),
            escape(r["severity"] or ""),
            escape(r["file_name"] or r["document_id"] or ""),
            escape(r["subject"] or ""),
            _num(r["lhs_value"]),
            _num(r["rhs_value"]),
            _num(r["difference"]),
            escape(r["message"] or ""),
            _link(escape(r["source_ref"] or ""), sources.href(r["document_id"], r["source_ref"]), None),
        ]
        for r in problems
    ]
    return "<h4>Failures and acknowledged source errors</h4>" + _table(header, body, "identity-problems")


def ingest_issues_table(issues: list[Row] | None) -> str:
    if issues is None:
        return '<p class="empty">No dq.ingest_issues table in this warehouse.</p>'
    if not issues:
        return '<p class="ok">No ingest issues.</p>'
    header = ["severity", "file", "stage", "message"]
    body = [
        [
            escape(r["severity"] or ""),
            escape(Path(r["source_path"] or "").name),
            escape(r["stage"] or ""),
            escape(r["message"] or ""),
        ]
        for r in issues
    ]
    return _table(header, body, "ingest-issues")


# ---------------------------------------------------------------- documents


def documents_section(documents: list[Row], sources: SourcePages) -> str:
    header = ["file", "type", "year", "department", "jurisdiction", "title", "parse status"]
    body = [
        [
            _link(escape(d["file_name"] or ""), sources.href(d["document_id"], None), None),
            escape(d["doc_type"] or ""),
            "" if d["fiscal_year"] is None else str(d["fiscal_year"]),
            escape(d["department_name"] or ""),
            escape(d["jurisdiction_name"] or ""),
            escape(d["title"] or ""),
            escape(d["parse_status"] or ""),
        ]
        for d in documents
    ]
    return '<section id="documents"><h2>文档 · Documents</h2>' + _table(header, body, "documents") + "</section>"


# ---------------------------------------------------------------- helpers


def _table(header: list[str], body: Iterable[list[str]], css_class: str) -> str:
    """Cells are already-escaped HTML."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in body)
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _link(html_text: str, href: str | None, title: str | None) -> str:
    if not href or not html_text:
        return html_text
    title_attr = f' title="{escape(title)}"' if title else ""
    return f'<a href="{escape(href)}"{title_attr}>{html_text}</a>'


def _group(rows: list[Row], key: str) -> list[tuple[str, list[Row]]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row[key] or "（未知）", []).append(row)
    return list(groups.items())


def _f(value: Any) -> float:
    return float(value) if isinstance(value, Decimal | int | float) else 0.0


def _wan(yuan: Any) -> str:
    return "" if yuan is None else f"{_f(yuan) / 10000:,.2f}"


def _yuan(yuan: Any) -> str:
    return "" if yuan is None else f"{_f(yuan):,.2f}"


def _num(value: Any) -> str:
    return "" if value is None else f"{_f(value):,.2f}"


def _volume(volume: Any, unit: str | None) -> str:
    return "" if volume is None else f"{_f(volume):,.0f} {escape(unit or '')}"


PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>公共财政披露数据仓库 · 分析报告</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
       "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans", sans-serif;
       margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #2f6db5; padding-bottom: .2rem; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .88rem; display: block; overflow-x: auto; }
th, td { border: 1px solid #d0d6dc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; white-space: nowrap; }
td { white-space: nowrap; } td.wrap, td:last-child { white-space: normal; min-width: 16rem; }
table.identity-problems td:nth-child(n+5), table.ingest-issues td:last-child { white-space: normal; min-width: 12rem; }
td:nth-child(n+4) { font-variant-numeric: tabular-nums; }
svg.chart { display: block; margin: .5rem 0 1rem; font-family: inherit; }
svg.chart text { font-size: 12px; fill: #222; }
svg.chart text.value { fill: #555; }
.empty { color: #777; font-style: italic; } .ok { color: #2b7a3d; } .warn { color: #9a4b00; }
.status-fail { color: #b00020; font-weight: bold; } .status-acknowledged { color: #9a6a00; }
a { color: #1f5fa8; }
</style></head>
<body>
{body}
</body></html>
"""
