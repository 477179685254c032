"""An audit event's subject id holds up to 64 characters (was 40): a signing key's ``kid`` (the RFC
7638 thumbprint, 43 characters) is the subject of ``signing_key.rotated``, which PostgreSQL refused
(SQLite does not enforce lengths). Widening changes no stored value, so the hash chain is unchanged.

Revision ID: 0024_audit_subject_length
Revises: 0023_provider_notifications
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_audit_subject_length"
down_revision = "0023_provider_notifications"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.alter_column("subject_id", existing_type=sa.String(length=40), type_=sa.String(length=64))


def downgrade():
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.alter_column("subject_id", existing_type=sa.String(length=64), type_=sa.String(length=40))
