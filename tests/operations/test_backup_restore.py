"""Backups that restore (``flask backup`` and ``flask restore``, ``registry/backups.py``), on the
suite's own engine: a real SQLite file, or real PostgreSQL databases with pg_dump and pg_restore.

A backup taken while another thread goes on writing holds every row committed before it began,
restores into an empty database, and its audit trail verifies; restoring into a database that is
not empty is refused, naming it; and once the live register has taken a newer checkpoint, the
restored copy is said to be older than it.
"""

from __future__ import annotations

import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from registry import create_app, unit_of_work
from registry.backups import describe, row_counts
from registry.domain import audit
from registry.domain.local_authorities import load_local_authorities
from registry.extensions import db
from registry.models import Organisation
from tests.conftest import config_for_tests


class Writer(threading.Thread):
    """Commits an organisation and its audit event, one unit of work at a time, until stopped."""

    def __init__(self, app: Flask) -> None:
        super().__init__(daemon=True)
        self.app = app
        self.commits = 0
        self.stopping = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.app.app_context():
                while not self.stopping.is_set():
                    number = self.commits + 1
                    with unit_of_work.transaction():
                        organisation = Organisation(
                            slug=f"written-{number}", name=f"Written {number}", kind="mediation_provider"
                        )
                        db.session.add(organisation)
                        db.session.flush()
                        audit.record(None, "organisation.added", "organisation", organisation.id)
                    self.commits = number
                db.session.remove()
        except BaseException as error:  # reported by the test, not lost in the thread
            self.error = error

    def wait_for(self, commits: int) -> None:
        deadline = time.monotonic() + 30
        while self.commits < commits and self.error is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.error is None, self.error
        assert self.commits >= commits, "the writer fell behind"


@contextmanager
def writing(app: Flask) -> Iterator[Writer]:
    writer = Writer(app)
    writer.start()
    try:
        yield writer
    finally:
        writer.stopping.set()
        writer.join(timeout=30)
    assert writer.error is None, writer.error


@pytest.fixture(autouse=True)
def db_session() -> Iterator[None]:
    """Replaces the suite's rolled-back transaction: these registers commit for real, each in its own database."""
    yield None


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Callable[[str], Flask]]:
    """``register(url)``: the app of a register on that database, with the same instance files (keys,
    checkpoint file) for every database of the test, as a register restored on a new server keeps them."""
    apps: list[Flask] = []

    def make(url: str) -> Flask:
        apps.append(create_app(config_for_tests(tmp_path, url)))
        return apps[-1]

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def cli(app: Flask, *args: str):  # type: ignore[no-untyped-def]
    """Run a command on ``app``: inside its own app context, or Flask would run it in the one pytest-flask
    pushed for the suite's app."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def test_a_backup_taken_during_writes_restores_every_committed_row_and_verifies(
    new_scratch_database, register, tmp_path
) -> None:
    live_url, empty_url = new_scratch_database(), new_scratch_database()
    live = register(live_url)
    with live.app_context():
        upgrade()
        load_local_authorities()
        db.session.commit()
    backup_file = tmp_path / "register.backup"

    with writing(live) as writer:
        writer.wait_for(5)
        assert cli(live, "audit", "checkpoint").exit_code == 0
        committed = row_counts(live_url)  # every row committed before the backup began
        backed_up = cli(live, "backup", str(backup_file))
        writer.wait_for(writer.commits + 5)  # the writer never stopped
    assert backed_up.exit_code == 0, backed_up.output
    assert f"Backed up {describe(live_url)} to {backup_file}" in backed_up.output
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600  # it holds private data
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".register.backup")] == []

    restored = register(empty_url)
    result = cli(restored, "restore", str(backup_file))
    assert result.exit_code == 0, result.output
    assert "Audit chain intact" in result.output and "agrees with the checkpoint of" in result.output

    counts = row_counts(empty_url)
    assert set(counts) == set(committed)
    assert {table: (counts[table], rows) for table, rows in committed.items() if counts[table] < rows} == {}
    assert committed["organisations"] >= 5 and committed["audit_events"] >= 5
    engine = create_engine(empty_url)
    try:
        with engine.connect() as connection:  # one snapshot: every organisation written has its audit event
            written = connection.execute(text("SELECT count(*) FROM organisations WHERE slug LIKE 'written-%'"))
            recorded = connection.execute(text("SELECT count(*) FROM audit_events WHERE action = 'organisation.added'"))
            assert written.scalar_one() == recorded.scalar_one()
    finally:
        engine.dispose()
    assert cli(restored, "audit", "verify").exit_code == 0

    # The live register goes on and takes a newer checkpoint: the restored copy is now older than it.
    assert cli(live, "audit", "checkpoint").exit_code == 0
    older = cli(restored, "audit", "verify")
    assert older.exit_code != 0
    assert "this database is older than that checkpoint (a restored backup?) or events were deleted" in older.output

    again = cli(restored, "restore", str(backup_file))
    assert again.exit_code != 0
    assert f"Refusing to restore into {describe(empty_url)}: it is not empty" in again.output
    assert "Restore into a new, empty database." in again.output


def test_what_is_not_a_backup_is_refused(new_scratch_database, register, tmp_path) -> None:
    app = register(new_scratch_database())
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    refused = cli(app, "restore", str(not_a_backup))
    assert refused.exit_code != 0 and "is not a backup made by `flask backup`" in refused.output
    other_kind = tmp_path / "other.backup"
    on_sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    other_kind.write_bytes(b"PGDMP" if on_sqlite else b"SQLite format 3\0")
    mismatched = cli(app, "restore", str(other_kind))
    assert mismatched.exit_code != 0 and "backup, but this register's database is" in mismatched.output
    nowhere = cli(app, "backup", str(tmp_path / "no-such-folder" / "register.backup"))
    assert nowhere.exit_code != 0 and "There is no folder" in nowhere.output
