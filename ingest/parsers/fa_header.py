"""A table's header -> its columns: the role of each column (code, name, 行次, amount) and the
column_key of every amount column.

The header's rows are merged top-down (a spanning parent such as 本年支出 or 收入 is carried right
over the columns it covers); a column's labels, top to bottom, are matched against the vocabulary
of the table's family (column_labels_*, parsers/templates.py) and the words every family's headers
use (fa_patterns: NAME_COLUMN_WORDS, CODE_COLUMN_WORDS, CODE_PART_COLUMNS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.layout.tables import CODE, NUMBER, normalize_label
from ingest.parsers import fa_patterns as fa
from ingest.parsers.fa_figures import is_amount_text
from ingest.parsers.templates import kind_of, vocabulary_of

TRAILING_COLUMN_NO = re.compile(r"\d+$")  # "金额 1" (002 line 70)


INTEGER = re.compile(r"^\d+$")


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


def first_data_row(rows: list[list[str]]) -> int:
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
    return any(is_amount_text(c) for c in filled[1:]) or all(is_amount_text(c) for c in filled)


def _is_column_number_row(filled: list[str]) -> bool:
    """栏次 | 1 | 2 | 3 (002 line 111), 行次 1 2 3 (001 line 181), 1 … 12 (002 line 270)."""
    numbers = []
    for c in filled:
        if INTEGER.match(c):
            numbers.append(c)
        elif normalize_label(c) not in ("栏次", "行次", "栏次行次", "行次栏次"):
            return False  # a row of data, mostly: its name is no number
    if len(numbers) == len(filled) and len(numbers) < 2:
        return False
    ints = [int(c) for c in numbers]
    return len(ints) >= 1 and ints == list(range(ints[0], ints[0] + len(ints)))


def header_paths(header_rows: list[list[str]], width: int) -> list[list[str]]:
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
    return [[clean_header(filled[r][c]) for r in range(len(filled)) if filled[r][c]] for c in range(width)]


def clean_header(text: str) -> str:
    label = normalize_label(text)
    label = TRAILING_COLUMN_NO.sub("", label) if not INTEGER.match(label) else label
    return label.replace("(", "（").replace(")", "）")


def columns_from_paths(paths: list[list[str]], table_key: str) -> list[Column]:
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
    if kind_of(table_key) == "two_sided":
        for column in columns:
            column.side = column.side or ("income" if column.group == 0 else "expenditure")
    return columns


def _role(path: list[str], table_key: str) -> tuple[str, str | None]:
    """The role of a column from its header labels; a label wrapped over header lines without
    ruling ("上缴上级" / "支出") is read joined when its parts say nothing alone."""
    role = _role_of_labels(path, path, table_key)
    if role[0] == "code" and path[-1] in fa.CODE_PART_COLUMNS and len(path) > 1:
        # "政府性基金" / "预算财政拨" / "款": the last character of a wrapped label, not a 款 column
        joined = _role_of_labels(["".join(path)], path, table_key)
        return joined if joined[0] == "amount" else role
    for start in range(len(path) - 2, -1, -1):
        if role[0] != "other":
            break
        role = _role_of_labels(["".join(path[start:])], path, table_key)
    return role


def _role_of_labels(labels: list[str], path: list[str], table_key: str) -> tuple[str, str | None]:
    label_column = any(_is_label_header(label, table_key) for label in path)
    for label in reversed(labels):
        if label_column and label in ("合计", "总计"):
            continue  # the 合计 row printed inside the header (template 公开02 p6, 公开07 p15)
        if label in fa.LINE_NO_COLUMN_WORDS:
            return "line_no", None
        key = column_key(label, table_key, path)
        if key:
            return "amount", key
        if _is_name_header(label, table_key) or (label.startswith("项目") and "支出" not in label):
            return "name", None
        if any(w in label for w in fa.CODE_COLUMN_WORDS) or label in fa.CODE_PART_COLUMNS:
            return "code", None
    return "other", None


def _is_label_header(label: str, table_key: str) -> bool:
    return _is_name_header(label, table_key) or any(w in label for w in fa.CODE_COLUMN_WORDS)


def _is_name_header(label: str, table_key: str) -> bool:
    return (
        label in fa.NAME_COLUMN_WORDS
        or label in vocabulary_of(table_key).name_column_words
        or any(w in label for w in fa.NAME_COLUMN_PARTS)
    )


def column_key(label: str, table_key: str, path: list[str] | None = None) -> str | None:
    """The column_key of a header label in a table (None when it is not an amount header)."""
    vocabulary = vocabulary_of(table_key)
    key = vocabulary.column_labels_by_table.get(table_key, {}).get(label) or vocabulary.column_labels_general.get(label)
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


def is_repeated_header(cells: list[str], table_key: str) -> bool:
    if kind_of(table_key) == "two_sided":
        return False  # their row labels (年初结转和结余 …) are also column labels elsewhere
    filled = [c for c in cells if c]
    if not filled:
        return False
    if _is_column_number_row(filled):
        return True
    if any(is_amount_text(c) for c in filled):
        return False
    return sum(1 for c in filled if column_key(clean_header(c), table_key)) >= 2


def has_line_numbers(header_rows: list[list[str]]) -> bool:
    """A 行次/栏次 column label in the header (not the 栏次 1 2 3 row that numbers the columns)."""
    for cells in header_rows:
        if _is_column_number_row([c for c in cells if c]):
            continue
        if any(tok in ("行次", "栏次") for cell in cells for tok in normalize_label(cell.replace(" ", "|")).split("|")):
            return True
    return False


def printed_column_count(header_rows: list[list[str]]) -> int | None:
    for cells in header_rows:
        filled = [c for c in cells if c]
        if len(filled) > 1 and _is_column_number_row(filled):
            return len([c for c in filled if INTEGER.match(c)])
    return None
