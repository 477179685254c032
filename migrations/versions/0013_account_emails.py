"""The notification outbox carries account emails too (invitations and password-reset links): a
``kind`` for every message, existing rows being ``watched_change``; the LA, mediator and event a
watched change names are empty for an account message, and a check keeps the two shapes apart.

Downgrading deletes the account messages (the old table cannot hold them).

Revision ID: 0013_account_emails
Revises: 0012_account_security
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_account_emails"
down_revision = "0012_account_security"
branch_labels = None
depends_on = None

KIND_CHECK = "kind IN ('watched_change', 'invitation', 'password_reset')"
SUBJECT_CHECK = (
    "(kind = 'watched_change') = "
    "(organisation_id IS NOT NULL AND mediator_id IS NOT NULL AND accreditation_event_id IS NOT NULL)"
)


def upgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), server_default="watched_change", nullable=False))
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("mediator_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("accreditation_event_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_check_constraint(batch_op.f("ck_notifications_kind"), KIND_CHECK)
        batch_op.create_check_constraint(batch_op.f("ck_notifications_subject_matches_kind"), SUBJECT_CHECK)


def downgrade():
    op.execute("DELETE FROM notifications WHERE kind <> 'watched_change'")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notifications_subject_matches_kind"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_notifications_kind"), type_="check")
        batch_op.alter_column("accreditation_event_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("mediator_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("kind")
