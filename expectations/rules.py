"""The identity catalog (../shared/spec/identities.md) as data: id, family, severity and wording.

Each rule is stated as one SQL query in ``expectations/sql/<rule id>.sql`` over the candidate
warehouse (raw tables through the temporary views of ``sql/_views.sql``). A query returns one row
per subject checked, with these columns:

    document_id, subject, lhs_value, rhs_value, tolerance, kind, source_ref [, message] [, excess]

``kind`` says how the two sides compare: ``eq`` (|lhs − rhs| ≤ tolerance), ``le`` (lhs ≤ rhs +
tolerance), ``ge`` (lhs ≥ rhs − tolerance), or ``given`` (the query computes ``excess`` itself;
a check holds when excess ≤ 0). Money is compared in yuan; tolerance is the sum over every printed
figure involved of half a unit of its last printed decimal. The rules on the document's text
(DOC-01 headings, DOC-03 template text) read the checks ingest made as it read the text
(``raw.text_checks``, ingest/parsers/text_checks.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SQL_DIR = Path(__file__).with_name("sql")


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: str  # error / warn
    title: str

    @property
    def family(self) -> str:
        return self.rule_id.split("-")[0]

    @property
    def sql_path(self) -> Path:
        return SQL_DIR / f"{self.rule_id}.sql"

    def sql(self) -> str | None:
        return self.sql_path.read_text(encoding="utf-8") if self.sql_path.exists() else None


RULES: tuple[Rule, ...] = (
    Rule("FA-01", "error", "收入支出决算总表: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余"),
    Rule("FA-02", "error", "收入支出决算总表: 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余"),
    Rule("FA-03", "error", "收入支出决算总表: 收入总计 = 支出总计"),
    Rule("FA-04", "error", "本年收入合计 = Σ 收入来源"),
    Rule("FA-05", "error", "本年支出合计 = Σ 支出功能分类 类"),
    Rule("FA-06", "error", "收入决算表 每行: 本年收入合计 = Σ 收入来源列"),
    Rule("FA-07", "error", "支出决算表 每行: 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助"),
    Rule("FA-08", "error", "功能分类表: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类"),
    Rule("FA-09", "error", "跨表: 收入决算表/支出决算表 合计与各类 = 收入支出决算总表"),
    Rule("FA-10", "error", "财政拨款收入支出决算总表: 总计与资金来源列"),
    Rule("FA-11", "error", "一般公共预算财政拨款支出决算表: 合计 = 基本 + 项目; 合计 = 财政拨款总表一般公共预算列"),
    Rule("FA-12", "error", "基本支出决算表: 人员经费 + 公用经费 = 基本支出; 类 = Σ 款"),
    Rule("FA-13", "error", "“三公”经费表: 合计 = Σ 各项; 公务用车 = 购置 + 运行维护; 无负数"),
    Rule("FA-14", "error", "基本支出经济科目 ≤ “三公”决算数"),
    Rule("FA-15", "error", "财政拨款各资金来源: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余"),
    Rule("BU-01", "error", "收支预算总表: 收入合计 = 支出合计"),
    Rule(
        "BU-02",
        "error",
        "收支预算总表: 收入合计 = 当年收入小计 + 上年结转; 当年收入小计 = Σ 收入来源; 财政拨款 = Σ 资金",
    ),
    Rule("BU-03", "error", "收支预算总表: 支出合计 = 当年支出小计 + 结转下年; 当年支出小计 = Σ 类 = Σ 支出用途"),
    Rule("BU-04", "error", "预算表 每行: 合计 = Σ 分列 (收入来源; 基本 + 项目; 人员经费 + 公用经费)"),
    Rule("BU-05", "error", "功能分类/经济分类预算表: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项"),
    Rule("BU-06", "error", "跨表: 支出/收入预算表、一般公共预算支出表、基本支出表、财政拨款支出预算表的合计与各类"),
    Rule("BU-07", "error", "财政拨款收支预算总表: 收入合计 = Σ 资金 = 支出合计 = Σ 类; 每行 合计 = Σ 资金列"),
    Rule("BU-08", "error", "“三公”经费预算表: 合计 = Σ 各项; 公务用车 = 购置 + 运行; 无负数"),
    Rule("BU-09", "warn", "部门预算各标准表齐全或无数据"),
    Rule("NA-01", "warn", "情况说明数字 = 决算表同一数字"),
    Rule("NA-02", "warn", "情况说明所列构成之和 = 总数; “其中”所列的类之和 ≤ 总数"),
    Rule("NA-03", "warn", "占比 = 部分 / 总数"),
    Rule("NA-04", "warn", "完成年初预算的 X% = 决算数 / 年初预算数"),
    Rule("NA-05", "warn", "较上年增减 A, 增减 B%: B = A / (本年 − A)"),
    Rule("NA-06", "warn", "大于/小于/持平、增加/减少的表述与所比较的两个数一致"),
    Rule("PE-01", "error", "每个指标: 0 ≤ 得分 ≤ 分值"),
    Rule("PE-02", "error", "Σ 指标分值 = 总分值, Σ 得分 = 总得分"),
    Rule("PE-03", "error", "一级/二级指标小计 = Σ 其下指标"),
    Rule("PE-04", "warn", "执行率 = 执行数 / 预算数; 预算执行得分与执行率相符"),
    Rule("PE-05", "warn", "等级与文件所列分数区间相符"),
    Rule("PE-06", "warn", "比率类指标的百分数在 0–100% 之间"),
    Rule("DOC-01", "warn", "标题、章节与表格的年度一致"),
    Rule("DOC-02", "warn", "部门决算各标准表齐全或说明为空"),
    Rule("DOC-03", "warn", "无未填写的模板文字"),
)

RULES_BY_ID = {rule.rule_id: rule for rule in RULES}
FAMILIES = tuple(dict.fromkeys(rule.family for rule in RULES))  # FA, BU, NA, PE, DOC: one suite each
