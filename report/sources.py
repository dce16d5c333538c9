"""Links from a figure to the place it was read: one HTML page per cited source document.

A ``source_ref`` reads "file | p.N | line N | table | row label". The report writes the cited
document's text as ``sources/<document_id>.html`` with an anchor on every line (``#L601``, or
``#p3-L12`` in a PDF), numbered by the same loader ingest used, so a link lands on the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ingest.loading import load_document

_PAGE = re.compile(r"^p\.(\d+)$")
_LINE = re.compile(r"^line (\d+)$")


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


@dataclass
class SourcePages:
    """Writes a source page per cited document (once) and gives the link to a location in it."""

    out_dir: Path
    source_paths: dict[str, str]  # document_id -> source_path
    written: dict[str, bool] = field(default_factory=dict)  # document_id -> page exists

    def href(self, document_id: str | None, source_ref: str | None) -> str | None:
        if not document_id or not self._ensure_page(document_id):
            return None
        anchor = parse_location(source_ref).anchor
        return f"sources/{document_id}.html" + (f"#{anchor}" if anchor else "")

    def _ensure_page(self, document_id: str) -> bool:
        if document_id not in self.written:
            self.written[document_id] = self._write_page(document_id)
        return self.written[document_id]

    def _write_page(self, document_id: str) -> bool:
        source_path = self.source_paths.get(document_id)
        if not source_path or not Path(source_path).is_file():
            return False
        loaded = load_document(Path(source_path))
        if not loaded.lines:
            return False
        rows = "\n".join(
            f'<tr id="{Location(line.page_no, line.line_no).anchor}"><td class="ln">'
            f"{'' if line.page_no is None else f'p.{line.page_no} '}{line.line_no}</td>"
            f"<td>{escape(line.text)}</td></tr>"
            for line in loaded.lines
        )
        page = SOURCE_PAGE.format(title=escape(loaded.file_name), path=escape(source_path), rows=rows)
        target = self.out_dir / "sources" / f"{document_id}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        return True


SOURCE_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Micro Hei", sans-serif; margin: 1.5rem; }}
table {{ border-collapse: collapse; }}
td {{ padding: 0 .6rem; vertical-align: top; white-space: pre-wrap; }}
td.ln {{ color: #888; text-align: right; white-space: nowrap; user-select: none; }}
tr:target {{ background: #fff3b0; }}
</style></head>
<body><p><a href="../index.html">← report</a> · {path}</p><h1>{title}</h1>
<table>
{rows}
</table></body></html>
"""
