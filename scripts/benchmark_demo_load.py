"""Time ``load_demo_data(mediator_count=N)`` into a fresh database.

    .venv/bin/python scripts/benchmark_demo_load.py --mediators 100000
    .venv/bin/python scripts/benchmark_demo_load.py --mediators 100000 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:55439/postgres

With no URL a throwaway SQLite file is used. With a PostgreSQL URL a throwaway database is created
on that server (the URL's own database is only used to create and drop it). The schema comes from
the migrations and the LAs from ``setup``'s loader, both outside the timing; the time covers
drafting, inserting and committing.

Measured on 2026-11-27 in the shared development VM: 2 vCPUs with a load average of 6 to 12 from
other people's test suites, so this process got only 13-30% of a CPU and the wall times below are
mostly queueing. The CPU columns are the work actually done; on an idle machine expect roughly
1.5 minutes on SQLite and about 3 minutes on PostgreSQL for 100,000 (SQLite 3 WAL file in /tmp;
PostgreSQL 15 started as in .ci/run, fsync off):

    mediators  database    wall     Python CPU  PostgreSQL server CPU
    60         SQLite        1.9 s     0.6 s    -
    60         PostgreSQL    2.2 s     0.8 s    not measured
    100,000    SQLite      359 s      71 s      -            (an earlier run: 543 s wall, 71 s CPU)
    100,000    PostgreSQL  634 s      85 s      101 s        (an earlier run: 522 s wall, 83 s + 96 s)

100,000 mediators are about 1.7 million rows: 102,752 accreditations, 342,527 accreditation events,
108,427 applications, 10,172 independence declarations and about 1.07 million rows of areas served,
languages, formats, specialisms and providers. Peak memory about 250 MB (the events are held back
until the end so their sequence numbers follow record order).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _time_load(database_url: str, mediators: int) -> tuple[float, float]:
    from flask_migrate import upgrade

    from registry import create_app
    from registry.demo import load_demo_data
    from registry.domain.local_authorities import load_local_authorities
    from registry.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    with app.app_context():
        upgrade()
        load_local_authorities()
        db.session.commit()
        started, cpu_started = time.perf_counter(), time.process_time()
        report = load_demo_data(mediator_count=mediators)
        db.session.commit()
        elapsed = time.perf_counter() - started, time.process_time() - cpu_started
        print(report)
        db.session.remove()
        db.engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mediators", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server URL; default: a temporary SQLite file")
    args = parser.parse_args()
    os.environ.setdefault("DEMO_PASSWORD", "benchmark-only-password")

    if not args.database_url:
        with tempfile.TemporaryDirectory() as directory:
            elapsed = _time_load(f"sqlite:///{directory}/benchmark.sqlite3", args.mediators)
            print(f"SQLite: {args.mediators} mediators in {elapsed[0]:.1f} s ({elapsed[1]:.1f} s of Python CPU)")
        return

    server = make_url(args.database_url)
    name = f"demo_benchmark_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        elapsed = _time_load(server.set(database=name).render_as_string(hide_password=False), args.mediators)
        print(f"PostgreSQL: {args.mediators} mediators in {elapsed[0]:.1f} s ({elapsed[1]:.1f} s of Python CPU)")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
