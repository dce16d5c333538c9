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

A page is the document's file rendered by this code: in a refresh, the page of a document that
was not refreshed is the published report's page, so it is linked (or copied) from there instead
of being read and written again (``PublishedPages``). A page lists the document's ingest issues
above its text, each linked to its line: the index shows only the most severe of them. Nothing is held per document but the pages
on disk: the lines of the few documents whose figures are looked for are kept while they are used.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment
from markupsafe import Markup, escape

from ingest.loading import load_document
from ingest.model import Line

_PAGE = re.compile(r"^p\.(\d+)$")
_LINE = re.compile(r"^line (\d+)$")
FIGURE_WINDOW = 60
LINES_KEPT = 8  # documents whose lines are kept for looking up figures (the hotline tables cite a few, often)
PAGES_REMEMBERED = 256  # documents whose page is known to be there (rows of one document come together)


@dataclass(frozen=True)
class Location:
    page_no: int | None
    line_no: int | None

    @property
    def anchor(self) -> str:
        if self.line_no is None:
            return ""
        return f"p{self.page_no}-L{self.line_no}" if self.page_no is not None else f"L{self.line_no}"

    @property
    def number(self) -> str:
        """The line's number as a source page prints it ("12", or "p.3 12" in a PDF)."""
        return ("" if self.page_no is None else f"p.{self.page_no} ") + str(self.line_no)


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


def line_rows(lines: list[Line]) -> Markup:
    """The table rows of a source page, one per line, its text escaped (the anchor and number are
    made of numbers). Written here rather than by a loop of the template: a template's step per
    line was most of the time the report took."""
    rows = []
    for line in lines:
        at = Location(line.page_no, line.line_no)
        rows.append(f'\n<tr id="{at.anchor}"><td class="ln">{at.number}</td><td>{escape(line.text)}</td></tr>')
    return Markup("".join(rows))


def issue_rows(issues: list[dict[str, Any]]) -> Markup:
    """The rows of a source page's list of ingest issues, each linked to its line when it has one."""
    rows = []
    for issue in issues:
        at = Location(issue["page_no"], issue["line_no"])
        line = f'<a href="#{at.anchor}">{at.number}</a>' if at.anchor else ""
        rows.append(
            f'\n<tr><td class="sev-{escape(issue["severity"] or "")}">{escape(issue["severity"] or "")}</td>'
            f"<td>{escape(issue['stage'] or '')}</td><td>{line}</td><td>{escape(issue['message'] or '')}</td></tr>"
        )
    return Markup("".join(rows))


class SourcePaths(Protocol):
    def get(self, document_id: str) -> str | None: ...


class SourceIssues(Protocol):
    def get(self, document_id: str) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class PublishedPages:
    """The source pages of the published report, made by this code: a document's page there is its
    page now unless the document was refreshed since (its file changed, moved or went)."""

    folder: Path  # <published report>/sources
    refreshed: Collection[str]  # the documents the warehouse refreshed

    def keep(self, document_id: str, target: Path) -> bool:
        """Put the published page of an unrefreshed document at ``target``; False when there is none."""
        published = self.folder / target.name
        if document_id in self.refreshed or not published.is_file():
            return False
        try:
            os.link(published, target)  # a release is never written to again: the same bytes
        except OSError:
            shutil.copyfile(published, target)
        return True


@dataclass
class SourcePages:
    """Writes a source page per cited document (once) and gives the link to a location in it."""

    out_dir: Path
    source_paths: SourcePaths  # document_id -> source_path
    env: Environment
    published: PublishedPages | None = None  # pages that can be kept instead of written again
    issues: SourceIssues | None = None  # document_id -> its ingest issues
    unreadable: set[str] = field(default_factory=set)  # documents without a page (no file, no text)
    _written: OrderedDict[str, None] = field(default_factory=OrderedDict)  # the last pages found or written
    _lines: OrderedDict[str, list[Line]] = field(default_factory=OrderedDict)

    def href(
        self,
        document_id: str | None,
        source_ref: str | None,
        source_path: str | None = None,
        issues: list[dict[str, Any]] | None = None,
    ) -> str | None:
        """The link to the cited location; ``source_path`` and ``issues``: the document's, when the row
        at hand has them."""
        if not document_id or not self._ensure_page(document_id, source_path, issues):
            return None
        anchor = parse_location(source_ref).anchor
        return f"sources/{document_id}.html" + (f"#{anchor}" if anchor else "")

    def figure_href(self, document_id: str | None, source_ref: str | None, printed: list[str]) -> str | None:
        """The link to the line that prints the number (one of ``printed``) at or after the cited line."""
        if not document_id or not self._ensure_page(document_id):
            return None
        found = self._find_figure(self._document_lines(document_id), parse_location(source_ref), printed)
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

    def _target(self, document_id: str) -> Path:
        return self.out_dir / "sources" / f"{document_id}.html"

    def _ensure_page(
        self, document_id: str, source_path: str | None = None, issues: list[dict[str, Any]] | None = None
    ) -> bool:
        if document_id in self._written:
            self._written.move_to_end(document_id)
            return True
        if document_id in self.unreadable:
            return False
        if not (self._target(document_id).is_file() or self._write_page(document_id, source_path, issues)):
            self.unreadable.add(document_id)
            return False
        self._written[document_id] = None
        if len(self._written) > PAGES_REMEMBERED:
            self._written.popitem(last=False)
        return True

    def _source_path(self, document_id: str, known: str | None = None) -> str | None:
        """The document's file as the warehouse names it, when it is there to be read."""
        source_path = known or self.source_paths.get(document_id)
        return source_path if source_path and Path(source_path).is_file() else None

    def _document_lines(self, document_id: str) -> list[Line]:
        """The document's lines as the loader reads them, kept for the last LINES_KEPT documents."""
        if document_id in self._lines:
            self._lines.move_to_end(document_id)
            return self._lines[document_id]
        source_path = self._source_path(document_id)
        lines = list(load_document(Path(source_path)).lines) if source_path else []
        self._lines[document_id] = lines
        if len(self._lines) > LINES_KEPT:
            self._lines.popitem(last=False)
        return lines

    def _write_page(self, document_id: str, known_path: str | None, known_issues: list[dict[str, Any]] | None) -> bool:
        source_path = self._source_path(document_id, known_path)
        if source_path is None:
            return False
        target = self._target(document_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.published is not None and self.published.keep(document_id, target):
            return True
        loaded = load_document(Path(source_path))
        if not loaded.lines:
            return False
        rows = line_rows(loaded.lines)
        issues = known_issues
        if issues is None:
            issues = self.issues.get(document_id) if self.issues is not None else []
        page = self.env.get_template("source.html.j2").render(
            title=loaded.file_name, path=source_path, rows=rows, issues=issue_rows(issues), issue_count=len(issues)
        )
        target.write_text(page, encoding="utf-8")
        return True
