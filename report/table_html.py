"""The HTML of a table row and of badges, for the templates (a filter and a global of their
environment, report/html.py). A row is written here rather than by template loops: the documents
list is a row a document, and a template's steps per cell were most of the time the
page took. Every value is escaped, as the templates' autoescape escapes it."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from report.charts import Badge
from report.view import Cell, TableRow


def badges(items: Iterable[Badge]) -> Markup:
    """Each badge as a span after a space: "<text> <span class="badge badge-year">2024</span>"."""
    return Markup(
        "".join(
            f' <span class="badge badge-{escape(b.kind)}"'
            + (f' title="{escape(b.title)}"' if b.title else "")
            + f">{escape(b.text)}</span>"
            for b in items
        )
    )


def table_row(row: TableRow) -> Markup:
    """A row of a table's body, on a line of its own, its data-* attributes read by the filters."""
    data = "".join(f' data-{escape(key)}="{escape(value)}"' for key, value in row.data.items())
    return Markup(f"\n    <tr{data}>" + "".join(_cell(c) for c in row.cells) + "</tr>")


def _cell(c: Cell) -> str:
    if c.href and c.text:
        title = f' title="{escape(c.title)}"' if c.title else ""
        content = f'<a href="{escape(c.href)}"{title}>{escape(c.text)}</a>'
    elif c.title and c.text:
        content = f'<span title="{escape(c.title)}">{escape(c.text)}</span>'
    else:
        content = str(escape(c.text))
    kind = f' class="{escape(c.kind)}"' if c.kind else ""
    small = f"<br><small>{escape(c.small)}</small>" if c.small else ""
    return f"<td{kind}>{content}{badges(c.badges) if c.badges else ''}{small}</td>"
