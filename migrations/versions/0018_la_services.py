"""A page for every local authority (issue 17, items 5 and 7): each LA's address (``slug``), the
mediation services LAs commission, and email alerts about an LA's area for people without an
account, sent through the one notification outbox (a message now goes to a person or to an alert
subscription).

The slugs of the LAs already loaded are worked out here from their names, by the rule of
``registry.domain.local_authorities.slug_for`` as it stands (copied, so that this migration keeps
doing what it did if that function changes); ``flask setup`` keeps them up to date afterwards.

Downgrading deletes the alert subscriptions' messages (the old outbox cannot hold them).

Revision ID: 0018_la_services
Revises: 0017_remote_mediators
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0018_la_services"
down_revision = "0017_remote_mediators"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('watched_change', 'invitation', 'password_reset')"
NEW_KINDS = "kind IN ('watched_change', 'invitation', 'password_reset', 'area_confirmation', 'area_alert')"
ONE_RECIPIENT = "(recipient_id IS NULL) <> (area_subscription_id IS NULL)"


def _slug(name):
    plain = re.sub(r", (City|County) of$", "", name)
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def _add_slugs():
    op.add_column("local_authorities", sa.Column("slug", sa.String(length=120), nullable=True))
    connection = op.get_bind()
    table = sa.table("local_authorities", sa.column("id", sa.Integer), sa.column("name"), sa.column("slug"))
    for la_id, name in connection.execute(sa.select(table.c.id, table.c.name)).all():
        connection.execute(sa.update(table).where(table.c.id == la_id).values(slug=_slug(name)))
    with op.batch_alter_table("local_authorities", schema=None) as batch_op:
        batch_op.alter_column("slug", existing_type=sa.String(length=120), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_local_authorities_slug"), ["slug"])


def upgrade():
    _add_slugs()
    op.create_table(
        "commissioned_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("provider_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("how_to_refer", sa.Text(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("local_offer_url", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_commissioned_services_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commissioned_services")),
    )
    op.create_index(op.f("ix_commissioned_services_organisation_id"), "commissioned_services", ["organisation_id"])
    op.create_table(
        "area_alert_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("local_authority_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("confirm_token_hash", sa.String(length=64), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unsubscribe_nonce", sa.String(length=43), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["local_authority_id"],
            ["local_authorities.id"],
            name=op.f("fk_area_alert_subscriptions_local_authority_id_local_authorities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area_alert_subscriptions")),
        sa.UniqueConstraint("confirm_token_hash", name=op.f("uq_area_alert_subscriptions_confirm_token_hash")),
        sa.UniqueConstraint(
            "local_authority_id", "email", name=op.f("uq_area_alert_subscriptions_local_authority_id_email")
        ),
    )
    op.create_index(
        op.f("ix_area_alert_subscriptions_local_authority_id"), "area_alert_subscriptions", ["local_authority_id"]
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_subscription_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("unsubscribe_url", sa.String(length=500), nullable=True))
        batch_op.alter_column("recipient_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f("ix_notifications_area_subscription_id"), ["area_subscription_id"])
        batch_op.create_unique_constraint(
            batch_op.f("uq_notifications_area_subscription_id_accreditation_event_id"),
            ["area_subscription_id", "accreditation_event_id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_notifications_area_subscription_id_area_alert_subscriptions"),
            "area_alert_subscriptions",
            ["area_subscription_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.drop_constraint(batch_op.f("ck_notifications_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notifications_kind"), NEW_KINDS)
        batch_op.create_check_constraint(batch_op.f("ck_notifications_one_recipient"), ONE_RECIPIENT)


def downgrade():
    op.execute("DELETE FROM notifications WHERE area_subscription_id IS NOT NULL")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notifications_one_recipient"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_notifications_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notifications_kind"), OLD_KINDS)
        batch_op.drop_constraint(
            batch_op.f("fk_notifications_area_subscription_id_area_alert_subscriptions"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("uq_notifications_area_subscription_id_accreditation_event_id"), type_="unique"
        )
        batch_op.drop_index(batch_op.f("ix_notifications_area_subscription_id"))
        batch_op.alter_column("recipient_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("unsubscribe_url")
        batch_op.drop_column("area_subscription_id")
    op.drop_index(op.f("ix_area_alert_subscriptions_local_authority_id"), table_name="area_alert_subscriptions")
    op.drop_table("area_alert_subscriptions")
    op.drop_index(op.f("ix_commissioned_services_organisation_id"), table_name="commissioned_services")
    op.drop_table("commissioned_services")
    with op.batch_alter_table("local_authorities", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_local_authorities_slug"), type_="unique")
        batch_op.drop_column("slug")
