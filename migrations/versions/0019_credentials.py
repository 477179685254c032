"""Signed credentials and their status list (issue 18). Reserved; filled in by the credentials work.

Revision ID: 0019_credentials
Revises: 0018_la_services
"""

revision = "0019_credentials"
down_revision = "0018_la_services"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
