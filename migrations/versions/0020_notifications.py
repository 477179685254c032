"""Notifications for every role (issue 19, item 1): the one outbox (``notifications``) becomes each
person's inbox as well, with the page of the thing (``link``), when it was read (``read_at``),
whether it is to be emailed (``email_wanted``), a reminder's occasion (``dedupe_key``) and the index
the inbox reads by; and each person's email choice per kind (``notification_preferences``).

Data: the oversight notices that went to a person (oversight actions, CPD audit requests and
outcomes) move into the notifications, so every person's messages are in one inbox; the notices to
a concern's email address stay where they are (they have no account to see an inbox). Watched
changes written before the inbox existed are marked read on the day they were written: their
officers have seen them on the LA's notifications page, and a flood of old "unread" would hide the new.

Downgrading deletes the inbox-only notifications (the old outbox cannot hold them) and leaves the
moved oversight notices deleted: they were sent already or are still in the inbox of the upgrade.

Revision ID: 0020_notifications
Revises: 0019_credentials
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_notifications"
down_revision = "0019_credentials"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('watched_change', 'invitation', 'password_reset', 'area_confirmation', 'area_alert')"
INBOX_KINDS = (
    "'watched_change', 'accreditation', 'application_received', 'renewal_received', 'log_entry_queried', "
    "'renewal_due', 'cpd_audit', 'programme_decided', 'concern_raised', 'oversight_action', 'return_due'"
)
NEW_KINDS = f"kind IN ({INBOX_KINDS}, 'invitation', 'password_reset', 'area_confirmation', 'area_alert')"
MOVED_NOTICES = """
INSERT INTO notifications (kind, recipient_id, subject, body, detail, link, read_at, email_wanted, created_at, sent_at,
                           attempts, last_error)
SELECT CASE WHEN kind IN ('action_set', 'action_overdue') THEN 'oversight_action' ELSE 'cpd_audit' END,
       recipient_id, subject, body, body,
       CASE WHEN action_id IS NOT NULL THEN '/workspace/actions/' || action_id ELSE '/workspace/mediator/log' END,
       NULL, :yes, created_at, sent_at, attempts, last_error
FROM oversight_notices
WHERE recipient_id IS NOT NULL AND kind IN ('action_set', 'action_overdue', 'audit_requested', 'audit_outcome')
"""


def upgrade():
    op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.CheckConstraint(f"kind IN ({INBOX_KINDS})", name=op.f("ck_notification_preferences_kind")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notification_preferences_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", name=op.f("pk_notification_preferences")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("link", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("detail", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("read_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("email_wanted", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column("dedupe_key", sa.String(length=100), nullable=True))
        batch_op.create_index(
            "ix_notifications_recipient_id_read_at_id", ["recipient_id", "read_at", "id"], unique=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_notifications_recipient_id_dedupe_key"), ["recipient_id", "dedupe_key"]
        )
        batch_op.drop_constraint(batch_op.f("ck_notifications_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notifications_kind"), NEW_KINDS)
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE notifications SET read_at = created_at WHERE kind = 'watched_change'"))
    connection.execute(sa.text(MOVED_NOTICES), {"yes": True})
    connection.execute(
        sa.text(
            "DELETE FROM oversight_notices WHERE recipient_id IS NOT NULL "
            "AND kind IN ('action_set', 'action_overdue', 'audit_requested', 'audit_outcome')"
        )
    )


def downgrade():
    op.get_bind().execute(
        sa.text(f"DELETE FROM notifications WHERE kind IN ({INBOX_KINDS}) AND kind <> 'watched_change'")
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notifications_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notifications_kind"), OLD_KINDS)
        batch_op.drop_constraint(batch_op.f("uq_notifications_recipient_id_dedupe_key"), type_="unique")
        batch_op.drop_index("ix_notifications_recipient_id_read_at_id")
        batch_op.drop_column("dedupe_key")
        batch_op.drop_column("email_wanted")
        batch_op.drop_column("read_at")
        batch_op.drop_column("detail")
        batch_op.drop_column("link")
    op.drop_table("notification_preferences")
