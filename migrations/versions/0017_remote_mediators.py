"""Remote mediators (issue 17): a mediator says whether they take cases from anywhere in England.
Those who do, and work by video or phone, are listed for every local authority after the local
mediators. Existing mediators have not said so: false until they do.

Revision ID: 0017_remote_mediators
Revises: 0016_webhooks
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_remote_mediators"
down_revision = "0016_webhooks"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("mediators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("takes_cases_anywhere", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_mediators_takes_cases_anywhere"), ["takes_cases_anywhere"], unique=False)


def downgrade():
    with op.batch_alter_table("mediators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mediators_takes_cases_anywhere"))
        batch_op.drop_column("takes_cases_anywhere")
