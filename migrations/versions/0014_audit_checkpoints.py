"""Signed checkpoints of the audit trail's head (issue 15): how many events it held and the last
one's hash, when, signed by which key. Published in the change feed at ``sequence``; the same
checkpoints are also appended to a file outside the database, so a database restored from an older
backup, or one whose newest events were deleted, is caught by ``flask audit verify``.

Revision ID: 0014_audit_checkpoints
Revises: 0013_account_emails
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_audit_checkpoints"
down_revision = "0013_account_emails"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("events", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kid", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("supersedes", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
        sa.UniqueConstraint("sequence", name=op.f("uq_audit_checkpoints_sequence")),
    )


def downgrade():
    op.drop_table("audit_checkpoints")
