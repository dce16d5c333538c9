"""DOC-03 (template text) reads the text with line breaks removed: a phrase broken across lines is
found, and reported at the line where it starts."""

from __future__ import annotations

import shutil

import duckdb
from conftest import DOC_000, DOC_001, DOC_004, SAMPLES

from expectations.checks import compute_checks
from ingest.cli import main as ingest_main
from ingest.loading import load_document
from ingest.model import Line
from ingest.parsers.text_checks import TEMPLATE_TEXT, template_findings


def _failing(lines: list[Line]) -> dict[str, str]:
    return {f.subject: f.message for f in template_findings(lines, "f.txt") if f.excess > 0}


def _sample(name: str) -> dict[str, str]:
    return _failing(load_document(SAMPLES / name).lines)


def test_an_alternative_broken_across_lines_is_found_at_its_first_line():
    lines = [Line("决算数较2021年增加（减  ", 390), Line("", 391), Line("少）0万元，主要原因是无因公出国（境）", 392)]
    found = _failing(lines)
    assert list(found) == ["line 390: 决算数较2021年增加（减"]
    assert "增加（减少）" in found["line 390: 决算数较2021年增加（减"]


def test_a_sentence_broken_across_lines_without_template_text_passes():
    # 000 lines 178-180: "决算" / "数较全年预算数增加的主要原因是" (the comparison word is there)
    lines = [Line("年末公务用车保有 1辆。决算", 178), Line("数较全年预算数增加的主要原因是：车辆使用年限较长", 180)]
    assert _failing(lines) == {}
    findings = template_findings(lines, "f.txt")
    assert [(f.subject, f.excess) for f in findings] == [("document text", 0.0)]


def test_sample_000_comparison_word_left_out_across_lines_156_158():
    found = _sample(DOC_000)
    subject = "line 156: 增长27.5%，主要原因是本年招待人数有所增加。决算数较全年预"
    assert "comparison word left out" in found[subject]
    assert "line 142: 万元，完成全年预算的100%，决算数较2021年增加（减少）0" in found


def test_sample_001_alternatives_split_by_a_line_break():
    found = _sample(DOC_001)
    assert "增加（减少）" in found["line 390: 数为0万元，完成全年预算的0%，决算数较2021年增加（减"]
    assert "增加（减少）" in found["line 424: 决算数为0万元，完成全年预算的0%，决算数较2021年增"]
    # line 392 "少）0万元，增长（下降）0%" keeps its own finding
    assert "增长（下降）" in found["line 392: 少）0万元，增长（下降）0%，主要原因是无因公出国（境）"]


def test_sample_without_template_text_has_no_finding():
    assert _sample(DOC_004) == {}


def test_placeholders_are_two_or_more_xs_outside_a_latin_word():
    placeholder = TEMPLATE_TEXT[0][0]
    texts = ["上海市 XX 局", "××部门", "ＸＸＸ单位", "1XX2", "XXＸＸ", "aXXX", "XXXa", "AXX", "a×××", "MAXX", "X局"]
    found = [[m.group(0) for m in placeholder.finditer(text)] for text in texts]
    assert found == [["XX"], ["××"], ["ＸＸＸ"], ["XX"], ["XX"], [], [], [], ["××"], [], []]


def test_the_identity_checks_take_the_text_checks_made_as_the_documents_were_read(tmp_path):
    """DOC-01 and DOC-03 land with the document's rows: with the files gone once ingest has read
    them, the identity checks still find sample 001's template text at the lines it starts on."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES / DOC_001, raw / DOC_001)
    db = tmp_path / "w.duckdb"
    assert ingest_main(["run", "--raw-dir", str(raw), "--db", str(db), "--cache-dir", str(tmp_path / "parsed")]) == 0
    shutil.rmtree(raw)
    con = duckdb.connect(str(db))
    try:
        checks = compute_checks(con)
    finally:
        con.close()
    failing = checks[(checks["rule_id"] == "DOC-03") & (checks["excess"] > 0)]
    assert set(_sample(DOC_001)) == set(failing["subject"])
    assert "line 390: 数为0万元，完成全年预算的0%，决算数较2021年增加（减" in set(failing["subject"])
    years = checks[checks["rule_id"] == "DOC-01"]
    assert len(years) == 6 and (years["rhs_value"] == 2022).all()
