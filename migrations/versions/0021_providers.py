"""Mediation providers complete (issue 19, item 2): the mediators a provider deploys, with the
mediator's consent (``panel_memberships``); the provider's public page (``organisations.public_phone``
and ``description``); the link from an LA's commissioned service to the provider on the register that
runs it, proposed by the provider and confirmed by the LA (``commissioned_services.provider_id`` and
``confirmed_at``); and oversight reviews of a mediation provider.

Data: every link a mediator made to a provider before consent was recorded (``mediator_providers``)
was made by the mediator on their own profile, so it carries their consent: it becomes a confirmed
membership (asked and answered when the migration runs, by nobody). Every service an LA added was
confirmed by that LA as it added it (``confirmed_at`` = ``created_at``).

Downgrading drops the memberships (the confirmed links stay in ``mediator_providers``), the page
fields, the service links and any review of a mediation provider (the old check cannot hold them).

Revision ID: 0021_providers
Revises: 0020_notifications
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_providers"
down_revision = "0020_notifications"
branch_labels = None
depends_on = None

OLD_SUBJECTS = "subject_kind IN ('accrediting_body', 'training_provider', 'mediator')"
NEW_SUBJECTS = "subject_kind IN ('accrediting_body', 'training_provider', 'mediation_provider', 'mediator')"


def upgrade():
    op.create_table(
        "panel_memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('asked', 'confirmed', 'declined', 'ended')", name=op.f("ck_panel_memberships_status")
        ),
        sa.ForeignKeyConstraint(["asked_by_id"], ["users.id"], name=op.f("fk_panel_memberships_asked_by_id_users")),
        sa.ForeignKeyConstraint(["ended_by_id"], ["users.id"], name=op.f("fk_panel_memberships_ended_by_id_users")),
        sa.ForeignKeyConstraint(
            ["mediator_id"],
            ["mediators.id"],
            name=op.f("fk_panel_memberships_mediator_id_mediators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["organisations.id"],
            name=op.f("fk_panel_memberships_provider_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_memberships")),
        sa.UniqueConstraint("provider_id", "mediator_id", name=op.f("uq_panel_memberships_provider_id_mediator_id")),
    )
    op.create_index(op.f("ix_panel_memberships_mediator_id"), "panel_memberships", ["mediator_id"])
    op.execute(
        sa.text(
            "INSERT INTO panel_memberships (provider_id, mediator_id, status, asked_at, answered_at) "
            "SELECT organisation_id, mediator_id, 'confirmed', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP "
            "FROM mediator_providers"
        )
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_phone", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))
    with op.batch_alter_table("commissioned_services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("provider_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_commissioned_services_provider_id"), ["provider_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_commissioned_services_provider_id_organisations"),
            "organisations",
            ["provider_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.execute(sa.text("UPDATE commissioned_services SET confirmed_at = created_at"))
    with op.batch_alter_table("oversight_reviews", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_oversight_reviews_subject_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_oversight_reviews_subject_kind"), NEW_SUBJECTS)


PROVIDER_REVIEWS = "SELECT id FROM oversight_reviews WHERE subject_kind = 'mediation_provider'"
PROVIDER_ACTIONS = f"SELECT id FROM review_actions WHERE review_id IN ({PROVIDER_REVIEWS})"


def downgrade():
    op.execute(sa.text(f"DELETE FROM oversight_notices WHERE action_id IN ({PROVIDER_ACTIONS})"))
    op.execute(sa.text(f"DELETE FROM review_actions WHERE review_id IN ({PROVIDER_REVIEWS})"))
    op.execute(sa.text(f"DELETE FROM review_findings WHERE review_id IN ({PROVIDER_REVIEWS})"))
    op.execute(sa.text(f"DELETE FROM oversight_reviews WHERE id IN ({PROVIDER_REVIEWS})"))
    with op.batch_alter_table("oversight_reviews", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_oversight_reviews_subject_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_oversight_reviews_subject_kind"), OLD_SUBJECTS)
    with op.batch_alter_table("commissioned_services", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_commissioned_services_provider_id_organisations"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_commissioned_services_provider_id"))
        batch_op.drop_column("confirmed_at")
        batch_op.drop_column("provider_id")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("description")
        batch_op.drop_column("public_phone")
    op.drop_index(op.f("ix_panel_memberships_mediator_id"), table_name="panel_memberships")
    op.drop_table("panel_memberships")
