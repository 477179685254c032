"""Notifications of the providers' links (issue 19): a panel request to a mediator and its answer, a
commissioning proposal to an LA's officers and its answer, as one more inbox kind, ``provider_link``.

Revision ID: 0023_provider_notifications
Revises: 0022_mediation_chosen
"""

from alembic import op

revision = "0023_provider_notifications"
down_revision = "0022_mediation_chosen"
branch_labels = None
depends_on = None

INBOX_KINDS = (
    "'watched_change', 'accreditation', 'application_received', 'renewal_received', 'log_entry_queried', "
    "'renewal_due', 'cpd_audit', 'programme_decided', 'concern_raised', 'oversight_action', 'return_due'"
)
OTHER_KINDS = "'invitation', 'password_reset', 'area_confirmation', 'area_alert'"
NEW = "'provider_link'"


def _kinds(inbox: str) -> tuple[str, str]:
    return f"kind IN ({inbox}, {OTHER_KINDS})", f"kind IN ({inbox})"


def _replace(notifications: str, preferences: str) -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notifications_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notifications_kind"), notifications)
    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notification_preferences_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notification_preferences_kind"), preferences)


def upgrade():
    _replace(*_kinds(f"{INBOX_KINDS}, {NEW}"))


def downgrade():
    op.execute(f"DELETE FROM notifications WHERE kind = {NEW}")
    op.execute(f"DELETE FROM notification_preferences WHERE kind = {NEW}")
    _replace(*_kinds(INBOX_KINDS))
