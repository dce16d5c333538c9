"""The layout catalogue: every way a generated document can be printed, one dimension at a time.

A document draws one value of each dimension (recorded in its answer key and the manifest); each
output file of it adds its `format` (and, for a PDF, its `producer`). Accuracy is reported per
dimension × value, so a reader's weakness shows as the choice it fails on.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

DIMENSIONS: dict[str, tuple[str, ...]] = {
    # how the PDF is made
    "producer": ("reportlab", "reportlab_unruled", "office_workbook", "office_document", "browser_html"),
    # 支出功能分类 code: one column; 类 | 款 | 项 columns (each row prints its own part);
    # "2010601 行政运行" in one cell; names only, indented by level
    "code_layout": ("one_column", "split_columns", "code_in_name", "names_indented"),
    "unit": ("wan", "yuan"),
    "thousands": ("plain", "separators"),
    "zero_style": ("blank", "zero", "dash"),
    # long function tables running over pages, with or without the header repeated
    "continuation": ("none", "repeat_header", "no_header"),
    # wide tables on landscape pages (as the template) or every page portrait
    "orientation": ("template", "portrait"),
    # 公开06: one list or 2-3 code/name/amount column groups side by side
    "basic_layout": ("list", "two_pairs", "three_pairs"),
    # cover: one title line, or department / year / "年度部门决算" on lines of their own
    "cover": ("one_line", "year_apart"),
    "unit_position": ("right", "left", "title_row"),
    "text_quirk": ("none", "kangxi", "spaced_names", "fullwidth_digits", "wrapped_names"),
    # 公开06 prints the template's rows, or also 307 / 309 / 399
    "economic_rows": ("template", "extended"),
}

# The file formats a document is written in; `pdf` is drawn by the chosen producer.
FORMATS: tuple[str, ...] = ("pdf", "docx", "xlsx", "html", "txt", "doc", "scan")
SCAN_DPIS: tuple[int, ...] = (150, 200, 300)


@dataclass(frozen=True)
class Layout:
    producer: str
    code_layout: str
    unit: str
    thousands: str
    zero_style: str
    continuation: str
    orientation: str
    basic_layout: str
    cover: str
    unit_position: str
    text_quirk: str
    economic_rows: str

    @property
    def quantum(self) -> int:
        """Cents per printed step: 0.01 万元 or 0.01 元."""
        return 10_000 if self.unit == "wan" else 1

    @property
    def unit_label(self) -> str:
        return "万元" if self.unit == "wan" else "元"

    def choices(self) -> dict[str, str]:
        return asdict(self)


def draw_layouts(rng: random.Random, count: int, producers: tuple[str, ...] = DIMENSIONS["producer"]) -> list[Layout]:
    """Layouts of `count` documents. Each dimension runs through shuffled rounds of all its values,
    independently of the others: every value of every dimension appears once the count reaches the
    dimension's size, values stay balanced, and dimensions are not tied to each other."""
    columns = {}
    for name, options in DIMENSIONS.items():
        options = producers if name == "producer" else options
        sequence: list[str] = []
        while len(sequence) < count:
            round_ = list(options)
            rng.shuffle(round_)
            sequence.extend(round_)
        columns[name] = sequence
    return [Layout(**{name: columns[name][i] for name in DIMENSIONS}) for i in range(count)]


# The plainest choice of every dimension: what a reader is surely taught first.
PLAIN = Layout(
    producer="reportlab",
    code_layout="one_column",
    unit="yuan",
    thousands="plain",
    zero_style="zero",
    continuation="none",
    orientation="template",
    basic_layout="list",
    cover="one_line",
    unit_position="right",
    text_quirk="none",
    economic_rows="template",
)
