"""Per-document cache of parsed rows: only documents that changed are parsed again.

A cache entry is keyed by the document's content hash (its document_id) and by a fingerprint of
the ingest code, so an edited document or an edited parser both miss the cache. Entries are
independent files, so many processes — or machines sharing the folder — can fill one cache and a
single landing step can then load them all (processes sharing a cache run the same code: a run
removes the entries of other code versions when it is done).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from functools import lru_cache
from pathlib import Path

from ingest.seeds import INGEST_SEEDS, seed_path

INGEST_ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of every source file of the ingest package and of the seeds it reads."""
    digest = hashlib.sha256()
    files = sorted(INGEST_ROOT.rglob("*.py"))
    files.extend(seed_path(name) for name in INGEST_SEEDS)
    for path in files:
        if path.exists():
            digest.update(str(path.relative_to(INGEST_ROOT.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class RowCache:
    def __init__(self, folder: Path):
        self.folder = folder / code_fingerprint()

    def _path(self, document_id: str, source_path: str) -> Path:
        # The source path is part of the key: the same bytes under two names are two documents.
        name_hash = hashlib.sha256(source_path.encode()).hexdigest()[:8]
        return self.folder / f"{document_id}-{name_hash}.pickle"

    def get(self, document_id: str, source_path: str) -> dict[str, list[tuple]] | None:
        path = self._path(document_id, source_path)
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except (FileNotFoundError, EOFError, pickle.UnpicklingError):
            return None

    def put(self, document_id: str, source_path: str, rows: dict[str, list[tuple]]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(document_id, source_path)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as handle:
            pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # atomic: a concurrent reader never sees half an entry

    def prune_other_versions(self) -> int:
        """Remove the entries written by other versions of the ingest code; return how many folders."""
        if not self.folder.parent.is_dir():
            return 0
        stale = [p for p in self.folder.parent.iterdir() if p.is_dir() and p != self.folder]
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)
        return len(stale)
