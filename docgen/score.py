"""Score a built warehouse against a generated corpus's answer keys.

Every fact of every output file is looked up in the marts (the file is found by its name in
dim_document.source_path). Amounts must match to the cent; a figure the key has as null must be
NULL. Accuracy is reported overall, per kind of fact, and per catalogue dimension × value; the
error-level identity failures of dq.identity_results are listed per file (on generated data each
one is a misreading).
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb

from docgen.corpus import dimension_values

CENT = Decimal("0.005")
INCOME_COLUMNS = (
    "total_yuan",
    "fiscal_appropriation_yuan",
    "superior_subsidy_yuan",
    "business_yuan",
    "operating_yuan",
    "affiliated_remit_yuan",
    "other_yuan",
)


def _same(got, want: str | None) -> bool:
    if want is None:
        return got is None
    return got is not None and abs(Decimal(str(got)) - Decimal(want)) <= CENT


def _norm(text) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", str(text or "")).split())


class Marts:
    """Read-only look-ups of one warehouse file, per document file name."""

    def __init__(self, path: Path):
        self.con = duckdb.connect(str(path), read_only=True)
        self.ids: dict[str, list[str]] = defaultdict(list)
        for doc_id, source in self.con.execute("select document_id, source_path from marts.dim_document").fetchall():
            self.ids[Path(str(source)).name].append(doc_id)
        self.cache: dict[tuple[str, str], list[dict]] = {}

    def rows(self, table: str, file: str) -> list[dict]:
        key = (table, file)
        if key not in self.cache:
            ids = self.ids.get(file, [])
            if not ids:
                self.cache[key] = []
            else:
                cur = self.con.execute(
                    f"select * from {table} where document_id in (select unnest(?::varchar[]))", [ids]
                )
                cols = [d[0] for d in cur.description]
                self.cache[key] = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        return self.cache[key]

    def document(self, file: str) -> list[dict]:
        ids = self.ids.get(file, [])
        cur = self.con.execute(
            """select d.doc_type, d.fiscal_year, p.department_name, p.province, p.jurisdiction_name
               from marts.dim_document d left join marts.dim_department p using (department_id)
               where d.document_id in (select unnest(?::varchar[]))""",
            [ids],
        )
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def identity_failures(self, file: str) -> list[dict]:
        ids = self.ids.get(file, [])
        if not ids:
            return []
        try:
            cur = self.con.execute(
                "select rule_id, subject, lhs_value, rhs_value from dq.identity_results "
                "where severity = 'error' and status <> 'pass' and document_id in (select unnest(?::varchar[])) "
                "order by rule_id, subject",
                [ids],
            )
        except duckdb.Error:
            return []
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def check(m: Marts, file: str, fact: dict) -> bool:
    kind = fact["kind"]
    if kind == "document":
        return any(
            r["doc_type"] == fact["doc_type"]
            and r["fiscal_year"] == fact["fiscal_year"]
            and _norm(r["department_name"]) == _norm(fact["department_name"])
            and _norm(r["province"]) == _norm(fact["province"])
            and _norm(r["jurisdiction_name"]) == _norm(fact["jurisdiction_name"])
            for r in m.document(file)
        )
    if kind == "function_expenditure":
        rows = [
            r
            for r in m.rows("marts.fct_expenditure_by_function", file)
            if r["funding_scope"] == fact["funding_scope"] and r["function_code"] == fact["function_code"]
        ]
        return any(all(_same(r[c], fact[c]) for c in ("total_yuan", "basic_yuan", "project_yuan")) for r in rows)
    if kind == "function_income":
        rows = [r for r in m.rows("marts.fct_income_by_function", file) if r["function_code"] == fact["function_code"]]
        return any(all(_same(r[c], fact[c]) for c in INCOME_COLUMNS) for r in rows)
    if kind == "economic":
        rows = m.rows("marts.fct_basic_expenditure_by_economic_class", file)
        return any(
            r["economic_code"] == fact["economic_code"] and _same(r["amount_yuan"], fact["amount_yuan"]) for r in rows
        )
    if kind == "finance":
        rows = m.rows("marts.fct_department_finance", file)
        return any(
            r["metric"] == fact["metric"] and r["source"] == "table" and _same(r["amount_yuan"], fact["amount_yuan"])
            for r in rows
        )
    raise ValueError(f"unknown fact kind {kind}")


def score(corpus: Path, warehouse: Path, show_misses: int = 0) -> dict:
    m = Marts(warehouse)
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    overall = [0, 0]
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_choice: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    files = []
    misses = []
    for entry in manifest:
        lines = [
            json.loads(x) for x in (corpus / "keys" / f"{entry['doc']}.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        layout, facts = lines[0], lines[1:]
        dims = dimension_values(entry, layout)
        found = 0
        for fact in facts:
            ok = check(m, entry["file"], fact)
            found += ok
            by_kind[fact["kind"]][0] += ok
            by_kind[fact["kind"]][1] += 1
            for dim, value in dims.items():
                by_choice[dim][value][0] += ok
                by_choice[dim][value][1] += 1
            if not ok and len(misses) < show_misses:
                misses.append({"file": entry["file"], **fact})
        overall[0] += found
        overall[1] += len(facts)
        failures = m.identity_failures(entry["file"])
        files.append(
            {
                "file": entry["file"],
                "found": found,
                "facts": len(facts),
                "in_warehouse": bool(m.ids.get(entry["file"])),
                "identity_failures": len(failures),
                "failed_rules": sorted({f["rule_id"] for f in failures}),
            }
        )
    return {
        "overall": _rate(overall),
        "by_kind": {k: _rate(v) for k, v in sorted(by_kind.items())},
        "by_choice": {d: {v: _rate(c) for v, c in sorted(vals.items())} for d, vals in sorted(by_choice.items())},
        "identity_failures": sum(f["identity_failures"] for f in files),
        "files": files,
        "misses": misses,
    }


def _rate(pair) -> dict:
    found, total = pair
    return {"found": found, "total": total, "pct": round(100.0 * found / total, 2) if total else 0.0}


def format_report(result: dict) -> str:
    o = result["overall"]
    lines = [f"answer-key facts found: {o['found']}/{o['total']} ({o['pct']:.2f}%)", "", "by kind of fact:"]
    for kind, r in result["by_kind"].items():
        lines.append(f"  {kind:22s} {r['found']:7d}/{r['total']:<7d} {r['pct']:6.2f}%")
    lines += ["", "by layout choice:"]
    for dim, values in result["by_choice"].items():
        for value, r in values.items():
            lines.append(f"  {dim:14s} {value:20s} {r['found']:7d}/{r['total']:<7d} {r['pct']:6.2f}%")
    lines += ["", f"error-level identity failures: {result['identity_failures']} (every one is a misreading)"]
    for f in result["files"]:
        if f["identity_failures"] or not f["in_warehouse"]:
            note = "" if f["in_warehouse"] else "  (not in marts.dim_document)"
            rules = ", ".join(f["failed_rules"])
            lines.append(f"  {f['file']:28s} {f['identity_failures']:4d}  {rules}{note}")
    for miss in result["misses"]:
        lines.append("MISS " + json.dumps(miss, ensure_ascii=False)[:240])
    return "\n".join(lines)


def markdown_table(result: dict) -> str:
    """The per-choice accuracy as a Markdown table (for the README)."""
    lines = ["| dimension | value | facts found | share |", "| --- | --- | --- | --- |"]
    o = result["overall"]
    lines.append(f"| all | all | {o['found']}/{o['total']} | {o['pct']:.2f}% |")
    for kind, r in result["by_kind"].items():
        lines.append(f"| kind | {kind} | {r['found']}/{r['total']} | {r['pct']:.2f}% |")
    for dim, values in result["by_choice"].items():
        for value, r in values.items():
            lines.append(f"| {dim} | {value} | {r['found']}/{r['total']} | {r['pct']:.2f}% |")
    return "\n".join(lines) + "\n"
