"""The processes a benchmark run starts: a throwaway PostgreSQL cluster, Redis, and gunicorn servers.

Everything binds 127.0.0.1 on a free port, runs as a child process (PostgreSQL as the ``postgres``
user when we are root) and is stopped by its own pid, never by name. The same ideas as
``tests/fixtures/servers.py``, with what a benchmark also needs: a cluster whose data directory is
a copy of a cached one, and the pids of gunicorn's workers (for their memory).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(check: Callable[[], bool], seconds: float, what: str, alive: Callable[[], bool] = lambda: True,
               interval: float = 0.1) -> None:  # fmt: skip
    """Poll ``check`` until it is true; give up after ``seconds``, or at once when ``alive`` turns false."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and alive():
        try:
            if check():
                return
        except Exception:  # not up yet
            pass
        time.sleep(interval)
    raise TimeoutError(f"{what} did not come up within {seconds} s")


def http_status(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def as_postgres(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user when we are root."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]


def give_to_postgres(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "postgres:postgres", str(path)], check=True)


@dataclass
class PostgresCluster:
    """A cluster in ``directory/data`` (fsync off: a throwaway), listening on 127.0.0.1 only."""

    directory: Path
    port: int = field(default_factory=free_port)

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def url(self, database: str = "register") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "register") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def init(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        give_to_postgres(self.directory)
        as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8"])

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} -c fsync=off"
        as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.directory / "log"), "-o", options,
                     "-w", "-t", "120", "start"])  # fmt: skip

    def pid(self) -> int | None:
        pid_file = self.data / "postmaster.pid"
        return int(pid_file.read_text().splitlines()[0]) if pid_file.exists() else None

    def stop(self) -> None:
        """Stop by the pid in postmaster.pid (fast shutdown: open connections are cut), and wait for it."""
        pid = self.pid()
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGINT)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 60
        while (self.data / "postmaster.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)

    def sql(self, statement: str, database: str = "register") -> str:
        psql = [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database]
        return as_postgres([*psql, "-XAtq", "-c", statement]).stdout.strip()


@dataclass
class Redis:
    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        stop_process(self.process, 10)


def _answers(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
        return True


def start_redis() -> Redis:
    """A Redis on a free port that keeps nothing on disk."""
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: _answers(port), 10, "Redis", lambda: process.poll() is None)
    except TimeoutError:
        stop_process(process, 5)
        raise
    return Redis(f"redis://127.0.0.1:{port}/0", process)


def stop_process(process: subprocess.Popen[bytes], seconds: float) -> None:
    """SIGTERM the process by its pid; SIGKILL it if it has not gone after ``seconds``."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def children(pid: int) -> list[int]:
    """The pids of a process's children (gunicorn's workers, for the master's pid)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def memory_kib(pid: int, field_name: str) -> int:
    """A ``/proc/<pid>/status`` memory field in KiB (``VmRSS`` now, ``VmHWM`` its peak); 0 when gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak_rss(pid: int) -> bool:
    """Reset the process's ``VmHWM`` to its current RSS (Linux ``clear_refs`` 5); whether it worked."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@dataclass
class Gunicorn:
    """A gunicorn master started by us; ``log`` holds what it and its workers printed."""

    name: str
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path
    started: float  # time.monotonic() when launched

    @property
    def workers(self) -> list[int]:
        return children(self.process.pid)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        stop_process(self.process, 40)

    def log_tail(self, characters: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-characters:]
        except OSError:
            return ""


def launch_gunicorn(name: str, config: str, environment: dict[str, str], log: Path) -> Gunicorn:
    """Start ``gunicorn -c config`` on a free port (``BIND``) and return at once; nothing is waited for."""
    port = free_port()
    environment = {**environment, "BIND": f"127.0.0.1:{port}"}
    with log.open("wb") as out:
        started = time.monotonic()
        process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", config],
            env=environment,
            cwd=PROJECT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Gunicorn(name, f"http://127.0.0.1:{port}", process, log, started)


def wait_for(server: Gunicorn, path: str, seconds: float = 120, interval: float = 0.1) -> float:
    """Wait until ``path`` answers 200; the seconds from launch to that answer."""
    try:
        wait_until(lambda: http_status(server.base_url + path) == 200, seconds, server.name, server.alive, interval)
    except TimeoutError:
        raise RuntimeError(f"{server.name} did not answer 200 on {path}:\n{server.log_tail()}") from None
    return time.monotonic() - server.started
