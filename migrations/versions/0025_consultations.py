"""Consultations on draft standards (issue 21): the drafts as imported (``consultations``), the public's
responses and their answers per criterion, the working group's theme tags and its response
(``consultation_decisions``); the ``standards_group`` role, held for the register as a whole; the
verification email of a response as one more kind of notification (to the response, a third kind of
recipient), and ``standards_published`` in the inbox; ``standards_version``, a kind of published change (a version
published after its consultation, in the change feed).

Downgrading drops the consultations with every response, the role's assignments and the new kinds
of notification.

Revision ID: 0025_consultations
Revises: 0024_audit_subject_length
"""

import sqlalchemy as sa
from alembic import op

revision = "0025_consultations"
down_revision = "0024_audit_subject_length"
branch_labels = None
depends_on = None

OLD_INBOX = (
    "'watched_change', 'accreditation', 'application_received', 'renewal_received', 'log_entry_queried', "
    "'renewal_due', 'cpd_audit', 'programme_decided', 'concern_raised', 'oversight_action', 'return_due', "
    "'provider_link'"
)
NEW_INBOX = OLD_INBOX + ", 'standards_published'"
OTHER_KINDS = "'invitation', 'password_reset', 'area_confirmation', 'area_alert'"
OLD_KINDS = f"kind IN ({OLD_INBOX}, {OTHER_KINDS})"
NEW_KINDS = f"kind IN ({NEW_INBOX}, {OTHER_KINDS}, 'consultation_verify')"
OLD_ONE_RECIPIENT = "(recipient_id IS NULL) <> (area_subscription_id IS NULL)"
NEW_ONE_RECIPIENT = (
    "(CASE WHEN recipient_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN area_subscription_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN consultation_response_id IS NULL THEN 0 ELSE 1 END) = 1"
)
OLD_ROLES = "role IN ('admin', 'oversight', 'registrar', 'trainer', 'provider', 'la_officer', 'mediator')"
NEW_ROLES = (
    "role IN ('admin', 'oversight', 'registrar', 'trainer', 'provider', 'la_officer', 'mediator', 'standards_group')"
)
OLD_UNSCOPED = "(role IN ('admin', 'mediator')) = (organisation_id IS NULL)"
NEW_UNSCOPED = "(role IN ('admin', 'mediator', 'standards_group')) = (organisation_id IS NULL)"


OLD_CHANGES = "kind IN ('mediator_entry', 'mediator_left', 'programme', 'organisation')"
NEW_CHANGES = "kind IN ('mediator_entry', 'mediator_left', 'programme', 'organisation', 'standards_version')"


def _changes(kinds: str) -> None:
    with op.batch_alter_table("register_changes", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_register_changes_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_register_changes_kind"), kinds)


def _constraints(kinds: str, inbox: str, one_recipient: str, roles: str, unscoped: str) -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notifications_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notifications_kind"), kinds)
        batch_op.drop_constraint(batch_op.f("ck_notifications_one_recipient"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notifications_one_recipient"), one_recipient)
    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notification_preferences_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notification_preferences_kind"), f"kind IN ({inbox})")
    with op.batch_alter_table("role_assignments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_role_assignments_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_role_assignments_role"), roles)
        batch_op.drop_constraint(batch_op.f("ck_role_assignments_organisation_scope_matches_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_role_assignments_organisation_scope_matches_role"), unscoped)


def upgrade():
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
        sa.UniqueConstraint("family", "version", name=op.f("uq_consultations_family_version")),
    )
    op.create_table(
        "consultation_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=True),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_decisions_consultation_id_consultations"),
        ),
        sa.ForeignKeyConstraint(
            ["written_by_id"], ["users.id"], name=op.f("fk_consultation_decisions_written_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_decisions")),
        sa.UniqueConstraint("consultation_id", "topic", name=op.f("uq_consultation_decisions_consultation_id_topic")),
    )
    with op.batch_alter_table("consultation_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_decisions_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "consultation_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("publication", sa.String(length=10), nullable=False),
        sa.Column("confirm_token_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_reason", sa.Text(), nullable=True),
        sa.Column("hidden_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "publication IN ('private', 'anonymous', 'named')", name=op.f("ck_consultation_responses_publication")
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_responses_consultation_id_consultations"),
        ),
        sa.ForeignKeyConstraint(
            ["hidden_by_id"], ["users.id"], name=op.f("fk_consultation_responses_hidden_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_responses")),
        sa.UniqueConstraint("confirm_token_hash", name=op.f("uq_consultation_responses_confirm_token_hash")),
    )
    with op.batch_alter_table("consultation_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_responses_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "consultation_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint("view IN ('agree', 'disagree')", name=op.f("ck_consultation_answers_view")),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["consultation_responses.id"],
            name=op.f("fk_consultation_answers_response_id_consultation_responses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_answers")),
        sa.UniqueConstraint("response_id", "topic", name=op.f("uq_consultation_answers_response_id_topic")),
    )
    with op.batch_alter_table("consultation_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consultation_answers_response_id"), ["response_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consultation_answers_topic"), ["topic"], unique=False)

    op.create_table(
        "consultation_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=60), nullable=False),
        sa.Column("tagged_by_id", sa.Integer(), nullable=True),
        sa.Column("tagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["consultation_answers.id"],
            name=op.f("fk_consultation_themes_answer_id_consultation_answers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["tagged_by_id"], ["users.id"], name=op.f("fk_consultation_themes_tagged_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_themes")),
        sa.UniqueConstraint("answer_id", "theme", name=op.f("uq_consultation_themes_answer_id_theme")),
    )
    with op.batch_alter_table("consultation_themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consultation_themes_answer_id"), ["answer_id"], unique=False)

    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consultation_response_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_notifications_consultation_response_id"), ["consultation_response_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_notifications_consultation_response_id_consultation_responses"),
            "consultation_responses",
            ["consultation_response_id"],
            ["id"],
            ondelete="CASCADE",
        )

    _constraints(NEW_KINDS, NEW_INBOX, NEW_ONE_RECIPIENT, NEW_ROLES, NEW_UNSCOPED)
    _changes(NEW_CHANGES)


def downgrade():
    op.execute("DELETE FROM notifications WHERE kind IN ('standards_published', 'consultation_verify')")
    op.execute("DELETE FROM notification_preferences WHERE kind = 'standards_published'")
    op.execute("DELETE FROM role_assignments WHERE role = 'standards_group'")
    op.execute("DELETE FROM register_changes WHERE kind = 'standards_version'")
    _changes(OLD_CHANGES)
    _constraints(OLD_KINDS, OLD_INBOX, OLD_ONE_RECIPIENT, OLD_ROLES, OLD_UNSCOPED)
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_notifications_consultation_response_id_consultation_responses"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_notifications_consultation_response_id"))
        batch_op.drop_column("consultation_response_id")

    with op.batch_alter_table("consultation_themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_themes_answer_id"))

    op.drop_table("consultation_themes")
    with op.batch_alter_table("consultation_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_answers_topic"))
        batch_op.drop_index(batch_op.f("ix_consultation_answers_response_id"))

    op.drop_table("consultation_answers")
    with op.batch_alter_table("consultation_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_responses_consultation_id"))

    op.drop_table("consultation_responses")
    with op.batch_alter_table("consultation_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_decisions_consultation_id"))

    op.drop_table("consultation_decisions")
    op.drop_table("consultations")
