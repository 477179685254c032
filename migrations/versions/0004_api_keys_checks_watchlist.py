"""API keys, stored bulk checks and LA watchlists (filled in by the API work).

Revision ID: 0004_api_keys_checks_watchlist
Revises: 0003_standards_versions
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0004_api_keys_checks_watchlist"
down_revision = "0003_standards_versions"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
