"""Write a generated corpus: documents in `<out>/raw/`, answer keys in `<out>/keys/`, a manifest.

Document i of seed s is drawn from its own random stream ("s:i"), so a document does not change
when N does, and the same seed gives byte-identical files. Each answer key's first line is the
document's layout (its catalogue choices); the manifest has one line per output file with its
format and producer, which the scorer joins to the key.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docgen import answer_key, producers
from docgen.catalogue import DIMENSIONS, FORMATS, SCAN_DPIS, Layout, draw_layouts
from docgen.compose import compose
from docgen.document import Printed
from docgen.generate import generate
from docgen.model import FinalAccounts


@dataclass
class Generated:
    name: str  # file stem shared by every output of the document
    layout: Layout
    data: FinalAccounts
    printed: Printed


def document(seed: int, index: int, layout: Layout) -> Generated:
    rng = random.Random(f"{seed}:{index}")
    data = generate(rng, layout.quantum, layout.continuation != "none", layout.economic_rows == "extended")
    return Generated(f"fa_{seed}_{index:04d}", layout, data, compose(data, layout))


def documents(seed: int, count: int, producer_names: Iterable[str] | None = None) -> list[Generated]:
    available = tuple(producer_names or producers.available())
    layouts = draw_layouts(random.Random(seed), count, available)
    return [document(seed, i, layout) for i, layout in enumerate(layouts)]


def write(
    out: Path,
    seed: int,
    count: int,
    formats: Iterable[str] = ("pdf",),
    producer_names=None,
    scan_dpis: tuple[int, ...] = SCAN_DPIS,
) -> dict:
    """Generate `count` documents in the given formats (scans at `scan_dpis`, in turn); returns
    timings per producer/format."""
    formats = tuple(formats)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown formats {sorted(unknown)}; known: {', '.join(FORMATS)}")
    if out.exists():
        shutil.rmtree(out)
    raw, keys = out / "raw", out / "keys"
    raw.mkdir(parents=True)
    keys.mkdir()
    started = time.perf_counter()
    docs = documents(seed, count, producer_names)
    timings: dict[str, float] = {"compose": time.perf_counter() - started}
    manifest: list[dict] = []
    for doc in docs:
        lines = [{"kind": "layout", **doc.layout.choices()}] + answer_key.facts(doc.data, doc.layout)
        (keys / f"{doc.name}.jsonl").write_text(
            "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines), encoding="utf-8"
        )
    entries: list[producers.Entry] = []
    for fmt in formats:
        written, seconds = producers.write_format(fmt, docs, raw, scan_dpis)
        entries += written
        timings |= seconds
    for file, doc_name, fmt, producer in sorted(entries):
        manifest.append({"file": file, "doc": doc_name, "format": fmt, "producer": producer})
    (out / "manifest.jsonl").write_text(
        "".join(json.dumps(m, ensure_ascii=False, sort_keys=True) + "\n" for m in manifest), encoding="utf-8"
    )
    summary = {"seed": seed, "documents": count, "formats": list(formats), "files": len(manifest), "seconds": timings}
    summary["per_file_seconds"] = producers.per_file(timings, entries)
    (out / "generation.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return summary


def dimension_values(manifest_entry: dict, layout: dict) -> dict[str, str]:
    """Every catalogue dimension of one output file: the document's layout plus its format."""
    values = {name: layout[name] for name in DIMENSIONS if name != "producer"}
    values["format"] = manifest_entry["format"]
    values["producer"] = manifest_entry["producer"]
    return values
