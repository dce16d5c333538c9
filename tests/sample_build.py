"""One `make build` of the sample corpus per test session, shared by the tests that need it.

The tests that use it are marked ``build``. The warehouse and its outputs (report, exports, docs)
sit in a temporary folder that lives as long as the test process.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from conftest import ROOT, SAMPLES


@cache
def sample_warehouse() -> Path:
    """Build data/samples once; return the published warehouse file."""
    folder = Path(tempfile.mkdtemp(prefix="sample_build_"))
    atexit.register(shutil.rmtree, folder, True)
    warehouse = folder / "warehouse.duckdb"
    done = subprocess.run(
        ["make", "build", f"RAW_DIR={SAMPLES}", f"WAREHOUSE={warehouse}", "ALLOW_FAILURES=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not warehouse.exists():
        raise RuntimeError(f"make build of the samples failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return warehouse
