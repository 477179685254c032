"""Notifications for every role (issue 19). Reserved; filled in by the notifications work.

Revision ID: 0020_notifications
Revises: 0019_credentials
"""

revision = "0020_notifications"
down_revision = "0019_credentials"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
