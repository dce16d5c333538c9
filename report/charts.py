"""Inline SVG bar charts, drawn in Python: the report needs no script and no network.

Every text placed in a chart goes through ``html.escape``: labels come from documents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

PALETTE = ("#2f6db5", "#e08a1e", "#3a9a5b", "#b5452f", "#7a56b0", "#5f6b73")

LABEL_WIDTH = 400
BAR_AREA = 360
VALUE_WIDTH = 120
BAR_HEIGHT = 14
ROW_GAP = 12
MAX_LABEL_CHARS = 30


@dataclass(frozen=True)
class Series:
    name: str
    color: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: tuple[float | None, ...]  # one per series; None: not stated
    note: str = ""  # shown after the values (e.g. what a volume counts)


def bar_chart(
    title: str, series: list[Series], rows: list[ChartRow], value_text: Callable[[float], str], chart_id: str
) -> str:
    """A horizontal (grouped) bar chart as an inline <svg>; empty rows give a short note instead."""
    if not rows:
        return f'<p class="empty">{escape(title)}: nothing to show.</p>'
    top = 28 if len(series) > 1 else 8
    row_height = BAR_HEIGHT * len(series) + ROW_GAP
    height = top + row_height * len(rows) + 8
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH + 200
    scale = max((v for r in rows for v in r.values if v is not None), default=0) or 1
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-label="{escape(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    if len(series) > 1:
        parts.extend(_legend(series))
    for index, row in enumerate(rows):
        parts.extend(_row(row, series, top + index * row_height, scale, value_text))
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(series: list[Series]) -> list[str]:
    items = []
    x = LABEL_WIDTH
    for s in series:
        items.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{escape(s.color)}"/>')
        items.append(f'<text x="{x + 16}" y="16" class="legend">{escape(s.name)}</text>')
        x += 40 + 14 * len(s.name)
    return items


def _row(row: ChartRow, series: list[Series], y: int, scale: float, value_text: Callable[[float], str]) -> list[str]:
    label = row.label if len(row.label) <= MAX_LABEL_CHARS else row.label[: MAX_LABEL_CHARS - 1] + "…"
    middle = y + BAR_HEIGHT * len(series) / 2 + 4
    parts = [
        f'<text x="{LABEL_WIDTH - 8}" y="{middle:.0f}" text-anchor="end" class="label">'
        f"<title>{escape(row.label)}</title>{escape(label)}</text>"
    ]
    texts = []
    for offset, (s, value) in enumerate(zip(series, row.values, strict=True)):
        bar_y = y + offset * BAR_HEIGHT
        if value is None:
            texts.append("—")
            continue
        bar_width = max(1.0, BAR_AREA * value / scale) if value > 0 else 0
        parts.append(
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{bar_y}" width="{bar_width:.1f}" height="{BAR_HEIGHT - 2}" '
            f'fill="{escape(s.color)}"><title>{escape(row.label)}: {escape(value_text(value))}</title></rect>'
        )
        texts.append(value_text(value))
    value_label = " / ".join(texts) + (f"  {row.note}" if row.note else "")
    parts.append(f'<text x="{LABEL_WIDTH + BAR_AREA + 8}" y="{middle:.0f}" class="value">{escape(value_label)}</text>')
    return parts
