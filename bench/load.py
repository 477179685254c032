"""Closed-loop load with wrk: CONNECTIONS clients, each sending its next request as soon as the last
is answered, for a fixed time; throughput and latency percentiles from ``bench/wrk/requests.lua``."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "wrk" / "requests.lua"
CONNECTIONS = 16
THREADS = 2
MARKER = "BENCH-RESULT "


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int  # connection errors, timeouts and answers of 400 or more

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (make bench does this when run as root)")
    return found


def parse(output: str) -> LoadResult:
    """The result line the Lua script printed."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            errors = sum(data[key] for key in ("connect_errors", "read_errors", "write_errors", "status_errors"))
            return LoadResult(
                requests=data["requests"],
                seconds=data["duration_us"] / 1e6,
                p50_ms=data["p50_us"] / 1000,
                p95_ms=data["p95_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                errors=errors + data["timeouts"],
            )
    raise RuntimeError(f"wrk printed no result:\n{output[-2000:]}")


def run_wrk(base_url: str, requests_file: Path, seconds: float, start: int = 0,
            headers: dict[str, str] | None = None) -> LoadResult:  # fmt: skip
    """Send the requests listed in ``requests_file`` from line ``start`` on, for ``seconds`` (bounded: wrk
    stops itself)."""
    command = [wrk_path(), f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(SCRIPT), base_url, "--", str(requests_file), str(THREADS), str(start)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr[-2000:]}")
    return parse(finished.stdout)
