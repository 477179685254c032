"""The cases timed by a Python client rather than wrk: one request at a time, each timed whole.

- ``bulk_checks``: POST /api/v1/checks with 1,000 numbers, a different list each time.
- ``export``: GET the open-data CSV, reading it as it streams: time to the first byte and to the
  end, bytes and rows, whether it came chunked (no Content-Length), and the peak RSS of the gunicorn
  workers meanwhile (each worker's ``VmHWM``, reset just before, and ``VmRSS`` sampled every 50 ms).
- ``cold_start``: launch gunicorn and poll a page until it answers 200.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench.services import Gunicorn, memory_kib, reset_peak_rss, wait_for

KIB = 1024


def _connection(base_url: str, timeout: float) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (the value at or below which p% of the values fall)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


@dataclass(frozen=True)
class Timings:
    seconds: list[float]
    errors: int

    @property
    def per_second(self) -> float:
        return len(self.seconds) / sum(self.seconds) if self.seconds else 0.0

    def ms(self, p: float) -> float:
        return percentile(self.seconds, p) * 1000 if self.seconds else float("nan")

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000


def bulk_checks(base_url: str, token: str, bodies: list[list[str]], timeout: float = 60) -> Timings:
    """POST each list in turn on one keep-alive connection; the time of each, and how many failed."""
    seconds, errors = [], 0
    connection = _connection(base_url, timeout)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        for numbers in bodies:
            body = json.dumps({"numbers": numbers})
            started = time.perf_counter()
            connection.request("POST", "/api/v1/checks", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            seconds.append(time.perf_counter() - started)
            errors += response.status != 201
    finally:
        connection.close()
    return Timings(seconds, errors)


@dataclass(frozen=True)
class Export:
    status: int
    seconds: float
    first_byte_seconds: float
    bytes: int
    rows: int
    chunked: bool
    peak_rss_kib: int  # the largest of the workers'
    rss_before_kib: int
    content_length: int | None = None

    @property
    def streamed(self) -> bool:
        """Sent in pieces as it is read (chunked, or a finished file of stated length) from the first second."""
        return (self.chunked or self.content_length == self.bytes) and self.first_byte_seconds <= 1.0


class _RssSampler(threading.Thread):
    def __init__(self, pids: list[int], interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pids, self.interval, self.peak, self.stopping = pids, interval, 0, threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.peak = max([self.peak, *(memory_kib(pid, "VmRSS") for pid in self.pids)])
            self.stopping.wait(self.interval)


def export(server: Gunicorn, path: str = "/api/v1/exports/register.csv", timeout: float = 600) -> Export:
    workers = server.workers
    before = max((memory_kib(pid, "VmRSS") for pid in workers), default=0)
    for pid in workers:
        reset_peak_rss(pid)
    sampler = _RssSampler(workers)
    sampler.start()
    connection = _connection(server.base_url, timeout)
    size = lines = 0
    try:
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        chunked = response.getheader("Transfer-Encoding", "").lower() == "chunked" and not response.getheader(
            "Content-Length"
        )
        length = response.getheader("Content-Length")
        chunk = response.read1(65536)
        first_byte = time.perf_counter() - started
        last = b""
        while chunk:
            size += len(chunk)
            lines += chunk.count(b"\r\n") + (last == b"\r" and chunk[:1] == b"\n")  # a line end split in two
            last = chunk[-1:]
            chunk = response.read1(65536)
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
        sampler.stopping.set()
        sampler.join()
    peak = max([sampler.peak, *(memory_kib(pid, "VmHWM") for pid in workers)])
    stated = int(length) if length else None
    return Export(response.status, elapsed, first_byte, size, max(lines - 1, 0), chunked, peak, before, stated)


def cold_start(launch: Callable[[], Gunicorn], path: str, seconds: float = 120) -> tuple[float, float]:
    """Seconds from launching gunicorn to the first 200 on ``/healthz``, and then on ``path`` (each polled
    every 50 ms); then stop it."""
    server = launch()
    try:
        return wait_for(server, "/healthz", seconds, interval=0.05), wait_for(server, path, seconds, interval=0.05)
    finally:
        server.stop()
