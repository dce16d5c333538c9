"""Compose the printed document (cover, 目录, 概况, tables 公开01–09, 情况说明) from data and layout."""

from __future__ import annotations

from decimal import Decimal

from docgen import reference
from docgen.catalogue import Layout
from docgen.document import Cell, Grid, PageBreak, Printed, Text
from docgen.model import FinalAccounts, FunctionRow
from docgen.text_forms import fullwidth, kangxi, spaced

CHINESE_NUMBERS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
]
# 收入支出决算总表 and 财政拨款收入支出决算总表 list these 类, in this order (national template)
SUMMARY_CATEGORIES = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"),
    ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"), ("234", "抗疫特别国债安排的支出"),
)  # fmt: skip
TABLE_TITLES = {
    "01": "收入支出决算总表",
    "02": "收入决算表",
    "03": "支出决算表",
    "04": "财政拨款收入支出决算总表",
    "05": "一般公共预算财政拨款支出决算表",
    "06": "一般公共预算财政拨款基本支出决算表",
    "07": "财政拨款“三公”经费支出决算表",
    "08": "政府性基金预算财政拨款收入支出决算表",
    "09": "国有资本经营预算财政拨款收入支出决算表",
}
NOTES = {
    "01": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "02": "注：本表反映部门本年度取得的各项收入情况。",
    "03": "注：本表反映部门本年度各项支出情况。",
    "04": "注：本表反映部门本年度财政拨款总收支和结转结余情况。",
    "05": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    "06": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "07": "注：本表反映部门本年度“三公”经费支出预决算情况。",
    "08": "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
    "09": "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。",
}
FUND_NAMES = {"gf": "政府性基金预算财政拨款", "sc": "国有资本经营预算财政拨款"}


class Printer:
    """Formats amounts and labels the way the layout prints them."""

    def __init__(self, layout: Layout):
        self.layout = layout

    def amount(self, cents: int | None) -> Cell:
        return Cell(self.figure(cents), align="right", amount=True)

    def figure(self, cents: int | None) -> str:
        if cents is None:
            return ""
        if cents == 0:
            text = {"blank": "", "zero": "0.00", "dash": "-"}[self.layout.zero_style]
        else:
            value = Decimal(cents) / (Decimal(1_000_000) if self.layout.unit == "wan" else Decimal(100))
            text = f"{value:,.2f}" if self.layout.thousands == "separators" else f"{value:.2f}"
        return fullwidth(text) if self.layout.text_quirk == "fullwidth_digits" else text

    def code(self, code: str) -> str:
        return fullwidth(code) if self.layout.text_quirk == "fullwidth_digits" else code

    def label(self, text: str) -> str:
        """Row labels and headers: Kangxi radicals or spaced characters where the layout says."""
        if self.layout.text_quirk == "kangxi":
            return kangxi(text)
        return text

    def name(self, text: str) -> str:
        if self.layout.text_quirk == "spaced_names":
            return spaced(text)
        return self.label(text)

    def unit_text(self) -> str:
        return f"单位：{self.layout.unit_label}"


def compose(data: FinalAccounts, layout: Layout) -> Printed:
    p = Printer(layout)
    dept, year = data.department.name, data.fiscal_year
    printed = Printed(title=f"{dept}{year}年度部门决算", year=year, department=dept)
    add = printed.blocks.append
    # cover
    if layout.cover == "one_line":
        add(Text(p.label(f"{dept}{year}年度部门决算"), "cover", "center"))
    else:
        add(Text(p.label(dept), "cover", "center"))
        add(Text(p.code(str(year)), "cover", "center"))
        add(Text(p.label("年度部门决算"), "cover", "center"))
    add(PageBreak())
    add(Text("目  录", "title", "center"))
    for line in toc_lines(dept, year):
        add(Text(p.label(line), "toc"))
    add(PageBreak())
    add(Text(p.label(f"第一部分 {dept}概况"), "heading", "center"))
    add(Text(p.label("一、主要职能"), "subheading"))
    add(Text(p.label(f"{dept}主要负责本行政区域内{data.department.short_name}相关工作的组织实施和管理服务。")))
    add(Text(p.label("二、部门决算单位构成"), "subheading"))
    add(Text(p.label(f"纳入{dept}{year}年度部门决算编制范围的单位包括：")))
    add(units_grid(data, p))
    for key, builder in TABLE_BUILDERS:
        grid = builder(data, p)
        grid.title = p.label(TABLE_TITLES[key])
        grid.note = p.label(NOTES[key])
        grid.unit_text = p.unit_text()
        grid.unit_position = layout.unit_position
        grid.repeat_header = layout.continuation != "no_header"
        grid.wide = grid.wide and layout.orientation == "template"
        if layout.text_quirk == "wrapped_names":
            narrow_names(grid)
        add(PageBreak(landscape=grid.wide))
        if key == "01":
            add(Text(p.label(f"{dept}{year}年度部门决算表"), "title", "center"))
        add(grid)
    add(PageBreak())
    for block in narrative(data, p):
        add(block)
    return printed


def toc_lines(dept: str, year: int) -> list[str]:
    lines = [f"第一部分 {dept}概况", "一、主要职能", "二、部门决算单位构成", f"第二部分 {dept}{year}年度部门决算表"]
    lines += [f"{CHINESE_NUMBERS[i]}、{TABLE_TITLES[k]}" for i, k in enumerate(sorted(TABLE_TITLES))]
    lines += [f"第三部分 {dept}{year}年度部门决算情况说明"]
    return lines


def units_grid(data: FinalAccounts, p: Printer) -> Grid:
    header = [[Cell("序号", align="center"), Cell("单位名称", align="center"), Cell("备注", align="center")]]
    body = [
        [Cell(str(i), align="center"), Cell(p.label(name)), Cell("")] for i, name in enumerate(data.department.units, 1)
    ]
    return Grid("units", "", header, body, 3, [0.6, 4, 1.4])


# ---- function-keyed tables ---------------------------------------------------------------------


def lead_columns(layout: Layout) -> tuple[int, list[float]]:
    return {
        "one_column": (2, [1.1, 3.0]),
        "split_columns": (4, [0.45, 0.45, 0.45, 3.0]),
        "code_in_name": (1, [3.6]),
        "names_indented": (1, [3.4]),
    }[layout.code_layout]


def lead_header(layout: Layout, depth: int) -> list[list[Cell]]:
    """The 项目 header over the code/name columns, `depth` rows deep (amount headers beside it)."""
    rows: list[list[Cell]] = [[] for _ in range(depth)]
    if layout.code_layout == "one_column":
        rows[0].append(Cell("项目", colspan=2, align="center"))
        rows[1].append(Cell("功能分类科目编码", rowspan=depth - 1, align="center"))
        rows[1].append(Cell("科目名称", rowspan=depth - 1, align="center"))
    elif layout.code_layout == "split_columns":
        rows[0].append(Cell("项目", colspan=4, align="center"))
        if depth == 2:
            rows[1] += [Cell(t, align="center") for t in ("类", "款", "项", "科目名称")]
        else:
            rows[1].append(Cell("功能分类科目编码", colspan=3, align="center"))
            rows[1].append(Cell("科目名称", rowspan=depth - 1, align="center"))
            rows[2] += [Cell(t, rowspan=depth - 2, align="center") for t in ("类", "款", "项")]
    else:
        rows[0].append(Cell("项目", rowspan=depth, align="center"))
    return rows


def lead_cells(row: FunctionRow, p: Printer) -> list[Cell]:
    layout = p.layout
    if row.level == 0:
        n, _ = lead_columns(layout)
        return [Cell(p.label("合计"), colspan=n, align="center")]
    name = p.name(row.name)
    if layout.code_layout == "one_column":
        return [Cell(p.code(row.code)), Cell(name)]
    if layout.code_layout == "split_columns":
        parts = ["", "", ""]
        parts[row.level - 1] = p.code(row.code[{1: 0, 2: 3, 3: 5}[row.level] :])
        return [Cell(part, align="center") for part in parts] + [Cell(name)]
    if layout.code_layout == "code_in_name":
        return [Cell(f"{p.code(row.code)} {name}")]
    return [Cell("\u3000\u3000" * (row.level - 1) + name)]


def function_grid(
    key: str, rows: list[FunctionRow], columns: list[tuple[str, str]], p: Printer, total_last: bool
) -> Grid:
    n, widths = lead_columns(p.layout)
    depth = 3 if p.layout.code_layout == "split_columns" else 2
    header = lead_header(p.layout, depth)
    for label, _ in columns:
        header[0].append(Cell(p.label(label), rowspan=depth, align="center"))
    ordered = rows[1:] + rows[:1] if total_last else rows
    body = [lead_cells(row, p) + [p.amount(row.get(k)) for _, k in columns] for row in ordered]
    return Grid(key, "", header, body, n + len(columns), widths + [1.0] * len(columns))


def income_table(data: FinalAccounts, p: Printer) -> Grid:
    columns = [
        ("本年收入合计", "inc_total"),
        ("财政拨款收入", "inc_fiscal"),
        ("上级补助收入", "inc_superior"),
        ("事业收入", "inc_business"),
        ("经营收入", "inc_operating"),
        ("附属单位上缴收入", "inc_affiliated"),
        ("其他收入", "inc_other"),
    ]
    grid = function_grid("02", data.income_rows(), columns, p, total_last=False)
    grid.wide = True
    return grid


def expenditure_table(data: FinalAccounts, p: Printer) -> Grid:
    columns = [
        ("本年支出合计", "exp_total"),
        ("基本支出", "exp_basic"),
        ("项目支出", "exp_project"),
        ("上缴上级支出", "exp_remit"),
        ("经营支出", "exp_operating"),
        ("对附属单位补助支出", "exp_affiliated"),
    ]
    grid = function_grid("03", data.expenditure_rows(), columns, p, total_last=False)
    grid.wide = True
    return grid


def general_budget_table(data: FinalAccounts, p: Printer) -> Grid:
    columns = [("合计", "gpb_total"), ("基本支出", "gpb_basic"), ("项目支出", "gpb_project")]
    return function_grid("05", data.general_budget_rows(), columns, p, total_last=True)


def fund_table(fund: str, key: str):
    def build(data: FinalAccounts, p: Printer) -> Grid:
        rows = data.fund_rows(fund)
        n, widths = lead_columns(p.layout)
        depth = 3 if p.layout.code_layout == "split_columns" else 2
        header = lead_header(p.layout, depth)
        header[0] += [
            Cell(p.label("年初结转和结余"), rowspan=depth, align="center"),
            Cell(p.label("本年收入"), rowspan=depth, align="center"),
            Cell(p.label("本年支出"), colspan=3, align="center"),
            Cell(p.label("年末结转和结余"), rowspan=depth, align="center"),
        ]
        header[1] += [Cell(p.label(t), rowspan=depth - 1, align="center") for t in ("小计", "基本支出", "项目支出")]
        keys = [f"{fund}_begin", f"{fund}_income", f"{fund}_spent", f"{fund}_basic", f"{fund}_project", f"{fund}_end"]
        if rows:
            body = [lead_cells(row, p) + [p.amount(row.get(k)) for k in keys] for row in rows]
        else:
            total = FunctionRow("TOTAL", "合计", 0, {})
            body = [lead_cells(total, p) + [Cell("", align="right") for _ in keys]]
        grid = Grid(key, "", header, body, n + 6, widths + [1.0] * 6, wide=True)
        if not rows:
            grid.remark = p.label(f"说明：{data.department.name}本年度没有{FUND_NAMES[fund]}收入和支出，故本表无数据。")
        return grid

    return build


# ---- summary tables ----------------------------------------------------------------------------


def category_amounts(data: FinalAccounts, key: str) -> dict[str, int]:
    return {row.code: row.get(key) for row in data.expenditure_rows() if row.level == 1}


def summary_table(data: FinalAccounts, p: Printer) -> Grid:
    header = [
        [Cell(p.label("收入"), colspan=2, align="center"), Cell(p.label("支出"), colspan=2, align="center")],
        [Cell(p.label(t), align="center") for t in ("项目", "决算数", "项目", "决算数")],
    ]
    sources = data.income_by_source()
    income = [
        ("一、一般公共预算财政拨款收入", sources["gpb"]),
        ("二、政府性基金预算财政拨款收入", sources["gf"]),
        ("三、国有资本经营预算财政拨款收入", sources["sc"]),
        ("四、上级补助收入", sources["superior"]),
        ("五、事业收入", sources["business"]),
        ("六、经营收入", sources["operating"]),
        ("七、附属单位上缴收入", sources["affiliated"]),
        ("八、其他收入", sources["other"]),
    ]
    spent = category_amounts(data, "exp_total")
    body = []
    for i, (code, name) in enumerate(SUMMARY_CATEGORIES):
        left = [Cell(p.label(income[i][0])), p.amount(income[i][1])] if i < len(income) else [Cell(""), Cell("")]
        body.append(left + [Cell(p.label(f"{CHINESE_NUMBERS[i]}、{name}")), p.amount(spent.get(code, 0))])
    bottom = [
        ("本年收入合计", data.current_income(), "本年支出合计", data.current_expenditure()),
        ("使用非财政拨款结余", data.nonfiscal_balance_used, "结余分配", data.balance_distribution),
        ("年初结转和结余", data.carryover_begin(), "年末结转和结余", data.carryover_end()),
        ("总计", data.income_total(), "总计", data.income_total()),
    ]
    for left, lv, right, rv in bottom:
        align = "center" if left in ("本年收入合计", "总计") else "left"
        body.append([Cell(p.label(left), align=align), p.amount(lv), Cell(p.label(right), align=align), p.amount(rv)])
    return Grid("01", "", header, body, 4, [3.0, 1.2, 3.0, 1.2])


def fiscal_summary_table(data: FinalAccounts, p: Printer) -> Grid:
    header = [
        [Cell(p.label("收入"), colspan=2, align="center"), Cell(p.label("支出"), colspan=5, align="center")],
        [
            Cell(p.label(t), align="center")
            for t in (
                "项目",
                "决算数",
                "项目",
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            )
        ],
    ]
    funds = ("gpb", "gf", "sc")
    income = [
        ("一、一般公共预算财政拨款", data.fund_income("gpb")),
        ("二、政府性基金预算财政拨款", data.fund_income("gf")),
        ("三、国有资本经营预算财政拨款", data.fund_income("sc")),
    ]
    by_fund = {f: category_amounts(data, f"{f}_spent") for f in funds}
    body = []
    for i, (code, name) in enumerate(SUMMARY_CATEGORIES):
        left = [Cell(p.label(income[i][0])), p.amount(income[i][1])] if i < len(income) else [Cell(""), Cell("")]
        values = [by_fund[f].get(code, 0) for f in funds]
        right = [Cell(p.label(f"{CHINESE_NUMBERS[i]}、{name}"))] + [p.amount(v) for v in [sum(values), *values]]
        body.append(left + right)
    spent = [data.fund_spent(f) for f in funds]
    end = [data.fund_end(f) for f in funds]
    begin = [data.fund_begin(f) for f in funds]
    income_sum = sum(v for _, v in income)
    blank_right = [Cell("")] + [Cell("", align="right") for _ in range(4)]
    body.append(
        [
            Cell(p.label("本年收入合计"), align="center"),
            p.amount(income_sum),
            Cell(p.label("本年支出合计"), align="center"),
        ]
        + [p.amount(v) for v in [sum(spent), *spent]]
    )
    body.append(
        [Cell(p.label("年初财政拨款结转和结余")), p.amount(sum(begin)), Cell(p.label("年末财政拨款结转和结余"))]
        + [p.amount(v) for v in [sum(end), *end]]
    )
    for label, value in zip(
        ("一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"), begin, strict=True
    ):
        body.append([Cell(p.label(label)), p.amount(value)] + blank_right)
    totals = [s + e for s, e in zip(spent, end, strict=True)]
    body.append(
        [
            Cell(p.label("总计"), align="center"),
            p.amount(income_sum + sum(begin)),
            Cell(p.label("总计"), align="center"),
        ]
        + [p.amount(v) for v in [sum(totals), *totals]]
    )
    return Grid("04", "", header, body, 7, [2.6, 1.1, 2.6, 1.1, 1.1, 1.1, 1.1], wide=True)


# ---- 基本支出 by economic class ------------------------------------------------------------------

PAIR_GROUPS = {
    "list": (("301", "303", "302", "307", "309", "310", "399"),),
    "two_pairs": (("301", "303"), ("302", "307", "309", "310", "399")),
    "three_pairs": (("301", "303"), ("302",), ("307", "309", "310", "399")),
}


def economic_lines(data: FinalAccounts, class_code: str) -> list[tuple[str, str, int]]:
    """A 类 and its 款: the template's rows, the extended rows the layout adds, and any with an amount."""
    classes = reference.economic_classes()
    items = [
        code
        for code, e in classes.items()
        if len(code) == 5
        and code[:3] == class_code
        and (e.in_template or code in data.extra_economic_rows or code in data.economic)
    ]
    if not items:
        return []
    amount = sum(data.economic.get(code, 0) for code in items)
    return [(class_code, classes[class_code].name, amount)] + [
        (code, classes[code].name, data.economic.get(code, 0)) for code in items
    ]


def economic_table(data: FinalAccounts, p: Printer) -> Grid:
    groups = PAIR_GROUPS[p.layout.basic_layout]
    blocks = [[line for cls in group for line in economic_lines(data, cls)] for group in groups]
    height = max(len(b) for b in blocks)
    header = [[]]
    for _ in blocks:
        header[0] += [Cell(p.label(t), align="center") for t in ("经济分类科目编码", "科目名称", "决算数")]
    body = []
    for i in range(height):
        row = []
        for block in blocks:
            if i < len(block):
                code, name, amount = block[i]
                row += [Cell(p.code(code)), Cell(p.name(name)), p.amount(amount)]
            else:
                row += [Cell(""), Cell(""), Cell("", align="right")]
        body.append(row)
    personnel = data.economic_group_total("personnel")
    public = data.economic_group_total("public")
    footer = [
        Cell(p.label("人员经费合计"), colspan=2, align="center"),
        p.amount(personnel),
        Cell(p.label("公用经费合计"), colspan=2, align="center"),
        p.amount(public),
    ]
    if len(blocks) == 1:
        body.append(footer[:2])
        body.append(footer[2:])
    else:
        body.append(footer + [Cell(""), Cell(""), Cell("", align="right")] * (len(blocks) - 2))
    ncols = 3 * len(blocks)
    return Grid("06", "", header, body, ncols, [0.9, 2.4, 1.1] * len(blocks), wide=len(blocks) == 3)


# ---- "三公" --------------------------------------------------------------------------------------


def three_public_table(data: FinalAccounts, p: Printer) -> Grid:
    c = lambda t, cs=1, rs=1: Cell(p.label(t), colspan=cs, rowspan=rs, align="center")  # noqa: E731
    header = [
        [c("财政拨款“三公”经费", 12)],
        [c("合计", 2, 2), c("因公出国（境）费", 2, 2), c("公务用车购置及运行维护费", 6), c("公务接待费", 2, 2)],
        [c("小计", 2), c("公务用车购置费", 2), c("公务用车运行维护费", 2)],
        [c(t) for t in ("预算数", "决算数") * 6],
    ]
    tp = data.three_public
    vehicles = tuple(tp["vehicle_purchase"][i] + tp["vehicle_operation"][i] for i in (0, 1))
    pairs = [
        (data.three_public_total(0), data.three_public_total(1)),
        tp["abroad"],
        vehicles,
        tp["vehicle_purchase"],
        tp["vehicle_operation"],
        tp["reception"],
    ]
    body = [[p.amount(v) for pair in pairs for v in pair]]
    return Grid("07", "", header, body, 12, [1.0] * 12, wide=True)


TABLE_BUILDERS = (
    ("01", summary_table),
    ("02", income_table),
    ("03", expenditure_table),
    ("04", fiscal_summary_table),
    ("05", general_budget_table),
    ("06", economic_table),
    ("07", three_public_table),
    ("08", fund_table("gf", "08")),
    ("09", fund_table("sc", "09")),
)


def narrow_names(grid: Grid) -> None:
    """Squeeze the widest text column so long names wrap over two or three lines."""
    widest = max(range(grid.ncols), key=lambda i: grid.widths[i])
    grid.widths[widest] = max(1.0, grid.widths[widest] * 0.45)


# ---- 情况说明 --------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> str:
    return f"{Decimal(part * 100) / Decimal(whole):.2f}%" if whole else "0.00%"


def narrative(data: FinalAccounts, p: Printer) -> list:
    dept, year = data.department.name, data.fiscal_year
    unit = p.layout.unit_label
    f = lambda cents: p.figure(cents) or "0.00"  # noqa: E731
    blocks = [Text(p.label(f"第三部分 {dept}{year}年度部门决算情况说明"), "heading", "center")]
    total = data.income_total()
    blocks.append(Text(p.label("一、收入支出决算总体情况说明"), "subheading"))
    blocks.append(Text(p.label(f"{year}年度收入、支出总计均为{f(total)}{unit}。")))
    income, fiscal = data.current_income(), data.income_by_source()
    fiscal_income = fiscal["gpb"] + fiscal["gf"] + fiscal["sc"]
    blocks.append(Text(p.label("二、收入决算情况说明"), "subheading"))
    blocks.append(
        Text(
            p.label(
                f"本年收入合计{f(income)}{unit}，其中：财政拨款收入{f(fiscal_income)}{unit}，"
                f"占{_share(fiscal_income, income)}。"
            )
        )
    )
    spent = data.expenditure_rows()[0]
    blocks.append(Text(p.label("三、支出决算情况说明"), "subheading"))
    blocks.append(
        Text(
            p.label(
                f"本年支出合计{f(spent.get('exp_total'))}{unit}，其中：基本支出{f(spent.get('exp_basic'))}{unit}，"
                f"占{_share(spent.get('exp_basic'), spent.get('exp_total'))}；项目支出{f(spent.get('exp_project'))}{unit}，"
                f"占{_share(spent.get('exp_project'), spent.get('exp_total'))}。"
            )
        )
    )
    gpb = data.general_budget_rows()[0]
    blocks.append(Text(p.label("五、一般公共预算财政拨款支出决算情况说明"), "subheading"))
    blocks.append(Text(p.label(f"{dept}{year}年度一般公共预算财政拨款支出{f(gpb.get('gpb_total'))}{unit}。")))
    blocks.append(Text(p.label("六、一般公共预算财政拨款基本支出决算情况说明"), "subheading"))
    personnel, public = data.economic_group_total("personnel"), data.economic_group_total("public")
    blocks.append(
        Text(
            p.label(
                f"{dept}{year}年度一般公共预算财政拨款基本支出{f(personnel + public)}{unit}，其中：人员经费{f(personnel)}{unit}，"
                f"公用经费{f(public)}{unit}。"
            )
        )
    )
    blocks.append(Text(p.label("七、财政拨款“三公”经费支出决算情况说明"), "subheading"))
    final = data.three_public_total(1)
    if final:
        blocks.append(Text(p.label(f"{dept}{year}年度“三公”经费财政拨款支出决算为{f(final)}{unit}。")))
    else:
        blocks.append(Text(p.label(f"{dept}{year}年度无“三公”经费财政拨款支出。")))
    return blocks
