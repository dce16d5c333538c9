"""The jurisdiction reader against the national list: every province, a sample of prefectures and
counties, provincial departments, short forms, namesakes, and the seed against the reference."""

from __future__ import annotations

import csv

import pytest
from conftest import SHARED

from ingest.layout.jurisdictions import load_gazetteer
from ingest.seeds import read_seed, seed_path

DIVISIONS = read_seed("ref_jurisdictions")
PROVINCES = [r for r in DIVISIONS if r["jurisdiction_level"] == "province"]
PREFECTURES = [r for r in DIVISIONS if r["jurisdiction_level"] == "prefecture"]
COUNTIES = [r for r in DIVISIONS if r["jurisdiction_level"] == "county"]
NAME_COUNT: dict[str, int] = {}
for _row in DIVISIONS:
    NAME_COUNT[_row["jurisdiction_name"]] = NAME_COUNT.get(_row["jurisdiction_name"], 0) + 1


def located(name: str, context: str = "") -> tuple:
    place = load_gazetteer().locate(name, context)
    division = place.division
    return (division.name, division.level, division.province) if division else None


def test_the_seed_is_the_national_list():
    assert len(PROVINCES) == 34
    assert len(PREFECTURES) == 333
    assert len(COUNTIES) == 2846
    assert [r for r in DIVISIONS if r["jurisdiction_level"] == "central"] == [
        {
            "division_code": "000000",
            "jurisdiction_name": "中央",
            "jurisdiction_level": "central",
            "province": "",
            "city": "",
        }
    ]


def test_the_seed_agrees_with_the_national_reference():
    reference_path = SHARED / "reference" / "admin_divisions.csv"
    if not reference_path.exists():
        pytest.skip("../shared/reference/admin_divisions.csv is not beside the project")
    with open(reference_path, encoding="utf-8") as handle:
        reference = {
            r["code"]: (r["name"], r["level"], r["province_name"], r["prefecture_name"]) for r in csv.DictReader(handle)
        }
    with open(seed_path("ref_jurisdictions"), encoding="utf-8") as handle:
        seed = {
            r["division_code"]: (r["jurisdiction_name"], r["jurisdiction_level"], r["province"], r["city"])
            for r in csv.DictReader(handle)
            if r["jurisdiction_level"] != "central"
        }
    assert seed == reference


@pytest.mark.parametrize("row", PROVINCES, ids=lambda r: r["jurisdiction_name"])
def test_every_province_and_its_departments(row):
    name = row["jurisdiction_name"]
    assert located(name + "财政厅") == (name, "province", name)
    assert located("中共" + name + "委宣传部") == (name, "province", name)


@pytest.mark.parametrize(
    "department",
    [
        "江苏省人民检察院",
        "江苏省高级人民法院",
        "江苏省政协办公厅",
        "中国人民政治协商会议江苏省委员会办公厅",
        "上海市财政局",
    ],
)
def test_a_provincial_department_has_its_province_as_jurisdiction(department):
    province = "上海市" if department.startswith("上海") else "江苏省"
    assert located(department) == (province, "province", province)


@pytest.mark.parametrize("row", PREFECTURES[::7], ids=lambda r: r["jurisdiction_name"])
def test_a_sample_of_prefectures(row):
    name, province = row["jurisdiction_name"], row["province"]
    expected = (name, "prefecture", province)
    assert located(province + name + "财政局") == expected
    if NAME_COUNT[name] == 1:
        assert located(name + "行政审批局") == expected


@pytest.mark.parametrize("row", COUNTIES[::29], ids=lambda r: r["division_code"])
def test_a_sample_of_counties(row):
    name, province, prefecture = row["jurisdiction_name"], row["province"], row["city"]
    expected = (name, "county", province)
    assert located(province + prefecture + name + "审计局") == expected
    if NAME_COUNT[name] == 1:
        assert located(name + "审计局") == expected
    else:  # a namesake: the province the document names settles it, else it stays unresolved
        assert located(name + "审计局", context=f"{prefecture}{name}审计局") == expected
        assert load_gazetteer().locate(name + "审计局").is_ambiguous


def test_namesakes_are_resolved_by_the_province_or_prefecture_the_document_names():
    assert located("上海市普陀区规划和自然资源局") == ("普陀区", "county", "上海市")
    assert located("浙江省舟山市普陀区财政局") == ("普陀区", "county", "浙江省")
    assert located("普陀区财政局", context="舟山市普陀区财政局2024年度部门决算") == ("普陀区", "county", "浙江省")
    assert located("普陀区财政局", context="上海市普陀区2024年区级部门预算") == ("普陀区", "county", "上海市")
    unresolved = load_gazetteer().locate("普陀区财政局")
    assert unresolved.division is None
    assert sorted(d.province for d in unresolved.namesakes) == ["上海市", "浙江省"]


def test_a_county_level_city_directly_under_its_province():
    assert located("天门市12345公共服务热线中心") == ("天门市", "county", "湖北省")
    division = load_gazetteer().locate("湖北省天门市财政局").division
    assert (division.code, division.city) == ("429006", "")


@pytest.mark.parametrize("row", read_seed("ref_jurisdiction_aliases"), ids=lambda r: r["alias"])
def test_every_short_form_reads_as_the_official_name(row):
    division = load_gazetteer().by_code[row["division_code"]]
    place = load_gazetteer().locate(row["alias"] + "财政局", context=division.province + division.prefecture)
    assert place.division == division
    assert place.printed == row["alias"]


def test_red_river_prefecture_is_named_officially():
    assert located("红河州人民政府办公室") == ("红河哈尼族彝族自治州", "prefecture", "云南省")


def test_central_departments():
    assert located("中华人民共和国财政部") == ("中央", "central", "")
    assert located("中共中央办公厅") == ("中央", "central", "")


@pytest.mark.parametrize(
    "text", ["欢迎来到南县政协网站", "县招商服务中心", "市行政审批局", "第二部分2022年度单位决算情况说明"]
)
def test_text_that_names_no_division_has_no_jurisdiction(text):
    assert located(text) is None
