"""Migration invariants: one head, readable names, reversible, and no drift from the models."""

from __future__ import annotations

import re
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from registry import create_app
from registry.config import PROJECT_ROOT
from registry.database import MIGRATION_OPTIONS
from registry.extensions import db

VERSIONS = PROJECT_ROOT / "migrations" / "versions"


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(PROJECT_ROOT / "migrations"))


def test_there_is_a_single_head() -> None:
    assert len(_scripts().get_heads()) == 1


def test_revisions_are_numbered_and_named_after_their_files() -> None:
    revisions = list(_scripts().walk_revisions())
    assert revisions, "no migrations found"
    for revision in revisions:
        assert re.fullmatch(r"\d{4}_[a-z0-9_]+", revision.revision), revision.revision
        assert Path(revision.path).stem == revision.revision
    numbers = sorted(int(r.revision[:4]) for r in revisions)
    assert numbers == list(range(1, len(numbers) + 1)), "revision numbers must run 0001, 0002, … without gaps"
    assert {p.stem for p in VERSIONS.glob("*.py")} == {r.revision for r in revisions}


def _scratch_app(url: str, tmp_path: Path) -> Flask:
    return create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url, "UPLOAD_PATH": tmp_path})


def test_upgrade_downgrade_upgrade_and_no_drift(scratch_database_url: str, tmp_path: Path) -> None:
    app = _scratch_app(scratch_database_url, tmp_path)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"mediators", "accreditations", "accreditation_events", "audit_events"} <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_item": MIGRATION_OPTIONS["render_item"]}
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == [], f"models and migrations differ: {differences}"
        db.engine.dispose()


def test_an_upgrade_keeps_a_register_that_already_holds_data(scratch_database_url: str, tmp_path: Path) -> None:
    """A migration that rebuilds a table others refer to (SQLite's batch mode copies it, drops the old
    one and renames the copy) must work on a register in use, with rows pointing at that table."""
    app = _scratch_app(scratch_database_url, tmp_path)
    with app.app_context():
        upgrade(revision="0017_remote_mediators")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO local_authorities (id, gss_code, dfe_code, name, region_code, region_name) "
                    "VALUES (1, 'E08000039', '373', 'Sheffield', 'E12000003', 'Yorkshire and The Humber')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO mediators (id, registration_number, given_name, family_name, display_name, bio, "
                    "takes_cases_anywhere, created_at, updated_at) VALUES (1, 'SM-000001-X', 'Ada', 'Lovelace', "
                    "'Ada Lovelace', '', false, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
            connection.execute(text("INSERT INTO mediator_areas (mediator_id, local_authority_id) VALUES (1, 1)"))
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT slug FROM local_authorities")).scalar_one() == "sheffield"
            assert connection.execute(text("SELECT count(*) FROM mediator_areas")).scalar_one() == 1
        db.engine.dispose()
