"""API keys, stored bulk checks and LA watchlists.

An LA's API keys (only a SHA-256 of each token is stored), the bulk checks it ran with one row per
input line (kept as evidence of due diligence), and the mediators it watches.

Revision ID: 0004_api_keys_checks_watchlist
Revises: 0003_standards_versions
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_api_keys_checks_watchlist"
down_revision = "0003_standards_versions"
branch_labels = None
depends_on = None

OUTCOMES = (
    "outcome IN ('accredited', 'accredited_with_conditions', 'suspended', 'lapsed', 'withdrawn', "
    "'not_accredited', 'not_found', 'invalid_number')"
)


def upgrade():
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_api_keys_created_by_id_users")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name=op.f("fk_api_keys_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["revoked_by_id"], ["users.id"], name=op.f("fk_api_keys_revoked_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_keys_token_hash")),
    )
    op.create_index(op.f("ix_api_keys_organisation_id"), "api_keys", ["organisation_id"], unique=False)
    op.create_table(
        "watchlist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["added_by_id"], ["users.id"], name=op.f("fk_watchlist_items_added_by_id_users")),
        sa.ForeignKeyConstraint(["mediator_id"], ["mediators.id"], name=op.f("fk_watchlist_items_mediator_id_mediators"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name=op.f("fk_watchlist_items_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_items")),
        sa.UniqueConstraint("organisation_id", "mediator_id", name=op.f("uq_watchlist_items_organisation_id_mediator_id")),
    )
    op.create_index(op.f("ix_watchlist_items_mediator_id"), "watchlist_items", ["mediator_id"], unique=False)
    op.create_table(
        "bulk_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("api_key_id", sa.Integer(), nullable=True),
        sa.Column("as_at", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["api_key_id"], ["api_keys.id"], name=op.f("fk_bulk_checks_api_key_id_api_keys")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_bulk_checks_created_by_id_users")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name=op.f("fk_bulk_checks_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_checks")),
        sa.UniqueConstraint("reference", name=op.f("uq_bulk_checks_reference")),
    )
    op.create_index(op.f("ix_bulk_checks_organisation_id"), "bulk_checks", ["organisation_id"], unique=False)
    op.create_table(
        "bulk_check_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("input", sa.String(length=100), nullable=False),
        sa.Column("registration_number", sa.String(length=11), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("declared_conflict", sa.Boolean(), nullable=True),
        sa.CheckConstraint(OUTCOMES, name=op.f("ck_bulk_check_results_outcome")),
        sa.ForeignKeyConstraint(["check_id"], ["bulk_checks.id"], name=op.f("fk_bulk_check_results_check_id_bulk_checks"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_check_results")),
        sa.UniqueConstraint("check_id", "position", name=op.f("uq_bulk_check_results_check_id_position")),
    )


def downgrade():
    op.drop_table("bulk_check_results")
    op.drop_index(op.f("ix_bulk_checks_organisation_id"), table_name="bulk_checks")
    op.drop_table("bulk_checks")
    op.drop_index(op.f("ix_watchlist_items_mediator_id"), table_name="watchlist_items")
    op.drop_table("watchlist_items")
    op.drop_index(op.f("ix_api_keys_organisation_id"), table_name="api_keys")
    op.drop_table("api_keys")
