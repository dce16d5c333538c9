"""Hotline service volumes stated in indicator tables or prose -> ServiceVolume rows.

Two places state how much a hotline did:

- an indicator row of a performance table, e.g. the 数量指标 "全年受理咨询量 | 100000个 | 110083 个"
  (the completed value is read from the 实际完成值 column, never from the target);
- a sentence of a report, e.g. "2025年共办理12345政务热线交办件3794件".

Each volume says what it counts (``measure``): calls, cases handed over, work orders … Volumes
that count different things must not be compared; the dbt seed ``hotline_volume_measures``
describes every measure. Staff numbers (话务员配备 32 人) are kept with measure ``operators`` so
that they are visible, but they are not a service volume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.model import DocumentMeta, IngestIssue, Line, LoadedDocument, PerfIndicator, ServiceVolume, SourceRef
from ingest.numbers import parse_number


@dataclass(frozen=True)
class VolumeMeasure:
    measure: str
    label_pattern: re.Pattern[str]  # searched in the indicator name / the object of the sentence
    units: tuple[str, ...]  # count units this measure is printed in
    example: str


# Order matters: the first measure whose pattern matches the label wins.
MEASURES: tuple[VolumeMeasure, ...] = (
    VolumeMeasure(
        "operators",
        re.compile(r"话务员|坐席员|座席员|坐席人员|座席人员|接线员"),
        ("人", "名"),
        "000: 指标 2：话务员配备 32 人 (staff, not a volume)",
    ),
    VolumeMeasure(
        "work_orders",
        re.compile(r"工单"),
        ("件", "个", "单", "条"),
        "004: 全年完成工单 ≥300件 1799件",
    ),
    VolumeMeasure(
        "cases_handled",
        re.compile(r"交办件|转办件|办理件|办结件|办件|交办事项|诉求件|热线件"),
        ("件", "个", "条"),
        "003: 2025年共办理12345政务热线交办件3794件",
    ),
    VolumeMeasure(
        "calls_accepted",
        re.compile(r"咨询量|来电量|话务量|接听量|呼入量|受理量|来电|咨询|诉求"),
        ("个", "件", "次", "通", "条"),
        "000: 指标 1：全年受理咨询量 100000个 110083 个",
    ),
)

COUNT_UNITS = ("件", "个", "次", "通", "单", "条", "人", "名")

# A rate, a share or money is never a volume (热线接通率 99.35%, 按期办结率 100%).
NOT_A_VOLUME = re.compile(r"率|满意|占比|比例|金额|资金|经费|费用|万元|元")

# "1799件", "110083", "12.5万件" (万 multiplies: 全年受理来电12.5万件 is 125000 calls).
_NUMBER_WITH_UNIT = re.compile(
    r"(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<wan>万)?\s*(?P<unit>" + "|".join(COUNT_UNITS) + ")?"
)

# Prose: a verb of handling, the thing handled, then the count.
# "共办理12345政务热线交办件3794件" -> verb 办理, object 12345政务热线交办件, 3794 件.
_PROSE = re.compile(
    r"(?P<verb>办理|受理|接听|完成|处理|办结|接收|接到|接入|转办)"
    r"(?P<object>[^，。；;,、！!？?]{0,30}?)(?:量|数)?(?:共|达|为|计|约)?\s*"
    r"(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<wan>万)?\s*(?P<unit>件|个|次|通|单|条)(?![\d.%])"
)
# A sentence states a hotline volume only when it speaks of the hotline.
HOTLINE_WORDS = re.compile(r"12345|热线")
_INDICATOR_ROW = re.compile(r"^\s*指标\s*\d+\s*[：:]")
_SENTENCE_END = re.compile(r"[。；;！!？?]")


def parse_service_volumes(
    doc: LoadedDocument, meta: DocumentMeta, indicators: list[PerfIndicator]
) -> tuple[list[ServiceVolume], list[IngestIssue]]:
    """Volumes from indicator rows first, then from prose lines that are not table rows."""
    from_tables = [volume for volume in map(volume_from_indicator, indicators) if volume is not None]
    table_lines = {i.line_no for i in indicators if i.line_no is not None}
    from_prose = [
        volume
        for line in doc.lines
        if line.line_no not in table_lines and _is_prose(line)
        for volume in volumes_in_sentence(line, doc.file_name)
    ]
    return from_tables + from_prose, []


def measure_of(label: str, unit: str | None) -> VolumeMeasure | None:
    """The measure a label counts, or None when it is not a count (a rate, money, a yes/no)."""
    if not label or NOT_A_VOLUME.search(label):
        return None
    for measure in MEASURES:
        if measure.label_pattern.search(label) and (unit is None or unit in measure.units):
            return measure
    return None


def volume_from_indicator(indicator: PerfIndicator) -> ServiceVolume | None:
    """A count stated as the completed value of an indicator row ("全年受理咨询量 | 100000个 | 110083 个")."""
    label = _clean_label(indicator.level3_name or "")
    actual = _count_in(indicator.actual_text)
    if actual is None:
        return None
    value, printed, unit = actual
    if unit is None:  # the unit may be printed with the target only ("100000个" | "110083")
        target = _count_in(indicator.target_text)
        unit = target[2] if target else None
    measure = measure_of(label, unit)
    if measure is None or unit is None:
        return None
    return ServiceVolume(
        project_key=indicator.project_key,
        measure=measure.measure,
        label=label,
        value=value,
        unit=unit,
        printed=printed,
        line_no=indicator.line_no,
        page_no=indicator.page_no,
        context=" | ".join(t for t in (label, indicator.target_text, indicator.actual_text) if t),
        source_ref=indicator.source_ref,
    )


def volumes_in_sentence(line: Line, file_name: str) -> list[ServiceVolume]:
    """Counts a hotline sentence states ("共办理12345政务热线交办件3794件")."""
    volumes = []
    for match in _PROSE.finditer(line.text):
        sentence = _sentence_around(line.text, match.start(), match.end())
        if not HOTLINE_WORDS.search(sentence):
            continue
        label = (match["verb"] + match["object"]).strip()
        measure = measure_of(match["object"], match["unit"])
        if measure is None or measure.measure == "operators":
            continue
        ref = SourceRef.of_line(file_name, line, "正文", label)
        volumes.append(
            ServiceVolume(
                project_key=None,
                measure=measure.measure,
                label=label,
                value=_count_value(match),
                unit=match["unit"],
                printed=match.group(0)[len(match["verb"]) + len(match["object"]) :].strip(),
                line_no=line.line_no,
                page_no=line.page_no,
                context=sentence.strip(),
                source_ref=ref.render(),
            )
        )
    return volumes


def _count_in(text: str | None) -> tuple[Decimal, str, str | None] | None:
    """(value, printed, unit) of a plain count ("110083 个", "1799件"); None for rates, ranges, words."""
    if not text:
        return None
    compact = re.sub(r"\s+", "", text)
    match = _NUMBER_WITH_UNIT.fullmatch(compact)
    if match is None:
        return None
    if match["wan"] and not match["unit"]:
        return None  # "2万" alone is money more often than a count
    return _count_value(match), text.strip(), match["unit"]


def _count_value(match: re.Match[str]) -> Decimal:
    value = parse_number(match["value"]) * (10000 if match["wan"] else 1)
    return value.to_integral_value() if value == value.to_integral_value() else value


def _clean_label(label: str) -> str:
    """Drop the row number: 指标 1：全年受理咨询量 -> 全年受理咨询量."""
    return re.sub(r"\s+", "", _INDICATOR_ROW.sub("", label))


def _is_prose(line: Line) -> bool:
    return line.cells is None and "\t" not in line.text and not _INDICATOR_ROW.match(line.text)


def _sentence_around(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]
