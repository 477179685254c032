"""One unit of work per request (``registry/unit_of_work.py``): the boundary commits a success, rolls
back a refusal, an error or a 4xx, and a failed commit never sends the success page.

These tests commit for real, so they use an app of their own on a scratch database (SQLite file or
PostgreSQL) instead of the suite's rolled-back transaction, and look at the result through a
connection of their own. The last one runs the same requests the way the rest of the suite does
(inside an outer transaction, ``join_transaction_mode="create_savepoint"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, abort, request
from sqlalchemy import create_engine, text

from registry import create_app, unit_of_work
from registry.auth.access import public
from registry.domain.errors import Refused
from registry.extensions import db
from tests.conftest import ConnectionBoundSession, RequestIsolatedClient, config_for_tests

SECRET = "shown-once-secret"
REGISTRY = Path(__file__).resolve().parents[2] / "registry"


@pytest.fixture(autouse=True)
def db_session() -> Iterator[None]:
    """Replaces the suite's rolled-back transaction: these requests commit for real."""
    yield None


def _write(name: str) -> None:
    db.session.execute(text("INSERT INTO uow_note (name) VALUES (:name)"), {"name": name})


def _add_routes(app: Flask, cleaned: list[str]) -> None:
    @app.post("/uow/write")
    @public
    def write() -> str:
        _write(request.form["name"])
        unit_of_work.after_commit(lambda: cleaned.append("after commit"))
        unit_of_work.after_rollback(lambda: cleaned.append("after rollback"))
        return f"Saved. {SECRET}"

    @app.post("/uow/refused")
    @public
    def refused() -> str:
        _write("before the attempt")
        try:
            with unit_of_work.attempt():
                _write("refused")
                raise Refused("name", "That name is already taken")
        except Refused as refusal:
            return f"<p class='govuk-error-message'>{refusal}</p>"
        return "not refused"

    @app.post("/uow/broken")
    @public
    def broken() -> str:
        _write("broken")
        raise RuntimeError("the view failed after writing")

    @app.post("/uow/forbidden")
    @public
    def forbidden() -> str:
        _write("forbidden")
        abort(403)

    @app.post("/uow/unprocessable")
    @public
    def unprocessable() -> tuple[str, int]:
        _write("unprocessable")
        return "Not valid", 422

    @app.post("/uow/commit-fails")
    @public
    def commit_fails() -> str:
        # Checked at COMMIT, not at the flush: the boundary's commit is what fails.
        db.session.execute(text("INSERT INTO uow_child (parent_id) VALUES (999)"))
        unit_of_work.after_commit(lambda: cleaned.append("after commit"))
        unit_of_work.after_rollback(lambda: cleaned.append("after rollback"))
        return f"Your key: {SECRET}"


@pytest.fixture
def scratch_app(scratch_database_url: str, tmp_path: Path) -> Iterator[tuple[Flask, list[str]]]:
    config = config_for_tests(tmp_path, scratch_database_url) | {"WTF_CSRF_ENABLED": False}
    app = create_app(config)
    app.test_client_class = RequestIsolatedClient
    cleaned: list[str] = []
    _add_routes(app, cleaned)
    with app.app_context():
        for statement in (
            "CREATE TABLE uow_note (name VARCHAR(40) PRIMARY KEY)",
            "CREATE TABLE uow_parent (id INTEGER PRIMARY KEY)",
            "CREATE TABLE uow_child (parent_id INTEGER REFERENCES uow_parent (id) DEFERRABLE INITIALLY DEFERRED)",
        ):
            db.session.execute(text(statement))
        db.session.commit()
        db.session.remove()
    yield app, cleaned
    with app.app_context():
        db.engine.dispose()


def _committed(url: str, table: str = "uow_note") -> list[str]:
    """What another connection sees: only what was committed."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [str(row[0]) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
    finally:
        engine.dispose()


def test_a_successful_post_is_committed(scratch_app, scratch_database_url: str) -> None:
    app, cleaned = scratch_app
    response = app.test_client().post("/uow/write", data={"name": "kept"})
    assert response.status_code == 200
    assert _committed(scratch_database_url) == ["kept"]
    assert cleaned == ["after commit"]


def test_a_refused_operation_leaves_nothing_behind_and_the_page_says_why(scratch_app, scratch_database_url) -> None:
    app, _ = scratch_app
    response = app.test_client().post("/uow/refused")
    assert response.status_code == 200
    assert "That name is already taken" in response.text
    # Only the refused call's writes are undone; the rest of the request is kept.
    assert _committed(scratch_database_url) == ["before the attempt"]


def test_an_exception_in_a_view_rolls_everything_back(scratch_app, scratch_database_url: str) -> None:
    app, _ = scratch_app
    with pytest.raises(RuntimeError):
        app.test_client().post("/uow/broken")  # propagated, as in the suite: teardown rolls back
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().post("/uow/broken")
    assert response.status_code == 500
    assert _committed(scratch_database_url) == []


@pytest.mark.parametrize("path, status", [("/uow/forbidden", 403), ("/uow/unprocessable", 422)])
def test_a_4xx_response_is_not_committed(scratch_app, scratch_database_url: str, path: str, status: int) -> None:
    app, _ = scratch_app
    assert app.test_client().post(path).status_code == status
    assert _committed(scratch_database_url) == []


def test_a_failed_commit_is_the_error_page_not_the_success_page(scratch_app, scratch_database_url) -> None:
    app, cleaned = scratch_app
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().post("/uow/commit-fails")
    assert response.status_code == 500
    assert SECRET not in response.text
    assert _committed(scratch_database_url, "uow_child") == []
    assert cleaned == ["after rollback"]


def test_a_command_commits_at_the_end_or_not_at_all(scratch_app, scratch_database_url: str) -> None:
    import click

    app, _ = scratch_app

    @click.command("uow-write")
    @click.argument("name")
    @click.option("--fail", is_flag=True)
    @unit_of_work.transaction()
    def write_command(name: str, fail: bool) -> None:
        _write(name)
        if fail:
            raise click.ClickException("refused")

    app.cli.add_command(write_command)
    runner = app.test_cli_runner()
    for args, exit_code in ((["uow-write", "kept"], 0), (["uow-write", "lost", "--fail"], 1)):
        with app.app_context():  # as ``flask`` itself runs a command
            assert runner.invoke(args=args).exit_code == exit_code
    assert _committed(scratch_database_url) == ["kept"]


def test_the_boundary_works_inside_the_suites_outer_transaction(scratch_app, scratch_database_url) -> None:
    """As every other test runs: the boundary's commit releases a savepoint, ``attempt`` nests one
    inside it, and the outer rollback at the end removes everything."""
    app, _ = scratch_app
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"bind": connection, "join_transaction_mode": "create_savepoint", "class_": ConnectionBoundSession}
        )
        try:
            client = app.test_client()
            assert client.post("/uow/write", data={"name": "kept"}).status_code == 200
            assert "already taken" in client.post("/uow/refused").text
            assert client.post("/uow/forbidden").status_code == 403
            seen = connection.execute(text("SELECT name FROM uow_note ORDER BY name")).scalars().all()
            assert seen == ["before the attempt", "kept"]
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()
    assert _committed(scratch_database_url) == []


BOUNDARY_CALL = re.compile(r"\b(session|unit_of_work)\s*\.\s*(commit|rollback)\s*\(")


def test_no_view_or_api_resource_commits_or_rolls_back() -> None:
    """Pages and API resources leave the transaction to the boundary (``registry/unit_of_work.py``)."""
    offenders = [
        f"{path.relative_to(REGISTRY.parent)}:{number}: {line.strip()}"
        for folder in ("web", "api")
        for path in sorted((REGISTRY / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if BOUNDARY_CALL.search(line)
    ]
    assert offenders == []
