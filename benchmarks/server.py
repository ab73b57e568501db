"""A real server for the benchmarks (gunicorn, 2 workers, on loopback) and a concurrent client."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, workers: int = 2):
        self.port = free_port()
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="benchmarks.settings")
        self.process = subprocess.Popen(  # noqa: S603 - our own server on loopback
            [
                sys.executable, "-m", "gunicorn", "due_regard.wsgi", "--workers", str(workers),
                "--bind", f"127.0.0.1:{self.port}", "--timeout", "300", "--log-level", "warning",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                get(self.port, "/bench/bare/")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the benchmark server did not start")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def get(port: int, path: str, cookie: str = "") -> tuple[int, int, float]:
    """One GET: (status, bytes, seconds), the whole body read."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    size = 0
    while chunk := response.read(65536):
        size += len(chunk)
    connection.close()
    return response.status, size, time.perf_counter() - started


def measure(port: int, path: str, *, cookie: str, requests: int, concurrency: int) -> dict:
    """p50/p95 of `requests` GETs from `concurrency` clients at once."""
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda _: get(port, path, cookie), range(requests)))
    times = sorted(seconds for _, _, seconds in results)
    statuses = sorted({status for status, _, _ in results})
    return {
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": times[max(0, round(0.95 * len(times)) - 1)] * 1000,
        "bytes": results[-1][1],
        "status": statuses,
    }
