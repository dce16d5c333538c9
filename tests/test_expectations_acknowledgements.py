"""The acknowledgement registry: reviewed failures become `acknowledged` with their finding; stale entries are
found; a registry that cannot be read exactly is refused naming its file and line; every committed entry
acknowledges a current failure of the sample build and cites lines that show what its reason says."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import SAMPLES
from sample_build import sample_warehouse

from expectations.acknowledgements import (
    REGISTRY,
    Acknowledgement,
    RegistryError,
    apply_acknowledgements,
    load_registry,
)
from expectations.runner import run_expectations
from ingest.loading import document_id_for

HEADER = "document,rule_id,subject,finding,reason\n"
ENTRY = "5c3abc64933aa4fd,NA-02,expenditure_total (line 54),source_error,line 54 prints 900.56\n"
OTHER = "c70b1d14cc0bfe60,PE-06,#3 x / 8 rate,source_error,line 449 prints 1000%\n"


def _results(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"document_id": d, "rule_id": r, "subject": s, "status": st, "message": "m"} for d, r, s, st in rows]
    )


def _registry(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "acknowledgements.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def test_a_listed_failure_becomes_acknowledged_with_its_finding_and_reason():
    entry = Acknowledgement("doc1", "PE-06", "#3 x / 8 rate", "source_error", "line 449 prints 1000%", 2)
    results, stale = apply_acknowledgements(_results(("doc1", "PE-06", "#3 x / 8 rate", "fail")), [entry])
    assert results["status"].tolist() == ["acknowledged"]
    assert results["finding"].tolist() == ["source_error"]
    assert "line 449 prints 1000%" in results["message"].iloc[0]
    assert "an error of the document as published" in results["message"].iloc[0]
    assert stale == []


def test_a_copy_that_lost_its_tables_is_its_own_finding():
    entry = Acknowledgement("doc1", "DOC-02", "公开表: 收入决算表", "incomplete_copy", "lines 71-120 are blank", 2)
    rows = _results(("doc1", "DOC-02", "公开表: 收入决算表", "fail"), ("doc1", "DOC-02", "公开表: 支出决算表", "fail"))
    results, _ = apply_acknowledgements(rows, [entry])
    assert results["status"].tolist() == ["acknowledged", "fail"]
    assert results["finding"].tolist() == ["incomplete_copy", None]
    assert "content the copy lost (not an error of the document)" in results["message"].iloc[0]


def test_an_entry_matching_no_failure_is_stale_and_a_pass_stays_a_pass():
    entry = Acknowledgement("doc1", "FA-01", "收入总计", "source_error", "was wrong once", 2)
    results, stale = apply_acknowledgements(_results(("doc1", "FA-01", "收入总计", "pass")), [entry])
    assert results["status"].tolist() == ["pass"]
    assert results["finding"].isna().all()
    assert stale == [entry]


def test_entries_for_documents_outside_the_build_are_not_stale():
    entry = Acknowledgement("other", "FA-01", "收入总计", "source_error", "reviewed", 2)
    _, stale = apply_acknowledgements(_results(("doc1", "FA-01", "收入总计", "fail")), [entry])
    assert stale == []


def test_an_unlisted_failure_stays_a_failure():
    entry = Acknowledgement("doc1", "FA-01", "收入总计", "source_error", "reviewed", 2)
    results, _ = apply_acknowledgements(_results(("doc1", "FA-02", "支出总计", "fail")), [entry])
    assert results["status"].tolist() == ["fail"]


def test_a_registry_as_excel_saves_it_is_read(tmp_path):
    """Excel's "CSV UTF-8" starts with a BOM and ends lines with CRLF; blank lines are skipped."""
    content = ("\ufeff" + HEADER + ENTRY + "\n" + OTHER).replace("\n", "\r\n")
    entries = load_registry(_registry(tmp_path, content))
    assert [(e.document, e.rule_id, e.subject, e.line_no) for e in entries] == [
        ("5c3abc64933aa4fd", "NA-02", "expenditure_total (line 54)", 2),
        ("c70b1d14cc0bfe60", "PE-06", "#3 x / 8 rate", 4),
    ]


def test_entries_for_a_users_own_documents_are_accepted(tmp_path):
    own = '0123456789abcdef,FA-03,"收入支出决算总表: 收入总计 = 支出总计",source_error,"p.3 line 12: 总计 1,203.40 vs 1,203.04"\n'
    (entry,) = load_registry(_registry(tmp_path, HEADER + own))
    assert entry.document == "0123456789abcdef" and entry.reason.endswith("1,203.04")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        pytest.param(HEADER + ENTRY.replace(",line 54", ',"line 54') + OTHER, 2, "not closed", id="unclosed quote"),
        pytest.param(HEADER + OTHER + ENTRY.replace(",line 54", ',"line 54'), 3, "not closed", id="open at end"),
        pytest.param(HEADER + ENTRY.replace("NA-02", "NA-2"), 2, "unknown rule id 'NA-2'", id="unknown rule"),
        pytest.param(HEADER + ENTRY + OTHER + ENTRY, 4, "as line 2", id="duplicate"),
        pytest.param(
            HEADER + ENTRY.replace("5c3abc", "5C3ABC"), 2, "lower-case: 5c3abc64933aa4fd", id="upper-case document"
        ),
        pytest.param(
            HEADER + ENTRY.replace("5c3abc64933aa4fd", "000_a19997e4"), 2, "not a document_id", id="file name"
        ),
        pytest.param(HEADER + ENTRY.replace("source_error", "typo"), 2, "unknown finding 'typo'", id="finding"),
        pytest.param(HEADER + ENTRY.replace("900.56", "900.56, 902.94"), 2, "6 fields", id="unquoted comma"),
        pytest.param(HEADER + ENTRY.replace(",line 54 prints 900.56", ","), 2, "needs its reason", id="no reason"),
        pytest.param(
            HEADER + ENTRY.replace("expenditure_total (line 54)", " "), 2, "needs the subject", id="no subject"
        ),
        pytest.param(HEADER.replace(",finding", "") + ENTRY, 1, "the header must be", id="header"),
        pytest.param((HEADER + OTHER).encode() + b"\xff\xd8\xff\xe0 JFIF", 3, "0xff is not UTF-8", id="binary"),
        pytest.param((HEADER + OTHER + "\x00\x01").encode(), 3, "control byte 0x00", id="NUL bytes"),
        pytest.param(HEADER.encode("utf-16"), 1, "is not UTF-8", id="UTF-16"),
    ],
)
def test_a_registry_that_cannot_be_read_exactly_is_refused_naming_file_and_line(tmp_path, content, line, message):
    path = _registry(tmp_path, content)
    with pytest.raises(RegistryError) as refused:
        load_registry(path)
    assert str(refused.value).startswith(f"{path} line {line}: "), refused.value
    assert message in str(refused.value)


def test_a_refused_registry_stops_the_step_before_it_writes_a_verdict(tmp_path):
    out = tmp_path / "dq"
    registry = _registry(tmp_path, HEADER + ENTRY.replace("NA-02", "NA-2"))
    with pytest.raises(RegistryError, match="unknown rule id"):
        run_expectations(tmp_path / "no.duckdb", out, registry=registry)
    assert not (out / "verdict.json").exists() and not (tmp_path / "no.duckdb").exists()


# ---------------------------------------------------------------- the committed registry

_CITED = re.compile(r"\blines? (\d+)(?:\s*[-–]\s*(\d+))?((?:\s*(?:,|and)\s*\d+(?:\s*[-–]\s*\d+)?)*)")
_EVIDENCE = re.compile(r"\d+\.\d+|\d{2,}%?|[\u4e00-\u9fff“”（）]{2,}")


def cited_lines(reason: str) -> set[int]:
    """The line numbers a reason cites: "line 54", "lines 74-98", "lines 984-987", "lines 11, 20-23"."""
    lines: set[int] = set()
    for match in _CITED.finditer(reason):
        spans = [(match.group(1), match.group(2))]
        spans += re.findall(r"(\d+)(?:\s*[-–]\s*(\d+))?", match.group(3))
        for first, last in spans:
            lines.update(range(int(first), int(last or first) + 1))
    return lines


def test_cited_lines_are_read_from_a_reason():
    assert cited_lines("000 line 54 states 900.56; lines 74-98 list; lines 11, 20-21 and 30") == {
        54, *range(74, 99), 11, 20, 21, 30
    }  # fmt: skip


def _samples_by_id() -> dict[str, Path]:
    return {document_id_for(path.read_bytes()): path for path in SAMPLES.iterdir()}


def test_every_committed_entry_is_well_formed_and_cites_lines_that_show_its_reason():
    """A reader can verify each entry: its reason cites lines of the document that exist, and those lines
    print something the reason quotes (a figure or a phrase). Entries of documents outside data/samples
    (a user's own) are checked by their own builds."""
    samples = _samples_by_id()
    entries = [entry for entry in load_registry(REGISTRY) if entry.document in samples]
    assert entries
    for entry in entries:
        lines = samples[entry.document].read_text(encoding="utf-8").split("\n")
        cited = cited_lines(entry.reason)
        assert cited, f"registry line {entry.line_no}: the reason cites no line: {entry.reason}"
        assert max(cited) <= len(lines), f"registry line {entry.line_no}: cites a line past the end ({len(lines)})"
        shown = re.sub(r"\s+", "", "".join(lines[n - 1] for n in sorted(cited)))
        said = _CITED.sub("", entry.reason.removeprefix(samples[entry.document].name[:3]))
        quoted = [token for token in _EVIDENCE.findall(said) if token in shown]
        assert quoted, f"registry line {entry.line_no}: nothing the reason quotes is on lines {sorted(cited)}"


@pytest.mark.build
def test_every_committed_entry_acknowledges_a_current_failure_of_the_sample_build():
    samples = _samples_by_id()
    entries = [entry for entry in load_registry(REGISTRY) if entry.document in samples]
    con = duckdb.connect(str(sample_warehouse()), read_only=True)
    try:
        acknowledged = {
            (d, r, s): finding
            for d, r, s, finding in con.execute(
                "select document_id, rule_id, subject, finding from dq.identity_results where status = 'acknowledged'"
            ).fetchall()
        }
    finally:
        con.close()
    for entry in entries:
        assert acknowledged.get(entry.key) == entry.finding, f"registry line {entry.line_no} matches no failure"
    assert len(acknowledged) == len(entries)
