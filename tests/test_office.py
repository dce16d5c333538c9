"""Legacy office files converted with LibreOffice: a .doc reads like the document it was saved from.

tests/fixtures/office/planning.doc is the published PDF putuo_planning_resources_2024.pdf as the
PDF loader reads it, written as .docx (tests/fixtures/make_docx.py document_docx) and saved as Word
97 by LibreOffice. The WPS spreadsheet is tests/fixtures/workbooks/generated.xls under the .et
suffix (WPS Spreadsheets writes the same binary format). LibreOffice is installed where the suite
runs (`.ci/run` installs it); the paths without it are tested with a stand-in program.
"""

from __future__ import annotations

import shutil
import stat
from collections import Counter
from pathlib import Path

from conftest import ROOT, shared_pdf

from ingest.loading import load_document, office
from ingest.pipeline import process_document

FIXTURES = ROOT / "tests" / "fixtures"


def test_a_doc_file_reads_like_the_pdf_it_was_made_from():
    pdf = process_document(shared_pdf("putuo_planning_resources_2024.pdf"))
    result = process_document(FIXTURES / "office" / "planning.doc")

    def facts(r):
        return Counter((v.table_key, v.row_key, v.column_key, v.side, v.amount and v.amount.printed) for v in r.values)

    assert result.loaded.file_format == "doc" and not result.loaded.issues
    assert result.meta.department_name == "上海市普陀区规划和自然资源局" and result.meta.fiscal_year == 2024
    assert facts(result) == facts(pdf) and len(result.values) == 636
    assert len(result.narrative) == len(pdf.narrative)


def test_a_wps_spreadsheet_is_read_as_a_workbook(tmp_path):
    path = tmp_path / "generated.et"
    shutil.copy(FIXTURES / "workbooks" / "generated.xls", path)
    doc = load_document(path)
    cells = {line.locator: line.cells for line in doc.lines}
    assert cells["支出!A4:E4"] == ("合计", "合计", "1234.60", "1234.70", "30.0%")  # formats kept by the conversion
    assert [issue.severity for issue in doc.issues] == ["info"]  # the hidden sheet


def _stand_in(tmp_path: Path, script: str) -> str:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return str(program)


def test_without_libreoffice_the_file_is_listed_with_what_would_read_it(tmp_path, monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    path = tmp_path / "old.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    result = process_document(path)
    [issue] = result.loaded.issues
    assert result.parse_status == "unreadable" and issue.severity == "error"
    assert ".wps file not read" in issue.message and "LibreOffice" in issue.message and "apt-get" in issue.message


def test_a_failed_or_hung_conversion_is_an_issue(tmp_path, monkeypatch):
    failing = _stand_in(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1\n')
    monkeypatch.setattr(office.shutil, "which", lambda name: failing)
    path = tmp_path / "broken.doc"
    path.write_bytes(b"not a word file")
    [issue] = load_document(path).issues
    assert issue.message == (
        ".doc file not read: LibreOffice could not convert it to .docx: Error: source file could not be loaded"
    )
    hanging = _stand_in(tmp_path, "sleep 30\n")
    monkeypatch.setattr(office.shutil, "which", lambda name: hanging)
    monkeypatch.setattr(office, "CONVERT_TIMEOUT", 1)
    [issue] = load_document(path).issues
    assert issue.message.endswith("could not convert it to .docx: no result within 1 s")
