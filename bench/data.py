"""The benchmark's databases: built once per scale, engine and migration head, cached under /tmp.

A build runs what an operator would: ``flask setup`` (migrations, standards, local authorities),
``flask demo-data --mediators N``, then a year of log entries for every mediator who keeps a log
(``bench/logs.py``). On PostgreSQL the build runs in a throwaway cluster that is then stopped
cleanly and ``VACUUM ANALYZE``d first (what autovacuum would get round to); SQLite gets no
``ANALYZE``, because nothing in the register runs one. The SQLite file is checkpointed so that it
stands alone.

Each run works on a copy (the SQLite file; the cluster's data directory), so what a run writes
(bulk checks, API keys) never reaches the cache.

    python -m bench.data logs DATABASE_URL COUNTS_FILE   # the log step on its own (used by the build)
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.services import PROJECT, VENV_BIN, PostgresCluster, give_to_postgres

CACHE = Path(os.environ.get("BENCH_CACHE", "/tmp/smr-bench"))
DATA_VERSION = 1  # bump when what a build writes changes (bench/logs.py, the steps below)
ENGINES = ("sqlite", "postgresql")
SQLITE_FILE = "register.sqlite3"
BUILD_TIMEOUT = 3600


def migrations_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(PROJECT / "migrations")).get_current_head()
    return head or "none"


@dataclass(frozen=True)
class DataSpec:
    engine: str
    mediators: int
    head: str

    @property
    def key(self) -> str:
        return f"{self.engine}-{self.mediators}-{self.head}-v{DATA_VERSION}"

    @property
    def directory(self) -> Path:
        return CACHE / "data" / self.key

    @property
    def meta_file(self) -> Path:
        return self.directory / "meta.json"

    def cached(self) -> bool:
        return self.meta_file.exists()

    def meta(self) -> dict[str, object]:
        return dict(json.loads(self.meta_file.read_text()))


def build_environment(database_url: str) -> dict[str, str]:
    """Settings for the build's flask commands: a database, a key, and demo secrets kept out of instance/."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PUBLIC_BASE_URL": "https://bench.invalid",
        "DEMO_PASSWORD": "benchmark-only-" + secrets.token_urlsafe(12),
        "DEMO_TOTP_SECRET": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        "FLASK_APP": "registry",
    }
    environment.pop("REDIS_URL", None)
    return environment


def _run(command: list[str], environment: dict[str, str], log: Path) -> float:
    started = time.monotonic()
    with log.open("a") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        finished = subprocess.run(command, env=environment, cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT,
                                  timeout=BUILD_TIMEOUT)  # fmt: skip
    if finished.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed; see {log}:\n{log.read_text()[-3000:]}")
    return round(time.monotonic() - started, 1)


def _load(database_url: str, mediators: int, log: Path) -> dict[str, object]:
    counts = log.with_name("counts.json")
    environment = build_environment(database_url)
    flask = [str(VENV_BIN / "flask"), "--app", "registry"]
    seconds = {
        "setup": _run([*flask, "setup"], environment, log),
        "demo_data": _run([*flask, "demo-data", "--mediators", str(mediators)], environment, log),
        "logs": _run([sys.executable, "-m", "bench.data", "logs", database_url, str(counts)], environment, log),
    }
    return {"seconds": seconds, "rows": json.loads(counts.read_text())}


def _build_sqlite(spec: DataSpec, building: Path, log: Path) -> dict[str, object]:
    url = f"sqlite:///{building / SQLITE_FILE}"
    result = _load(url, spec.mediators, log)
    import sqlite3

    with sqlite3.connect(building / SQLITE_FILE) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return result


def _build_postgresql(spec: DataSpec, building: Path, log: Path) -> dict[str, object]:
    cluster = PostgresCluster(building / "cluster")
    cluster.init()
    cluster.start()
    try:
        cluster.sql("CREATE DATABASE register", "postgres")
        result = _load(cluster.url(), spec.mediators, log)
        started = time.monotonic()
        cluster.sql("VACUUM ANALYZE")
        result["seconds"]["vacuum_analyze"] = round(time.monotonic() - started, 1)  # type: ignore[index]
    finally:
        cluster.stop()
    return result


def build(spec: DataSpec) -> dict[str, object]:
    """Build the cached database for ``spec`` (replacing a half-built one); its meta data."""
    building = spec.directory.with_name(spec.directory.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    log = building / "build.log"
    started = time.monotonic()
    try:
        builder = _build_sqlite if spec.engine == "sqlite" else _build_postgresql
        meta = builder(spec, building, log)
    except BaseException:
        if spec.engine == "postgresql":
            PostgresCluster(building / "cluster").stop()
        raise
    meta |= {
        "engine": spec.engine,
        "mediators": spec.mediators,
        "migration_head": spec.head,
        "data_version": DATA_VERSION,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.monotonic() - started, 1),
    }
    (building / "meta.json").write_text(json.dumps(meta, indent=2))
    shutil.rmtree(spec.directory, ignore_errors=True)
    building.rename(spec.directory)
    return meta


def ensure(spec: DataSpec, rebuild: bool = False) -> dict[str, object]:
    if rebuild or not spec.cached():
        return build(spec)
    return spec.meta()


def sqlite_copy(spec: DataSpec, run_directory: Path) -> Path:
    target = run_directory / f"register-{spec.mediators}.sqlite3"
    shutil.copyfile(spec.directory / SQLITE_FILE, target)
    return target


def postgresql_copy(spec: DataSpec, run_directory: Path) -> PostgresCluster:
    """A cluster on a copy of the cached data directory (not started)."""
    cluster = PostgresCluster(run_directory / "postgresql")
    cluster.directory.mkdir(parents=True)
    subprocess.run(["cp", "-a", str(spec.directory / "cluster" / "data"), str(cluster.data)], check=True)
    give_to_postgres(cluster.directory)
    return cluster


def _write_logs(database_url: str, counts_file: Path) -> None:
    """``python -m bench.data logs URL FILE``: the log step; writes the tables' row counts to FILE as JSON."""
    from sqlalchemy import func, select

    from bench.logs import write_year_of_logs
    from registry import create_app
    from registry.demo import DEFAULT_SEED
    from registry.extensions import db
    from registry.models import Accreditation, AccreditationEvent, LogEntry, Mediator
    from registry.models.base import utcnow

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        written = write_year_of_logs(DEFAULT_SEED, utcnow().date())
        db.session.commit()
        counts = {
            model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Mediator, Accreditation, AccreditationEvent, LogEntry)
        }
        print(f"{written} log entries written: {counts}")
        counts_file.write_text(json.dumps(counts))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "logs":
        _write_logs(sys.argv[2], Path(sys.argv[3]))
    else:
        raise SystemExit(__doc__)
