"""Loading: a file's bytes -> LoadedDocument (normalized lines with line/page numbers).

One loader per file format; ``load_document`` picks it by the file's suffix, then a document printed
in traditional characters is converted to simplified ones (``simplified.to_simplified``). A loader never
raises for a bad document: it returns a LoadedDocument with no lines and an IngestIssue saying
why, so that one unreadable file never stops the others.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.loading.simplified import to_simplified
from ingest.loading.text import UnreadableText, decode_bytes, text_to_lines
from ingest.model import IngestIssue, LoadedDocument

TEXT_SUFFIXES = {".txt", ".md"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
OFFICE_SUFFIXES = {".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt", ".et", ".ett"}  # converted with LibreOffice
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES | WORKBOOK_SUFFIXES | HTML_SUFFIXES | OFFICE_SUFFIXES


def document_id_for(data: bytes) -> str:
    """The contract's document key: first 16 hex digits of the SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def load_document(path: Path) -> LoadedDocument:
    """Read one file into normalized lines. Never raises for a bad document."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    doc = LoadedDocument(
        document_id=document_id_for(data),
        source_path=str(path),
        file_name=path.name,
        file_format=suffix.lstrip("."),
        byte_size=len(data),
        lines=[],
    )
    if suffix in TEXT_SUFFIXES:
        _load_text(doc, data)
    elif suffix in PDF_SUFFIXES:
        from ingest.loading.pdf import load_pdf  # imported lazily: pdfplumber is slow to import

        load_pdf(doc, data)
    elif suffix in DOCX_SUFFIXES:
        from ingest.loading.docx import load_docx

        load_docx(doc, data)
    elif suffix in WORKBOOK_SUFFIXES:
        from ingest.loading.xlsx import load_workbook

        load_workbook(doc, data)
    elif suffix in HTML_SUFFIXES:
        from ingest.loading.html import load_html

        load_html(doc, data)
    elif suffix in OFFICE_SUFFIXES:
        from ingest.loading.office import load_office

        load_office(doc, data, suffix)
    else:
        formats = " ".join(sorted(SUPPORTED_SUFFIXES))
        doc.issues.append(
            IngestIssue(
                "load", "error", f"unsupported file format {suffix or '(no suffix)'!r}: not read (read: {formats})"
            )
        )
    doc.lines, converted = to_simplified(doc.lines)
    if converted:
        doc.issues.append(
            IngestIssue("load", "info", "printed in traditional characters: read in simplified characters (OpenCC t2s)")
        )
    return doc


def _load_text(doc: LoadedDocument, data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except UnreadableText as exc:
        doc.issues.append(IngestIssue("load", "error", f"unreadable text document: {exc}"))
        return
    doc.encoding = encoding
    doc.lines = text_to_lines(text)
    if not any(line.text.strip() for line in doc.lines):
        doc.issues.append(IngestIssue("load", "error", "the document has no text"))
