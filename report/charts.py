"""Horizontal bar charts as data for the report's templates: rows of labelled bars drawn with HTML
and CSS, so that they reflow from a phone (390 px) to a wide screen and need no script.

A bar's length is its value over the largest value of its chart; every bar and every value links
to the line of the document the number was read from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PALETTE = ("#2f6db5", "#e08a1e", "#3a9a5b", "#b5452f", "#7a56b0", "#5f6b73")


@dataclass(frozen=True)
class Series:
    name: str
    color: str


@dataclass(frozen=True)
class Badge:
    text: str
    kind: str  # css modifier: year, basis, warn …
    title: str = ""


@dataclass(frozen=True)
class Point:
    """One value of a chart row: None when the document states none."""

    value: float | None
    href: str | None = None
    source: str = ""  # the source_ref, shown on hover


@dataclass(frozen=True)
class ChartRow:
    label: str
    points: tuple[Point, ...]  # one per series
    badges: tuple[Badge, ...] = ()
    note: str = ""  # shown after the values (e.g. what a volume counts)


@dataclass(frozen=True)
class Bar:
    series: Series
    width_pct: float  # 0–100 of the chart's largest value
    text: str  # the value as shown
    href: str | None
    source: str


@dataclass(frozen=True)
class DrawnRow:
    label: str
    badges: tuple[Badge, ...]
    bars: tuple[Bar | None, ...]
    note: str


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    series: tuple[Series, ...]
    rows: tuple[DrawnRow, ...]


def bar_chart(
    chart_id: str,
    title: str,
    series: list[Series],
    rows: list[ChartRow],
    value_text: Callable[[float], str],
) -> BarChart:
    """Each point as a bar scaled to the largest value of the chart (a zero is a bar of no length)."""
    scale = max((p.value for r in rows for p in r.points if p.value is not None), default=0) or 1
    drawn = []
    for row in rows:
        bars = tuple(
            None
            if point.value is None
            else Bar(
                s, max(0.0, min(100.0, 100 * point.value / scale)), value_text(point.value), point.href, point.source
            )
            for s, point in zip(series, row.points, strict=True)
        )
        drawn.append(DrawnRow(row.label, row.badges, bars, row.note))
    return BarChart(chart_id, title, tuple(series), tuple(drawn))
