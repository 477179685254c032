"""Index the audit trail by subject type and sequence, for the admin's filtered view of it.

Revision ID: 0010_audit_trail_index
Revises: 0009_drop_concern_status
"""

from alembic import op

revision = "0010_audit_trail_index"
down_revision = "0009_drop_concern_status"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_subject_type_sequence", ["subject_type", "sequence"], unique=False)


def downgrade():
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_subject_type_sequence")
