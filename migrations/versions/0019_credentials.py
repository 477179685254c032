"""Signed credentials and their status lists (issue 18): each accreditation's and accredited
programme's position on the register's Bitstring Status Lists, with its two bits (revoked,
suspended).

Every accreditation and programme already past its application gets its position here, at random
among the unused ones, with its bits set from its status (the rule of
``registry.domain.credentials.status`` as it stands, copied so this migration keeps doing what it did):
from now on the lifecycle's events keep them in step, and fetching a credential (a GET) never has to
write one.

Revision ID: 0019_credentials
Revises: 0018_la_services
"""

import random
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0019_credentials"
down_revision = "0018_la_services"
branch_labels = None
depends_on = None

LIST_SIZE = 131_072
REVOKING = ("withdrawn", "resigned")
SUSPENDING = ("suspended", "lapsed")


def upgrade():
    op.create_table(
        "credential_status_entries",
        sa.Column("status_index", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("accreditation_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("suspended", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(accreditation_id IS NULL) <> (programme_id IS NULL)",
            name=op.f("ck_credential_status_entries_one_subject"),
        ),
        sa.CheckConstraint("status_index >= 0", name=op.f("ck_credential_status_entries_status_index_not_negative")),
        sa.ForeignKeyConstraint(
            ["accreditation_id"],
            ["accreditations.id"],
            name=op.f("fk_credential_status_entries_accreditation_id_accreditations"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["training_programmes.id"],
            name=op.f("fk_credential_status_entries_programme_id_training_programmes"),
        ),
        sa.PrimaryKeyConstraint("status_index", name=op.f("pk_credential_status_entries")),
        sa.UniqueConstraint("accreditation_id", name=op.f("uq_credential_status_entries_accreditation_id")),
        sa.UniqueConstraint("programme_id", name=op.f("uq_credential_status_entries_programme_id")),
    )
    with op.batch_alter_table("credential_status_entries") as batch_op:
        batch_op.create_index("ix_credential_status_entries_changed_at", ["changed_at"])
        batch_op.create_index("ix_credential_status_entries_revoked", ["revoked"])
        batch_op.create_index("ix_credential_status_entries_suspended", ["suspended"])
    _draw_positions()


def _draw_positions():
    connection = op.get_bind()
    subjects = [
        ("accreditation_id", subject_id, status)
        for subject_id, status in connection.execute(
            sa.text("SELECT id, status FROM accreditations WHERE status NOT IN ('applied', 'refused') ORDER BY id")
        )
    ] + [
        ("programme_id", subject_id, status)
        for subject_id, status in connection.execute(
            sa.text(
                "SELECT id, status FROM training_programmes WHERE status NOT IN ('submitted', 'refused') ORDER BY id"
            )
        )
    ]
    if not subjects:
        return
    capacity = LIST_SIZE * (1 + len(subjects) // (LIST_SIZE // 2))
    positions = random.SystemRandom().sample(range(capacity), len(subjects))
    now = datetime.now(UTC)
    table = sa.table(
        "credential_status_entries",
        sa.column("status_index", sa.Integer),
        sa.column("accreditation_id", sa.Integer),
        sa.column("programme_id", sa.Integer),
        sa.column("revoked", sa.Boolean),
        sa.column("suspended", sa.Boolean),
        sa.column("changed_at", sa.DateTime(timezone=True)),
    )
    rows = [
        {
            "status_index": position,
            "accreditation_id": subject_id if column == "accreditation_id" else None,
            "programme_id": subject_id if column == "programme_id" else None,
            "revoked": status in REVOKING,
            "suspended": status in SUSPENDING,
            "changed_at": now,
        }
        for position, (column, subject_id, status) in zip(positions, subjects, strict=True)
    ]
    op.bulk_insert(table, rows)


def downgrade():
    op.drop_table("credential_status_entries")
