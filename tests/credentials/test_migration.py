"""Migration 0019_credentials on a register already in use: every accreditation past its application
gets a position at once, with its bits from its status; applications get none."""

from __future__ import annotations

from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import text

from registry import create_app
from registry.extensions import db
from tests.conftest import config_for_tests

STATUSES = {1: "accredited", 2: "suspended", 3: "withdrawn", 4: "lapsed", 5: "applied", 6: "refused"}


def test_the_upgrade_gives_every_accreditation_already_made_its_position(
    scratch_database_url: str, tmp_path: Path
) -> None:
    app = create_app(config_for_tests(tmp_path, scratch_database_url) | {"TESTING": False})
    with app.app_context():
        upgrade(revision="0018_la_services")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO organisations (id, slug, name, kind, created_at) "
                    "VALUES (1, 'body', 'Body', 'accrediting_body', '2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO mediators (id, registration_number, given_name, family_name, display_name, bio, "
                    "takes_cases_anywhere, created_at, updated_at) VALUES (1, 'SM-000001-X', 'Ada', 'Lovelace', "
                    "'Ada Lovelace', '', false, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
            for accreditation_id, status in STATUSES.items():
                connection.execute(
                    text(
                        "INSERT INTO accreditations (id, mediator_id, body_id, standards_version, status, "
                        "created_at, version) VALUES (:id, 1, 1, '1.0', :status, '2026-01-01 00:00:00', 1)"
                    ),
                    {"id": accreditation_id, "status": status},
                )
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT accreditation_id, status_index, revoked, suspended FROM credential_status_entries")
            ).all()
        db.engine.dispose()
    bits = {row[0]: (bool(row[2]), bool(row[3])) for row in rows}
    assert bits == {1: (False, False), 2: (False, True), 3: (True, False), 4: (False, True)}
    assert len({row[1] for row in rows}) == 4 and all(0 <= row[1] < 131_072 for row in rows)
