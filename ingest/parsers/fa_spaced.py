"""Tables printed as space-separated text (sequential rows: blank cells are not printed).

Figures are mapped in order to the columns the header names, when their count agrees with the
printed column numbers (栏次 1 2 3); otherwise the row is reported and skipped, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.layout.tables import CODE, TableBlock, normalize_label
from ingest.model import Line
from ingest.parsers.fa_figures import is_amount_text
from ingest.parsers.fa_header import INTEGER, Column, clean_header, column_key, has_line_numbers, printed_column_count
from ingest.parsers.fa_rows import RowPart, RowState, issue, row_text
from ingest.parsers.fa_values import TableRead, emit
from ingest.parsers.template_vocabulary import TemplateVocabulary
from ingest.parsers.templates import vocabulary_of


def read_sequential(block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str) -> TableRead:
    if block.spec.kind == "two_sided":
        return _read_sequential_two_sided(block, rows, header_end, file_name, unit)
    read = TableRead()
    key = block.spec.key
    header_tokens = [normalize_label(tok) for cells in rows[:header_end] for cell in cells for tok in cell.split()]
    printed_count = printed_column_count(rows[:header_end])
    named = [k for tok in header_tokens if (k := column_key(clean_header(tok), key, header_tokens))]
    default = vocabulary_of(key).default_columns_by_title.get(block.title)
    if printed_count and len(named) != printed_count and default and len(default) == printed_count:
        named = list(default)
    if not named and default:
        named = list(default)
    if not named:
        if rows[header_end:]:
            read.issues.append(issue("warn", f"{block.title}: no amount column recognized", block.title_line))
        return read
    groups_allowed = block.spec.kind == "economic_coded"  # 公开06 prints its code groups side by side
    if groups_allowed and len(set(named)) == 1:
        named = named[:1]  # "科目代码 科目名称 决算数" repeated for each group
    columns = [Column(i, "amount", k, k, 0, None) for i, k in enumerate(named)]
    has_line_no = has_line_numbers(rows[:header_end])
    state = RowState()
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        segments = spaced_segments(cells, codes_inside=groups_allowed)
        if len(segments) > 1 and not groups_allowed:
            read.issues.append(issue("warn", f"{block.title}: text among figures, not read: {line.text.strip()}", line))
            continue
        parts = [p for seg in segments if (p := _segment_part(seg, columns, read, block, line, has_line_no))]
        emit(block, line, parts, state, read, file_name, unit)
    return read


def _read_sequential_two_sided(
    block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str
) -> TableRead:
    """收入 | 支出 printed side by side with spaces: each label starts a side, its figures follow it."""
    read = TableRead()
    key = block.spec.key
    header_tokens = [normalize_label(tok) for cells in rows[:header_end] for cell in cells for tok in cell.split()]
    named = [k for tok in header_tokens if (k := column_key(clean_header(tok), key, header_tokens))]
    income_keys, expenditure_keys = vocabulary_of(key).two_sided_default_columns.get(key, (("amount",), ("amount",)))
    if len(named) >= 2:
        income_keys, expenditure_keys = tuple(named[:1]), tuple(named[1:])
    sides = {
        "income": [Column(i, "amount", k, k, 0, "income") for i, k in enumerate(income_keys)],
        "expenditure": [Column(i, "amount", k, k, 1, "expenditure") for i, k in enumerate(expenditure_keys)],
    }
    has_line_no = has_line_numbers(rows[:header_end])
    state = RowState()
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        parts = []
        for side, segment in _sides_of_spaced_row(cells, vocabulary_of(key)):
            part = _segment_part(segment, sides[side], read, block, line, has_line_no)
            if part is not None:
                part.side = side
                parts.append(part)
        emit(block, line, parts, state, read, file_name, unit)
    return read


@dataclass(slots=True)
class Segment:
    """A label (with its code, if any) and the figures printed after it on a space-separated line."""

    code: str | None
    label: str
    figures: list[str] = field(default_factory=list)


def spaced_segments(cells: list[str], codes_inside: bool) -> list[Segment]:
    """Split a space-separated row into its labelled runs of figures.

    "301 工资福利支出 65.88 302 商品和服务支出 2.17" (公开06 printed in groups) gives two segments when
    codes_inside; figures before any label ("9 九、卫生健康支出 40 -", a blank income side) form a
    segment of their own with an empty label.
    """
    segments: list[Segment] = []
    amounts = [is_amount_text(cell) for cell in cells]
    i = 0
    while i < len(cells):
        cell = cells[i]
        if (codes_inside or i == 0) and i + 1 < len(cells) and not amounts[i + 1] and CODE.match(cell):
            segments.append(Segment(cell, cells[i + 1]))
            i += 2
            continue
        if amounts[i]:
            if not segments:
                segments.append(Segment(None, ""))
            segments[-1].figures.append(cell)
        else:
            segments.append(Segment(None, cell))
        i += 1
    return segments


def _sides_of_spaced_row(cells: list[str], vocabulary: TemplateVocabulary) -> list[tuple[str, Segment]]:
    segments = spaced_segments(cells, codes_inside=False)
    if len(segments) >= 2:
        return [("income", segments[0]), ("expenditure", segments[1])]
    if not segments:
        return []
    text = row_text(segments[0].label)
    income_label = text in vocabulary.summary_income_rows and text not in vocabulary.summary_expenditure_rows
    return [("income" if income_label else "expenditure", segments[0])]


def _split_line_code(figures: list[str], width: int, has_line_no: bool) -> tuple[str | None, list[str]]:
    """The 行次 printed before a row's figures: always first when the header has a 行次 column."""
    if figures and INTEGER.match(figures[0]) and (has_line_no or len(figures) == width + 1):
        return figures[0], figures[1:]
    return None, figures


def _segment_part(
    segment: Segment, columns: list[Column], read: TableRead, block: TableBlock, line: Line, has_line_no: bool
) -> RowPart | None:
    """A segment's figures mapped in order onto the columns; a count that does not fit is reported."""
    line_code, figures = _split_line_code(segment.figures, len(columns), has_line_no)
    if not figures:
        return RowPart(segment.label, segment.code, line_code, [])
    if len(figures) != len(columns):
        message = f"{block.title}: {len(figures)} figures for {len(columns)} columns, not read: {line.text.strip()}"
        read.issues.append(issue("warn", message, line))
        return None
    return RowPart(segment.label, segment.code, line_code, list(zip(columns, figures, strict=True)))
