"""Links from a figure to the place it was read: one HTML page per cited source document.

A ``source_ref`` reads "file | p.N | line N | table | row label". The report writes the cited
document's text as ``sources/<document_id>.html`` with an anchor on every line (``#L601``, or
``#p3-L12`` in a PDF), numbered by the same loader ingest used, so a link lands on the line.

Some marts cite the row or table a figure belongs to rather than the figure's own line (a project's
executed amount cites its table's title; the number is printed a few lines below, in the 年度资金总额
row). ``figure_href`` then looks for the number as printed from the cited line on, within the
next ``FIGURE_WINDOW`` lines, then back from it within as many (a report's prose states a project's
spending above its score table), and links to the nearest line that prints it; when the number is
not found there, the link stays on the cited line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from ingest.loading import load_document
from ingest.model import Line

_PAGE = re.compile(r"^p\.(\d+)$")
_LINE = re.compile(r"^line (\d+)$")
FIGURE_WINDOW = 60


@dataclass(frozen=True)
class Location:
    page_no: int | None
    line_no: int | None

    @property
    def anchor(self) -> str:
        if self.line_no is None:
            return ""
        return f"p{self.page_no}-L{self.line_no}" if self.page_no is not None else f"L{self.line_no}"


def parse_location(source_ref: str | None) -> Location:
    """Page and line of a rendered SourceRef ("000_x.txt | line 601 | 项目支出绩效自评表 | 全年受理咨询量")."""
    page = line = None
    for part in (source_ref or "").split(" | "):
        if m := _PAGE.match(part.strip()):
            page = int(m.group(1))
        elif m := _LINE.match(part.strip()):
            line = int(m.group(1))
    return Location(page, line)


def printed_pattern(printed: str) -> re.Pattern[str]:
    """A number as printed, not as part of a longer number ("98" is not found in "1998" or "98.5")."""
    return re.compile(r"(?<![\d.])" + re.escape(printed) + r"(?![\d])(?!\.\d)")


@dataclass
class SourcePages:
    """Writes a source page per cited document (once) and gives the link to a location in it."""

    out_dir: Path
    source_paths: dict[str, str]  # document_id -> source_path
    env: Environment
    lines: dict[str, list[Line] | None] = field(default_factory=dict)  # document_id -> its lines, once loaded

    def href(self, document_id: str | None, source_ref: str | None) -> str | None:
        if not document_id or not self._ensure_page(document_id):
            return None
        anchor = parse_location(source_ref).anchor
        return f"sources/{document_id}.html" + (f"#{anchor}" if anchor else "")

    def figure_href(self, document_id: str | None, source_ref: str | None, printed: list[str]) -> str | None:
        """The link to the line that prints the number (one of ``printed``) at or after the cited line."""
        if not document_id or not self._ensure_page(document_id):
            return None
        found = self._find_figure(self.lines[document_id] or [], parse_location(source_ref), printed)
        return f"sources/{document_id}.html#{found.anchor}" if found else self.href(document_id, source_ref)

    @staticmethod
    def _find_figure(lines: list[Line], cited: Location, printed: list[str]) -> Location | None:
        if cited.line_no is None or not printed:
            return None
        start = next(
            (i for i, x in enumerate(lines) if x.line_no == cited.line_no and x.page_no == cited.page_no), None
        )
        if start is None:
            return None
        patterns = [printed_pattern(p) for p in printed if p]
        after = lines[start : start + FIGURE_WINDOW]
        before = reversed(lines[max(0, start - FIGURE_WINDOW) : start])  # nearest first
        for line in [*after, *before]:
            if any(p.search(line.text) for p in patterns):
                return Location(line.page_no, line.line_no)
        return None

    def _ensure_page(self, document_id: str) -> bool:
        if document_id not in self.lines:
            self.lines[document_id] = self._write_page(document_id)
        return self.lines[document_id] is not None

    def _write_page(self, document_id: str) -> list[Line] | None:
        source_path = self.source_paths.get(document_id)
        if not source_path or not Path(source_path).is_file():
            return None
        loaded = load_document(Path(source_path))
        if not loaded.lines:
            return None
        rows = [
            {
                "anchor": Location(line.page_no, line.line_no).anchor,
                "number": ("" if line.page_no is None else f"p.{line.page_no} ") + str(line.line_no),
                "text": line.text,
            }
            for line in loaded.lines
        ]
        page = self.env.get_template("source.html.j2").render(title=loaded.file_name, path=source_path, rows=rows)
        target = self.out_dir / "sources" / f"{document_id}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        return list(loaded.lines)
