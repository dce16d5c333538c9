"""Data classes that flow between the ingest stages.

loading  -> LoadedDocument (lines of text, each with its line and page number)
layout   -> DocumentMeta, TableBlock (the lines of one table)
parsers  -> TableValue, NarrativeFigure, PerfProject, PerfIndicator, ...
landing  -> rows in the ``raw`` schema (one table per data class, see landing/schema.py)

Every figure keeps the text it was read from, its printed unit and decimals, and where it was
read (``source_ref``), so that a number in the warehouse can always be found in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple


class Span(NamedTuple):
    """A word and where it is printed across the page (x0 < x1, points for PDFs), with the height of
    its characters (how wide a gap between words is, measured against)."""

    x0: float
    x1: float
    text: str
    height: float = 0.0
    baseline: float = 0.0  # where its line stands on the page (y down)


@dataclass(frozen=True)
class OcrRead:
    """How a Line was read from the image of a scanned page.

    Per cell of a table row (one entry for a line of text): the recognition confidence (0–1, the
    lowest of the text read in that cell; None for a blank cell) and the box read, as
    "x0,top,x1,bottom" in points from the page's top-left corner.
    """

    confidence: tuple[float | None, ...]
    boxes: tuple[str | None, ...]


@dataclass(frozen=True, init=False)
class Line:
    """One line of document text after normalization."""

    text: str
    line_no: int  # 1-based line number in the source text (or in the page for PDFs)
    page_no: int | None = None  # 1-based page for PDFs, None for text files
    # Cells when the loader knows them (PDF/DOCX tables, tab-separated text); None otherwise.
    cells: tuple[str, ...] | None = None
    # Where the line is in its file when page and line numbers do not say it all: a workbook's
    # "sheet!A5:H5", a web page's "table 2 row 5". Rendered in the figures' source_ref.
    locator: str | None = None
    # The text as printed when ``text`` was converted to simplified characters; None otherwise.
    printed: str | None = None
    # Where a line that is not in a ruled table is printed: its words (runs of text between spaces),
    # left to right (PDF); for a row of a ruled table, its cells (each the extent of its grid
    # column). Lines of a table aligned by whitespace are read into cells from these positions
    # (layout/columns.py), rows ruled apart are put under one grid (layout/tables.py); None when
    # the loader knows no positions.
    spans: tuple[Span, ...] | None = None
    ocr: OcrRead | None = None  # set when the line was read by OCR from a page image
    # A text file's line as laid out, before normalization, when normalization changed it (a
    # full-width digit takes two columns, its folded form one): where its words stand
    # (loading/text.py ``aligned_spans``); None otherwise.
    layout_text: str | None = None

    def __init__(
        self,
        text: str,
        line_no: int,
        page_no: int | None = None,
        cells: tuple[str, ...] | None = None,
        locator: str | None = None,
        printed: str | None = None,
        spans: tuple[Span, ...] | None = None,
        ocr: OcrRead | None = None,
        layout_text: str | None = None,
    ) -> None:
        # The fields set in one step: a frozen dataclass's own __init__ sets each through
        # object.__setattr__, three times slower for every line of every document.
        self.__dict__.update(
            text=text, line_no=line_no, page_no=page_no, cells=cells, locator=locator, printed=printed, spans=spans,
            ocr=ocr, layout_text=layout_text,
        )  # fmt: skip


@dataclass
class LoadedDocument:
    """What a loader produces: the normalized lines of a document and facts about the file."""

    document_id: str
    source_path: str
    file_name: str
    file_format: str  # the file's suffix: txt, md, pdf, docx, xlsx, xls, html, doc, …
    byte_size: int
    lines: list[Line]
    encoding: str | None = None
    page_count: int | None = None
    issues: list[IngestIssue] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class IngestIssue:
    """A problem met while reading a document (landed in dq.ingest_issues)."""

    stage: str  # load, layout, parse_tables, parse_narrative, parse_performance, land
    severity: str  # error, warn, info
    message: str
    line_no: int | None = None
    page_no: int | None = None


@dataclass
class DocumentMeta:
    """Classification and identity of a document, read from its text."""

    doc_type: str  # final_accounts / budget / performance_evaluation / unknown
    title: str | None
    department_name: str | None
    jurisdiction_name: str | None  # the official name of the national list (红河哈尼族彝族自治州 for 红河州)
    province_name: str | None  # the jurisdiction's province
    fiscal_year: int | None
    title_year: int | None  # the year printed in the title, for DOC-01
    money_unit: str | None  # 万元 / 元: the document's prevailing unit
    is_template: bool = False
    jurisdiction_code: str | None = None  # division code of the national list (seed ref_jurisdictions)
    printed_title: str | None = None  # the title as printed, when the document was read converted
    issues: list[IngestIssue] = field(default_factory=list)  # what reading the identity met


@dataclass(frozen=True)
class SourceRef:
    """Where a figure was read."""

    file_name: str
    line_no: int | None
    page_no: int | None = None
    table: str | None = None
    row_label: str | None = None
    locator: str | None = None  # Line.locator of the line read

    @classmethod
    def of_line(cls, file_name: str, line: Line, table: str | None = None, row_label: str | None = None) -> SourceRef:
        """The place of a figure read from `line`."""
        return cls(file_name, line.line_no, line.page_no, table, row_label, line.locator)

    def render(self) -> str:
        return rendered_ref(self.file_name, self.line_no, self.page_no, self.locator, self.table, self.row_label)


def rendered_ref(
    file_name: str,
    line_no: int | None,
    page_no: int | None,
    locator: str | None,
    table: str | None,
    row_label: str | None,
) -> str:
    """A SourceRef's text ("file | p.3 | line 12 | locator | table | row"): what a figure's
    source_ref holds; parts that are not known are left out."""
    parts = [file_name]
    if page_no is not None:
        parts.append(f"p.{page_no}")
    if line_no is not None:
        parts.append(f"line {line_no}")
    if locator:
        parts.append(locator)
    if table:
        parts.append(table)
    if row_label:
        parts.append(row_label)
    return " | ".join(parts)


@dataclass(frozen=True)
class Amount:
    """A printed number: its value, the text it came from, unit and decimals."""

    value: Decimal
    printed: str
    decimals: int

    @property
    def half_unit(self) -> Decimal:
        """Half a unit of the last printed decimal: the rounding tolerance of this figure."""
        return Decimal(5) / (Decimal(10) ** (self.decimals + 1))


@dataclass
class FinalAccountsTable:
    """A standard table of a final-accounts document (公开01–10), found or known empty."""

    table_key: str  # see parsers/fa_patterns.py TABLES
    table_title: str  # as printed
    table_no: str | None  # 公开NN as printed
    unit: str | None  # 万元 / 元
    status: str  # parsed / empty / unparsed
    note: str | None
    line_no: int | None
    page_no: int | None
    row_count: int = 0


@dataclass(slots=True)
class TableValue:
    """One amount cell of a final-accounts table, in long form."""

    table_key: str
    row_no: int  # order of the row in the table (1-based)
    row_label: str  # label as printed, artefacts removed
    # Normalized identity of the row within its table (see parsers/fa_patterns.py ROW_KEYS):
    # 'current_income', 'total', a function/economic code, 'abroad', … ; None when unknown.
    row_key: str | None
    line_code: str | None  # 行次 where printed
    function_code: str | None  # 支出功能分类 code (3/5/7 digits) or None
    economic_code: str | None  # 经济分类 code (301, 30101, …) or None
    side: str | None  # income / expenditure for two-sided tables; None otherwise
    column_key: str  # normalized column (see fa_patterns.COLUMNS)
    column_label: str  # as printed
    amount: Amount | None  # None for a blank cell ("", "-", "—", "/")
    unit: str
    line_no: int | None
    page_no: int | None
    source_ref: str
    is_ocr: bool = False  # read by OCR from a page image (provenance.py)
    ocr_confidence: float | None = None  # the recognition confidence of the text the figure was read from


@dataclass
class NarrativeFigure:
    """A figure stated in the narrative (情况说明)."""

    metric: str  # contract vocabulary (income_total, …) or category_* for per-category figures
    measure: str  # amount / budget / final / completion_rate / share / change_amount / change_rate
    subject: str | None  # e.g. the category name for a budget-vs-final sentence
    value: Decimal
    printed: str
    unit: str  # 万元 / 元 / %
    decimals: int
    line_no: int | None
    page_no: int | None
    context: str  # the sentence it was read from
    source_ref: str
    is_ocr: bool = False  # read by OCR from a page image (provenance.py)
    ocr_confidence: float | None = None  # the recognition confidence of the text the figure was read from


@dataclass
class PerfProject:
    """One evaluated project (or the whole department) from a performance table or report."""

    project_key: int  # order within the document (1-based)
    project_name: str
    evaluation_kind: str  # self_evaluation / department_evaluation / overall_department
    fiscal_year: int | None
    department_name: str | None
    budget: Decimal | None  # in `unit`
    executed: Decimal | None
    execution_rate: Decimal | None  # fraction (0.993 for 99.3%)
    total_weight: Decimal | None  # as the table/report states it
    total_score: Decimal | None
    grade: str | None
    # The budget-execution row (年度资金总额 分值/得分), when the table prints one (PE-04).
    execution_weight: Decimal | None
    execution_score: Decimal | None
    score_bands: str | None  # JSON text of the bands the document states
    unit: str | None
    line_no: int | None
    page_no: int | None
    source_ref: str


@dataclass
class PerfIndicator:
    """One indicator row of a performance table."""

    project_key: int
    seq: int
    level1_name: str | None
    level2_name: str | None
    level3_name: str | None
    target_text: str | None
    actual_text: str | None
    weight: Decimal | None
    score: Decimal | None
    deviation_note: str | None
    line_no: int | None
    page_no: int | None
    source_ref: str
    header_unit: str | None = None  # unit the header prints for target / actual ("项目资金（万元）")


@dataclass
class PerfSubtotal:
    """A printed level-1 or level-2 subtotal of a performance table ("决策 40", "产出指标 (30分)")."""

    project_key: int
    level: int  # 1 or 2
    name: str
    weight: Decimal | None
    score: Decimal | None
    line_no: int | None
    page_no: int | None
    source_ref: str
    spans: int = 1  # consecutive same-level groups the printed figures cover: 2+ for a merged cell


@dataclass
class ServiceVolume:
    """A service volume a document states for a hotline ("全年受理咨询量 110083个", "交办件3794件")."""

    project_key: int | None  # the PerfProject it belongs to, when read from its indicator table
    measure: str  # what it counts: calls_accepted / cases_handled / work_orders / operators / …
    label: str  # the wording as printed (全年受理咨询量)
    value: Decimal
    unit: str  # 个 / 件 / 人 / 次 / …
    printed: str
    line_no: int | None
    page_no: int | None
    context: str
    source_ref: str


@dataclass(frozen=True)
class TextCheck:
    """A check of the document's own text (DOC-01 a year printed in a heading, DOC-03 template text
    left in; parsers/text_checks.py): it holds when ``excess`` ≤ 0."""

    rule_id: str
    subject: str
    lhs_value: float
    rhs_value: float
    excess: float
    message: str
    source_ref: str


@dataclass(frozen=True)
class ReadingQuality:
    """How well a final-accounts document was read, without answer keys (parsers/fa_quality.py)."""

    template_tables_found: int  # of the national template's 公开01–09, found with figures or stated empty
    template_tables_missing: str | None  # "公开07 政府性基金预算财政拨款收入支出决算表, …"
    table_rows_read: int  # rows with figures read from its tables
    identities_checked: int
    identities_closed: int
    quality_grade: str  # read_well / partly / not_read


@dataclass
class DocumentResult:
    """Everything ingest learned from one document."""

    loaded: LoadedDocument
    meta: DocumentMeta
    parse_status: str  # parsed / partial / failed / unreadable
    tables: list[FinalAccountsTable] = field(default_factory=list)
    values: list[TableValue] = field(default_factory=list)
    narrative: list[NarrativeFigure] = field(default_factory=list)
    projects: list[PerfProject] = field(default_factory=list)
    indicators: list[PerfIndicator] = field(default_factory=list)
    subtotals: list[PerfSubtotal] = field(default_factory=list)
    service_volumes: list[ServiceVolume] = field(default_factory=list)
    text_checks: list[TextCheck] = field(default_factory=list)
    issues: list[IngestIssue] = field(default_factory=list)
    reading: ReadingQuality | None = None  # final accounts only
