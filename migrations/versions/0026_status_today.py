"""The status today on each accreditation and programme row: the day its status began
(``status_since``) and its latest event's sequence (``status_sequence``), kept by the recorder with
the rest of the cached state, so profiles, searches and bulk checks read one row per subject instead
of replaying its events. Filled here from the events, as the replay counts them: the latest event's
sequence, and the first day of the trailing run of events with the row's status.

Revision ID: 0026_status_today
Revises: 0025_consultations
"""

import sqlalchemy as sa
from alembic import op

revision = "0026_status_today"
down_revision = "0025_consultations"
branch_labels = None
depends_on = None

SUBJECTS = (
    ("accreditations", "accreditation_events", "accreditation_id"),
    ("training_programmes", "programme_accreditation_events", "programme_id"),
)


def upgrade():
    for table, events, key in SUBJECTS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("status_since", sa.Date(), nullable=True))
            batch_op.add_column(sa.Column("status_sequence", sa.BigInteger(), nullable=True))
        op.execute(
            f"""
            UPDATE {table} SET
              status_sequence = (SELECT MAX(e.sequence) FROM {events} e WHERE e.{key} = {table}.id),
              status_since = (
                SELECT MIN(e.effective_on) FROM {events} e
                WHERE e.{key} = {table}.id AND e.sequence > COALESCE(
                  (SELECT MAX(o.sequence) FROM {events} o WHERE o.{key} = {table}.id AND o.to_status <> {table}.status),
                  0
                )
              )
            """
        )


def downgrade():
    for table, _events, _key in SUBJECTS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("status_sequence")
            batch_op.drop_column("status_since")
