"""Where a build writes: the candidate area, the published releases and the links readers open.

For ``WAREHOUSE=out/warehouse.duckdb`` (the folder ``out/`` belongs to the build):

    out/.build/build.lock             one build at a time
    out/.build/parsed/                the per-document parse cache
    out/.build/ocr/                   pages read by OCR (ingest/loading/ocr_cache.py)
    out/.build/dbt/                   dbt's target and log folders
    out/.build/build_summary.json     the last run's seconds and peak memory per step
    out/.build/candidate/             this build's outputs until they are published:
        warehouse.duckdb, dq/, report/, docs/, exports/, and <output>.sealed for each output
    out/.releases/<release>/          published builds (the same files, moved here as one folder)
    out/.current -> .releases/<release>
    out/warehouse.duckdb -> .current/warehouse.duckdb
    out/dq, out/report, out/docs, out/exports -> .current/<output>

Publishing renames the candidate folder into ``.releases`` and then replaces the ``.current`` link in
one rename: readers see the old build or the new one, all outputs together, never a mix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATABASE = "warehouse.duckdb"  # the database's name inside the candidate and each release
OUTPUTS = ("dq", "report", "docs", "exports")  # folders published with the database


@dataclass(frozen=True)
class Layout:
    warehouse: Path  # the path readers open: a link to the current release's database

    @property
    def out_dir(self) -> Path:
        return self.warehouse.parent

    @property
    def work(self) -> Path:
        return self.out_dir / ".build"

    @property
    def lock(self) -> Path:
        return self.work / "build.lock"

    @property
    def parse_cache(self) -> Path:
        return self.work / "parsed"

    @property
    def ocr_cache(self) -> Path:
        return self.work / "ocr"

    @property
    def dbt_target(self) -> Path:
        return self.work / "dbt" / "target"

    @property
    def dbt_logs(self) -> Path:
        return self.work / "dbt" / "logs"

    @property
    def build_summary(self) -> Path:
        return self.work / "build_summary.json"

    @property
    def ingest_timings(self) -> Path:
        return self.work / "ingest_timings.json"

    @property
    def candidate(self) -> Path:
        return self.work / "candidate"

    @property
    def candidate_db(self) -> Path:
        return self.candidate / DATABASE

    @property
    def releases(self) -> Path:
        return self.out_dir / ".releases"

    @property
    def current(self) -> Path:
        return self.out_dir / ".current"

    def published(self, output: str) -> Path:
        """The link readers open for one output folder (out/report, …)."""
        return self.out_dir / output

    def links(self) -> dict[Path, str]:
        """Each link readers open -> its target, relative to the folder it is in."""
        targets = {self.warehouse: f"{self.current.name}/{DATABASE}"}
        targets.update({self.published(output): f"{self.current.name}/{output}" for output in OUTPUTS})
        return targets
