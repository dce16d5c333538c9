"""The table reader on small generated documents, one failure class each: glyph boxes tight to the
ink, compatibility characters, tables without ruling lines, continuation pages, codes over
类 | 款 | 项, names without codes, and readings the accounting identities decide."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

from draw_pdf import Table, Text, draw_pdf  # noqa: E402

from ingest.loading import load_document  # noqa: E402
from ingest.pipeline import process_document  # noqa: E402


@pytest.fixture
def ink_boxes(monkeypatch):
    """pdfium as it reads fonts without metrics: every character's box is tight to its ink."""
    tight = pdfium.PdfTextPage.get_charbox
    monkeypatch.setattr(pdfium.PdfTextPage, "get_charbox", lambda self, index, loose=False: tight(self, index))


def _values(result) -> dict[tuple[str, str | None, str], Decimal | None]:
    return {(v.table_key, v.row_key, v.column_key): v.amount.value if v.amount else None for v in result.values}


SUMMARY_ROWS = [
    ["项目", "金额", "项目", "金额"],
    ["一、一般公共预算财政拨款收入", "2,284.45", "一、一般公共服务支出", "2,284.45"],
    ["本年收入合计", "2284.45", "本年支出合计", "2284.45"],
    ["总计", "2284.45", "总计", "2284.45"],
]


def test_glyphs_with_ink_tight_boxes_stay_on_their_line(tmp_path, ink_boxes):
    path = draw_pdf(
        tmp_path / "tight.pdf",
        [
            [
                Text("一般公共预算财政拨款支出决算表", align="center", size=14),
                Text("单位：万元", align="right"),
                Table(SUMMARY_ROWS, [150, 70, 150, 70]),
            ]
        ],
    )
    lines = load_document(path).lines
    assert [line.text for line in lines[:2]] == ["一般公共预算财政拨款支出决算表", "单位：万元"]
    assert lines[3].cells == ("一、一般公共预算财政拨款收入", "2284.45", "一、一般公共服务支出", "2284.45")


def test_summary_table_with_ink_tight_boxes_reads_its_figures(tmp_path, ink_boxes):
    path = draw_pdf(
        tmp_path / "summary.pdf",
        [
            [
                Text("收入支出决算总表", align="center", size=14),
                Text("单位：万元", align="right"),
                Table(SUMMARY_ROWS, [150, 70, 150, 70]),
            ]
        ],
    )
    got = _values(process_document(path))
    assert got[("income_expenditure_summary", "general_budget_income", "amount")] == Decimal("2284.45")
    assert got[("income_expenditure_summary", "201", "amount")] == Decimal("2284.45")
