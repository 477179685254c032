"""Notification outbox and concerns raised by the public (filled in by the website work).

Revision ID: 0007_notifications_concerns
Revises: 0006_training_programmes
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0007_notifications_concerns"
down_revision = "0006_training_programmes"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
