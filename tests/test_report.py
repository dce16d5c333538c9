"""The HTML report: content, escaping, links to sources, data quality, and a real browser render."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import DOC_000, SAMPLES
from sample_build import sample_warehouse

from report.charts import PALETTE
from report.html import write_report
from report.sources import parse_location

EVIL = '<script>alert("x")</script>'
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _hotline_warehouse(db: Path, with_dq: bool) -> Path:
    """A small warehouse with the columns the report reads: two jurisdictions, one document cited."""
    source = SAMPLES / DOC_000
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.dim_document as select 'd0' as document_id, ? as file_name, ? as source_path, "
        "'final_accounts' as doc_type, 2022 as fiscal_year, '景德镇市委信访局2022年部门决算' as title, "
        "'parsed' as parse_status, 'xf' as department_id",
        [source.name, str(source)],
    )
    con.execute(
        "create table marts.dim_department as select 'xf' as department_id, '景德镇市委信访局' as department_name, "
        "'景德镇市' as jurisdiction_name"
    )
    con.execute(
        """create table marts.mart_hotline_spending as select * from (values
        ('景德镇市', '江西省', 2022, '景德镇市委信访局', '“12345”政务服务热线运营费', 'project_executed',
         1945900.00::decimal(20,2), 110083.00::decimal(20,2), '个', 'calls_accepted', '受理的来电、咨询和诉求',
         '全年受理咨询量', 17.68::decimal(20,2), 'self_evaluation', 1.0::decimal(12,6), 98.0::decimal(12,4),
         'd0', ? , 'd0', ?),
        ('子洲县', '陕西省', 2021, '子洲县行政审批服务局', ?, 'project_executed',
         488300.00::decimal(20,2), null, null, null, null, null, null, 'department_evaluation',
         0.9965::decimal(12,6), 96.0::decimal(12,4), 'd9', 'x.txt | line 51', null, null)
        ) t(jurisdiction_name, province, fiscal_year, department_name, project_name, spending_basis, spending_yuan,
            service_volume, service_volume_unit, service_volume_measure, service_volume_counts, service_volume_label,
            unit_cost_yuan, evaluation_kind, execution_rate, total_score, document_id, source_ref,
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
            ('d0', 'FA-01', 'error', '收入支出决算总表', 100.0, 101.0, -1.0, 0.005, 'acknowledged', 'printed total is off', ?),
            ('d0', 'FA-02', 'error', 'x', 1.0, 1.0, 0.0, 0.005, 'pass', 'ok', null)
            ) t(document_id, rule_id, severity, subject, lhs_value, rhs_value, difference, tolerance, status, message,
                source_ref)""",
            [f"{source.name} | line 80 | 收入支出决算总表 | 本年支出合计"],
        )
        con.execute(
            "create table dq.ingest_issues as select 'd0' as document_id, 'raw/bad.txt' as source_path, "
            "'load' as stage, 'error' as severity, ? as message",
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
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script" not in page


def test_report_is_self_contained(report_page):
    _, page = report_page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page and " src=" not in page


def test_figures_link_to_the_line_they_were_read_from(report_page):
    index, page = report_page
    document_id = "d0"
    assert f'href="sources/{document_id}.html#L580"' in page  # the spending figure
    assert f'href="sources/{document_id}.html#L618"' in page  # the service volume
    source_page = (index.parent / "sources" / f"{document_id}.html").read_text(encoding="utf-8")
    line_618 = re.search(r'<tr id="L618">.*?</tr>', source_page).group(0)
    assert "全年受理咨询量" in line_618


def test_hotline_charts_and_tables(report_page):
    _, page = report_page
    for chart in ("chart-spending", "chart-unit-cost-calls_accepted", "chart-evaluations"):
        assert f'id="{chart}"' in page
    assert "194.59 万元" in page and "17.68 元" in page
    assert "受理的来电、咨询和诉求" in page  # what the volume counts, next to the unit cost


def test_data_quality_lists_acknowledgements_and_ingest_issues(report_page):
    _, page = report_page
    quality = page[page.index('id="quality"') : page.index('id="documents"')]
    assert "FA-01" in quality and "acknowledged" in quality and "printed total is off" in quality
    assert "bad.txt" in quality and "the file is empty" in quality


def test_missing_dq_tables_are_said_not_fatal(tmp_path):
    page = write_report(_hotline_warehouse(tmp_path / "w.duckdb", with_dq=False), tmp_path / "r").read_text("utf-8")
    assert "identity checks have not run" in page
    assert "No dq.ingest_issues table" in page


def test_source_ref_locations():
    assert parse_location("a.pdf | p.3 | line 12 | 收入决算表 | 合计").anchor == "p3-L12"
    assert parse_location("a.txt | line 601").anchor == "L601"
    assert parse_location(None).anchor == ""


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
        timeout=120,
    )


def _console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_console_check_sees_errors(tmp_path):
    """The console check below is real: a page that logs an error is caught."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><script>console.error("boom")</script>', encoding="utf-8")
    done = _run_chromium(page.as_uri(), tmp_path, "--dump-dom")
    assert any("boom" in line for line in _console_messages(done.stderr))


def test_report_renders_in_chromium_without_console_errors(report_page, tmp_path):
    index, _ = report_page
    done = _run_chromium(index.as_uri(), tmp_path, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert _console_messages(done.stderr) == []
    dom = done.stdout
    assert "12345 热线跨城市比较" in dom
    widths = [float(w) for w in re.findall(r'<rect class="bar"[^>]*width="([\d.]+)"', dom)]
    assert len(widths) >= 5 and all(w > 0 for w in widths)


def test_report_charts_paint_pixels(report_page, tmp_path):
    from PIL import Image  # pdfplumber's dependency

    index, _ = report_page
    shot = tmp_path / "shot.png"
    done = _run_chromium(index.as_uri(), tmp_path, f"--screenshot={shot}", "--window-size=1280,1400")
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    bar_blue = tuple(int(PALETTE[0][i : i + 2], 16) for i in (1, 3, 5))
    colors = dict((rgb, n) for n, rgb in image.getcolors(maxcolors=1 << 20))
    assert colors.get(bar_blue, 0) > 500, "the spending bars are not painted"
    dark_text = sum(n for rgb, n in colors.items() if max(rgb) < 80)
    assert dark_text > 2000, "no text painted"


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
    # the 景德镇市 volume links to the line that prints it
    assert re.search(r'href="sources/[0-9a-f]{16}\.html#L618"', dom)
