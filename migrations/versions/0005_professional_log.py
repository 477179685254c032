"""Mediators' professional log entries, evidence files and renewal requests (filled in by the mediator workspace work).

Revision ID: 0005_professional_log
Revises: 0004_api_keys_checks_watchlist
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0005_professional_log"
down_revision = "0004_api_keys_checks_watchlist"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
