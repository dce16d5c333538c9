"""Office files are zip archives stamped with the time they were written; fixing the stamps makes
the same document give the same bytes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

STAMP = (2025, 6, 30, 9, 0, 0)
# the writers set the modification time on saving, whatever the document says
CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fix_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, blob in entries:
            if info.filename == "docProps/core.xml":
                blob = CORE_DATE.sub(rb"\g<1>2025-06-30T09:00:00Z\g<2>", blob)
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, blob)
