"""How long each step of a build took, the processor time it used and the memory it held at its peak.

Processor time is user + system time of the build's process and every process under it (the
step's program, its parsing workers), each as last sampled: on a shared machine it says what the
step costs when wall-clock seconds say how busy the machine was. A process that lives less than a
sample is missed (the time of ended processes cannot be asked for: a worker's is lost with the
process that forked it unless that one waits for it).

Memory is the resident set (RSS) of the build's process and every process under it (the step's
program, its parsing workers, dbt's threads), summed, sampled every SAMPLE_SECONDS by a thread.
The sum counts pages that forked workers share once per process, so it is an upper bound of what
the machine had to provide; a peak shorter than a sample can be missed.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.1
MB = 1024 * 1024


class PeakSampler:
    """Samples the memory and processor time of this process and its descendants in a thread;
    ``peak`` is the highest memory sum since ``reset``, ``cpu_total()`` their processor seconds."""

    def __init__(self, interval: float = SAMPLE_SECONDS):
        self.interval = interval
        self.root = psutil.Process(os.getpid())
        self.peak = 0
        self._cpu: dict[tuple[int, float], float] = {}  # (pid, start time) -> its processor seconds
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peak-memory", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        resident = 0
        for process in [self.root, *self.root.children(recursive=True)]:
            try:
                with process.oneshot():
                    resident += process.memory_info().rss
                    times = process.cpu_times()
                    key = (process.pid, process.create_time())
            except psutil.Error:  # it ended between the listing and the reading
                continue
            with self._lock:
                self._cpu[key] = times.user + times.system
        self.peak = max(self.peak, resident)

    def cpu_total(self) -> float:
        """Processor seconds of every process seen so far, as last sampled."""
        with self._lock:
            return sum(self._cpu.values())

    def reset(self) -> None:
        self.peak = 0
        self.sample()

    def __enter__(self) -> PeakSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class StepFigures:
    step: str
    seconds: float
    cpu_seconds: float  # user + system time of the build's processes during the step (sampled)
    peak_rss_mb: float
    finished: bool


@dataclass
class BuildSummary:
    steps: list[StepFigures] = field(default_factory=list)
    parts: dict[str, dict[str, float]] = field(default_factory=dict)  # a step's own breakdown (ingest's)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)

    @property
    def cpu_seconds(self) -> float:
        return sum(s.cpu_seconds for s in self.steps)

    @property
    def peak_rss_mb(self) -> float:
        return max((s.peak_rss_mb for s in self.steps), default=0.0)

    def text(self) -> str:
        lines = [f"{'step':<14}{'seconds':>10}{'peak MB':>10}"]
        for s in self.steps:
            lines.append(
                f"{s.step:<14}{s.seconds:>10.1f}{s.peak_rss_mb:>10.0f}" + ("" if s.finished else "  (stopped)")
            )
            for part, seconds in self.parts.get(s.step, {}).items():
                lines.append(f"  {part:<12}{seconds:>10.1f}")
        lines.append(f"{'total':<14}{self.seconds:>10.1f}{self.peak_rss_mb:>10.0f}")
        return "\n".join(lines)

    def write(self, path: Path) -> None:
        record = {"steps": [asdict(s) for s in self.steps], "parts": self.parts}
        record |= {"seconds": round(self.seconds, 3), "cpu_seconds": round(self.cpu_seconds, 3)}
        record["peak_rss_mb"] = round(self.peak_rss_mb, 1)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, path)


@contextmanager
def measured(summary: BuildSummary, sampler: PeakSampler, step: str) -> Iterator[None]:
    """Time ``step`` and record its peak memory into ``summary``, whether it finishes or not."""
    sampler.reset()
    started, cpu_started = time.perf_counter(), sampler.cpu_total()
    finished = False
    try:
        yield
        finished = True
    finally:
        sampler.sample()
        seconds, cpu = round(time.perf_counter() - started, 3), round(sampler.cpu_total() - cpu_started, 3)
        summary.steps.append(StepFigures(step, seconds, cpu, round(sampler.peak / MB, 1), finished))


def read_parts(path: Path) -> dict[str, float]:
    """A step's own breakdown of its seconds, as it wrote it (empty when it wrote none)."""
    try:
        return {str(k): float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        print(f"note: no timing breakdown in {path}", file=sys.stderr)
        return {}
