"""The register's published changes (issue 16): every change to a mediator's public entry, a
mediator leaving the register, programme decisions and organisation changes, with the public
fields after the change, numbered in the change feed's one sequence; and the day a mediator left the
public register (``mediators.left_register_on``).

Revision ID: 0015_register_changes
Revises: 0014_audit_checkpoints
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_register_changes"
down_revision = "0014_audit_checkpoints"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "register_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('mediator_entry', 'mediator_left', 'programme', 'organisation')",
            name=op.f("ck_register_changes_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_changes")),
        sa.UniqueConstraint("sequence", name=op.f("uq_register_changes_sequence")),
    )
    op.create_index("ix_register_changes_subject_sequence", "register_changes", ["subject", "sequence"])
    with op.batch_alter_table("mediators") as batch:
        batch.add_column(sa.Column("left_register_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("mediators") as batch:
        batch.drop_column("left_register_on")
    op.drop_index("ix_register_changes_subject_sequence", table_name="register_changes")
    op.drop_table("register_changes")
