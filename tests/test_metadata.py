"""Document classification and identity, on every sample document."""

from __future__ import annotations

import csv

import pytest
from conftest import DOC_000, DOC_001, DOC_002, DOC_003, DOC_004, SHARED, parsed

from ingest.layout.jurisdictions import SEED_PATH, load_gazetteer

EXPECTED = {
    DOC_000: ("final_accounts", "景德镇市委信访局", "景德镇市", 2022),
    DOC_001: ("final_accounts", "景德镇市人民政府行政服务中心管理委员会", "景德镇市", 2022),
    DOC_002: ("final_accounts", "天门市12345公共服务热线中心", "天门市", 2022),
    DOC_003: ("performance_evaluation", "富民县信访局", "富民县", 2025),
    DOC_004: ("performance_evaluation", "子洲县行政审批服务局", "子洲县", 2021),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_of_sample_documents(name):
    meta = parsed(name).meta
    doc_type, department, jurisdiction, year = EXPECTED[name]
    assert (meta.doc_type, meta.department_name, meta.jurisdiction_name, meta.fiscal_year) == (
        doc_type,
        department,
        jurisdiction,
        year,
    )
    assert meta.money_unit == "万元"


def test_gazetteer_resolves_namesakes_by_province():
    gazetteer = load_gazetteer()
    assert gazetteer.resolve("上海市普陀区规划和自然资源局") == ("普陀区", "上海市")
    assert gazetteer.resolve("浙江省舟山市普陀区财政局")[1] == "浙江省"
    assert gazetteer.resolve("天门市12345公共服务热线中心") == ("天门市", "湖北省")
    assert gazetteer.resolve("富民县信访局") == ("富民县", "云南省")


def test_jurisdiction_seed_agrees_with_national_reference():
    reference_path = SHARED / "reference" / "admin_divisions.csv"
    if not reference_path.exists():
        pytest.skip("../shared/reference/admin_divisions.csv is not present")
    with open(reference_path, encoding="utf-8") as handle:
        reference = {r["code"]: r for r in csv.DictReader(handle)}
    with open(SEED_PATH, encoding="utf-8") as handle:
        seed = list(csv.DictReader(handle))
    assert len(seed) >= 40
    for row in seed:
        ref = reference[row["division_code"]]
        assert (row["jurisdiction_name"], row["jurisdiction_level"], row["province"]) == (
            ref["name"],
            ref["level"],
            ref["province_name"],
        )
        assert row["city"] == ("" if ref["level"] == "province" else ref["prefecture_name"])
