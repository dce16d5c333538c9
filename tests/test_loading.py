"""Loading: encodings, normalization, unreadable inputs."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from conftest import DOC_002, SAMPLES

from ingest.loading import document_id_for, load_document
from ingest.loading.text import normalize_line
from ingest.pipeline import process_document


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_document_id_is_first_16_hex_of_sha256():
    data = (SAMPLES / DOC_002).read_bytes()
    assert len(document_id_for(data)) == 16
    assert document_id_for(data) == hashlib.sha256(data).hexdigest()[:16]


def test_same_text_in_every_encoding_reads_the_same(tmp_path):
    text = (SAMPLES / DOC_002).read_text(encoding="utf-8")
    reference = load_document(SAMPLES / DOC_002)
    variants = {
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "gbk.txt": text.encode("gb18030"),
        "utf16.txt": text.encode("utf-16"),
    }
    for name, data in variants.items():
        doc = load_document(_write(tmp_path, name, data))
        assert [line.text for line in doc.lines] == [line.text for line in reference.lines], name
        assert not doc.issues


def test_gbk_document_gives_same_metadata(tmp_path):
    text = (SAMPLES / DOC_002).read_text(encoding="utf-8")
    result = process_document(_write(tmp_path, "gbk.txt", text.encode("gbk", errors="replace")))
    assert result.meta.department_name == "天门市12345公共服务热线中心"
    assert result.meta.fiscal_year == 2022


def test_fullwidth_digits_and_percent_fold_but_chinese_punctuation_stays():
    assert normalize_line("合计　１２３．４５万元，占９９．３０％（类）") == "合计 123.45万元，占99.30%（类）"


def test_empty_binary_and_undecodable_files_are_reported_not_raised(tmp_path):
    cases = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n",
        "binary.txt": b"\x00\x01\x02PK\x03\x04" * 100,
        "latin.txt": bytes(range(128, 256)) * 20,
    }
    for name, data in cases.items():
        result = process_document(_write(tmp_path, name, data))
        assert result.parse_status == "unreadable", name
        issues = result.loaded.issues
        assert len(issues) == 1 and issues[0].severity == "error" and issues[0].stage == "load", name


def test_unsupported_suffix_is_an_issue(tmp_path):
    doc = load_document(_write(tmp_path, "x.xyz", b"hello"))
    assert doc.lines == [] and "unsupported" in doc.issues[0].message
