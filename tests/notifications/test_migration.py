"""Migration 0020_notifications on a register in use: the oversight notices that went to a person move
into the one inbox (kind, subject, text and whether they were sent kept), a notice to a concern's
email address stays where it is, and the oversight panel's notices table keeps nothing it moved."""

from __future__ import annotations

from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import text

from registry.extensions import db
from tests.foundation.test_migrations import _scratch_app

AT = "'2026-01-01 00:00:00'"


def test_oversight_notices_to_people_move_into_the_inbox(scratch_database_url: str, tmp_path: Path) -> None:
    app = _scratch_app(scratch_database_url, tmp_path)
    with app.app_context():
        upgrade(revision="0019_credentials")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, email, name, password_hash, active, created_at) "
                    f"VALUES (1, 'mediator@example.test', 'A Mediator', 'x', true, {AT})"
                )
            )
            for values in (
                f"'audit_requested', 1, NULL, 'You have been selected for a CPD audit', 'Your log, 2025', {AT}, {AT}",
                f"'concern_update', NULL, 'parent@example.test', 'Your concern', 'It is being looked at', {AT}, NULL",
            ):
                connection.execute(
                    text(
                        "INSERT INTO oversight_notices (kind, recipient_id, email, subject, body, created_at, sent_at, "
                        f"attempts) VALUES ({values}, 1)"
                    )
                )
        upgrade()
        with db.engine.connect() as connection:
            moved = connection.execute(
                text("SELECT kind, recipient_id, subject, detail, link, read_at, sent_at FROM notifications")
            ).one()
            left = connection.execute(text("SELECT kind, email FROM oversight_notices")).all()
        assert moved[:5] == (
            "cpd_audit",
            1,
            "You have been selected for a CPD audit",
            "Your log, 2025",
            "/workspace/mediator/log",
        )
        assert moved.read_at is None and moved.sent_at is not None, "unread in the inbox, and not emailed again"
        assert [tuple(row) for row in left] == [("concern_update", "parent@example.test")]
        db.engine.dispose()
