"""Pages read by OCR, kept on disk: a rebuild does not read a scan again.

Reading a scanned page takes seconds; parsing its lines takes milliseconds. The parse cache
(landing/cache.py) is dropped whenever the parsers change, so the Lines of every page read by OCR
are kept apart, one JSON file per page, keyed by the document's content hash, the page and the
version of the code that turns a page image into Lines (ocr.py and the normalization it applies):
only a change there reads the pages again. Files are written atomically, so parallel workers can
share the folder; files of other code versions are removed by ``prune_other_versions``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from ingest.loading import grid, text
from ingest.model import Line, OcrRead

_CODE = (Path(__file__).with_name("ocr.py"), Path(grid.__file__), Path(text.__file__))
CODE_VERSION = hashlib.sha256(b"".join(path.read_bytes() for path in _CODE)).hexdigest()[:12]


class OcrCache:
    """The Lines of pages read by OCR, per document and page, for this version of the OCR code."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, document_id: str, page_no: int) -> Path:
        return self.folder / f"{document_id}-p{page_no}-{CODE_VERSION}.json"

    def get(self, document_id: str, page_no: int) -> list[Line] | None:
        try:
            records = json.loads(self._path(document_id, page_no).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return [_line(record) for record in records]

    def put(self, document_id: str, page_no: int, lines: list[Line]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        records = [_record(line) for line in lines]
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(records, out, ensure_ascii=False)
        os.replace(temporary, self._path(document_id, page_no))

    def prune_other_versions(self) -> None:
        """Remove the pages kept by other versions of the OCR code (they can never be read again)."""
        for path in self.folder.glob("*.json"):
            if not path.stem.endswith(CODE_VERSION):
                path.unlink(missing_ok=True)


def _record(line: Line) -> dict:
    read = line.ocr
    return {
        "text": line.text,
        "line_no": line.line_no,
        "page_no": line.page_no,
        "cells": line.cells,
        "confidence": read.confidence if read else None,
        "boxes": read.boxes if read else None,
    }


def _line(record: dict) -> Line:
    cells = tuple(record["cells"]) if record["cells"] is not None else None
    read = None
    if record["confidence"] is not None:
        read = OcrRead(tuple(record["confidence"]), tuple(record["boxes"]))
    return Line(record["text"], record["line_no"], record["page_no"], cells=cells, ocr=read)
