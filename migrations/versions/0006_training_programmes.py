"""Training programmes, their accreditation events and completions (filled in by the training work).

Revision ID: 0006_training_programmes
Revises: 0005_professional_log
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0006_training_programmes"
down_revision = "0005_professional_log"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
