"""Web pages: the page's own tables as cell grids, its text as lines, the site's chrome left out.

Pages are written at test time: tests/fixtures/make_html.py wraps the lines the PDF loader reads
from a published document in a government site's chrome; the small pages below are inline.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_pdf
from fixtures.make_html import disclosure_page

from ingest.loading import load_document
from ingest.loading.web_chrome import CHROME_CLASS_WORDS, CHROME_LINES, CHROME_TAGS, PAGE_FRAME_TAGS
from ingest.pipeline import process_document


def _page(tmp_path: Path, html: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def _texts(tmp_path: Path, body: str) -> list[str]:
    html = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    return [line.text for line in load_document(_page(tmp_path, html)).lines]


def test_disclosure_page_reads_the_figures_of_the_pdf(tmp_path):
    pdf = process_document(shared_pdf("putuo_planning_resources_2024.pdf"))
    title = "上海市普陀区规划和自然资源局2024年度部门决算"
    path = _page(tmp_path, disclosure_page(pdf.loaded.lines, title), "planning.htm", "gb18030")
    result = process_document(path)
    assert result.loaded.encoding == "gb18030"  # from <meta http-equiv=… charset=gb2312>
    assert result.meta.title == title and result.meta.fiscal_year == 2024

    def facts(r):
        return Counter((v.table_key, v.row_key, v.column_key, v.side, v.amount and v.amount.printed) for v in r.values)

    assert facts(result) == facts(pdf) and len(result.values) == 636
    assert len(result.narrative) == len(pdf.narrative)
    lines = result.loaded.lines
    assert lines[0].text == title and lines[-1].text == pdf.loaded.lines[-1].text
    chrome = ("首页", "您现在的位置", "发布时间", "打印本页", "相关链接", "版权所有", "ICP", "访问量")
    assert not [line.text for line in lines if any(word in line.text for word in chrome)]
    [row] = [
        v for v in result.values if v.row_key == "general_budget_income" and v.table_key == "income_expenditure_summary"
    ]
    assert row.page_no is None and row.source_ref == (
        f"planning.htm | line {row.line_no} | table 2 row 3 | 收入支出决算总表 | 一、一般公共预算财政拨款收入"
    )


def test_row_and_column_spans_keep_the_grid(tmp_path):
    body = """<table>
      <tr><th rowspan="2">科目编码</th><th rowspan="2">科目名称</th><th colspan="3">本年支出</th></tr>
      <tr><th>合计</th><th>基本支出</th><th>项目支出</th></tr>
      <tr><td>2010101</td><td>行政<br>运行</td><td>1,234.50</td><td>1,000.00</td><td>234.50</td></tr>
      <tr><td colspan="2">合计</td><td>1234.50</td><td></td><td>-</td></tr>
    </table>"""
    lines = load_document(_page(tmp_path, f"<html><body>{body}</body></html>")).lines
    assert [(line.locator, line.cells) for line in lines] == [
        ("table 1 row 1", ("科目编码", "科目名称", "本年支出", "", "")),
        ("table 1 row 2", ("", "", "合计", "基本支出", "项目支出")),
        ("table 1 row 3", ("2010101", "行政运行", "1234.50", "1000.00", "234.50")),
        ("table 1 row 4", ("合计", "", "1234.50", "", "-")),
    ]


def test_layout_tables_are_read_as_text_and_their_data_tables_as_grids(tmp_path):
    body = """<table width="100%"><tr><td><h2>收入决算表</h2><p>单位：万元</p>
      <table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>12.50</td></tr></table>
      </td></tr><tr><td><table><tr><td>注：本表无数据。</td></tr></table></td></tr></table>"""
    lines = load_document(_page(tmp_path, f"<html><body>{body}</body></html>")).lines
    assert [(line.text, line.locator) for line in lines] == [
        ("收入决算表", None),
        ("单位：万元", None),
        ("项目\t金额", "table 1 row 1"),
        ("合计\t12.50", "table 1 row 2"),
        ("注：本表无数据。", None),  # a one-column table is layout, not data
    ]


@pytest.mark.parametrize("tag", sorted(CHROME_TAGS | PAGE_FRAME_TAGS))
def test_chrome_elements_are_left_out(tmp_path, tag):
    assert _texts(tmp_path, f"<{tag}>站点菜单</{tag}><p>正文第一段。</p>") == ["正文第一段。"]


def test_an_articles_own_header_is_kept(tmp_path):
    assert _texts(tmp_path, "<article><header><h1>2024年度部门决算</h1></header><p>正文。</p></article>") == [
        "2024年度部门决算",
        "正文。",
    ]


@pytest.mark.parametrize("word", sorted(CHROME_CLASS_WORDS))
def test_chrome_containers_are_left_out_by_their_class_or_id(tmp_path, word):
    body = f'<div class="wrap {word}-box">站点栏目</div><div id="x_{word}">站点栏目</div><p>正文。</p>'
    assert _texts(tmp_path, body) == ["正文。"]


CHROME_LINE_EXAMPLES = {
    0: "您现在的位置：首页 > 信息公开",
    1: "首页 > 政务公开 > 财政资金",
    2: "Copyright 2024 XX区人民政府",
    3: "沪ICP备12345678号",
    4: "主办单位：XX区人民政府办公室",
    5: "【打印本页】",
    6: "字体：【大 中 小】",
    7: "分享到：",
    8: "发布时间：2025-06-20",
}


@pytest.mark.parametrize("index", range(len(CHROME_LINES)))
def test_chrome_lines_are_left_out(tmp_path, index):
    example = CHROME_LINE_EXAMPLES[index]
    assert CHROME_LINES[index].search(example)
    assert _texts(tmp_path, f"<p>{example}</p><p>正文。</p>") == ["正文。"]


def test_link_lists_and_hidden_blocks_are_left_out_but_a_paragraph_with_a_link_stays(tmp_path):
    body = """<ul><li><a href="/1">2023年度部门决算</a></li><li><a href="/2">2022年度部门决算</a></li></ul>
      <div style="display: none">隐藏的旧版本</div><p hidden>隐藏</p>
      <p>详见附件：<a href="/f.pdf">2024年度部门决算公开表</a>，请下载阅读全文内容。</p>"""
    assert _texts(tmp_path, body) == ["详见附件：2024年度部门决算公开表，请下载阅读全文内容。"]


def test_encodings_and_a_page_with_nothing_to_read(tmp_path):
    html = "<html><head><meta charset='utf-8'></head><body><p>收入支出决算总表</p></body></html>"
    wrong = _page(tmp_path, html, "wrong.html", "gb18030")  # declares UTF-8, is GB18030
    assert [line.text for line in load_document(wrong).lines] == ["收入支出决算总表"]
    menu = _page(tmp_path, "<html><body><nav>首页</nav></body></html>", "menu.html")
    result = process_document(menu)
    assert result.parse_status == "unreadable" and "no text" in result.loaded.issues[0].message
