"""Outcome returns say how many advice contacts chose mediation (issue 19, item 4): the 2017 review's
take-up ("42% decided to go to mediation") is that decision, which mediations held in the same quarter
only approximate (a mediation is often held in a later quarter). The new figure, on every return and
revision, with its rule kept by the database: 0 or more, and no more than the advice contacts.

Data: returns sent before providers were asked hold their mediations held (the approximation the
statistics used until now, and within the advice contacts by the existing rule), so their take-up is
unchanged; a correction sent from now on gives the real figure.

Revision ID: 0022_mediation_chosen
Revises: 0021_providers
"""

import sqlalchemy as sa
from alembic import op

revision = "0022_mediation_chosen"
down_revision = "0021_providers"
branch_labels = None
depends_on = None

TABLES = ("outcome_returns", "outcome_return_revisions")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("mediation_chosen", sa.Integer(), server_default="0", nullable=False))
        op.execute(f"UPDATE {table} SET mediation_chosen = mediations_held")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_chosen_within_advice"),
                "mediation_chosen >= 0 AND mediation_chosen <= advice_contacts",
            )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_chosen_within_advice"), type_="check")
            batch_op.drop_column("mediation_chosen")
