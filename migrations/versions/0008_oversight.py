"""Oversight reviews, findings, actions, CPD audit samples and outcome returns (filled in by the oversight work).

Revision ID: 0008_oversight
Revises: 0007_notifications_concerns
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0008_oversight"
down_revision = "0007_notifications_concerns"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
