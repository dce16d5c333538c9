"""Final-accounts tables (部门决算 公开01–10) -> FinalAccountsTable + TableValue rows.

layout/tables.py finds each table's block of lines; this module reads a block's header into
columns and its rows into values. It works on rows of cells, whatever produced them:

- positional rows (PDF/DOCX cells, tab-separated text): a cell's position is its column, blank
  cells are blank. The header's rows are merged top-down (a spanning parent such as 本年支出 or
  收入 is carried right over the columns it covers) and every column gets a role: code, name,
  line number (行次) or an amount column with its column_key (fa_patterns.COLUMN_LABELS_*).
- sequential rows (space-separated text): figures are mapped in order to the columns the header
  names, when their count agrees with the printed column numbers (栏次 1 2 3); otherwise the row
  is reported and skipped, never guessed.

A blank, "-", "—", "/" cell is a blank (amount None), never zero. A table printed with a header
but no figures is status 'empty', with the explanation printed under it as its note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from ingest.layout.tables import (
    BLANK_MARK,
    CODE,
    LIST_MARKER,
    NUMBER,
    TableBlock,
    find_table_blocks,
    normalize_label,
)
from ingest.model import (
    Amount,
    DocumentMeta,
    FinalAccountsTable,
    IngestIssue,
    Line,
    LoadedDocument,
    SourceRef,
    TableValue,
)
from ingest.parsers import fa_patterns as fa
from ingest.parsers.function_classes import function_classes

MONEY_UNITS = ("万元", "元")
COUNT_UNIT = re.compile(fa.COUNT_UNIT_PATTERN)
TRAILING_COLUMN_NO = re.compile(r"\d+$")  # "金额 1" (002 line 70)
THREE_PUBLIC_LABELS = {key: label for label, key in reversed(fa.THREE_PUBLIC_ROWS.items())}
PREFIX_WORDS = re.compile(r"^(其中[：:]|合计[：:])")
INTEGER = re.compile(r"^\d+$")
CODE_PART = re.compile(r"^\d{2}$")
CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s+(\D.*)$")


@dataclass
class Column:
    """One column of a table as its header defines it."""

    index: int
    role: str  # code / name / line_no / amount / other
    key: str | None  # column_key of an amount column
    label: str  # the header labels of the column, top to bottom, joined by "/"
    group: int = 0  # side-by-side column groups (公开06 prints three; summary tables two sides)
    side: str | None = None  # income / expenditure in two-sided tables
    level: int | None = None  # a code column printing one part of the code: 1 类, 2 款, 3 项


@dataclass
class RowPart:
    """One logical row read from a line (a two-sided or multi-group line gives several)."""

    label: str
    code: str | None
    line_code: str | None
    amounts: list[tuple[Column, str]]  # (column, printed cell)
    side: str | None = None
    group: int = 0
    code_parts: dict[int, str] = field(default_factory=dict)  # 类 | 款 | 项 cells as printed, by level


@dataclass
class TableRead:
    """What reading one block produced."""

    values: list[TableValue] = field(default_factory=list)
    issues: list[IngestIssue] = field(default_factory=list)
    rows_with_figures: int = 0


def parse_final_accounts(
    doc: LoadedDocument, meta: DocumentMeta
) -> tuple[list[FinalAccountsTable], list[TableValue], list[IngestIssue]]:
    default_unit = meta.money_unit if meta.money_unit in MONEY_UNITS else "万元"
    tables: list[FinalAccountsTable] = []
    values: list[TableValue] = []
    issues: list[IngestIssue] = []
    parsed_keys: set[str] = set()
    for block in find_table_blocks(doc.lines):
        if block.spec.key in parsed_keys:
            issues.append(
                _issue("info", f"{block.title}: printed again; the first occurrence is kept", block.title_line)
            )
            continue
        table, read = read_table(block, doc.file_name, default_unit)
        issues.extend(read.issues)
        tables.append(table)
        values.extend(read.values)
        if table.status == "parsed":
            parsed_keys.add(block.spec.key)
    return _drop_superseded(tables), values, issues


def _drop_superseded(tables: list[FinalAccountsTable]) -> list[FinalAccountsTable]:
    """An empty/unparsed printing of a table that is also printed with data is not a second table."""
    parsed = {t.table_key for t in tables if t.status == "parsed"}
    kept, seen = [], set()
    for t in tables:
        if (t.status != "parsed" and t.table_key in parsed) or t.table_key in seen:
            continue
        seen.add(t.table_key)
        kept.append(t)
    return kept


def read_table(block: TableBlock, file_name: str, default_unit: str) -> tuple[FinalAccountsTable, TableRead]:
    """Read one table block into values; the table's status says whether it had figures."""
    unit = _table_unit(block, default_unit)
    grid = block.grid()
    block = replace(block, lines=[line for line, _ in grid])
    rows = [cells for _, cells in grid]
    header_end = _first_data_row(rows)
    if block.sequential:
        read = _read_sequential(block, rows, header_end, file_name, unit)
    elif block.spec.key == "three_public" and _is_one_row_layout(rows[header_end:]):
        read = _read_three_public_one_row(block, rows, header_end, file_name, unit)
    else:
        read = _read_positional(block, rows, header_end, file_name, unit)
    status = "parsed" if read.rows_with_figures else "empty"
    if status == "empty" and read.issues and any(i.severity == "warn" for i in read.issues):
        status = "unparsed"
    table = FinalAccountsTable(
        table_key=block.spec.key,
        table_title=block.title,
        table_no=block.table_no,
        unit=unit,
        status=status,
        note=block.explanation or (block.note if status != "parsed" else None),
        line_no=block.title_line.line_no,
        page_no=block.title_line.page_no,
        row_count=read.rows_with_figures,
    )
    return table, read


def _table_unit(block: TableBlock, default_unit: str) -> str:
    if block.unit in MONEY_UNITS:
        return block.unit
    if block.spec.key == "state_assets":
        return block.unit or "台、辆、套"
    return default_unit


# --- header ------------------------------------------------------------------------------------


def _first_data_row(rows: list[list[str]]) -> int:
    for n, cells in enumerate(rows):
        if _is_data_row(cells):
            return n
    return len(rows)


def _is_data_row(cells: list[str]) -> bool:
    """The first row below the header: a coded row, a row with a figure, or a row of figures only."""
    filled = [c for c in cells if c]
    if not filled or _is_column_number_row(filled):
        return False
    if CODE.match(filled[0]) and len(filled) > 1 and not NUMBER.match(filled[1]):
        return True  # "2010301 | 行政运行 | …"
    return any(_is_amount_text(c) for c in filled[1:]) or all(_is_amount_text(c) for c in filled)


def _is_column_number_row(filled: list[str]) -> bool:
    """栏次 | 1 | 2 | 3 (002 line 111), 行次 1 2 3 (001 line 181), 1 … 12 (002 line 270)."""
    numbers = [c for c in filled if normalize_label(c) not in ("栏次", "行次", "栏次行次", "行次栏次")]
    if len(numbers) == len(filled) and len(numbers) < 2:
        return False
    ints = [int(c) for c in numbers if INTEGER.match(c)]
    return len(ints) == len(numbers) and len(ints) >= 1 and ints == list(range(ints[0], ints[0] + len(ints)))


def _header_paths(header_rows: list[list[str]], width: int) -> list[list[str]]:
    """Column label paths, top to bottom, with spanning parents carried right."""
    rows = [r + [""] * (width - len(r)) for r in header_rows if not _is_column_number_row([c for c in r if c])]
    filled = [list(r) for r in rows]
    for r, row in enumerate(rows[:-1]):
        below = rows[r + 1 :]
        for c in range(width):
            if not row[c]:
                continue
            j = c + 1
            while j < width and not row[j] and any(b[j] for b in below) and not any(a[j] for a in rows[:r]):
                filled[r][j] = row[c]
                j += 1
    return [[_clean_header(filled[r][c]) for r in range(len(filled)) if filled[r][c]] for c in range(width)]


def _clean_header(text: str) -> str:
    label = normalize_label(text)
    label = TRAILING_COLUMN_NO.sub("", label) if not INTEGER.match(label) else label
    return label.replace("(", "（").replace(")", "）")


def _columns_from_paths(paths: list[list[str]], table_key: str) -> list[Column]:
    columns: list[Column] = []
    group = 0
    previous_role = None
    for index, path in enumerate(paths):
        role, key = _role(path, table_key)
        if role in ("code", "name") and previous_role in ("amount", "line_no"):
            group += 1
        if role != "other":
            previous_role = role
        level = next((fa.CODE_PART_COLUMNS.index(lbl) + 1 for lbl in path if lbl in fa.CODE_PART_COLUMNS), None)
        columns.append(Column(index, role, key, "/".join(path), group, _side(path), level if role == "code" else None))
    if table_key in fa.TWO_SIDED_TABLES:
        for column in columns:
            column.side = column.side or ("income" if column.group == 0 else "expenditure")
    return columns


def _role(path: list[str], table_key: str) -> tuple[str, str | None]:
    """The role of a column from its header labels; a label wrapped over header lines without
    ruling ("上缴上级" / "支出") is read joined when its parts say nothing alone."""
    role = _role_of_labels(path, path, table_key)
    for start in range(len(path) - 2, -1, -1):
        if role[0] != "other":
            break
        role = _role_of_labels(["".join(path[start:])], path, table_key)
    return role


def _role_of_labels(labels: list[str], path: list[str], table_key: str) -> tuple[str, str | None]:
    label_column = any(_is_label_header(label) for label in path)
    for label in reversed(labels):
        if label_column and label in ("合计", "总计"):
            continue  # the 合计 row printed inside the header (template 公开02 p6, 公开07 p15)
        if label in fa.LINE_NO_COLUMN_WORDS:
            return "line_no", None
        key = column_key(label, table_key, path)
        if key:
            return "amount", key
        if label in fa.NAME_COLUMN_WORDS or (label.startswith("项目") and "支出" not in label):
            return "name", None
        if any(w in label for w in fa.CODE_COLUMN_WORDS) or label in fa.CODE_PART_COLUMNS:
            return "code", None
    return "other", None


def _is_label_header(label: str) -> bool:
    return label in fa.NAME_COLUMN_WORDS or any(w in label for w in fa.CODE_COLUMN_WORDS)


def column_key(label: str, table_key: str, path: list[str] | None = None) -> str | None:
    """The column_key of a header label in a table (None when it is not an amount header)."""
    key = fa.COLUMN_LABELS_BY_TABLE.get(table_key, {}).get(label) or fa.COLUMN_LABELS_GENERAL.get(label)
    parents = path or []
    if key == "total" and table_key in ("government_fund", "state_capital") and "本年支出" in parents:
        return "expenditure"  # 本年支出 / 小计 of 公开07/08 (002 lines 242-243)
    return key


def _side(path: list[str]) -> str | None:
    for label in path:
        if label == "收入":
            return "income"
        if label == "支出":
            return "expenditure"
    return None


# --- positional rows ------------------------------------------------------------------------


def _read_positional(block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str) -> TableRead:
    read = TableRead()
    width = max((len(r) for r in rows), default=0)
    columns = _columns_from_paths(_header_paths(rows[:header_end], width), block.spec.key)
    if rows[header_end:] and not any(c.role == "amount" for c in columns):
        read.issues.append(
            _issue("warn", f"{block.title}: no amount column recognized in its header", block.title_line)
        )
        return read
    table_rows: list[tuple[Line, list[RowPart]]] = []
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        cells = cells + [""] * (width - len(cells))
        if _is_repeated_header(cells, block.spec.key):
            continue  # the header printed again where the table continues on a new page
        table_rows.append((line, _merge_orphan_amounts(_row_parts(cells, columns))))
    if block.spec.key in fa.FUNCTION_CODED_TABLES:
        _resolve_function_codes(block, table_rows, read)
    state = _RowState()
    for line, parts in table_rows:
        _emit(block, line, parts, state, read, file_name, unit)
    return read


def _resolve_function_codes(block: TableBlock, table_rows: list[tuple[Line, list[RowPart]]], read: TableRead) -> None:
    """Every row's 支出功能分类 code, from what the row prints and the codes in force above it.

    - 类 | 款 | 项 columns: "201 | 06 | 01" is 2010601; a row printing only its own part takes the
      rest from the rows above ("| 06 |" under 201 is 20106; "| | 01" under 20106 is 2010601);
    - names without codes: the name is looked up in the 支出功能分类 list (function_classes.py), a 款
      under the 类 in force, a 项 under the 款 in force.
    """
    vocabulary = function_classes()
    in_force: dict[int, str] = {}  # level -> code of the last row of that level
    for line, parts in table_rows:
        for part in parts:
            if part.code_parts:
                part.code = _composed_code(part.code_parts, in_force)
            elif not part.code and part.label and _row_text(part.label) not in fa.TOTAL_ROW_LABELS:
                part.code = _code_from_name(vocabulary, part.label, in_force)
                if part.code is None and _has_figures(part):
                    message = f"{block.title}: {_printed_label(part.label)} has no code and its name is not in the 支出功能分类 list (seed ref_function_classes)"
                    read.issues.append(_issue("warn", message, line))
            if part.code and CODE.match(part.code):
                level = (len(part.code) - 1) // 2
                in_force = {k: v for k, v in in_force.items() if k < level} | {level: part.code}


def _composed_code(code_parts: dict[int, str], in_force: dict[int, str]) -> str | None:
    code = ""
    for level in (1, 2, 3):
        printed = code_parts.get(level)
        if printed is None:
            if code:
                break
            continue
        if level == 1 or len(printed) == 1 + 2 * level:  # a 类, or a full code in its part's column
            code = printed
        else:
            code = (code or in_force.get(level - 1, "")) + printed
    return code if CODE.match(code) and len(code) >= 3 else None


def _code_from_name(vocabulary, label: str, in_force: dict[int, str]) -> str | None:
    """The code of a row printed by name only: a 类, a 项 of the 款 in force, or a 款 of the 类 in force."""
    name = _row_text(label)
    return (
        vocabulary.code_of(name, None)
        or (in_force.get(2) and vocabulary.code_of(name, in_force[2]))
        or (in_force.get(1) and vocabulary.code_of(name, in_force[1]))
        or None
    )


def _is_repeated_header(cells: list[str], table_key: str) -> bool:
    if table_key in fa.TWO_SIDED_TABLES:
        return False  # their row labels (年初结转和结余 …) are also column labels elsewhere
    filled = [c for c in cells if c]
    if not filled:
        return False
    if _is_column_number_row(filled):
        return True
    if any(_is_amount_text(c) for c in filled):
        return False
    return sum(1 for c in filled if column_key(_clean_header(c), table_key)) >= 2


def _row_parts(cells: list[str], columns: list[Column]) -> list[RowPart]:
    parts: dict[int, RowPart] = {}
    for column in columns:
        part = parts.setdefault(column.group, RowPart("", None, None, [], column.side, column.group))
        text = cells[column.index] if column.index < len(cells) else ""
        if column.role in ("code", "name") and (joined := CODE_AND_NAME.match(text)):
            part.code, part.label = joined.group(1), joined.group(2)  # "2010301 行政运行" in one cell
        elif column.role == "code" and column.level and text.isdigit():
            part.code_parts[column.level] = text  # 类 | 款 | 项 columns: composed in _resolve_codes
        elif column.role == "code" and text:
            if CODE.match(text):
                part.code = text
            elif CODE_PART.match(text) and part.code:
                part.code += text  # 类 | 款 | 项 columns: "201 | 06 | 01" is 2010601
            else:
                part.label = part.label or text
        elif column.role == "name" and text:
            part.label = part.label or text
        elif column.role == "line_no" and text:
            part.line_code = text
        elif column.role == "amount":
            part.amounts.append((column, text))
    return list(parts.values())


def _merge_orphan_amounts(parts: list[RowPart]) -> list[RowPart]:
    """公用经费合计 printed in one group with its figure under the next group (002 line 234)."""
    for n, part in enumerate(parts):
        if not (part.label or part.code) or _has_figures(part):
            continue
        for later in parts[n + 1 :]:
            if later.label or later.code:
                break
            if _has_figures(later):
                part.amounts = later.amounts
                later.amounts = []
                break
    return parts


def _has_figures(part: RowPart) -> bool:
    return any(parse_amount(text) is not None for _, text in part.amounts)


# --- sequential rows ---------------------------------------------------------------------------


def _read_sequential(block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str) -> TableRead:
    if block.spec.key in fa.TWO_SIDED_TABLES:
        return _read_sequential_two_sided(block, rows, header_end, file_name, unit)
    read = TableRead()
    key = block.spec.key
    header_tokens = [normalize_label(tok) for cells in rows[:header_end] for cell in cells for tok in cell.split()]
    printed_count = _printed_column_count(rows[:header_end])
    named = [k for tok in header_tokens if (k := column_key(_clean_header(tok), key, header_tokens))]
    default = fa.DEFAULT_COLUMNS_BY_TITLE.get(block.title)
    if printed_count and len(named) != printed_count and default and len(default) == printed_count:
        named = list(default)
    if not named and default:
        named = list(default)
    if not named:
        if rows[header_end:]:
            read.issues.append(_issue("warn", f"{block.title}: no amount column recognized", block.title_line))
        return read
    groups_allowed = key in fa.ECONOMIC_CODED_TABLES  # 公开06 prints its code groups side by side
    if groups_allowed and len(set(named)) == 1:
        named = named[:1]  # "科目代码 科目名称 决算数" repeated for each group
    columns = [Column(i, "amount", k, k, 0, None) for i, k in enumerate(named)]
    has_line_no = _has_line_numbers(rows[:header_end])
    state = _RowState()
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        segments = spaced_segments(cells, codes_inside=groups_allowed)
        if len(segments) > 1 and not groups_allowed:
            read.issues.append(
                _issue("warn", f"{block.title}: text among figures, not read: {line.text.strip()}", line)
            )
            continue
        parts = [p for seg in segments if (p := _segment_part(seg, columns, read, block, line, has_line_no))]
        _emit(block, line, parts, state, read, file_name, unit)
    return read


def _read_sequential_two_sided(
    block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str
) -> TableRead:
    """收入 | 支出 printed side by side with spaces: each label starts a side, its figures follow it."""
    read = TableRead()
    key = block.spec.key
    header_tokens = [normalize_label(tok) for cells in rows[:header_end] for cell in cells for tok in cell.split()]
    named = [k for tok in header_tokens if (k := column_key(_clean_header(tok), key, header_tokens))]
    income_keys, expenditure_keys = fa.TWO_SIDED_DEFAULT_COLUMNS[key]
    if len(named) >= 2:
        income_keys, expenditure_keys = tuple(named[:1]), tuple(named[1:])
    sides = {
        "income": [Column(i, "amount", k, k, 0, "income") for i, k in enumerate(income_keys)],
        "expenditure": [Column(i, "amount", k, k, 1, "expenditure") for i, k in enumerate(expenditure_keys)],
    }
    has_line_no = _has_line_numbers(rows[:header_end])
    state = _RowState()
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        parts = []
        for side, segment in _sides_of_spaced_row(cells):
            part = _segment_part(segment, sides[side], read, block, line, has_line_no)
            if part is not None:
                part.side = side
                parts.append(part)
        _emit(block, line, parts, state, read, file_name, unit)
    return read


@dataclass
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
    i = 0
    while i < len(cells):
        cell = cells[i]
        starts_coded = CODE.match(cell) and i + 1 < len(cells) and not _is_amount_text(cells[i + 1])
        if starts_coded and (codes_inside or i == 0):
            segments.append(Segment(cell, cells[i + 1]))
            i += 2
            continue
        if _is_amount_text(cell):
            if not segments:
                segments.append(Segment(None, ""))
            segments[-1].figures.append(cell)
        else:
            segments.append(Segment(None, cell))
        i += 1
    return segments


def _sides_of_spaced_row(cells: list[str]) -> list[tuple[str, Segment]]:
    segments = spaced_segments(cells, codes_inside=False)
    if len(segments) >= 2:
        return [("income", segments[0]), ("expenditure", segments[1])]
    if not segments:
        return []
    text = _row_text(segments[0].label)
    income_label = text in fa.SUMMARY_INCOME_ROWS and text not in fa.SUMMARY_EXPENDITURE_ROWS
    return [("income" if income_label else "expenditure", segments[0])]


def _has_line_numbers(header_rows: list[list[str]]) -> bool:
    """A 行次/栏次 column label in the header (not the 栏次 1 2 3 row that numbers the columns)."""
    for cells in header_rows:
        if _is_column_number_row([c for c in cells if c]):
            continue
        if any(tok in ("行次", "栏次") for cell in cells for tok in normalize_label(cell.replace(" ", "|")).split("|")):
            return True
    return False


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
        read.issues.append(_issue("warn", message, line))
        return None
    return RowPart(segment.label, segment.code, line_code, list(zip(columns, figures, strict=True)))


def _printed_column_count(header_rows: list[list[str]]) -> int | None:
    for cells in header_rows:
        filled = [c for c in cells if c]
        if len(filled) > 1 and _is_column_number_row(filled):
            return len([c for c in filled if INTEGER.match(c)])
    return None


# --- 三公 one-row layout (budget and final groups side by side, 002 lines 266-270, PDF p14) -------


def _is_one_row_layout(data_rows: list[list[str]]) -> bool:
    filled = [[c for c in r if c] for r in data_rows]
    return not data_rows or all(all(_is_amount_text(c) for c in r) for r in filled if r)


def _read_three_public_one_row(
    block: TableBlock, rows: list[list[str]], header_end: int, file_name: str, unit: str
) -> TableRead:
    read = TableRead()
    width = max((len(r) for r in rows), default=0)
    paths = _header_paths(rows[:header_end], width)
    items = [_three_public_item(path) for path in paths]
    measures = _three_public_measures(paths, items)
    for line, cells in zip(block.lines[header_end:], rows[header_end:], strict=True):
        if not any(cells):
            continue
        by_item: dict[str, RowPart] = {}
        for index, text in enumerate(cells):
            item = items[index] if index < len(items) else None
            measure = measures[index] if index < len(measures) else None
            if not item or not measure:
                if parse_amount(text) is not None:
                    read.issues.append(_issue("warn", f"{block.title}: figure {text} under no item/measure", line))
                continue
            part = by_item.setdefault(item, RowPart(THREE_PUBLIC_LABELS.get(item, item), None, None, []))
            part.amounts.append((Column(index, "amount", measure, "/".join(paths[index]), 0, None), text))
        for n, part in enumerate(by_item.values(), start=1):
            _emit_part(block, line, part, n, read, file_name, unit, row_key=_three_public_key(part.label))
    return read


def _three_public_item(path: list[str]) -> str | None:
    for label in reversed(path):
        if label in fa.THREE_PUBLIC_SUBTOTAL_WORDS:
            continue
        key = fa.THREE_PUBLIC_ROWS.get(_row_text(label))
        if key:
            return key
    return None


def _three_public_measures(paths: list[list[str]], items: list[str | None]) -> list[str | None]:
    """Measure per column: from its own header, or by repetition of the item run (预算数 … | 决算数 …)."""
    order = []
    for path in paths:
        for label in path:
            key = column_key(label, "three_public")
            if key in ("budget", "budget_initial", "final") and key not in order:
                order.append(key)
    runs = [i for n, i in enumerate(items) if i and (n == 0 or items[n - 1] != i)]
    if len(runs) == len(set(runs)):
        return [next((k for lbl in reversed(p) if (k := column_key(lbl, "three_public"))), None) for p in paths]
    measures: list[str | None] = []
    group, seen, previous = 0, set(), None
    for item in items:
        if item and item != previous and item in seen:
            group, seen = group + 1, set()
        if item:
            seen.add(item)
        previous = item
        measures.append(order[group] if item and group < len(order) else None)
    return measures


def _three_public_key(label: str) -> str | None:
    return fa.THREE_PUBLIC_ROWS.get(_row_text(label), label if label.startswith("three_public") else None)


# --- values -------------------------------------------------------------------------------------


@dataclass
class _RowState:
    """Context carried down a table: rows under 年初财政拨款结转和结余 split that carryover by fund."""

    row_no: int = 0
    after_carryover_begin: bool = False


def _emit(
    block: TableBlock, line: Line, parts: list[RowPart], state: _RowState, read: TableRead, file_name: str, unit: str
) -> None:
    for part in parts:
        if not (part.label or part.code or _has_figures(part)):
            continue  # a side with nothing but its 行次 (002 line 79, income side)
        state.row_no += 1
        row_key = row_key_for(block.spec.key, part, state)  # also moves the row context on
        if part.amounts:
            _emit_part(block, line, part, state.row_no, read, file_name, unit, row_key)


def _emit_part(
    block: TableBlock,
    line: Line,
    part: RowPart,
    row_no: int,
    read: TableRead,
    file_name: str,
    unit: str,
    row_key: str | None,
) -> None:
    label = _printed_label(part.label)
    row_label = f"{part.code} {label}".strip() if part.code else label
    table_name = f"{block.table_no} {block.title}" if block.table_no else block.title
    ref = SourceRef.of_line(file_name, line, table_name, row_label or None).render()
    value_unit = _row_unit(part.label, unit)
    figures = False
    for column, text in part.amounts:
        amount = parse_amount(text)
        if amount is None and text and not is_blank_text(text):
            read.issues.append(_issue("warn", f"{block.title}: not a figure: {text!r} ({row_label})", line))
            continue
        figures = figures or amount is not None
        function_code = part.code if part.code and block.spec.key in fa.FUNCTION_CODED_TABLES else None
        if block.spec.key in fa.TWO_SIDED_TABLES and row_key and row_key.isdigit():
            function_code = row_key
        read.values.append(
            TableValue(
                table_key=block.spec.key,
                row_no=row_no,
                row_label=label,
                row_key=row_key,
                line_code=part.line_code,
                function_code=function_code,
                economic_code=part.code if part.code and block.spec.key in fa.ECONOMIC_CODED_TABLES else None,
                side=part.side,
                column_key=column.key or "unknown",
                column_label=column.label,
                amount=amount,
                unit=value_unit,
                line_no=line.line_no,
                page_no=line.page_no,
                source_ref=ref,
            )
        )
    if figures:
        read.rows_with_figures += 1


def _printed_label(label: str) -> str:
    return re.sub(r"\s+", "", label)


def _row_unit(label: str, table_unit: str) -> str:
    m = COUNT_UNIT.search(_row_text(label, keep_unit=True))
    return m.group(1) if m else table_unit


def _row_text(label: str, keep_unit: bool = False) -> str:
    """A row label in the form fa_patterns compares: no markers, quotes, spaces; full-width parentheses."""
    text = normalize_label(label).replace("(", "（").replace(")", "）").replace("（类）", "")
    for _ in range(2):
        text = LIST_MARKER.sub("", text)
        text = PREFIX_WORDS.sub("", text)
    if not keep_unit:
        text = COUNT_UNIT.sub("", text)
    return text


def row_key_for(table_key: str, part: RowPart, state: _RowState) -> str | None:
    """The normalized identity of a row within its table (fa_patterns.ROW_KEYS)."""
    text = _row_text(part.label)
    if table_key in fa.TWO_SIDED_TABLES:
        return _summary_row_key(text, part, state)
    if part.code:
        return part.code
    if text in ("合计", "总计"):
        return "total"
    if table_key in fa.ECONOMIC_CODED_TABLES:
        return fa.ECONOMIC_TOTAL_ROWS.get(text)
    if table_key == "three_public":
        return fa.THREE_PUBLIC_ROWS.get(text)
    if table_key == "state_assets":
        return fa.STATE_ASSET_ROWS.get(text)
    return None


def _summary_row_key(text: str, part: RowPart, state: _RowState) -> str | None:
    if part.side == "income":
        key = fa.SUMMARY_INCOME_ROWS.get(text)
        if key == "carryover_begin":
            state.after_carryover_begin = True
        elif state.after_carryover_begin and key in fa.CARRYOVER_FUND_ROWS:
            return fa.CARRYOVER_FUND_ROWS[key]
        return key
    key = fa.SUMMARY_EXPENDITURE_ROWS.get(text) or fa.FUNCTION_CLASS_CODES.get(text)
    if key or not text:
        return key
    ordinal = _ordinal(part.label)
    if ordinal and ordinal <= len(fa.SUMMARY_CLASS_ORDER) and text.endswith("支出"):
        return fa.SUMMARY_CLASS_ORDER[ordinal - 1]  # 002 line 71: "一、一般公共预算支出" is class 201
    return None


CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _ordinal(label: str) -> int | None:
    m = re.match(r"^\s*([一二三四五六七八九十]+)\s*、", label)
    if not m:
        return None
    text, total = m.group(1), 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        total = (CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + CHINESE_DIGITS.get(ones, 0)
    else:
        total = CHINESE_DIGITS.get(text, 0)
    return total or None


# --- figures ------------------------------------------------------------------------------------


def is_blank_text(text: str) -> bool:
    """A blank cell: empty, "-", "—", "/", "────" (blank, not zero)."""
    stripped = text.strip()
    return not stripped or bool(BLANK_MARK.match(stripped))


def _is_amount_text(text: str) -> bool:
    return is_blank_text(text) or bool(NUMBER.match(text.strip()))


def parse_amount(text: str) -> Amount | None:
    """The figure a cell prints, with its text and decimals; None for a blank or non-figure cell."""
    stripped = text.strip().replace("−", "-")
    if is_blank_text(stripped) or not NUMBER.match(stripped):
        return None
    digits = stripped.replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    decimals = len(digits.partition(".")[2])
    return Amount(value=value, printed=text.strip(), decimals=decimals)


def _issue(severity: str, message: str, line: Line) -> IngestIssue:
    return IngestIssue("parse_tables", severity, message, line.line_no, line.page_no)
