"""Mediation providers complete (issue 19): the mediators they deploy, with consent. Reserved;
filled in by the providers work.

Revision ID: 0021_providers
Revises: 0020_notifications
"""

revision = "0021_providers"
down_revision = "0020_notifications"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
