"""Vocabulary ingest reads from the dbt seeds (one source for ingest and the warehouse).

Analysts extend these CSV files without touching code; the README's "Adding documents" table says
which file holds which wording. The parse cache is keyed by their content too (landing/cache.py).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"

# Every seed ingest reads.
INGEST_SEEDS: tuple[str, ...] = (
    "ref_jurisdictions",
    "ref_jurisdiction_aliases",
    "ref_document_kind_markers",
    "ref_department_fields",
    "ref_narrative_subjects",
    "ref_narrative_clauses",
    "hotline_project_patterns",
    "ref_function_classes",
    "ref_ocr_confusions",
)


def seed_path(name: str) -> Path:
    return SEEDS_DIR / f"{name}.csv"


@lru_cache(maxsize=16)
def read_seed(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a seed, as printed (empty cells are empty strings)."""
    with open(seed_path(name), encoding="utf-8", newline="") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))
