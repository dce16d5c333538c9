"""Finding final-accounts table blocks by their titles, and splitting lines into cells.

A table block is the run of lines from a table's title to its note ("注：…") or to whatever comes
next (another title, a part heading "第三部分 …", a narrative heading "一、收入决算情况说明").
A title that is not followed by anything table-like (a unit line, a 公开NN表 number, a header or a
row of cells) is a table-of-contents entry, not a table: 002 lines 16-24, 001 lines 11-23.

Rows are read as cells:
- a Line whose loader knows the cells (PDF/DOCX tables) keeps them;
- a table whose lines carry their positions (a PDF table printed without ruling lines) is read
  into the columns its header defines (layout/columns.py): positions are meaningful;
- a tab-separated line is split on tabs (positions are meaningful: blank cells stay "");
- a space-separated line is split into a leading code, a label and trailing figures
  ("201 06 01 行政运行 91.42 29.19 62.23", "二、单价 100 万元（含）以上设备（不含车辆） 10 0");
  such rows are *sequential*: blank cells are not printed, so their positions mean nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

from ingest.layout.columns import grid_from_spans, is_span_table
from ingest.model import Line, Span
from ingest.parsers.template_vocabulary import TableSpec, TemplateVocabulary
from ingest.parsers.templates import FAMILIES

# 公开NN表 as printed: "公开01表" (002 line 67), "公开 08 表" (001 line 122).
TABLE_NO = re.compile(r"公开\s*(\d{1,2})\s*表")
# The number alone on its line, above the title it numbers (js_high_court_2019_budget.pdf p.8 "公开 01 表").
TABLE_NO_LINE = re.compile(r"^公开\d{1,2}表$")
# "金额单位：万元" (002 line 68), "单位：万元" (PDF), "单位：台、辆、套" (001 line 246).
UNIT = re.compile(r"(?<!编制)单位\s*[：:]\s*([万千亿]?元|[台辆套个、，,]+)")
METADATA = re.compile(
    r"^(部门|编制单位|单位|金额单位)\s*[：:]|(?<!编制)单位\s*[：:]\s*[万千亿]?元|公开\s*\d{1,2}\s*表|^\d{4}\s*年度?$"
)
# One of these is in every text METADATA finds.
METADATA_WORDS = ("部门", "单位", "公开", "年")
METADATA_WORD = re.compile("|".join(METADATA_WORDS))
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
# A narrative heading: "一、收入决算情况说明" (001 line 24), "二 、部门基本情况" (001 line 54).
NARRATIVE_HEADING = re.compile(r"^[一二三四五六七八九十]+\s*、.*(情况说明|说明|情况|职能|职责)$")
# A section heading printed without a number: "其他相关情况说明" (sh_putuo_welfare_home_2024_unit_budget.pdf
# p.16), "项目经费情况说明" (sh_putuo_wanli_street_2024_budget.pdf p.32).
SECTION_HEADING = re.compile(r"^[^\d，。；：:、]{0,14}(情况说明|编制说明|名词解释)$")
# A table's label printed on a line of its own above its title: "表十二" (js_cppcc_office_2017_budget_tables.pdf).
TABLE_LABEL_LINE = re.compile(r"^(?:附表|表)\s*[\d一二三四五六七八九十]+$")
NOTE = re.compile(r"^注\s*[：:]")
EXPLANATION = re.compile(r"^说明\s*[：:]")
LIST_MARKER = re.compile(
    r"^(?:[-•*]\s*|[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[、.．])"
)
QUOTES = re.compile(r"[\"'“”‘’「」]")
# "附表1：收入支出决算总表", "表一 收入决算表": a table label before the title.
TABLE_LABEL_PREFIX = re.compile(r"^(?:附表|表)\s*[\d一二三四五六七八九十]+\s*[、:：.．]?\s*")
# "收入支出决算总表 单位：万元", "收支预算总表部门：江苏省政协办公厅单位：万元" (one cell of
# js_cppcc_office_2018_budget_tables.pdf p.1): the unit and the department printed on the title line.
TITLE_METADATA_SUFFIX = re.compile(r"(?:(?:金额|编制|预算)?单位|(?:编制|预算主管)?部门)[：:].*$")
# What may stand before a title: the year with the department ("天门市…中心2022年度",
# "2017年度江苏省高级人民法院部门", "2024年预算单位"), or the department's kind alone ("部门“三公”经费和
# 机关运行经费预算表", sh_putuo_wanli_street_2024_budget.pdf p.31).
TITLE_PREFIX = re.compile(
    r"^(?:[^，。；：:,《》]{0,40}\d{4}年度?[^，。；：:,《》]{0,40}|[^，。；：:,《》\d]{0,40}(?:部门|单位))$"
)

# A figure as printed: "215.56", "0.00", "-3.5", "1,234.00"; blanks are "-", "—", "/", "────".
FIGURE_TEXT = r"[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?"
BLANK_TEXT = r"[-—–─━/／]+"
NUMBER = re.compile(f"^(?:{FIGURE_TEXT})$")
BLANK_MARK = re.compile(f"^{BLANK_TEXT}$")
FUNCTION_CODE_PARTS = re.compile(r"^\d{3}$|^\d{2}$")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")

_HAS_DIGIT = re.compile(r"\d")
PROSE_PUNCTUATION = re.compile(r"[，。；！？]")
TABLE_EVIDENCE_WINDOW = 12  # non-blank lines after a title in which a table must show itself
GRID_TOLERANCE = 2.0  # points: two rulings this close are one


@dataclass
class TableBlock:
    """The lines of one table, from its title up to its note."""

    spec: TableSpec
    title: str  # as printed (whitespace removed)
    title_line: Line
    lines: list[Line] = field(default_factory=list)  # header and data lines (metadata removed)
    table_no: str | None = None  # "公开01" as printed
    unit: str | None = None  # printed unit of the table
    note: str | None = None  # the 注：… line
    explanation: str | None = None  # the 说明：… line (why a table is empty)

    @property
    def sequential(self) -> bool:
        """True when the rows are space-separated text (cell positions are not meaningful)."""
        if is_span_table(self.lines):
            return False
        return not any(line.cells is not None or "\t" in line.text for line in self.lines)

    @property
    def laid_out_in_columns(self) -> bool:
        """True when the rows are text set in columns by spaces, as a dump of a table prints them
        (most lines with figures set a word apart by two spaces or more): blank cells may be
        printed as spaces, so positions may be meaningful (loading/text.py ``aligned_spans``)."""
        with_figures = [line.text.strip() for line in self.lines if _HAS_DIGIT.search(line.text)]
        return bool(with_figures) and 2 * sum(1 for text in with_figures if "  " in text) > len(with_figures)

    def grid(self) -> list[tuple[Line, list[str]]]:
        """(line, cells) of every row; a row wrapped over several lines is one, at its first line."""
        if is_span_table(self.lines):
            return grid_from_spans(self.lines)
        reference = next((line.spans for line in self.lines if line.cells is not None and line.spans), None)
        return [(line, _cells_on_grid(line, reference)) for line in self.lines]


def _cells_on_grid(line: Line, reference: tuple[Span, ...] | None) -> list[str]:
    """A row's cells under the columns of the table's first ruled row: a row ruled otherwise (the
    table continued on a page ruled apart, js_high_court_2017_budget.pdf p.16) or printed outside
    the ruling ("30206 电费 235.00" on the same page) has its cells, or words, put in the column
    they lie under the most."""
    if reference is None or line.spans is None or (line.cells is not None and _same_grid(line.spans, reference)):
        return split_cells(line)
    cells = [""] * len(reference)
    for span in line.spans:
        if not span.text.strip():
            continue
        overlaps = [min(span.x1, column.x1) - max(span.x0, column.x0) for column in reference]
        best = max(range(len(reference)), key=lambda n: overlaps[n])
        if overlaps[best] <= 0:
            middle = (span.x0 + span.x1) / 2
            best = min(range(len(reference)), key=lambda n: abs((reference[n].x0 + reference[n].x1) / 2 - middle))
        cells[best] = f"{cells[best]} {span.text.strip()}".strip()
    return cells


def _same_grid(spans: tuple[Span, ...], reference: tuple[Span, ...]) -> bool:
    return len(spans) == len(reference) and all(
        abs(a.x0 - b.x0) < GRID_TOLERANCE and abs(a.x1 - b.x1) < GRID_TOLERANCE
        for a, b in zip(spans, reference, strict=True)
    )


# Labels and tokens repeat within a document and across documents of one template: pure functions
# of the text are remembered (a few thousand each, so a worker's memory stays flat).
@lru_cache(maxsize=1 << 12)
def normalize_label(text: str) -> str:
    """Whitespace and quotes removed: the form titles and labels are compared in."""
    return QUOTES.sub("", "".join(text.split()))


def _title_candidates(families: tuple[TemplateVocabulary, ...]) -> list[tuple[str, TableSpec]]:
    pairs = []
    for family in families:
        for spec in family.tables:
            for title in (spec.title, *spec.aliases, *family.title_aliases.get(spec.key, ())):
                pairs.append((normalize_label(title), spec))
    return sorted(
        pairs, key=lambda pair: -len(pair[0])
    )  # longest first: 财政拨款收入支出决算总表 before 收入支出决算总表


TITLE_CANDIDATES = {family.family: _title_candidates((family,)) for family in FAMILIES.values()}
ANY_TITLE_CANDIDATES = _title_candidates(tuple(FAMILIES.values()))


def match_title(line: Line, vocabulary: TemplateVocabulary | None = None) -> tuple[TableSpec, str] | None:
    """The table a title line names (of the family given, or of any), and the title; None for other lines."""
    if "表" not in line.text:  # every title and alias ends in 表: a cheap first filter
        return None
    first = next((c for c in split_cells(line) if c.strip()), "") if _has_cells(line) else line.text
    text = normalize_label(LIST_MARKER.sub("", TABLE_LABEL_PREFIX.sub("", first.strip())))
    text = TITLE_METADATA_SUFFIX.sub("", TABLE_NO.sub("", text))
    text = re.sub(r"[（(]\s*[）)]$", "", text)
    if not text:
        return None
    candidates = TITLE_CANDIDATES[vocabulary.family] if vocabulary else ANY_TITLE_CANDIDATES
    for title, spec in candidates:
        if text == title:
            return spec, title
        if text.endswith(title) and TITLE_PREFIX.match(text[: -len(title)]):
            return spec, title
    return None


def _has_cells(line: Line) -> bool:
    return line.cells is not None or "\t" in line.text


def split_cells(line: Line) -> list[str]:
    """The cells of a row: loader cells, tab-separated cells, or a space-separated row's parts."""
    if line.cells is not None:
        return [c.strip() for c in line.cells]
    if "\t" in line.text:
        return [c.strip() for c in line.text.split("\t")]
    return split_spaced_row(line.text)


def split_spaced_row(text: str) -> list[str]:
    """Split a space-separated row into [code?, label, figure, figure, …] (or label/figure runs).

    Figures are the tokens that read as numbers or blank marks; the words between them form one
    label each, so "二、单价 100 万元（含）以上设备（不含车辆） 10 0" keeps "100" inside its label. A
    leading 支出功能分类 code printed over 类/款/项 ("201 06 01") becomes one code cell.
    """
    tokens = text.split()
    if not tokens:
        return []
    cells: list[str] = []
    code, used = _leading_code(tokens)
    if code:
        cells.append(code)
        tokens = tokens[used:]
    cells.extend(_label_and_figure_cells(tokens))
    return cells


def _leading_code(tokens: list[str]) -> tuple[str | None, int]:
    """A code at the start of a row, followed by its name: "2010301 行政运行" or "201 06 01 行政运行"."""
    first = tokens[0]
    class_apart = len(first) == 3 and first.isdigit()  # a 类 printed apart from its 款 (and 项)
    for width in (3, 2, 1):
        if len(tokens) <= width or (width > 1 and not class_apart):
            continue
        if width == 1:
            if CODE.match(first) and not _is_figure(tokens[1]):
                return first, 1
            continue
        parts = tokens[:width]
        if all(len(p) == 2 and FUNCTION_CODE_PARTS.match(p) for p in parts[1:]) and not _is_figure(tokens[width]):
            return "".join(parts), width
    return None, 0


def _label_and_figure_cells(tokens: list[str]) -> list[str]:
    """Group words into labels and keep figures as cells; a lone figure inside words stays in the label."""
    runs = [(is_fig, list(run)) for is_fig, run in groupby(tokens, key=_is_figure)]
    cells: list[str] = []
    label: list[str] = []
    for n, (is_fig, run) in enumerate(runs):
        # "人员经费合计 65.88 公用经费合计" (a decimal figure) vs "单价 100 万元（含）以上设备"
        if is_fig and (
            n == len(runs) - 1 or len(run) > 1 or not label or "." in run[0] or LIST_MARKER.match(runs[n + 1][1][0])
        ):
            if label:
                cells.append(" ".join(label))
                label = []
            cells.extend(run)
        else:
            label.extend(run)
    if label:
        cells.append(" ".join(label))
    return cells


@lru_cache(maxsize=1 << 12)
def _is_amount(token: str) -> bool:
    """A figure printed with decimals or thousands separators (not a page number of a contents line)."""
    return bool(NUMBER.match(token)) and ("." in token or "," in token)


@lru_cache(maxsize=1 << 12)
def _is_figure(token: str) -> bool:
    return bool(NUMBER.match(token) or BLANK_MARK.match(token))


def find_table_blocks(lines: list[Line], vocabulary: TemplateVocabulary) -> list[TableBlock]:
    """Every table of the family's in the document, in order; table-of-contents entries are left out."""
    titles = [(i, found) for i, line in enumerate(lines) if (found := match_title(line, vocabulary))]
    blocks: list[TableBlock] = []
    for n, (start, (spec, title)) in enumerate(titles):
        stop = titles[n + 1][0] if n + 1 < len(titles) else len(lines)
        if n + 1 < len(titles) and titles[n + 1][1][0] is spec and _only_blank_or_meta(lines[start + 1 : stop]):
            continue  # a heading "一、收入支出决算汇总表" right above the table's own title line
        block = _read_block(lines, start, stop, spec, title)
        if block is not None and block.table_no is None:
            _read_number_above(block, lines, start)
        if block is not None:
            blocks.append(block)
    return blocks


def _only_blank_or_meta(lines: list[Line]) -> bool:
    return all(not line.text.strip() or _is_metadata(line) for line in lines)


def _is_metadata(line: Line) -> bool:
    """部门/编制单位/单位 lines and 公开NN表 numbers above a table (002 line 68, 001 line 126)."""
    if line.cells is None and not METADATA_WORD.search(line.text):
        return False  # what METADATA needs is nowhere in the line (a table row, mostly)
    cells = split_cells(line) if _has_cells(line) else [line.text.strip()]
    return any(METADATA.search(cell.strip()) for cell in cells if cell.strip())


def _read_block(lines: list[Line], start: int, stop: int, spec: TableSpec, title: str) -> TableBlock | None:
    block = TableBlock(spec=spec, title=title, title_line=lines[start])
    _read_metadata(block, lines[start])
    evidence = block.unit is not None  # "收入支出决算总表 单位：元": a contents entry prints no unit
    seen_note = False
    nonblank = 0
    for line in lines[start + 1 : stop]:
        text = line.text.strip()
        if not text:
            continue
        nonblank += 1
        plain = normalize_label(text)
        if not _has_cells(line) and (
            PART_HEADING.match(plain) or NARRATIVE_HEADING.match(plain) or SECTION_HEADING.match(plain)
        ):
            break
        if NOTE.match(plain):
            block.note = block.note or text
            seen_note = True
            continue
        if EXPLANATION.match(plain) or (not _has_cells(line) and "无数据" in plain):
            block.explanation = block.explanation or text
            evidence = True
            continue
        if seen_note:
            continue  # the note's continuation lines, instructions under the table
        if TABLE_LABEL_LINE.match(plain) or (block.lines and TABLE_NO_LINE.match(plain)):
            continue  # the label or number of the next table, printed above its title
        if _is_metadata(line):
            _read_metadata(block, line)
            evidence = True
            continue
        if _is_prose(line):
            if evidence:
                break  # the table ended without a note and the text goes on
            continue
        if not evidence and _looks_tabular(line, plain):
            evidence = True
        if not evidence and nonblank > TABLE_EVIDENCE_WINDOW:
            return None
        block.lines.append(line)
    if not evidence:
        return None
    return block


def _read_number_above(block: TableBlock, lines: list[Line], start: int) -> None:
    """The 公开NN表 printed on its own line just above the title."""
    above = [line for line in lines[max(0, start - 3) : start] if line.text.strip()]
    if above and TABLE_NO_LINE.match(normalize_label(above[-1].text)):
        _read_metadata(block, above[-1])


def _read_metadata(block: TableBlock, line: Line) -> None:
    if block.table_no is None and (m := TABLE_NO.search(line.text)):
        block.table_no = f"公开{int(m.group(1)):02d}"
    if block.unit is None and (m := UNIT.search(line.text)):
        block.unit = m.group(1)


def _is_prose(line: Line) -> bool:
    """A sentence of running text ("…较上年增加 3.00 万元。"), never a table row."""
    return not _has_cells(line) and bool(PROSE_PUNCTUATION.search(line.text))


def _looks_tabular(line: Line, plain: str) -> bool:
    """Whether a line reads as a row of a table; ``plain`` is its text as normalize_label gives it."""
    cells = [c for c in split_cells(line) if c]
    if _has_cells(line):
        return len(cells) >= 2
    if line.spans is not None and len(line.spans) >= 2 and any(_is_amount(span.text) for span in line.spans):
        return True  # words apart on the page, one a figure: a row printed without ruling
    return any(word in plain for word in ("栏次", "行次")) or (len(cells) >= 2 and _is_figure(cells[-1]))
