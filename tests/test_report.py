"""The HTML report: content, escaping, links to the line of each figure, data quality with every rule
explained, the corpus view, and real browser renders at a phone's and a desktop's width."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import DOC_000, SAMPLES
from sample_build import sample_warehouse

from expectations.rules import RULES
from report.charts import PALETTE
from report.html import template_environment, write_report
from report.queries import ROWS_SHOWN
from report.rule_texts import EXPLANATIONS, rule_texts
from report.sources import SourcePages, parse_location, printed_pattern
from report.view import count_forms, money_forms, percent_forms

EVIL = '<script>alert("x")</script>'
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = (390, 1400)


def _hotline_warehouse(db: Path, with_dq: bool, shared_measure: bool = False) -> Path:
    """A small warehouse with the columns the report reads: two jurisdictions of different years and
    spending bases, one document cited (000). With ``shared_measure`` both count calls accepted."""
    source = SAMPLES / DOC_000
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.dim_document as select *, timestamp '2026-12-02 00:02:38' as built_at, "
        "'25c08c967f6f4ff4d351ec93898fe72103ad4a80' as code_commit from (values "
        "('d0', ?, ?, 'final_accounts', 2022, '景德镇市委信访局2022年部门决算', 'parsed', 'xf', ?, "
        "timestamp '2023-09-15 08:30:05', 'https://www.example.gov.cn/jdz/2022.html', date '2023-09-15'), "
        "('d9', 'x.txt', '/nowhere/x.txt', 'performance_evaluation', 2021, ?, 'partial', 'zz', null, null, ?, null)"
        ") t(document_id, file_name, source_path, doc_type, fiscal_year, title, parse_status, department_id, "
        "content_sha256, file_modified_at, publication_url, publication_date)",
        [source.name, str(source), "5c3abc64933aa4fd" + "0" * 48, EVIL, "javascript:alert(1)"],
    )
    con.execute(
        "create table marts.dim_department as select * from (values "
        "('xf', '景德镇市委信访局', '景德镇市', '江西省'), ('zz', '子洲县行政审批服务局', '子洲县', '陕西省')"
        ") t(department_id, department_name, jurisdiction_name, province)"
    )
    measure = "calls_accepted" if shared_measure else None
    con.execute(
        f"""create table marts.mart_hotline_spending as select * from (values
        ('景德镇市', '江西省', 2022, '景德镇市委信访局', '“12345”政务服务热线运营费', 'project_executed',
         1945900.00::decimal(20,2), 110083.00::decimal(20,2), '个', 'calls_accepted', '受理的来电、咨询和诉求',
         '全年受理咨询量', 17.68::decimal(20,2), 'self_evaluation', 1.0::decimal(12,6), 98.0::decimal(12,4),
         null, null, null, null, null, 'd0', ? , 'd0', ?),
        ('子洲县', '陕西省', 2021, '子洲县行政审批服务局', ?, 'department_total',
         488300.00::decimal(20,2), {"1799.00::decimal(20,2)" if measure else "null"}, {"'件'" if measure else "null"},
         {"'calls_accepted'" if measure else "null"}, {"'受理的来电、咨询和诉求'" if measure else "null"},
         null, {"271.43::decimal(20,2)" if measure else "null"}, 'department_evaluation',
         0.9965::decimal(12,6), 96.0::decimal(12,4), 520000.00::decimal(20,2), 500000.00::decimal(20,2),
         'unit_current_expenditure', 'd9', 'x.txt | line 12', 'd9', 'x.txt | line 51', null, null)
        ) t(jurisdiction_name, province, fiscal_year, department_name, project_name, spending_basis, spending_yuan,
            service_volume, service_volume_unit, service_volume_measure, service_volume_counts, service_volume_label,
            unit_cost_yuan, evaluation_kind, execution_rate, total_score, budget_yuan, budget_document_yuan,
            budget_document_basis, budget_document_id, budget_document_source_ref, document_id, source_ref,
            service_volume_document_id, service_volume_source_ref)""",
        [
            f"{source.name} | line 580 | 项目支出绩效自评表",
            f"{source.name} | line 618 | 项目支出绩效自评表 | 全年受理咨询量",
            EVIL,
        ],
    )
    con.execute(
        """create table marts.mart_hotline_comparison as
        select jurisdiction_name, province, fiscal_year, spending_yuan, spending_basis, service_volume,
               service_volume_unit, service_volume_measure, service_volume_counts, unit_cost_yuan,
               false as is_volume_comparable, 'the only one counting calls' as comparability_note
        from marts.mart_hotline_spending"""
    )
    if with_dq:
        con.execute("create schema dq")
        con.execute(
            """create table dq.identity_results as select * from (values
            ('d0', 'FA-01', 'error', '收入支出决算总表', 100.0, 101.0, -1.0, 0.005, 'acknowledged', 'source_error',
             'printed total is off', ?),
            ('d0', 'DOC-02', 'warn', '公开表: 收入决算表', 0.0, 1.0, -1.0, 0.0, 'acknowledged', 'incomplete_copy',
             'lines 71-120 are blank', null),
            ('d0', 'FA-02', 'error', 'x', 1.0, 1.0, 0.0, 0.005, 'pass', null, 'ok', null),
            ('d0', 'NA-05', 'warn', ?, 1.0, 2.0, -1.0, 0.005, 'fail', null, ?, null)
            ) t(document_id, rule_id, severity, subject, lhs_value, rhs_value, difference, tolerance, status, finding,
                message, source_ref)""",
            [f"{source.name} | line 80 | 收入支出决算总表 | 本年支出合计", EVIL, "a long message " * 12],
        )
        con.execute(
            "create table dq.ingest_issues as select 'd0' as document_id, 'raw/bad.txt' as source_path, "
            "'load' as stage, 'error' as severity, ? as message, 3 as line_no, null::integer as page_no",
            [f"the file is empty {EVIL}"],
        )
    con.close()
    return db


@pytest.fixture
def report_page(tmp_path) -> tuple[Path, str]:
    index = write_report(_hotline_warehouse(tmp_path / "w.duckdb", with_dq=True), tmp_path / "report")
    return index, index.read_text(encoding="utf-8")


def test_strings_from_documents_are_escaped(report_page):
    _, page = report_page
    assert EVIL not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert page.count("<script") == 1  # the report's own search script, nothing from a document


def test_report_is_self_contained(report_page):
    """Nothing is fetched: no stylesheet, script, image or font from elsewhere (a link to a document's
    publication page is only followed when the reader clicks it)."""
    _, page = report_page
    assert not re.search(r"""<(?!a\b)[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page and " src=" not in page and "<link" not in page


def test_figures_link_to_the_line_that_prints_them(report_page):
    index, page = report_page
    # the spending figure: its line cites the table title (line 580); 194.59 is printed on line 589
    assert 'href="sources/d0.html#L589"' in page
    assert 'href="sources/d0.html#L580"' in page  # the source column still cites the table
    assert 'href="sources/d0.html#L618"' in page  # the service volume
    source_page = (index.parent / "sources" / "d0.html").read_text(encoding="utf-8")
    assert "194.59" in re.search(r'<tr id="L589">.*?</tr>', source_page).group(0)
    assert "全年受理咨询量" in re.search(r'<tr id="L618">.*?</tr>', source_page).group(0)


def test_chart_bars_and_comparison_rows_link_to_figures(report_page):
    _, page = report_page
    spending = page[page.index('id="chart-spending"') : page.index("</figure>", page.index('id="chart-spending"'))]
    assert re.search(r'<a class="bar" href="sources/d0\.html#L589"', spending)
    comparison = page[page.index('id="comparison"') : page.index("</table>", page.index('id="comparison"'))]
    assert 'href="sources/d0.html#L589"' in comparison and 'href="sources/d0.html#L618"' in comparison


def test_hotline_charts_and_figures(report_page):
    _, page = report_page
    for chart in ("chart-spending", "chart-evaluations"):
        assert f'id="{chart}"' in page
    assert "194.59 万元" in page and "17.68 元" in page
    assert "受理的来电、咨询和诉求" in page  # what the volume counts, next to the unit cost


def test_hotline_lines_show_what_was_budgeted_with_its_basis(report_page):
    _, page = report_page
    lines = page[page.index('id="lines-table') : page.rindex("</table>")]
    assert "预算文件所列预算 budget in the budget document (万元)" in lines and "评价所列预算" in lines
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*48\.83(?:(?!</tr>).)*</tr>", lines, re.S).group(0)
    assert "52.00" in row and "50.00" in row and "热线单位当年支出预算" in row


def test_unit_costs_alone_in_their_measure_are_not_drawn_as_comparable_bars(report_page):
    _, page = report_page
    assert 'id="unit-cost-calls_accepted"' in page
    assert 'id="chart-unit-cost-calls_accepted"' not in page  # one jurisdiction: a figure, not a bar


def test_unit_costs_of_one_measure_share_a_chart(tmp_path):
    db = _hotline_warehouse(tmp_path / "w.duckdb", with_dq=False, shared_measure=True)
    page = write_report(db, tmp_path / "r").read_text("utf-8")
    chart = page[page.index('id="chart-unit-cost-calls_accepted"') :]
    chart = chart[: chart.index("</figure>")]
    widths = [float(w) for w in re.findall(r"width: ([\d.]+)%", chart)]
    assert widths == [pytest.approx(6.5, abs=0.1), 100.0]  # 17.68 and 271.43 元 on one scale


def test_different_years_and_bases_are_marked(report_page):
    _, page = report_page
    assert "different years (2021, 2022)" in page
    assert "not counted on one basis" in page
    comparison = page[page.index('id="comparison"') : page.index("</table>", page.index('id="comparison"'))]
    assert 'class="badge badge-year"' in comparison
    assert 'class="badge badge-basis-department_total"' in comparison


def test_data_quality_explains_every_rule_it_lists(report_page):
    _, page = report_page
    quality = page[page.index('id="quality"') : page.index('id="documents-section"')]
    assert "FA-01" in quality and "acknowledged" in quality and "printed total is off" in quality
    fa01 = rule_texts()["FA-01"]
    assert fa01.zh in quality and fa01.en.replace("'", "&#39;") in quality
    copy_row = next(row for row in quality.split("<tr") if "lines 71-120 are blank" in row)
    assert "incomplete copy" in copy_row and "acknowledged" not in copy_row  # not an error of the document
    assert "bad.txt" in quality and "the file is empty" in quality
    assert 'href="sources/d0.html#L3"' in quality  # the ingest issue's line


def test_every_rule_has_one_explanation_in_each_language():
    with EXPLANATIONS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["rule_id"] for r in rows] == [rule.rule_id for rule in RULES]
    for row in rows:
        assert re.search(r"[\u4e00-\u9fff]", row["explanation_zh"]), row["rule_id"]
        assert re.search(r"[a-z]{3,} [a-z]{3,}", row["explanation_en"]), row["rule_id"]


def test_corpus_view_lists_every_document_with_filters(report_page):
    _, page = report_page
    corpus = page[page.index('id="documents-section"') :]
    assert corpus.count('<tr data-province="') == 2
    assert '<tr data-province="江西省" data-year="2022" data-kind="final_accounts">' in corpus
    for option in ("<option>江西省</option>", "<option>陕西省</option>", "<option>2021</option>"):
        assert option in corpus
    assert '<option value="performance_evaluation">' in corpus
    assert "1 / 4" in corpus  # identities of d0 that passed / were checked


def test_corpus_shows_how_well_each_document_was_read(tmp_path):
    db = _hotline_warehouse(tmp_path / "w.duckdb", with_dq=True)
    con = duckdb.connect(str(db))
    con.execute(
        "alter table marts.dim_document add column quality_grade varchar; "
        "alter table marts.dim_document add column template_tables_found integer; "
        "alter table marts.dim_document add column template_tables_missing varchar; "
        "alter table marts.dim_document add column identities_checked integer; "
        "alter table marts.dim_document add column identities_closed integer; "
        "update marts.dim_document set quality_grade = 'partly', template_tables_found = 8, "
        "template_tables_missing = '公开07 政府性基金预算财政拨款收入支出决算表', identities_checked = 7, "
        "identities_closed = 6 where document_id = 'd0'"
    )
    con.close()
    page = write_report(db, tmp_path / "report").read_text(encoding="utf-8")
    corpus = page[page.index('id="documents-section"') :]
    assert "grade-partly" in corpus and "missing 公开07 政府性基金预算财政拨款收入支出决算表" in corpus
    assert "6 / 7" in corpus  # identities that close / were checked, as dim_document counts them


def test_header_and_corpus_say_when_and_from_what_the_warehouse_was_built(report_page):
    _, page = report_page
    header = page[: page.index('id="hotline"')]
    assert "2026-12-02T00:02:38" in header and "25c08c967f6f4ff4d351ec93898fe72103ad4a80" in header
    corpus = page[page.index('id="documents-section"') :]
    assert 'title="5c3abc64933aa4fd' in corpus and "2023-09-15T08:30:05" in corpus
    assert '<a href="https://www.example.gov.cn/jdz/2022.html"' in corpus and ">2023-09-15</a>" in corpus
    assert 'href="javascript:' not in page  # an address that is not a web page is not a link


def test_missing_dq_tables_are_said_not_fatal(tmp_path):
    page = write_report(_hotline_warehouse(tmp_path / "w.duckdb", with_dq=False), tmp_path / "r").read_text("utf-8")
    assert "identity checks have not run" in page
    assert "No dq.ingest_issues table" in page


def test_source_ref_locations_and_printed_numbers():
    assert parse_location("a.pdf | p.3 | line 12 | 收入决算表 | 合计").anchor == "p3-L12"
    assert parse_location("a.txt | line 601").anchor == "L601"
    assert parse_location(None).anchor == ""
    assert printed_pattern("98").search("得分 98 分") and not printed_pattern("98").search("1998年 98.5")
    assert money_forms(1945900) == ["194.5900", "194.590", "194.59", "1945900.00", "1,945,900.00"]
    assert count_forms(110083) == ["110083.00", "110083.0", "110083", "110,083"]
    assert percent_forms(0.9965) == ["99.65%"]


# ---------------------------------------------------------------- real browser


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path
    pytest.skip("chromium is not installed (apt-get install -y chromium fonts-noto-cjk; .ci/run installs it)")


def _run_chromium(url: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url],
        capture_output=True,
        text=True,
        timeout=180,
    )


def _console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


# Loads the report in a frame of the given width, then writes into the DOM what a reader would see:
# how wide the page is against its viewport, and how many table rows a search leaves visible.
PROBE = """<!doctype html><html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:900px;border:0"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var doc = document.getElementById("f").contentDocument;
  var root = doc.documentElement;
  document.body.setAttribute("data-scroll-width", root.scrollWidth);
  document.body.setAttribute("data-client-width", root.clientWidth);
  var search = doc.getElementById("report-search");
  search.value = "{query}";
  search.dispatchEvent(new Event("input"));
  var rows = doc.querySelectorAll("table.filterable tbody tr");
  var shown = 0;
  rows.forEach(function (r) {{ if (r.getClientRects().length) shown += 1; }});
  document.body.setAttribute("data-rows", rows.length);
  document.body.setAttribute("data-shown", shown);
}});
</script></body></html>"""


def _probe(index: Path, width: int, tmp_path: Path, query: str = "") -> dict[str, int]:
    probe = index.parent.parent / f"probe-{width}.html"
    probe.write_text(PROBE.format(src=index.relative_to(probe.parent).as_posix(), width=width, query=query), "utf-8")
    done = _run_chromium(
        probe.as_uri(), tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = dict(re.findall(r'data-([a-z-]+)="(\d+)"', done.stdout))
    assert {"scroll-width", "client-width", "rows", "shown"} <= set(found), done.stdout[-2000:]
    return {key: int(value) for key, value in found.items()}


def _screenshot_colors(index: Path, width: int, tmp_path: Path) -> dict[tuple[int, int, int], int]:
    from PIL import Image

    shot = tmp_path / f"shot-{width}.png"
    done = _run_chromium(index.as_uri(), tmp_path, f"--screenshot={shot}", f"--window-size={width},2400")
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size[0] == width
    return {rgb: n for n, rgb in image.getcolors(maxcolors=1 << 22)}


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def test_console_check_sees_errors(tmp_path):
    """The console check below is real: a page that logs an error is caught."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><script>console.error("boom")</script>', encoding="utf-8")
    done = _run_chromium(page.as_uri(), tmp_path, "--dump-dom")
    assert any("boom" in line for line in _console_messages(done.stderr))


def test_overflow_probe_sees_a_page_wider_than_its_viewport(tmp_path):
    """The overflow check below is real: a page with a 600 px block overflows a 390 px frame."""
    index = tmp_path / "wide" / "index.html"
    index.parent.mkdir()
    index.write_text(
        '<!doctype html><div style="width:600px;height:10px"></div><input id="report-search">', encoding="utf-8"
    )
    found = _probe(index, 390, tmp_path)
    assert found["scroll-width"] > found["client-width"]


@pytest.mark.parametrize("width", WIDTHS)
def test_report_fits_the_screen_and_paints_its_charts(report_page, tmp_path, width):
    index, _ = report_page
    found = _probe(index, width, tmp_path)
    assert found["scroll-width"] <= found["client-width"], f"the page overflows sideways at {width} px"
    colors = _screenshot_colors(index, width, tmp_path)
    spending_bars = colors.get(_rgb(PALETTE[0]), 0)
    evaluation_bars = colors.get(_rgb(PALETTE[1]), 0) + colors.get(_rgb(PALETTE[2]), 0)
    assert spending_bars > 300, f"the spending bars are not painted at {width} px"
    assert evaluation_bars > 300, f"the evaluation bars are not painted at {width} px"
    assert sum(n for rgb, n in colors.items() if max(rgb) < 80) > 2000, "no text painted"


def test_search_filters_the_tables_offline(report_page, tmp_path):
    index, page = report_page
    found = _probe(index, 390, tmp_path, query="子洲县")
    body_rows = [row for body in re.findall(r"<tbody>.*?</tbody>", page, flags=re.S) for row in body.split("<tr")[1:]]
    rows_naming_it = sum("子洲县" in row for row in body_rows)
    assert 0 < found["shown"] < found["rows"]
    assert found["shown"] == rows_naming_it


def test_report_renders_in_chromium_without_console_errors(report_page, tmp_path):
    index, _ = report_page
    done = _run_chromium(index.as_uri(), tmp_path, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert _console_messages(done.stderr) == []
    assert "12345 热线跨城市比较" in done.stdout


def test_chinese_fonts_are_installed_for_the_report():
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig is not installed: no way to tell which fonts the browser has")
    _chromium()
    zh = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    assert zh.strip(), "no Chinese font: apt-get install -y fonts-noto-cjk (the report would show empty boxes)"


@pytest.mark.build
def test_sample_report_renders(tmp_path):
    report = sample_warehouse().parent / "report" / "index.html"
    done = _run_chromium(report.as_uri(), tmp_path, "--dump-dom")
    assert done.returncode == 0
    assert _console_messages(done.stderr) == []
    dom = done.stdout
    for name in ("000_a19997e405ff60dc.txt", "004_ecf4f4267058fbb0.txt"):
        assert name in dom
    # the four jurisdictions of the comparison, with their real spending (万元) and unit costs (元)
    for figure in ("218.56 万元", "194.59 万元", "1.99 万元", "48.83 万元", "17.68 元", "5.25 元", "271.43 元"):
        assert figure in dom, figure
    # the 景德镇市 spending links to the line printing 194.59 (589), its volume to line 618
    assert re.search(r'href="sources/[0-9a-f]{16}\.html#L589"', dom)
    assert re.search(r'href="sources/[0-9a-f]{16}\.html#L618"', dom)
    # every rule the identity summary lists is explained
    assert "收入支出决算总表中，收入总计应等于" in dom or "FA-01" not in dom


@pytest.mark.build
@pytest.mark.parametrize("width", WIDTHS)
def test_sample_report_fits_the_screen(tmp_path, width):
    index = sample_warehouse().parent / "report" / "index.html"
    found = _probe(index, width, tmp_path)
    assert found["scroll-width"] <= found["client-width"], f"the sample report overflows sideways at {width} px"


def test_a_figure_printed_above_its_cited_line_is_found_there(tmp_path):
    """003 cites its score table (line 51) for a project whose spending its prose states (line 37)."""
    source = SAMPLES / "003_206130ca332d3ec9.txt"
    pages = SourcePages(tmp_path, {"d3": str(source)}, template_environment())
    href = pages.figure_href("d3", f"{source.name} | line 51 | 打分表", money_forms(19900))
    assert href == "sources/d3.html#L37"
    assert pages.figure_href("d3", f"{source.name} | line 51", ["987654.32"]) == "sources/d3.html#L51"


def test_the_index_lists_the_first_issues_and_failures_and_a_document_page_all_of_its_issues(tmp_path):
    """More issues and failures than the index lists: it counts them all, shows the first
    ROWS_SHOWN, says how many more there are; d0's page lists each of its issues at its line."""
    db = _hotline_warehouse(tmp_path / "w.duckdb", with_dq=True)
    con = duckdb.connect(str(db))
    con.execute(
        "insert into dq.ingest_issues select 'd0', 'raw/bad.txt', 'parse_tables', 'warn', "
        "'收入决算表: ' || (i % 3 + 2) || ' figures for 7 columns, not read: 2040505 案件执行 ' || i, i, null "
        "from range(4, 210) t(i)"
    )
    con.execute(
        "insert into dq.identity_results select 'd0', 'FA-03', 'error', 'row ' || i, 1.0, 2.0, -1.0, 0.005, "
        "'fail', null, 'off by one', null from range(210) t(i)"
    )
    con.close()
    page = write_report(db, tmp_path / "report").read_text(encoding="utf-8")
    assert ROWS_SHOWN == 200

    issues = page[page.index('id="ingest-issues"') :]
    issues = issues[: issues.index("</table>")]
    assert issues.count("\n    <tr>") == 200  # the body's rows
    assert issues.index("the file is empty") < issues.index("figures for 7 columns")  # the error first
    assert "The first 200 of 207" in page and "the other 7 are on their documents' pages" in page
    counts = page[page.index('id="ingest-issue-counts"') : page.index('id="ingest-issue-kinds"')]
    assert re.search(r"<td>load</td><td[^>]*>error</td><td[^>]*>1</td><td[^>]*>1</td>", counts)
    assert re.search(r"<td>parse_tables</td><td[^>]*>warn</td><td[^>]*>206</td><td[^>]*>1</td>", counts)
    kinds = page[page.index('id="ingest-issue-kinds"') : page.index('id="ingest-issues"')]
    assert re.search(r"收入决算表: # figures for # columns, not read</td><td[^>]*>206</td><td[^>]*>1</td>", kinds)
    assert "案件执行" not in kinds  # the line's text is not part of a kind

    problems = page[page.index('id="identity-problems"') :]
    problems = problems[: problems.index("</table>")]
    assert problems.count("<tr data-status=") == 200
    assert "The first 200 of 213" in page and "the other 13 are counted per rule" in page

    source = (tmp_path / "report" / "sources" / "d0.html").read_text(encoding="utf-8")
    listed = source[source.index('<table class="issues">') : source.index('<h2 id="text">')]
    assert "Ingest issues 读取问题 (207)" in source and listed.count("<tr>") == 1 + 207
    assert listed.index("the file is empty") < listed.index('href="#L4"') < listed.index('href="#L209"')
    assert "not read: 2040505 案件执行 209" in listed and EVIL not in source  # escaped
    assert '<tr id="L209">' in source  # the line an issue links to


def test_a_page_of_a_document_without_issues_lists_none(tmp_path):
    db = _hotline_warehouse(tmp_path / "w.duckdb", with_dq=True)
    con = duckdb.connect(str(db))
    con.execute("delete from dq.ingest_issues")
    con.close()
    page = write_report(db, tmp_path / "report").read_text(encoding="utf-8")
    assert "No ingest issues." in page
    source = (tmp_path / "report" / "sources" / "d0.html").read_text(encoding="utf-8")
    assert "Ingest issues" not in source and "table.issues" not in source
