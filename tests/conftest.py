"""Test set-up: the schema is built once by running the migrations; each test runs inside a
transaction (savepoints for the code's own commits) that is rolled back at the end.

``DATABASE_URL`` selects PostgreSQL (``.ci/run`` sets it for its second leg; under pytest-xdist
each worker makes a database of its own on that server); otherwise a throwaway SQLite file is used.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSQLAlchemySession
from sqlalchemy.orm import scoped_session

from registry import create_app
from registry.extensions import db, limiter
from registry.shared_state import shared_cache
from tests.fixtures.ownership_summary import OwnershipSummary
from tests.fixtures.postgres import own_database, postgres_url, worker_suffix

pytest_plugins = [
    "tests.fixtures.factories",
    "tests.fixtures.clients",
    "tests.fixtures.databases",
    "tests.fixtures.demo",
    "tests.fixtures.clock",
]


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(OwnershipSummary(), "ownership-summary")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that start servers of their own (gunicorn, a PostgreSQL, Redis) do not use the suite's
    database, so they run once, in the SQLite leg, rather than again in the PostgreSQL leg."""
    if postgres_url() is None:
        return
    once = pytest.mark.skip(reason="starts its own servers, whatever DATABASE_URL says: runs in the SQLite leg")
    for item in items:
        if item.get_closest_marker("servers") is not None:
            item.add_marker(once)


def _database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    main = postgres_url()
    if main is None:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    elif not worker_suffix():
        yield main.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    else:
        with own_database(main, f"{main.database}{worker_suffix()}") as url:
            yield url


def config_for_tests(tmp_path: Path, database_url: str) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-only-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_PATH": tmp_path / "uploads",
        "EXPORT_PATH": tmp_path / "exports",
        "SIGNING_KEY_PATH": tmp_path / "signing_key.pem",
        "SIGNING_PUBLIC_KEYS_PATH": tmp_path / "signing_public_keys.json",
        "AUDIT_CHECKPOINT_PATH": tmp_path / "audit_checkpoints.jsonl",
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
    }


class ConnectionBoundSession(FlaskSQLAlchemySession):
    """Flask-SQLAlchemy's Session picks an engine per mapper and ignores ``bind``; in tests every
    session must use the test's one connection so they all share its outer transaction."""

    def get_bind(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return self.bind


class RequestIsolatedClient(FlaskClient):
    """Each request gets its own app context (so its own ``g`` and database session), as in
    production, instead of reusing the test's context; the session still joins the test's
    outer transaction, so everything is rolled back at the end."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Flask]:
    app = create_app(config_for_tests(tmp_path_factory.mktemp("app"), database_url))
    app.test_client_class = RequestIsolatedClient
    with app.app_context():
        upgrade()
        from registry.domain.local_authorities import load_local_authorities

        load_local_authorities()
        from registry.domain.standards import import_standards

        import_standards(app.config["STANDARDS_PATH"])
        db.session.commit()
        db.session.remove()
    yield app


@pytest.fixture(autouse=True)
def db_session(app: Flask) -> Iterator[scoped_session]:
    """Every test in one outer transaction; the code's own commits become savepoint releases."""
    with app.app_context():
        # Every test starts with nothing cached: a rolled-back test leaves the register's version where
        # it found it, so an answer cached by one test would look current to the next.
        shared_cache().clear()
        shutil.rmtree(app.config["EXPORT_PATH"], ignore_errors=True)  # export files are named by that version too
        connection = db.engine.connect()
        transaction = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"bind": connection, "join_transaction_mode": "create_savepoint", "class_": ConnectionBoundSession}
        )
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = original
            if transaction.is_active:
                transaction.rollback()
            connection.close()
            # Limiter is one object shared by every app built in the session: a test that builds
            # an app with limits on switches it on for all, so switch it back after every test.
            limiter.enabled = app.config["RATELIMIT_ENABLED"]


@pytest.fixture(autouse=True)
def audit_checkpoint_file(app: Flask) -> Iterator[Path]:
    """The checkpoint file lives outside the database, so the test's rollback cannot take back what a
    test appended to it: remove it after every test, as the rollback removes the checkpoints' rows."""
    path = Path(app.config["AUDIT_CHECKPOINT_PATH"])
    yield path
    path.unlink(missing_ok=True)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Overrides pytest-flask's, which keeps the last request's context open across the test."""
    return app.test_client()


CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)
