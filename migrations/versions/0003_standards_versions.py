"""Standards versions: each published version of each standards family, with its content hash,
so a changed file for a published version can be refused.

Revision ID: 0003_standards_versions
Revises: 0002_applications_assessments
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_standards_versions"
down_revision = "0002_applications_assessments"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "standards_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standards_versions")),
        sa.UniqueConstraint("family", "version", name=op.f("uq_standards_versions_family_version")),
    )


def downgrade():
    op.drop_table("standards_versions")
