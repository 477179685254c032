"""Facts about the machine and the software a run measured, for the results file."""

from __future__ import annotations

import os
import platform
import re
import runpy
import sqlite3
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from unittest import mock

from bench.services import PG_BIN, PROJECT, REDIS_SERVER


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _first_line(command: list[str]) -> str:
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return (finished.stdout or finished.stderr).strip().splitlines()[0] if (finished.stdout or finished.stderr) else ""


def cpu() -> str:
    model = ""
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        model = found.group(1) if found else platform.processor()
    except OSError:
        model = platform.processor()
    try:
        memory_kib = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        memory = f", {memory_kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, IndexError):
        memory = ""
    return f"{os.cpu_count()} cores ({model}){memory}"


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _version_in(text: str, pattern: str = r"(\d+\.\d+(?:\.\d+)?)") -> str:
    found = re.search(pattern, text)
    return found.group(1) if found else text


def versions() -> dict[str, str]:
    return {
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": _version_in(_first_line([str(PG_BIN / "postgres"), "--version"])),
        "Redis": _version_in(_first_line([REDIS_SERVER, "--version"]), r"v=(\S+)"),
        "wrk": _version_in(_first_line(["wrk", "--version"]), r"wrk (\S+)"),
        "gunicorn": _package("gunicorn"),
        "Flask": _package("flask"),
        "SQLAlchemy": _package("sqlalchemy"),
        "psycopg": _package("psycopg"),
        "Linux": platform.release(),
    }


def code_version() -> str:
    """The commit measured, and whether the work tree had changes outside bench/ (they are measured too)."""
    commit = _first_line(["git", "-C", str(PROJECT), "log", "-1", "--format=%h %s"])
    changed = subprocess.run(["git", "-C", str(PROJECT), "status", "--porcelain", "--", ".", ":!bench"],
                             capture_output=True, text=True).stdout.strip()  # fmt: skip
    return commit + (" (with uncommitted changes)" if changed else "")


def gunicorn_settings(environment: dict[str, str]) -> str:
    """Workers, worker class and threads that ``gunicorn.conf.py`` gives under ``environment``."""
    with mock.patch.dict(os.environ, environment, clear=True):
        settings = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    return (
        f"{settings.get('workers')} workers × {settings.get('threads')} threads ({settings.get('worker_class')}), "
        f"keep-alive {settings.get('keepalive')} s, preload {settings.get('preload_app')}"
    )
