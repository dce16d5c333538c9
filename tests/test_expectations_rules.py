"""Every identity rule, by mutation: change printed figures of a real document (a sample, or a public
document kept in tests/fixtures/corpus), re-ingest, re-check, and assert that exactly the expected rule
fails on the expected subject, while the same subject passes in the unchanged document. Every rule has
a mutation, and switching a rule off (no rows, or every row passing) makes its mutation test fail.

All mutated copies and the unchanged documents are ingested once per session into one raw database
(each copy is its own document: its bytes differ); the rule queries run on it as in a build.
Great Expectations and dbt are not involved here (the rules read the raw tables); the full path
(ingest + dbt + GE + publish) is exercised by test_expectations_build.py.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import CORPUS, DOC_000, DOC_001, DOC_002, DOC_003, DOC_004, ROOT, SAMPLES, parsed_corpus

from expectations.checks import compute_checks
from expectations.rules import RULES
from ingest.landing.duckdb_writer import write_raw
from ingest.landing.rows import rows_by_table
from ingest.loading import document_id_for
from ingest.pipeline import process_document

pytestmark = pytest.mark.build  # one ingest of ~35 documents per session: several seconds

# One line of the 三公 table of 002 (lines 266-270 print its header, no data row): the twelve
# columns 预算数 合计 … 公务接待费 | 决算数 合计 … 公务接待费, all zero as the 说明 (line 274) says.
THREE_PUBLIC_ROW = "\t".join(["0.00"] * 12)


# Text copies of published budgets (tests/fixtures/make_budget_text.py): the budget rules fire on them.
BUDGET_TEXT = ROOT / "tests" / "fixtures" / "budget_text"
BU_CPPCC = "js_cppcc_office_2018_budget_tables.txt"  # 江苏省政协办公厅 2018: the provincial tables
BU_WELFARE = "sh_putuo_welfare_home_2024_unit_budget.txt"  # 上海市普陀区社会福利院 2024: a 单位预算
BUDGETS = (BU_CPPCC, BU_WELFARE)


@dataclass(frozen=True)
class Mutation:
    name: str  # test id: the rule it is for, and what it changes
    document: str  # a file of data/samples, of BUDGET_TEXT, or a path under tests/fixtures/corpus ("more/<file>.txt")
    edits: tuple[tuple[int, str, str], ...]  # (line number, printed text, replacement)
    # (rule_id, a unique part of the subject, or its start when written "^…") that must newly fail
    expected: tuple[tuple[str, str], ...]

    @property
    def target(self) -> tuple[str, str]:
        return self.expected[0]

    @property
    def source(self) -> Path:
        if self.document in BUDGETS:
            return BUDGET_TEXT / self.document
        sample = SAMPLES / self.document
        return sample if sample.exists() else CORPUS / self.document


MUTATIONS: tuple[Mutation, ...] = (
    Mutation("FA-01 年初结转和结余", DOC_002, ((99, "\t29\t3.00\t", "\t29\t4.00\t"),), (("FA-01", "收入总计"),)),
    Mutation("FA-02 年末结转和结余", DOC_002, ((99, "\t60\t0.00", "\t60\t1.00"),), (("FA-02", "支出总计"),)),
    Mutation(
        "FA-03 收入总计",
        DOC_002,
        ((101, "总计\t31\t218.56", "总计\t31\t219.56"), (99, "\t29\t3.00\t", "\t29\t4.00\t")),
        # the narrative states 收、支总计均为 218.56 (line 280): NA-01 sees the new 收入总计 too
        (("FA-03", "收入总计 = 支出总计"), ("NA-01", "income_total (line 280)")),
    ),
    Mutation(
        "FA-04 政府性基金收入",
        DOC_002,
        ((72, "收入\t2\t0.00", "收入\t2\t1.00"),),
        (("FA-04", "^收入支出决算总表: 本年收入合计"),),
    ),
    Mutation(
        "FA-05 外交支出",
        DOC_002,
        ((72, "外交支出\t33\t0.00", "外交支出\t33\t1.00"),),
        (("FA-05", "^收入支出决算总表: 本年支出合计"),),
    ),
    Mutation(
        "FA-06 收入决算表 上级补助收入",
        DOC_002,
        ((120, "\t1.83\t1.83\t0.00\t", "\t1.83\t1.83\t1.00\t"),),
        # one cell is in its row (FA-06) and in its column's hierarchy (FA-08)
        (("FA-06", "收入决算表: 2210201 住房公积金"), ("FA-08", "收入决算表: 22102 住房改革支出 [上级补助收入]")),
    ),
    Mutation(
        "FA-07 支出决算表 上缴上级支出",
        DOC_002,
        ((132, "\t37.04\t37.04\t0.00\t0.00", "\t37.04\t37.04\t0.00\t1.00"),),
        (
            ("FA-07", "支出决算表: 2010350 事业运行"),
            ("FA-08", "支出决算表: 20103 政府办公厅（室）及相关机构事务 [上缴上级支出]"),
        ),
    ),
    Mutation(
        "FA-08 支出决算表 基本/项目",
        DOC_002,
        ((131, "\t91.42\t29.19\t62.23", "\t91.42\t30.19\t61.23"),),
        (
            ("FA-08", "支出决算表: 20103 政府办公厅（室）及相关机构事务 [基本支出]"),
            ("FA-08", "支出决算表: 20103 政府办公厅（室）及相关机构事务 [项目支出]"),
        ),
    ),
    Mutation(
        "FA-09 总表类 vs 支出决算表",
        DOC_002,
        ((89, "住房保障支出\t50\t1.83", "住房保障支出\t50\t2.83"), (71, "\t32\t216.73", "\t32\t215.73")),
        (("FA-09", "支出决算表 221 住房保障支出"), ("FA-09", "支出决算表 201 ")),
    ),
    Mutation(
        "FA-10 财政拨款总表 资金来源列",
        DOC_002,
        ((146, "外交支出\t34\t0.00\t", "外交支出\t34\t1.00\t"),),
        # the 合计 column of the 类 rows also adds up to 本年支出合计 (FA-05 on this table)
        (("FA-10", "二、外交支出 合计 = Σ 资金来源"), ("FA-05", "财政拨款收入支出决算总表 [支出/合计]")),
    ),
    Mutation(
        "FA-11 一般公共预算支出表 行",
        DOC_002,
        ((192, "\t37.04\t37.04\t0.00", "\t37.04\t37.04\t1.00"),),
        (
            ("FA-11", "一般公共预算财政拨款支出决算表: 2010350 事业运行"),
            ("FA-08", "一般公共预算财政拨款支出决算表: 20103 政府办公厅（室）及相关机构事务 [本年支出/项目支出]"),
        ),
    ),
    Mutation(
        "FA-12 办公费", DOC_002, ((207, "办公费\t2.17", "办公费\t3.17"),), (("FA-12", "302 商品和服务支出 = Σ 款"),)
    ),
    Mutation(
        "FA-13 三公 年初预算",
        DOC_001,
        ((183, "1 2.40 2.40 0.70", "1 2.50 2.40 0.70"),),
        (("FA-13", "[budget_initial]: 合计"),),
    ),
    Mutation(
        "FA-14 公务接待费 above 三公",
        DOC_002,
        (
            (271, "", THREE_PUBLIC_ROW),
            (222, "公务接待费\t0.00", "公务接待费\t0.50"),
            (207, "办公费\t2.17", "办公费\t1.67"),
        ),
        (("FA-14", "30217 公务接待费"),),
    ),
    Mutation(
        "FA-15 一般公共预算 年初结转",
        DOC_002,
        ((173, "一般公共预算财政拨款\t29\t3.00", "一般公共预算财政拨款\t29\t4.00"),),
        (("FA-15", "一般公共预算财政拨款: 年初结转和结余"),),
    ),
    Mutation(
        "NA-01 政府性基金收入",
        DOC_002,
        ((294, "政府性基金预算财政拨款收入 0 万元", "政府性基金预算财政拨款收入 1 万元"),),
        (("NA-01", "government_fund_income (line 294)"),),
    ),
    Mutation(
        "NA-02 其他收入",
        DOC_001,
        ((297, "他收入0.47万元", "他收入0.57万元"),),
        (("NA-02", "current_income (line 287)"),),
    ),
    Mutation(
        "NA-02 其他收入 below a complete list",
        DOC_001,
        ((297, "他收入0.47万元", "他收入0.37万元"),),
        (("NA-02", "current_income (line 287)"),),
    ),
    Mutation(
        "NA-02 类 listed after 其中 beyond the whole",
        DOC_001,
        ((333, "决算数为1707.45万元", "决算数为4707.45万元"),),
        (("NA-02", "fiscal_final (line 327) ≥"),),
    ),
    Mutation(
        "NA-03 基本支出占比",
        DOC_000,
        ((64, "占 52.3 %", "占 53.3 %"),),
        (("NA-03", "basic_expenditure 本年支出 占比"),),
    ),
    Mutation("NA-04 社保完成率", DOC_000, ((84, "113.38 %", "114.38 %"),), (("NA-04", "社会保障和就业 完成率"),)),
    Mutation(
        "NA-05 工资福利下降", DOC_000, ((110, "下降 15.7 %", "下降 16.7 %"),), (("NA-05", "wages_benefits 增减率"),)
    ),
    Mutation(
        "NA-06 运行维护费 增加->减少",
        DOC_000,
        ((180, "数较全年预算数增加的", "数较全年预算数减少的"),),
        (("NA-06", "three_public_vehicle_operation 决算与预算比较"),),
    ),
    Mutation(
        "PE-01 满意度得分超分值",
        DOC_002,
        ((426, "\t满意\t满意\t5\t", "\t满意\t满意\t6\t"), (425, "\t业务服务质量提升\t5\t", "\t业务服务质量提升\t4\t")),
        (("PE-01", "#2 购买服务岗位经费 / 10 服务对象满意"),),
    ),
    Mutation("PE-02 总得分", DOC_004, ((162, "\t100\t96", "\t100\t97"),), (("PE-02", "Σ 指标得分 = 总得分"),)),
    Mutation(
        "PE-03 资金投入分值", DOC_004, ((149, "资金投入\t7\t", "资金投入\t8\t"),), (("PE-03", "2级指标 资金投入 分值"),)
    ),
    Mutation("PE-03 merged 决策 weight", DOC_000, ((943, "40", "41"),), (("PE-03", "1级指标 决策"),)),
    Mutation(
        "PE-04 执行率",
        DOC_001,
        ((1574, "10 62.9% 6.29", "10 72.9% 6.29"),),
        (
            ("PE-04", "#19 景德镇市政务服务代办中心运转经费: 执行率"),
            ("PE-04", "#19 景德镇市政务服务代办中心运转经费: 预算执行得分"),
        ),
    ),
    Mutation(
        "PE-05 分数区间",
        DOC_004,
        ((164, "100-90 (含) 分为优、90-80 (含) 分为良", "100-97 (含) 分为优、97-80 (含) 分为良"),),
        (("PE-05", "#2 12345市民热线服务经费: 等级"),),
    ),
    Mutation(
        "PE-06 1000%",
        DOC_002,
        ((474, "提高办公室工作效率\t100%\t100%", "提高办公室工作效率\t100%\t1000%"),),
        (("PE-06", "提高办公室工作效率"),),
    ),
    Mutation("DOC-01 附表年度", DOC_003, ((50, "信访局2025年度", "信访局2023年度"),), (("DOC-01", "line 50:"),)),
    Mutation(
        "DOC-02 公开08 removed",
        DOC_002,
        tuple((n, None, "") for n in range(251, 263)),
        (("DOC-02", "公开表: 国有资本经营预算财政拨款收入支出决算表"),),
    ),
    Mutation("DOC-03 placeholder", DOC_004, ((130, "单位刚刚成立", "XX单位刚刚成立"),), (("DOC-03", "line 130:"),)),
    Mutation(
        "BU-01 支出合计",
        BU_CPPCC,
        ((27, "支出合计\t\t\t10150.48", "支出合计\t\t\t10151.48"),),
        # 支出合计 is also 当年支出小计 + 结转下年 (BU-03)
        (
            ("BU-01", "收支预算总表: 收入合计 [收入/金额] = 支出合计"),
            ("BU-03", "收支预算总表: 支出合计 [支出/支出用途/金额] = 当年支出小计"),
            ("BU-03", "收支预算总表: 支出合计 [支出/支出用途/金额] = 一、基本支出"),
        ),
    ),
    Mutation(
        "BU-02 其他资金",
        BU_CPPCC,
        ((9, "三、其他资金\t80.00", "三、其他资金\t81.00"),),
        # 其他资金 is a source of 当年收入小计 and of 收入合计 (with 上年结转)
        (
            ("BU-02", "收支预算总表: 当年收入小计 [收入/金额] = 一、财政拨款 + 三、其他资金"),
            ("BU-02", "收支预算总表: 收入合计 [收入/金额] = 一、财政拨款 + 三、其他资金"),
        ),
    ),
    Mutation(
        "BU-03 单位预留机动经费",
        BU_CPPCC,
        ((7, "三、单位预留机动经费\t1157.63", "三、单位预留机动经费\t1158.63"),),
        # 支出合计 is Σ 支出用途 too (with 结转下年)
        (
            ("BU-03", "收支预算总表: 当年支出小计 [支出/支出用途/金额] = 一、基本支出"),
            ("BU-03", "收支预算总表: 支出合计 [支出/支出用途/金额] = 一、基本支出"),
        ),
    ),
    Mutation(
        "BU-04 支出预算总表 基本支出",
        BU_CPPCC,
        ((47, "10150.48\t5678.17", "10150.48\t5679.17"),),
        (("BU-04", "支出预算总表:  [合计]"),),
    ),
    Mutation(
        "BU-04 基本支出表 人员经费",
        BU_WELFARE,
        ((165, "基本工资\t758448\t758448", "基本工资\t758448\t758458"),),
        # the cell is in its row (BU-04) and in its column's hierarchy (BU-05)
        (
            ("BU-04", "一般公共预算基本支出表: 30101 基本工资 [一般公共预算基本支出/合计]"),
            ("BU-05", "一般公共预算基本支出表: 301 工资福利支出 [一般公共预算基本支出/人员经费]"),
        ),
    ),
    Mutation(
        "BU-05 津贴补贴",
        BU_CPPCC,
        ((129, "30102\t津贴补贴\t1863.72", "30102\t津贴补贴\t1864.72"),),
        (("BU-05", "一般公共预算基本支出表: 301 工资福利支出 [金额]"),),
    ),
    Mutation(
        "BU-06 收入总计",
        BU_CPPCC,
        ((30, "收入总计\t\t10150.48", "收入总计\t\t10151.48"),),
        (("BU-06", "收入预算总表: 收入总计 [金额] = 收入合计"),),
    ),
    Mutation(
        "BU-07 财政拨款 项目支出",
        BU_CPPCC,
        ((53, "二、项目支出\t3314.68", "二、项目支出\t3315.68"),),
        (("BU-07", "财政拨款收支预算总表: 支出合计 [支出/支出用途/金额] = 一、基本支出"),),
    ),
    Mutation(
        "BU-08 公务接待费",
        BU_CPPCC,
        ((159, "\t412.50\t", "\t413.50\t"),),
        (("BU-08", "一般公共预算“三公”经费支出表: 合计 [三公经费/小计] = 因公出国（境）费"),),
    ),
    Mutation(
        "BU-09 政府性基金预算支出表 removed",
        BU_CPPCC,
        tuple((n, None, "") for n in range(160, 164)),
        (("BU-09", "标准表: 政府性基金预算支出表"),),
    ),
)


def mutate(source: Path, edits, target: Path) -> None:
    lines = source.read_text(encoding="utf-8").split("\n")
    for line_no, printed, replacement in edits:
        text = lines[line_no - 1]
        if printed is None:  # the whole line goes
            lines[line_no - 1] = replacement
            continue
        assert printed in text or (printed == "" and text.strip() == ""), f"{source.name} line {line_no}: {text!r}"
        lines[line_no - 1] = text.replace(printed, replacement, 1) if printed else replacement
    target.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="session")
def checked(tmp_path_factory) -> tuple[pd.DataFrame, dict[str, str]]:
    """The checks of every sample and every mutated copy; and each copy's document_id."""
    raw = tmp_path_factory.mktemp("mutations")
    for document in {*SAMPLES.iterdir(), *(m.source for m in MUTATIONS)}:
        shutil.copy(document, raw / document.name)
    ids = {}
    for n, mutation in enumerate(MUTATIONS):
        copy = raw / f"m{n:02d}_{mutation.source.name}"
        mutate(mutation.source, mutation.edits, copy)
        ids[mutation.name] = document_id_for(copy.read_bytes())
    rows: dict[str, list[tuple]] = {}
    for path in sorted(raw.iterdir()):
        for table, table_rows in rows_by_table(process_document(path)).items():
            rows.setdefault(table, []).extend(table_rows)
    db = raw.parent / f"{raw.name}.duckdb"
    write_raw(db, rows)
    con = duckdb.connect(str(db))
    try:
        checks = compute_checks(con)
    finally:
        con.close()
    return checks, ids


def _failing(checks: pd.DataFrame, document_id: str) -> set[tuple[str, str]]:
    rows = checks[(checks["document_id"] == document_id) & (checks["excess"].astype(float) > 0)]
    return set(zip(rows["rule_id"], rows["subject"], strict=True))


def _names(subject: str, part: str) -> bool:
    return subject.startswith(part[1:]) if part.startswith("^") else part in subject


def _matching(rows: set[tuple[str, str]], rule_id: str, part: str) -> list[tuple[str, str]]:
    return [(r, s) for r, s in rows if r == rule_id and _names(s, part)]


def test_every_rule_has_a_mutation():
    assert {m.target[0] for m in MUTATIONS} == {rule.rule_id for rule in RULES}


def mutation_problems(checks: pd.DataFrame, ids: dict[str, str], mutation: Mutation) -> list[str]:
    """What is wrong with the checks of a mutated copy: the expected rule must check it, pass on the same
    subject in the unchanged document and fail on the mutated one, and nothing else may newly fail."""
    original = document_id_for(mutation.source.read_bytes())
    rule_id, part = mutation.target
    base_rows = checks[(checks["document_id"] == original) & (checks["rule_id"] == rule_id)]
    mutated_rows = checks[(checks["document_id"] == ids[mutation.name]) & (checks["rule_id"] == rule_id)]
    if mutated_rows.empty:
        return [f"{rule_id} returns no row for {mutation.document} as mutated"]
    problems = []
    if rule_id != "DOC-03" and not (base_rows.empty and rule_id == "FA-14"):
        # the unchanged document passes on the subject the mutation breaks (FA-14: 002 prints no 三公 row;
        # test_fa14_checks_a_published_document shows it on a real one)
        base = base_rows[[_names(subject, part) for subject in base_rows["subject"]]]
        if len(base) != 1:
            problems.append(f"{rule_id} {part!r} not checked once in {mutation.document}: {list(base_rows['subject'])}")
        elif float(base["excess"].iloc[0]) > 0:
            problems.append(f"the unchanged document fails: {base.iloc[0].to_dict()}")
    new = _failing(checks, ids[mutation.name]) - _failing(checks, original)
    for expected_rule, expected_part in mutation.expected:
        if len(_matching(new, expected_rule, expected_part)) != 1:
            problems.append(f"{expected_rule} {expected_part!r} does not newly fail once: {sorted(new)}")
    unexpected = {row for row in new if not any(_matching({row}, r, p) for r, p in mutation.expected)}
    if unexpected:
        problems.append(f"{mutation.name} also broke {sorted(unexpected)}")
    return problems


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_mutation_fails_exactly_the_expected_rule(checked, mutation: Mutation):
    checks, ids = checked
    assert mutation_problems(checks, ids, mutation) == []


def switched_off(checks: pd.DataFrame, rule_id: str, how: str) -> pd.DataFrame:
    """The checks as they would be with one rule broken: its query returning no row, or every row passing."""
    if how == "returns no rows":
        return checks[checks["rule_id"] != rule_id]
    broken = checks.copy()
    broken.loc[broken["rule_id"] == rule_id, "excess"] = 0.0
    return broken


@pytest.mark.parametrize("how", ["returns no rows", "always passes"])
@pytest.mark.parametrize("rule_id", [rule.rule_id for rule in RULES])
def test_a_rule_switched_off_fails_its_mutation_test(checked, rule_id: str, how: str):
    """Every rule fires on some fixture: were it switched off, test_mutation_fails_exactly_the_expected_rule
    would fail (not skip) for each of its mutations."""
    checks, ids = checked
    broken = switched_off(checks, rule_id, how)
    own = [m for m in MUTATIONS if m.target[0] == rule_id]
    assert own
    for mutation in own:
        assert mutation_problems(broken, ids, mutation), f"{mutation.name} would not notice {rule_id} {how}"


def test_fa14_checks_a_published_document(tmp_path):
    """putuo_planning_resources_2024.pdf prints the 基本支出 economic items (p.16) and the “三公” table (p.17):
    each item is within its “三公” final figure, 30217 公务接待费 0.39 万元 exactly."""
    db = tmp_path / "checked.duckdb"
    write_raw(db, rows_by_table(parsed_corpus("pdf", "putuo_planning_resources_2024.pdf")))
    con = duckdb.connect(str(db))
    try:
        checks = compute_checks(con)
    finally:
        con.close()
    fa14 = checks[checks["rule_id"] == "FA-14"].set_index("subject")
    assert len(fa14) == 4 and (fa14["excess"].astype(float) <= 0).all()
    reception = fa14.loc["30217 公务接待费 ≤ “三公” 公务接待费"]
    assert (reception["lhs_value"], reception["rhs_value"]) == (3900, 3900)
    assert "p.16" in reception["source_ref"] and "p.17" in reception["source_ref"]


def test_subjects_are_unique_per_document_and_rule(checked):
    checks, _ = checked
    assert not checks.duplicated(["document_id", "rule_id", "subject"]).any()


def test_every_check_has_both_sides_a_tolerance_and_a_source(checked):
    checks, _ = checked
    assert checks["excess"].notna().all()
    assert checks["source_ref"].str.len().gt(0).all()
    money = checks[checks["rule_id"].str.startswith("FA") & ~checks["subject"].str.contains("no negative")]
    assert money["lhs_value"].notna().all() and money["rhs_value"].notna().all()
    assert (money["tolerance"].astype(float) > 0).all()


def test_fa13_names_the_same_cell_whatever_order_the_rows_were_landed_in(tmp_path):
    """The 三公 columns of putuo_planning_resources_2024.pdf (p.17, line 7) hold 0 in several cells:
    "no negative amount" names the first of them by source_ref, whichever was landed first."""
    rows = rows_by_table(parsed_corpus("pdf", "putuo_planning_resources_2024.pdf"))
    named = []
    for order in (1, -1):
        db = tmp_path / f"landed_{order}.duckdb"
        write_raw(db, {**rows, "fa_values": rows["fa_values"][::order]})
        con = duckdb.connect(str(db))
        try:
            checks = compute_checks(con)
        finally:
            con.close()
        signs = checks[(checks["rule_id"] == "FA-13") & checks["subject"].str.endswith("no negative amount")]
        named.append(dict(zip(signs["subject"], signs["source_ref"], strict=True)))
    assert named[0] == named[1] and len(named[0]) == 2
    assert set(named[0].values()) == {
        "putuo_planning_resources_2024.pdf | p.17 | line 7 | 财政拨款三公经费支出决算表 | 公务用车购置及运行维护费"
    }
