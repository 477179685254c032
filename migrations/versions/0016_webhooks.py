"""Webhooks for local authorities (issue 16): an LA's subscriptions, with their sealed signing
secrets, and the outbox of deliveries that is also their delivery log.

Revision ID: 0016_webhooks
Revises: 0015_register_changes
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_webhooks"
down_revision = "0015_register_changes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "webhook_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("sealed_secret", sa.LargeBinary(), nullable=False),
        sa.Column("form_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_because_failing", sa.Boolean(), nullable=False),
        sa.CheckConstraint("scope IN ('watchlist', 'area')", name=op.f("ck_webhook_subscriptions_scope")),
        sa.ForeignKeyConstraint(["api_key_id"], ["api_keys.id"], name=op.f("fk_webhook_subscriptions_api_key_id_api_keys")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_webhook_subscriptions_created_by_id_users")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_webhook_subscriptions_organisation_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_subscriptions")),
        sa.UniqueConstraint("form_token", name=op.f("uq_webhook_subscriptions_form_token")),
    )
    op.create_index(op.f("ix_webhook_subscriptions_api_key_id"), "webhook_subscriptions", ["api_key_id"])
    op.create_index(op.f("ix_webhook_subscriptions_organisation_id"), "webhook_subscriptions", ["organisation_id"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("register_change_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["register_change_id"], ["register_changes.id"], name=op.f("fk_webhook_deliveries_register_change_id_register_changes")
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["webhook_subscriptions.id"],
            name=op.f("fk_webhook_deliveries_subscription_id_webhook_subscriptions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
        sa.UniqueConstraint(
            "subscription_id", "register_change_id", name=op.f("uq_webhook_deliveries_subscription_id_register_change_id")
        ),
    )
    op.create_index(op.f("ix_webhook_deliveries_register_change_id"), "webhook_deliveries", ["register_change_id"])
    op.create_index("ix_webhook_deliveries_sent_at_next_attempt_at", "webhook_deliveries", ["sent_at", "next_attempt_at"])


def downgrade():
    op.drop_index("ix_webhook_deliveries_sent_at_next_attempt_at", table_name="webhook_deliveries")
    op.drop_index(op.f("ix_webhook_deliveries_register_change_id"), table_name="webhook_deliveries")
    op.drop_table("webhook_deliveries")
    op.drop_index(op.f("ix_webhook_subscriptions_organisation_id"), table_name="webhook_subscriptions")
    op.drop_index(op.f("ix_webhook_subscriptions_api_key_id"), table_name="webhook_subscriptions")
    op.drop_table("webhook_subscriptions")
