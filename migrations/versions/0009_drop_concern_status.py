"""Drop concerns.status: it never moved from 'received'. Where a concern has got to is its
concern_handlings row (triage, investigation, outcome), added by 0008_oversight.

Revision ID: 0009_drop_concern_status
Revises: 0008_oversight
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_drop_concern_status"
down_revision = "0008_oversight"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_concerns_status"), type_="check")
        batch_op.drop_column("status")


def downgrade():
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=20), nullable=False, server_default="received"))
        batch_op.create_check_constraint(batch_op.f("ck_concerns_status"), "status IN ('received')")
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.alter_column("status", server_default=None)
