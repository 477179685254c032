"""Training programmes: their versions (content, hours, criteria covered), their accreditation
events (same columns and global sequence as mediator accreditation events) and the completions
providers record for mediators.

Revision ID: 0006_training_programmes
Revises: 0005_professional_log
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_training_programmes"
down_revision = "0005_professional_log"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('training_programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=11), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('delivery_mode', sa.String(length=20), nullable=False),
    sa.Column('latest_version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('conditions', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("delivery_mode IN ('in_person', 'online', 'blended')", name=op.f('ck_training_programmes_delivery_mode')),
    sa.CheckConstraint("level IN ('foundation', 'send_specialist', 'cpd_course')", name=op.f('ck_training_programmes_level')),
    sa.CheckConstraint("status IN ('submitted', 'refused', 'accredited', 'suspended', 'lapsed', 'withdrawn')", name=op.f('ck_training_programmes_status')),
    sa.CheckConstraint('valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from', name=op.f('ck_training_programmes_valid_period')),
    sa.ForeignKeyConstraint(['body_id'], ['organisations.id'], name=op.f('fk_training_programmes_body_id_organisations')),
    sa.ForeignKeyConstraint(['provider_id'], ['organisations.id'], name=op.f('fk_training_programmes_provider_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_programmes')),
    sa.UniqueConstraint('reference', name=op.f('uq_training_programmes_reference'))
    )
    with op.batch_alter_table('training_programmes', schema=None) as batch_op:
        batch_op.create_index('ix_training_programmes_delivery_mode_status', ['delivery_mode', 'status'], unique=False)
        batch_op.create_index('ix_training_programmes_provider_id_status', ['provider_id', 'status'], unique=False)
        batch_op.create_index('ix_training_programmes_status_level_title', ['status', 'level', 'title'], unique=False)
        batch_op.create_index('ix_training_programmes_status_valid_until', ['status', 'valid_until'], unique=False)

    op.create_table('programme_accreditation_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.BigInteger(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('programme_version', sa.Integer(), nullable=True),
    sa.Column('body_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('conditions', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('public_note', sa.Text(), nullable=True),
    sa.CheckConstraint("from_status IS NULL OR from_status IN ('submitted', 'refused', 'accredited', 'suspended', 'lapsed', 'withdrawn')", name=op.f('ck_programme_accreditation_events_from_status')),
    sa.CheckConstraint("kind IN ('submitted', 'resubmitted', 'accredited', 'refused', 'suspended', 'reinstated', 'withdrawn', 'lapsed')", name=op.f('ck_programme_accreditation_events_kind')),
    sa.CheckConstraint("to_status IN ('submitted', 'refused', 'accredited', 'suspended', 'lapsed', 'withdrawn')", name=op.f('ck_programme_accreditation_events_to_status')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_programme_accreditation_events_actor_id_users')),
    sa.ForeignKeyConstraint(['body_id'], ['organisations.id'], name=op.f('fk_programme_accreditation_events_body_id_organisations')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_programme_accreditation_events_programme_id_training_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_accreditation_events')),
    sa.UniqueConstraint('sequence', name=op.f('uq_programme_accreditation_events_sequence'))
    )
    with op.batch_alter_table('programme_accreditation_events', schema=None) as batch_op:
        batch_op.create_index('ix_programme_accreditation_events_programme_id_sequence', ['programme_id', 'sequence'], unique=False)

    op.create_table('programme_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('total_hours', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('practical_hours', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('delivery_mode', sa.String(length=20), nullable=False),
    sa.Column('assessment_method', sa.String(length=30), nullable=False),
    sa.Column('criteria_covered', sa.JSON(), nullable=False),
    sa.Column('log_hours', sa.JSON(), nullable=False),
    sa.Column('criteria_version', sa.String(length=20), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("assessment_method IN ('observed_role_play', 'written', 'portfolio', 'attendance_only')", name=op.f('ck_programme_versions_assessment_method')),
    sa.CheckConstraint("delivery_mode IN ('in_person', 'online', 'blended')", name=op.f('ck_programme_versions_delivery_mode')),
    sa.CheckConstraint('practical_hours >= 0 AND practical_hours <= total_hours', name=op.f('ck_programme_versions_practical_within_total')),
    sa.CheckConstraint('total_hours > 0', name=op.f('ck_programme_versions_total_hours_positive')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_programme_versions_programme_id_training_programmes')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_programme_versions_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_versions')),
    sa.UniqueConstraint('programme_id', 'number', name=op.f('uq_programme_versions_programme_id_number'))
    )

    op.create_table('training_completions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('programme_version_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('log_entry_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['log_entry_id'], ['log_entries.id'], name=op.f('fk_training_completions_log_entry_id_log_entries'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mediator_id'], ['mediators.id'], name=op.f('fk_training_completions_mediator_id_mediators')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_training_completions_programme_id_training_programmes')),
    sa.ForeignKeyConstraint(['programme_version_id'], ['programme_versions.id'], name=op.f('fk_training_completions_programme_version_id_programme_versions')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_training_completions_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_completions')),
    sa.UniqueConstraint('programme_id', 'mediator_id', 'completed_on', name=op.f('uq_training_completions_programme_id_mediator_id_completed_on'))
    )
    with op.batch_alter_table('training_completions', schema=None) as batch_op:
        batch_op.create_index('ix_training_completions_mediator_id_completed_on', ['mediator_id', 'completed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_completions_programme_version_id'), ['programme_version_id'], unique=False)


def downgrade():
    with op.batch_alter_table('training_completions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_completions_programme_version_id'))
        batch_op.drop_index('ix_training_completions_mediator_id_completed_on')

    op.drop_table('training_completions')
    op.drop_table('programme_versions')
    with op.batch_alter_table('programme_accreditation_events', schema=None) as batch_op:
        batch_op.drop_index('ix_programme_accreditation_events_programme_id_sequence')

    op.drop_table('programme_accreditation_events')
    with op.batch_alter_table('training_programmes', schema=None) as batch_op:
        batch_op.drop_index('ix_training_programmes_status_valid_until')
        batch_op.drop_index('ix_training_programmes_status_level_title')
        batch_op.drop_index('ix_training_programmes_provider_id_status')
        batch_op.drop_index('ix_training_programmes_delivery_mode_status')

    op.drop_table('training_programmes')
