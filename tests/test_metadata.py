"""Document kind and identity: department, jurisdiction, province and fiscal year.

On the sample corpus, the web-published documents of corpus/more (other provinces' wording, one in
traditional characters) and real budget PDFs (Jiangsu provincial departments, Shanghai district
units), plus every entry of the vocabulary seeds the metadata reader uses.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import DOC_000, DOC_001, DOC_002, DOC_003, DOC_004, corpus_file, parsed, parsed_corpus

from ingest.layout.metadata import classify, find_department, find_title, read_metadata
from ingest.loading import load_document
from ingest.model import DocumentMeta, Line
from ingest.pipeline import process_document
from ingest.seeds import read_seed

# name -> (doc_type, department, jurisdiction, province, fiscal_year)
SAMPLES = {
    DOC_000: ("final_accounts", "景德镇市委信访局", "景德镇市", "江西省", 2022),
    DOC_001: ("final_accounts", "景德镇市人民政府行政服务中心管理委员会", "景德镇市", "江西省", 2022),
    DOC_002: ("final_accounts", "天门市12345公共服务热线中心", "天门市", "湖北省", 2022),
    DOC_003: ("performance_evaluation", "富民县信访局", "富民县", "云南省", 2025),
    DOC_004: ("performance_evaluation", "子洲县行政审批服务局", "子洲县", "陕西省", 2021),
}
MORE = {
    # 天水市幼兒園2017年度部門決算公開: traditional characters, read in simplified ones
    "gs_tianshui_kindergarten_2017_final_trad.txt": ("final_accounts", "天水市幼儿园", "天水市", "甘肃省", 2017),
    # "发文单位: | 鄂州市行政审批局 |", "( 2021 年度)" under the title, published 2022年11月04日
    "hb_ezhou_xzspj_2021_perf_selfeval_table.txt": (
        "performance_evaluation",
        "鄂州市行政审批局",
        "鄂州市",
        "湖北省",
        2021,
    ),
    # a breadcrumb above the title; "第一部分县招商服务中心概况" names the department without its county
    "hb_xiangyang_nanzhang_zsfwzx_2019_final.txt": (
        "final_accounts",
        "南漳县招商服务中心",
        "南漳县",
        "湖北省",
        2019,
    ),
    # "第二部分 2022年度单位决算情况说明": a 单位决算 is final accounts; the page names no unit
    "sc_unknown_unit_2022_final_narrative.txt": ("final_accounts", None, None, None, 2022),
    "sn_shangluo_zhashui_sjj_2020_final_toc.txt": ("final_accounts", "柞水县审计局", "柞水县", "陕西省", 2020),
}
BUDGETS = {
    # page 1 has no text layer: the department is read from the prose ("江苏省政协办公厅 2019 年度收入、支出预算总计")
    "js_cppcc_office_2019_budget.pdf": ("budget", "江苏省政协办公厅", "江苏省", "江苏省", 2019),
    "js_cppcc_office_2019_budget_tables.pdf": ("budget", "江苏省政协办公厅", "江苏省", "江苏省", 2019),
    # the title split over two lines: "2018 年度江苏省高级" / "人民法院预算公开", then "2018 年 2 月 24 日"
    "js_high_court_2018_budget.pdf": ("budget", "江苏省高级人民法院", "江苏省", "江苏省", 2018),
    # "上海市普陀区2024年区级部门预算" / "预算主管部门：上海市普陀区人民政府万里街道办事处"; 2023 is printed more often
    "sh_putuo_wanli_street_2024_budget.pdf": (
        "budget",
        "上海市普陀区人民政府万里街道办事处",
        "普陀区",
        "上海市",
        2024,
    ),
    "sh_putuo_welfare_home_2024_unit_budget.pdf": ("budget", "上海市普陀区社会福利院", "普陀区", "上海市", 2024),
}


def identity(meta: DocumentMeta) -> tuple:
    return (meta.doc_type, meta.department_name, meta.jurisdiction_name, meta.province_name, meta.fiscal_year)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_metadata_of_sample_documents(name):
    meta = parsed(name).meta
    assert identity(meta) == SAMPLES[name]
    assert meta.money_unit == "万元"


@cache
def more(name: str):
    return process_document(corpus_file("more", name))


@pytest.mark.parametrize("name", sorted(MORE))
def test_metadata_of_documents_from_other_provinces(name):
    assert identity(more(name).meta) == MORE[name]


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_budgets_are_classified_with_their_department_place_and_year(name):
    loaded = load_document(corpus_file("budgets", name))
    assert identity(read_metadata(loaded.lines)) == BUDGETS[name]


def test_traditional_characters_are_read_simplified_and_the_printed_text_kept():
    result = more("gs_tianshui_kindergarten_2017_final_trad.txt")
    first = result.loaded.lines[0]
    assert (first.text, first.printed) == ("天水市幼儿园2017年度部门决算公开", "天水市幼兒園2017年度部門決算公開")
    assert result.meta.title == "天水市幼儿园2017年度部门决算公开"
    assert result.meta.printed_title == "天水市幼兒園2017年度部門決算公開"
    # the mirror's pinyin annotations ("機構(gòu)設(shè)置") are dropped, or they would split the words
    assert any(line.text == "(二)机构设置情况" for line in result.loaded.lines)
    assert any("traditional characters" in issue.message for issue in result.loaded.issues)


def test_a_simplified_document_is_not_converted():
    result = parsed(DOC_002)
    assert all(line.printed is None for line in result.loaded.lines)
    assert result.meta.printed_title is None


def test_the_title_is_the_first_lines_up_to_the_one_that_says_what_the_document_is():
    assert find_title(["上海市普陀区规划和自然", "资源局", "2024 年度部门决算", "目 录"]) == (
        "上海市普陀区规划和自然资源局2024年度部门决算"
    )
    assert find_title(["2018 年度江苏省高级", "人民法院预算公开", "2018 年 2 月 24 日"]) == (
        "2018年度江苏省高级人民法院预算公开"
    )
    # a breadcrumb and web-page fields are not part of the title
    assert find_title(["部门 > 南漳县招商服务中心 > 财政资金", "南漳县招商服务中心2019年部门决算"]) == (
        "南漳县招商服务中心2019年部门决算"
    )
    assert find_title(["主题分类: | 财政 | 效力状态: | 有效 |", "项目支出绩效自评表 |"]) == "项目支出绩效自评表"


def test_the_department_is_read_after_the_year_of_the_title():
    title = "2021年湛江市人民政府行政服务中心部门决算"
    assert find_department([title, "一、部门主要职能"], title=find_title([title])) == "湛江市人民政府行政服务中心"


@pytest.mark.parametrize(
    ("lines", "department"),
    [
        # a place whose name starts like a sentence (本溪…) still names the department
        (["本溪满族自治县人力资源和社会保障局2024年度部门决算"], "本溪满族自治县人力资源和社会保障局"),
        # "纳入…部门决算编制范围的单位包括" is a sentence about the department, not its name
        (
            [
                "本溪市本溪满族自治县人民政府办公室 2022 年",
                "度部门决算",
                "纳入本溪市本溪满族自治县人民政府办公室 2022 年度部门决算编制范围的单位包括：",
            ],
            "本溪市本溪满族自治县人民政府办公室",
        ),
        # the sentence outweighs the part heading unless its verb is known not to start a name
        (
            ["第一部分 铁东区文化和旅游局概况", "纳入铁东区文化和旅游局2023年度部门决算编制范围的单位包括："],
            "铁东区文化和旅游局",
        ),
        # words that start a sentence are no department: "本市…" is no place
        (["本市人民政府办公室2022年度部门决算"], None),
    ],
)
def test_names_that_start_like_sentences(lines, department):
    meta = read_metadata([Line(text, number) for number, text in enumerate(lines, 1)])
    assert meta.department_name == department


def test_a_web_page_banner_is_neither_department_nor_jurisdiction():
    lines = [
        Line("欢迎来到南县政协网站", 1),
        Line("南县政协办公室2021年部门决算", 2),
        Line("一、部门主要职能", 3),
    ]
    meta = read_metadata(lines)
    assert (meta.department_name, meta.jurisdiction_name, meta.province_name) == ("南县政协办公室", "南县", "湖南省")


def test_a_performance_report_mentioning_final_accounts_stays_a_performance_evaluation():
    head = [
        "湛江市人民政府行政服务中心2021年度部门整体支出绩效评价报告",
        "一、基本情况",
        "（一）2021年部门决算收支完成情况",
    ]
    assert classify(head) == "performance_evaluation"


def test_the_fiscal_year_is_the_title_year_not_the_most_printed_year():
    lines = [Line(text, i) for i, text in enumerate(["上海市普陀区2024年区级部门预算", *["2023年执行情况"] * 5], 1)]
    assert read_metadata(lines).fiscal_year == 2024


def test_publication_dates_do_not_count_as_the_fiscal_year():
    lines = [Line(text, i) for i, text in enumerate(["发布日期: 2022年11月04日", "日期:2022-10-21", "2021年度收入"], 1)]
    assert read_metadata(lines).fiscal_year == 2021


@pytest.mark.parametrize("row", read_seed("ref_document_kind_markers"), ids=lambda r: r["marker"])
def test_every_kind_marker_classifies_its_example(row):
    assert row["marker"] in "".join(row["example"].split())
    assert classify([row["example"]]) == row["doc_type"]


@pytest.mark.parametrize("row", read_seed("ref_department_fields"), ids=lambda r: r["label"])
def test_every_department_field_names_its_example_department(row):
    assert find_department([row["example"]]) == row["department"]


def test_budget_narrative_figures_are_not_final_accounts_figures():
    result = parsed_corpus("budgets", "sh_putuo_welfare_home_2024_unit_budget.pdf")
    assert result.meta.doc_type == "budget"
    assert result.narrative == []
