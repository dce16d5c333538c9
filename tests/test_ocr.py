"""Scanned pages read by OCR into the grid the PDF loader gives for a page with a text layer.

Scans are made at test time (tests/fixtures/make_scan.py): a page of a published PDF rendered at
200 dpi, skewed, speckled, greyed and saved as JPEG inside a PDF without a text layer. The table
geometry is tested on drawn images (OpenCV), which takes no OCR. Larger scans are scored in
`make bench` and in the tests marked slow.
"""

from __future__ import annotations

import io
import socket
import threading
from decimal import Decimal
from pathlib import Path

import cv2
import numpy as np
import pandas as pd
import pytest
import rapidocr_onnxruntime
from conftest import shared_pdf
from fixtures.make_scan import scanned_pdf
from PIL import Image
from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
from rapidocr_onnxruntime.utils import read_yaml, update_model_path

from expectations.runner import judge
from ingest import parsing_context
from ingest.loading import ocr
from ingest.loading.ocr_cache import OcrCache
from ingest.model import Amount, DocumentResult, Line, LoadedDocument, NarrativeFigure, OcrRead, TableValue
from ingest.parsing_context import ParsingContext, in_effect
from ingest.pipeline import process_document
from ingest.provenance import mark_ocr_figures
from ingest.seeds import read_seed

PLANNING = "putuo_planning_resources_2024.pdf"
THREE_PUBLIC_PAGE = 16  # 0-based: the 财政拨款“三公”经费支出决算表, a header of merged cells over 12 figures


@pytest.fixture(scope="module")
def three_public_scan(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scan") / "three_public_scan.pdf"
    path.write_bytes(scanned_pdf(shared_pdf(PLANNING).read_bytes(), pages=[THREE_PUBLIC_PAGE], dpi=200))
    return path


def test_a_scanned_table_reads_like_its_text_layer(three_public_scan, capsys):
    result = process_document(three_public_scan)
    assert "OCR three_public_scan.pdf: page 1 read in" in capsys.readouterr().err  # progress per page
    reference = process_document(shared_pdf(PLANNING))
    wanted = [(v.column_key, v.amount.printed) for v in reference.values if v.table_key == "three_public" and v.amount]
    read = [(v.column_key, v.amount.printed) for v in result.values if v.table_key == "three_public" and v.amount]
    assert read == wanted and len(read) == 12
    ocr_read = [v for v in result.values if v.table_key == "three_public" and v.amount]
    assert all(v.is_ocr and v.ocr_confidence > 0.8 and " | box " in v.source_ref for v in ocr_read)
    lines = result.loaded.lines
    assert lines[0].text == "财政拨款“三公”经费支出决算表" and lines[0].ocr is not None
    header = next(line for line in lines if line.cells and line.cells[0] == "合计")
    # merged header cells: the text once, in the merge's first column
    assert header.cells[:5] == ("合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费")
    figures = next(line for line in lines if line.cells and line.cells[0] == "2.85")
    assert all(c is not None and c > 0.8 for c in figures.ocr.confidence)
    x0, top, x1, bottom = (float(v) for v in figures.ocr.boxes[0].split(","))
    assert x0 < x1 and top < bottom and 0 < top < 612  # points on the (landscape) page
    [issue] = [i for i in result.loaded.issues if "OCR" in i.message]
    assert issue.severity == "info" and issue.message.startswith("page 1 read by OCR")


def test_the_models_are_read_from_the_wheel_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the OCR tried to reach the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    config = update_model_path(read_yaml(DEFAULT_CFG_PATH))  # what the engine loads
    package = Path(rapidocr_onnxruntime.__file__).parent
    for part in ("Det", "Rec"):
        model = Path(config[part]["model_path"])
        assert model.is_file() and model.parent == package / "models"
    image = np.full((60, 220), 255, np.uint8)
    cv2.putText(image, "2284.45", (8, 44), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    [line] = ocr.read_page_image(image, 1)
    assert line.text == "2284.45" and line.ocr.confidence[0] > 0.8


def _ruled(ys: list[int], xs: list[int], skip: set[tuple[str, int, int]] = frozenset()) -> np.ndarray:
    """A white page with a grid of rulings; ("v", r, c) leaves out the vertical line right of cell (r, c)."""
    page = np.full((800, 1200), 255, np.uint8)
    for r, y in enumerate(ys):
        for c in range(len(xs) - 1):
            if ("h", r, c) not in skip:
                cv2.line(page, (xs[c], y), (xs[c + 1], y), 0, 2)
    for c, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if ("v", r, c - 1) not in skip:
                cv2.line(page, (x, ys[r]), (x, ys[r + 1]), 0, 2)
    return page


def test_grid_and_merged_cells_from_ruling_lines():
    ys, xs = [100, 145, 190, 235], [100, 400, 600, 800, 1000]
    # header: cell (0, 1) spans two columns; cell (0, 0) spans two rows
    page = _ruled(ys, xs, skip={("v", 0, 1), ("h", 1, 0)})
    cv2.putText(page, "ABC", (120, 130), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3)  # tall strokes inside a cell
    _, rules = ocr._ink(page)
    [table] = ocr._tables(rules)
    assert len(table.ys) == 4 and len(table.xs) == 5
    assert all(abs(a - b) <= 2 for a, b in zip(table.ys, ys, strict=True))
    assert table.owner[(0, 2)] == (0, 1) and table.owner[(1, 0)] == (0, 0)
    assert table.owner[(0, 3)] == (0, 3) and table.owner[(2, 2)] == (2, 2)
    assert len(set(table.owner.values())) == 12 - 2


def test_skewed_scan_is_turned_level():
    page = _ruled([100, 145, 190, 235], [100, 400, 700, 1000])
    turned = cv2.warpAffine(
        page, cv2.getRotationMatrix2D((600, 400), -0.8, 1.0), (1200, 800), borderValue=255, flags=cv2.INTER_LINEAR
    )
    _, rules = ocr._ink(ocr._deskewed(turned))
    [table] = ocr._tables(rules)
    assert len(table.ys) == 4 and len(table.xs) == 4  # each ruling one line again


def test_specks_and_dust_are_not_text():
    cell = np.zeros((40, 200), np.uint8)
    cell[10:30, 20:120] = 255  # a line of print
    cell[5, 150] = cell[35, 180:182] = 255  # specks
    printed = ocr._without_specks(cell, ocr.MIN_INK)
    assert ocr._text_lines(printed) == [(10, 30, 20, 120)]
    lines = [ocr._Text((0, 0, 100, 25 - k), ("cell",)) for k in range(4)]  # the page's lines of text
    dust, dash = ocr._Text((0, 0, 7, 6), ("cell",)), ocr._Text((0, 0, 16, 3), ("cell",))
    assert ocr._without_dust([*lines, dust, dash]) == [*lines, dash]  # a dash is flat but wide


def test_a_small_fonts_decimal_point_is_not_a_speck():
    cell = np.zeros((40, 200), np.uint8)
    cell[10:30, 20:60] = cell[10:30, 70:110] = 255  # two digits
    cell[28:30, 63:66] = 255  # the point between them: 6 pixels at 200 dpi (a 9 pt font, scanned)
    cell[5, 150:153] = 255  # a speck of 3 pixels
    kept = ocr._without_specks(cell, ocr.SPECK)
    assert kept[28:30, 63:66].all() and not kept[5, 150:153].any()


@pytest.mark.parametrize("row", read_seed("ref_ocr_confusions"), ids=lambda r: r["read"])
def test_words_ocr_misreads_are_read_as_the_words_meant(row):
    read = OcrRead((0.99, 0.98), ("1,1,2,2", "2,1,3,2"))
    line = Line(f"2024年度{row['read']}表\t1.00", 3, 1, cells=(f"2024年度{row['read']}表", "1.00"), ocr=read)
    fixed = ocr._corrected(line)
    assert fixed.text == f"2024年度{row['meant']}表\t1.00" and fixed.cells == (f"2024年度{row['meant']}表", "1.00")
    assert fixed.ocr == read


def _value(printed: str | None, line_no: int, column: str) -> TableValue:
    amount = None if printed is None else Amount(Decimal(printed), printed, 2)
    return TableValue(
        "three_public", 1, "合计", "three_public_total", None, None, None, None, column, column, amount, "万元", line_no, 2,
        f"scan.pdf | p.2 | line {line_no} | 财政拨款三公经费支出决算表 | 合计",
    )  # fmt: skip


def test_figures_read_by_ocr_carry_confidence_and_the_box_of_their_cell():
    read = OcrRead((0.99, 0.61, None, 0.97), ("1,1,2,2", "2,1,3,2", None, "4,1,5,2"))
    row = Line("2.85\t0.39\t\t2.85", 7, 2, cells=("2.85", "0.39", "", "2.85"), ocr=read)
    prose = Line("三公经费支出0.39万元。", 9, 2, ocr=OcrRead((0.88,), ("9,9,99,19",)))
    text = Line("2.85\t0.39", 3, 1, cells=("2.85", "0.39"))
    values = [_value("2.85", 7, "budget"), _value("0.39", 7, "final"), _value(None, 7, "x"), _value("2.85", 7, "y")]
    values.append(_value("2.85", 3, "budget"))
    figure = NarrativeFigure("three_public_total", "amount", None, Decimal("0.39"), "0.39", "万元", 2, 9, 2, "…", "s")
    doc = LoadedDocument("d", "scan.pdf", "scan.pdf", "pdf", 1, [text, row, prose])
    result = DocumentResult(doc, None, "parsed", values=values, narrative=[figure])
    mark_ocr_figures(result)
    assert [(v.is_ocr, v.ocr_confidence) for v in values] == [
        (True, 0.99),
        (True, 0.61),
        (True, None),  # a blank cell: nothing recognized
        (True, 0.97),  # the same text again: the next cell printing it, not the first
        (False, None),  # a page with a text layer
    ]
    assert values[3].source_ref.endswith("| 合计 | box 4,1,5,2") and values[4].source_ref.endswith("| 合计")
    assert (figure.is_ocr, figure.ocr_confidence, figure.source_ref) == (True, 0.88, "s | box 9,9,99,19")


def test_an_identity_failing_on_a_figure_read_by_ocr_is_a_probable_misread():
    checks = pd.DataFrame(
        {
            "document_id": ["d", "d", "d"],
            "rule_id": ["FA-13", "FA-01", "FA-05"],
            "severity": ["error"] * 3,
            "subject": ["合计", "收入", "支出"],
            "lhs_value": [1.0, 2.0, 3.0],
            "rhs_value": [1.5, 2.0, 3.5],
            "difference": [-0.5, 0.0, -0.5],
            "tolerance": [0.01] * 3,
            "message": ["合计 ≠ Σ", "ok", "本年支出合计 ≠ Σ"],
            "source_ref": [
                "scan.pdf | p.2 | line 7 | 三公 | 合计 | box 1,1,2,2",
                "scan.pdf | p.1 | box 3,3,4,4",
                "t.pdf | p.1",
            ],
        }
    )
    results = judge(checks, failing_rows={0, 2})
    assert [f if isinstance(f, str) else None for f in results["finding"]] == ["probable_ocr_misread", None, None]
    assert results["message"][0] == "probable OCR misread of the figure at p.2, box 1,1,2,2 (check the scan): 合计 ≠ Σ"
    assert results["message"][2] == "本年支出合计 ≠ Σ"


def _image_pdf(*figures: str) -> bytes:
    """A PDF without a text layer: one small page image per figure, printed in it."""
    pages = []
    for figure in figures:
        image = np.full((120, 400), 255, np.uint8)
        cv2.putText(image, figure, (20, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
        pages.append(Image.fromarray(image))
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=ocr.DPI, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def test_pages_read_by_ocr_are_kept_for_the_next_build(tmp_path, monkeypatch):
    data = _image_pdf("9746.50")
    with in_effect(ParsingContext(ocr_cache=tmp_path / "ocr")):
        [first] = ocr.read_scanned_pages(data, [1], "scan.pdf")[1]
        assert first.text == "9746.50" and first.ocr.confidence[0] > 0.8
        monkeypatch.setattr(ocr, "_read_page_job", lambda job: pytest.fail("the page was read again"))
        assert ocr.read_scanned_pages(data, [1], "scan.pdf") == {1: [first]}
    stale = tmp_path / "ocr" / "0123456789abcdef-p1-000000000000.json"
    stale.write_text("[]")
    OcrCache(tmp_path / "ocr").prune_other_versions()
    assert not stale.exists() and len(list((tmp_path / "ocr").glob("*.json"))) == 1


def test_the_pages_of_a_scan_are_read_on_the_cores_of_its_document():
    told, threads = [], set()
    read_page = ocr._read_page_job

    def read_counting_threads(job):
        threads.add(threading.get_ident())
        return read_page(job)

    with in_effect(ParsingContext(cores=2, on_scanned_pages=told.append)):
        ocr._read_page_job, original = read_counting_threads, ocr._read_page_job
        try:
            pages = ocr.read_scanned_pages(_image_pdf("130.25", "4087.60"), [1, 2], "scan.pdf")
        finally:
            ocr._read_page_job = original
    assert [line.text for page in pages.values() for line in page] == ["130.25", "4087.60"]
    assert told == [2] and len(threads) == 2 and threading.get_ident() not in threads


def test_every_step_that_reads_documents_reads_scans_from_the_builds_ocr_cache(tmp_path, monkeypatch):
    from warehouse_build import steps
    from warehouse_build.layout import Layout

    layout = Layout(tmp_path / "out" / "warehouse.duckdb")
    layout.candidate.mkdir(parents=True)
    layout.candidate_db.write_bytes(b"")
    runs = []
    monkeypatch.setattr(steps, "_run", lambda argv, env=None: runs.append((str(argv[2]), env)) or 0)
    monkeypatch.setattr(steps, "seal", lambda *args: None)
    settings = steps.Settings(tmp_path / "raw", layout, 2, False)
    steps.ingest(settings)
    layout.candidate_db.write_bytes(b"")
    steps.expectations(settings)
    steps.report(settings)
    shared = {"OCR_CACHE_DIR": str((tmp_path / "out" / ".build" / "ocr").absolute())}
    assert runs == [("ingest", shared), ("expectations", shared), ("report", shared)]
    monkeypatch.setenv("OCR_CACHE_DIR", shared["OCR_CACHE_DIR"])
    assert parsing_context._from_environment().ocr_cache == layout.ocr_cache.absolute()
