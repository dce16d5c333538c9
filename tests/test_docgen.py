"""The document generator: consistent data, every catalogue choice reachable, seeded output,
complete answer keys, and a scorer that finds exactly the facts a warehouse holds."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import unicodedata
from collections import Counter
from decimal import Decimal

import duckdb
import pypdfium2
import pytest

from docgen import answer_key, corpus, identities, render_reportlab, score
from docgen.catalogue import DIMENSIONS, PLAIN, draw_layouts
from docgen.compose import compose
from docgen.model import FunctionLine
from docgen.text_forms import fullwidth, kangxi, spaced


def test_generated_documents_satisfy_every_identity():
    docs = corpus.documents(seed=11, count=24, producer_names=DIMENSIONS["producer"])
    for doc in docs:
        assert identities.check(doc.data) == [], doc.name


@pytest.mark.parametrize(
    "mutate, rule",
    [
        (lambda d: d.economic.update({"30101": d.economic["30101"] + d.quantum}), "FA-12"),
        (lambda d: d.three_public.update({"reception": (0, 0)}) or d.economic.update({"30217": d.quantum}), "FA-14"),
        (lambda d: d.fiscal_carryover_end.update({"gpb": -d.fund_end("gpb") - 5 * d.quantum}), "FA-15"),
        (lambda d: d.lines.append(FunctionLine("2090101", "行政运行", {"other_basic": d.quantum})), "FA-05"),
        (lambda d: d.lines[0].amounts.update({"gpb_basic": d.lines[0].get("gpb_basic") + 1}), "whole printed step"),
    ],
)
def test_identity_check_catches_an_inconsistent_document(mutate, rule):
    doc = corpus.document(seed=3, index=0, layout=dataclasses.replace(PLAIN, unit="wan"))
    doc.data.function_names.setdefault("209", "社会保险基金支出")
    doc.data.function_names.setdefault("20901", "企业职工基本养老保险基金支出")
    doc.data.economic.setdefault("30101", doc.data.quantum)
    mutate(doc.data)
    assert any(rule in failure for failure in identities.check(doc.data))


def test_every_catalogue_value_is_reachable():
    layouts = draw_layouts(random.Random(5), max(len(v) for v in DIMENSIONS.values()))
    for name, values in DIMENSIONS.items():
        assert {getattr(layout, name) for layout in layouts} == set(values), name
    for i, layout in enumerate(layouts):  # every choice composes a complete document
        printed = corpus.document(5, i, layout).printed
        assert [g.key for g in printed.grids()] == ["units", "01", "02", "03", "04", "05", "06", "07", "08", "09"]


def _pdf_text(path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_same_seed_gives_the_same_bytes(tmp_path):
    first, second, other = (corpus.document(seed, 2, PLAIN) for seed in (9, 9, 10))
    for doc, name in ((first, "a.pdf"), (second, "b.pdf"), (other, "c.pdf")):
        render_reportlab.render(doc.printed, tmp_path / name)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert (tmp_path / "a.pdf").read_bytes() != (tmp_path / "c.pdf").read_bytes()


def test_reportlab_pdf_prints_the_figures_of_the_grids(tmp_path):
    doc = corpus.document(4, 1, PLAIN)
    render_reportlab.render(doc.printed, tmp_path / "d.pdf")
    text = _pdf_text(tmp_path / "d.pdf")
    printed = Counter(re.findall(r"\d+\.\d\d", text))
    in_grids = Counter(
        cell.text for grid in doc.printed.grids() for row in grid.body for cell in row if cell.amount and cell.text
    )
    missing = in_grids - printed
    assert not missing, f"figures of the grids not in the PDF text: {list(missing)[:5]}"
    # the identities hold on the numbers read back from the PDF: 总计 = 本年收入合计 + 使用结余 + 年初结转
    data = doc.data
    for cents in (data.income_total(), data.current_income(), data.carryover_begin(), data.current_expenditure()):
        assert f"{Decimal(cents) / 100:.2f}" in printed
    assert data.department.name in text and f"{data.fiscal_year}年度部门决算" in text


def test_printed_forms_fold_back_to_the_plain_text():
    assert kangxi("一般公共预算") != "一般公共预算"
    assert unicodedata.normalize("NFKC", kangxi("一般公共预算财政拨款收入")) == "一般公共预算财政拨款收入"
    assert unicodedata.normalize("NFKC", fullwidth("1,234.50")) == "1,234.50"
    assert spaced("公务接待费") == "公 务 接 待 费"


def test_layout_choices_change_what_is_printed():
    doc = corpus.document(6, 0, PLAIN)

    def grid(layout, key):
        printed = compose(doc.data, layout)
        return next(g for g in printed.grids() if g.key == key)

    wide = grid(dataclasses.replace(PLAIN, thousands="separators", unit_position="title_row"), "01")
    assert wide.unit_text == "单位：元" and wide.unit_position == "title_row"
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", c.text) for row in wide.body for c in row if c.amount)
    wan = corpus.document(6, 0, dataclasses.replace(PLAIN, unit="wan"))
    assert next(g for g in wan.printed.grids() if g.key == "01").unit_text == "单位：万元"
    split = grid(dataclasses.replace(PLAIN, code_layout="split_columns"), "03")
    assert split.ncols == 4 + 6 and len(split.header) == 3
    items = [row for row in split.body if len(row) == 10 and row[2].text]  # 项 rows print only their own part
    assert items and all(len(row[2].text) == 2 and not row[0].text for row in items)
    pairs = grid(dataclasses.replace(PLAIN, basic_layout="three_pairs"), "06")
    assert pairs.ncols == 9
    dash = grid(dataclasses.replace(PLAIN, zero_style="dash"), "01")
    assert any(c.text == "-" for row in dash.body for c in row if c.amount)
    width = grid(dataclasses.replace(PLAIN, text_quirk="fullwidth_digits"), "01")
    assert any("０" <= ch <= "９" for row in width.body for c in row for ch in c.text)


def test_answer_key_is_complete():
    doc = corpus.document(8, 3, PLAIN)
    facts = answer_key.facts(doc.data, PLAIN)
    kinds = Counter(f["kind"] for f in facts)
    assert kinds["document"] == 1
    expenditure = {(f["funding_scope"], f["function_code"]) for f in facts if f["kind"] == "function_expenditure"}
    assert {("all_sources", r.code) for r in doc.data.expenditure_rows()} <= expenditure
    assert {("general_public_budget", r.code) for r in doc.data.general_budget_rows()} <= expenditure
    assert {r.code for r in doc.data.income_rows()} == {
        f["function_code"] for f in facts if f["kind"] == "function_income"
    }
    economic = {f["economic_code"] for f in facts if f["kind"] == "economic"}
    assert set(doc.data.economic) <= economic and {"301", "302", "303", "310"} <= economic
    metrics = {f["metric"] for f in facts if f["kind"] == "finance"}
    assert {
        "income_total",
        "current_expenditure",
        "fiscal_final",
        "personnel_expenditure",
        "three_public_total",
    } <= metrics
    total = next(f for f in facts if f["kind"] == "finance" and f["metric"] == "income_total")
    assert Decimal(total["amount_yuan"]) == Decimal(doc.data.income_total()) / 100
    blank = answer_key.facts(doc.data, dataclasses.replace(PLAIN, zero_style="blank"))
    assert any(f.get("project_yuan", "") is None for f in blank)  # a zero printed blank is NULL in the marts


def _fake_warehouse(path, file: str, facts: list[dict]) -> None:
    """The marts a perfect build of `file` would hold, made from its answer key."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create schema dq")
    doc = next(f for f in facts if f["kind"] == "document")
    con.execute("create table marts.dim_document as select 'd1' document_id, ? source_path, ? doc_type, ? fiscal_year, 'p1' department_id",
                [f"/x/{file}", doc["doc_type"], doc["fiscal_year"]])  # fmt: skip
    con.execute("create table marts.dim_department as select 'p1' department_id, ? department_name, ? province, ? jurisdiction_name",
                [doc["department_name"], doc["province"], doc["jurisdiction_name"]])  # fmt: skip
    money = "decimal(20,2)"
    con.execute(
        f"create table marts.fct_expenditure_by_function (document_id varchar, funding_scope varchar, function_code varchar, total_yuan {money}, basic_yuan {money}, project_yuan {money})"
    )
    cols = ", ".join(f"{c} {money}" for c in score.INCOME_COLUMNS)
    con.execute(f"create table marts.fct_income_by_function (document_id varchar, function_code varchar, {cols})")
    con.execute(
        f"create table marts.fct_basic_expenditure_by_economic_class (document_id varchar, economic_code varchar, amount_yuan {money})"
    )
    con.execute(
        f"create table marts.fct_department_finance (document_id varchar, metric varchar, source varchar, amount_yuan {money})"
    )
    con.execute(
        "create table dq.identity_results (document_id varchar, rule_id varchar, severity varchar, status varchar, subject varchar, lhs_value double, rhs_value double)"
    )
    for f in facts:
        if f["kind"] == "function_expenditure":
            con.execute("insert into marts.fct_expenditure_by_function values ('d1', ?, ?, ?, ?, ?)",
                        [f["funding_scope"], f["function_code"], f["total_yuan"], f["basic_yuan"], f["project_yuan"]])  # fmt: skip
        elif f["kind"] == "function_income":
            con.execute("insert into marts.fct_income_by_function values ('d1', ?, ?, ?, ?, ?, ?, ?, ?)",
                        [f["function_code"], *(f[c] for c in score.INCOME_COLUMNS)])  # fmt: skip
        elif f["kind"] == "economic":
            con.execute(
                "insert into marts.fct_basic_expenditure_by_economic_class values ('d1', ?, ?)",
                [f["economic_code"], f["amount_yuan"]],
            )
        elif f["kind"] == "finance":
            con.execute(
                "insert into marts.fct_department_finance values ('d1', ?, 'table', ?)", [f["metric"], f["amount_yuan"]]
            )
    con.close()


def test_scorer_finds_exactly_the_facts_the_marts_hold(tmp_path):
    layout = dataclasses.replace(PLAIN, zero_style="blank")
    doc = corpus.document(2, 0, layout)
    facts = answer_key.facts(doc.data, layout)
    (tmp_path / "keys").mkdir()
    lines = [{"kind": "layout", **layout.choices()}] + facts
    (tmp_path / "keys" / f"{doc.name}.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    entry = {"file": f"{doc.name}.pdf", "doc": doc.name, "format": "pdf", "producer": "reportlab"}
    (tmp_path / "manifest.jsonl").write_text(json.dumps(entry) + "\n")
    perfect = tmp_path / "perfect.duckdb"
    _fake_warehouse(perfect, entry["file"], facts)
    result = score.score(tmp_path, perfect)
    assert result["overall"]["found"] == result["overall"]["total"] == len(facts)
    assert result["by_choice"]["code_layout"]["one_column"]["pct"] == 100.0
    assert f"| code_layout | one_column | {len(facts)}/{len(facts)} | 100.00% |" in score.markdown_table(result)
    # one figure misread, one blank landed as 0, a wrong year: exactly those facts are missed
    wrong = [dict(f) for f in facts]
    economic = next(f for f in wrong if f["kind"] == "economic" and len(f["economic_code"]) == 5)
    economic["amount_yuan"] = str(Decimal(economic["amount_yuan"]) + Decimal("0.01"))
    blank = next(f for f in wrong if f["kind"] == "function_expenditure" and f["project_yuan"] is None)
    blank["project_yuan"] = "0.00"
    next(f for f in wrong if f["kind"] == "document")["fiscal_year"] += 1
    misread = tmp_path / "misread.duckdb"
    _fake_warehouse(misread, entry["file"], wrong)
    result = score.score(tmp_path, misread, show_misses=10)
    assert result["overall"]["found"] == len(facts) - 3
    assert {m["kind"] for m in result["misses"]} == {"economic", "function_expenditure", "document"}


class _Always:
    """A random source that always draws this place and never draws a prefecture by chance."""

    def __init__(self, place):
        self.place = place

    def choice(self, options):
        return self.place if options and isinstance(options[0], type(self.place)) else options[0]

    def random(self):
        return 0.99

    def randint(self, low, high):
        return low

    def sample(self, population, k):
        return list(population)[:k]


def test_every_drawn_department_names_one_place_the_reader_can_find():
    # a department of 普陀区 must say which 普陀区: a key asserting a place the document leaves open
    # would score a correct refusal to guess as a miss
    from docgen.generate import draw_department
    from docgen.reference import department_kinds, places
    from ingest.layout.jurisdictions import load_gazetteer

    gazetteer = load_gazetteer()
    for place in places():
        department = draw_department(_Always(place), department_kinds()[0])
        located = gazetteer.locate(department.name)
        assert located.division is not None, (place, department.name, located.namesakes)
        assert (located.division.name, located.division.province) == (department.jurisdiction, department.province)
