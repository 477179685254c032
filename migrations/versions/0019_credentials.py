"""Signed credentials and their status lists (issue 18): each accreditation's and accredited
programme's position on the register's Bitstring Status Lists, with its two bits (revoked,
suspended). Positions are drawn when a subject first needs one (its next event, or its first
credential), so nothing is filled in here.

Revision ID: 0019_credentials
Revises: 0018_la_services
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_credentials"
down_revision = "0018_la_services"
branch_labels = None
depends_on = None


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


def downgrade():
    op.drop_table("credential_status_entries")
