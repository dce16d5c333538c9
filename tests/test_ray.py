"""Parsing on a Ray cluster: a head and a worker node started on 127.0.0.1 by the test, a worker
process killed while documents are parsed; every document lands as the process pool parses it.
Marked slow: starting two Ray nodes takes tens of seconds."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest
from conftest import SAMPLES

from ingest.landing.cache import RowCache
from ingest.pipeline import collect, process_paths

pytestmark = pytest.mark.slow
RAY = Path(sys.executable).parent / "ray"
TASK_TITLE = "ray::parse_and_cache"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _node(*args: str) -> subprocess.Popen:
    """A Ray node in the foreground (--block) in a process group of its own, so that the test
    stops exactly the processes it started."""
    argv = [str(RAY), "start", "--block", "--num-cpus", "1", "--disable-usage-stats", *args]
    return subprocess.Popen(argv, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(node: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(node.pid, sig)
        except ProcessLookupError:
            return
        try:
            node.wait(timeout=20)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def cluster():
    import ray

    temp = Path(tempfile.mkdtemp(prefix="ray", dir="/tmp"))  # short: Ray's socket paths have a length limit
    port = _free_port()
    address = f"127.0.0.1:{port}"
    head = _node("--head", "--node-ip-address", "127.0.0.1", "--port", str(port), "--include-dashboard", "false",
                 "--temp-dir", str(temp))  # fmt: skip
    nodes = [head]
    try:
        deadline = time.monotonic() + 180
        while True:  # the worker node joins once the head answers
            if subprocess.run([str(RAY), "status", "--address", address], capture_output=True).returncode == 0:
                break
            assert time.monotonic() < deadline, "the Ray head did not start"
            time.sleep(1)
        worker = _node("--address", address, "--node-ip-address", "127.0.0.1")
        nodes.append(worker)
        ray.init(address=address, logging_level="ERROR", log_to_driver=False, configure_logging=False)
        while ray.cluster_resources().get("CPU", 0) < 2:
            assert time.monotonic() < deadline, "the Ray worker node did not join"
            time.sleep(1)
        yield address, worker
    finally:
        ray.shutdown()
        for node in reversed(nodes):
            _stop(node)
        shutil.rmtree(temp, ignore_errors=True)


def _copies(folder: Path, copies: int) -> list[Path]:
    folder.mkdir()
    for i in range(copies):
        for source in sorted(SAMPLES.iterdir()):
            (folder / f"{i:02d}_{source.name}").write_bytes(source.read_bytes() + f"\n副本 {i}\n".encode())
    return sorted(folder.iterdir())


def _kill_one_task(node: subprocess.Popen, killed: list[int], stop: threading.Event) -> None:
    """Kill the first worker process of ``node`` seen parsing a document (SIGKILL, as a crash)."""
    root = psutil.Process(node.pid)
    while not stop.is_set() and not killed:
        for process in root.children(recursive=True):
            try:
                if process.cmdline()[:1] == [TASK_TITLE] or process.name().startswith(TASK_TITLE[:15]):
                    process.kill()
                    killed.append(process.pid)
                    return
            except psutil.Error:
                continue
        time.sleep(0.02)


def test_a_ray_cluster_parses_every_document_as_the_process_pool_does_despite_a_killed_worker(cluster, tmp_path):
    address, worker_node = cluster
    paths = _copies(tmp_path / "raw", 4)
    cache = RowCache(tmp_path / "cache")
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_one_task, args=(worker_node, killed, stop))
    killer.start()
    try:
        on_ray, summary = collect(process_paths(paths, cache=cache, ray_address=address))
    finally:
        stop.set()
        killer.join()
    assert killed, "no parsing task was seen on the worker node"
    assert (summary.documents, summary.failed) == (len(paths), 0)
    in_pool, _ = collect(process_paths(paths, 2))
    assert on_ray == in_pool
    assert len(list(cache.folder.glob("*.arrow"))) == len(paths)  # the tasks filled the shared cache
    cached, again = collect(process_paths(paths, cache=cache, ray_address=address))
    assert again.from_cache == len(paths) and cached == in_pool
