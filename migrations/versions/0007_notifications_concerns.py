"""Notification outbox (one email per LA officer per change to a watched mediator) and concerns
raised by the public about a mediator or a mediation provider.

Revision ID: 0007_notifications_concerns
Revises: 0006_training_programmes
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_notifications_concerns"
down_revision = "0006_training_programmes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('concerns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('subject', sa.String(length=10), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=True),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('body_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('raised_by_name', sa.String(length=200), nullable=True),
    sa.Column('raised_by_email', sa.String(length=254), nullable=True),
    sa.Column('raised_by_relationship', sa.String(length=20), nullable=True),
    sa.CheckConstraint("(subject = 'mediator') = (mediator_id IS NOT NULL)", name=op.f('ck_concerns_mediator_matches_subject')),
    sa.CheckConstraint("(subject = 'provider') = (provider_id IS NOT NULL)", name=op.f('ck_concerns_provider_matches_subject')),
    sa.CheckConstraint("raised_by_relationship IS NULL OR raised_by_relationship IN ('parent_or_carer', 'young_person', 'professional', 'other')", name=op.f('ck_concerns_raised_by_relationship')),
    sa.CheckConstraint("status IN ('received')", name=op.f('ck_concerns_status')),
    sa.CheckConstraint("subject IN ('mediator', 'provider')", name=op.f('ck_concerns_subject')),
    sa.ForeignKeyConstraint(['body_id'], ['organisations.id'], name=op.f('fk_concerns_body_id_organisations')),
    sa.ForeignKeyConstraint(['mediator_id'], ['mediators.id'], name=op.f('fk_concerns_mediator_id_mediators')),
    sa.ForeignKeyConstraint(['provider_id'], ['organisations.id'], name=op.f('fk_concerns_provider_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concerns')),
    sa.UniqueConstraint('reference', name=op.f('uq_concerns_reference'))
    )
    with op.batch_alter_table('concerns', schema=None) as batch_op:
        batch_op.create_index('ix_concerns_body_id_received_at', ['body_id', 'received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_concerns_mediator_id'), ['mediator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concerns_provider_id'), ['provider_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('accreditation_event_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['accreditation_event_id'], ['accreditation_events.id'], name=op.f('fk_notifications_accreditation_event_id_accreditation_events')),
    sa.ForeignKeyConstraint(['mediator_id'], ['mediators.id'], name=op.f('fk_notifications_mediator_id_mediators')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_notifications_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_notifications_recipient_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('recipient_id', 'accreditation_event_id', name=op.f('uq_notifications_recipient_id_accreditation_event_id'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_accreditation_event_id'), ['accreditation_event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_mediator_id'), ['mediator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_notifications_sent_at_id', ['sent_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_sent_at_id')
        batch_op.drop_index(batch_op.f('ix_notifications_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_mediator_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_accreditation_event_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('concerns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concerns_provider_id'))
        batch_op.drop_index(batch_op.f('ix_concerns_mediator_id'))
        batch_op.drop_index('ix_concerns_body_id_received_at')

    op.drop_table('concerns')
