"""What the expectations step leaves in ``<out>/``: verdict.json, failures.txt, failures.html.

``verdict.json`` drives publication (see warehouse_build/publish.py): ``blocking_failures`` are the `error`
failures left unacknowledged. The text and HTML reports list, for every failure, the document,
rule, subject, both values, the difference, the tolerance and where the figures are.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from expectations.acknowledgements import Acknowledgement
from expectations.checks import _fmt


def failure_records(results: pd.DataFrame, file_names: dict[str, str]) -> list[dict]:
    rows = results[results["status"] != "pass"].copy()
    rows["severity_order"] = (rows["severity"] != "error").astype(int)
    rows["status_order"] = (rows["status"] != "fail").astype(int)
    rows["document"] = [file_names.get(d, d) for d in rows["document_id"]]
    rows = rows.sort_values(["status_order", "severity_order", "document", "rule_id", "subject"], kind="stable")
    records = []
    for row in rows.itertuples(index=False):
        records.append(
            {
                "document_id": row.document_id,
                "document": row.document,
                "rule_id": row.rule_id,
                "severity": row.severity,
                "status": row.status,
                "finding": row.finding if isinstance(row.finding, str) else None,
                "subject": row.subject,
                "lhs_value": _fmt(row.lhs_value),
                "rhs_value": _fmt(row.rhs_value),
                "difference": _fmt(row.difference),
                "tolerance": _fmt(row.tolerance),
                "message": row.message,
                "source_ref": row.source_ref,
            }
        )
    return records


def blocking(records: list[dict]) -> list[dict]:
    return [r for r in records if r["status"] == "fail" and r["severity"] == "error"]


def write_verdict(out: Path, records: list[dict], stale: list[Acknowledgement], counts: dict) -> None:
    verdict = {
        "blocking_failures": blocking(records),
        "stale_acknowledgements": [_stale_record(entry) for entry in stale],
        "counts": counts,
    }
    (out / "verdict.json").write_text(json.dumps(verdict, ensure_ascii=False, indent=1), encoding="utf-8")


def _stale_record(entry: Acknowledgement) -> dict:
    return {
        "document": entry.document,
        "rule_id": entry.rule_id,
        "subject": entry.subject,
        "registry_line": entry.line_no,
        "reason": entry.reason,
    }


def _acknowledged(records: list[dict], finding: str) -> list[dict]:
    return [r for r in records if r["status"] == "acknowledged" and r["finding"] == finding]


def _line(record: dict) -> str:
    return (
        f"{record['document']}  {record['rule_id']} [{record['severity']}/{record['status']}]  {record['subject']}: "
        f"{record['lhs_value']} vs {record['rhs_value']} (difference {record['difference']}, "
        f"tolerance {record['tolerance']})\n      at {record['source_ref']}\n      {record['message']}"
    )


def write_text_report(out: Path, records: list[dict], stale: list[Acknowledgement], counts: dict) -> str:
    sections = [
        ("Blocking failures (error, not acknowledged)", blocking(records)),
        (
            "Warnings (warn, not acknowledged)",
            [r for r in records if r["status"] == "fail" and r["severity"] == "warn"],
        ),
        ("Acknowledged source errors", _acknowledged(records, "source_error")),
        (
            "Incomplete copies (acknowledged: content the copy lost, not errors of the documents)",
            _acknowledged(records, "incomplete_copy"),
        ),  # fmt: skip
    ]
    parts = [
        "Identity checks (勾稽关系): "
        + ", ".join(f"{key} {value}" for key, value in counts.items())
        + "\nAmounts in yuan; rates in percent; performance figures in points.\n"
    ]
    for title, items in sections:
        parts.append(f"== {title}: {len(items)}")
        parts.extend(_line(r) for r in items)
        parts.append("")
    parts.append(f"== Stale acknowledgements (match no current failure; not blocking): {len(stale)}")
    parts.extend(f"  acknowledgements.csv line {e.line_no}: {e.document} {e.rule_id} {e.subject}" for e in stale)
    text = "\n".join(parts) + "\n"
    (out / "failures.txt").write_text(text, encoding="utf-8")
    return text


def write_html_report(out: Path, records: list[dict], stale: list[Acknowledgement], counts: dict) -> None:
    columns = ["document", "rule_id", "severity", "status", "finding", "subject", "lhs_value", "rhs_value", "difference",
               "tolerance", "source_ref", "message"]  # fmt: skip
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        f"<tr class='{r['status']} {r['severity']} {r['finding'] or ''}'>"
        + "".join(f"<td>{html.escape(str(r[c] or ''))}</td>" for c in columns)
        + "</tr>"
        for r in records
    )
    stale_rows = "".join(
        f"<li>acknowledgements.csv line {e.line_no}: {html.escape(e.document)} {html.escape(e.rule_id)} "
        f"{html.escape(e.subject)}</li>"
        for e in stale
    )
    summary = ", ".join(f"{html.escape(str(k))} {v}" for k, v in counts.items())
    page = f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>Identity check failures</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; font-size: 13px; }}
td, th {{ border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }}
tr.fail.error {{ background: #fdd; }} tr.fail.warn {{ background: #ffd; }} tr.acknowledged {{ background: #eef; }}
tr.incomplete_copy {{ background: #eee; color: #555; }}
</style></head><body>
<h1>Identity check failures</h1>
<p>{summary}. Amounts in yuan; rates in percent; performance figures in points.
Great Expectations Data Docs: <a href="data_docs/index.html">data_docs/index.html</a>.</p>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<h2>Stale acknowledgements ({len(stale)}, not blocking)</h2><ul>{stale_rows}</ul>
</body></html>
"""
    (out / "failures.html").write_text(page, encoding="utf-8")
