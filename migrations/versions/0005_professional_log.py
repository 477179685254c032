"""Mediators' professional log: CPD, supervision and practice entries (hours in whole quarter
hours), their evidence files (stored outside the web root under random names), and renewal
requests with the compliance verdict at the time of asking.

Revision ID: 0005_professional_log
Revises: 0004_api_keys_checks_watchlist
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005_professional_log'
down_revision = '0004_api_keys_checks_watchlist'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('log_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('quarter_hours', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=False),
    sa.Column('reflection', sa.Text(), nullable=False),
    sa.Column('annotation', sa.Text(), nullable=False),
    sa.Column('local_authority_id', sa.Integer(), nullable=True),
    sa.Column('issue_type', sa.String(length=40), nullable=True),
    sa.Column('format', sa.String(length=12), nullable=True),
    sa.Column('outcome_band', sa.String(length=30), nullable=True),
    sa.Column('review_status', sa.String(length=10), nullable=False),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind = 'practice' OR (local_authority_id IS NULL AND issue_type IS NULL AND format IS NULL AND outcome_band IS NULL)", name=op.f('ck_log_entries_practice_fields_only_on_practice')),
    sa.CheckConstraint("kind IN ('cpd', 'supervision', 'practice')", name=op.f('ck_log_entries_kind')),
    sa.CheckConstraint("review_status IN ('declared', 'verified', 'rejected')", name=op.f('ck_log_entries_review_status')),
    sa.CheckConstraint('quarter_hours BETWEEN 1 AND 160', name=op.f('ck_log_entries_quarter_hours_in_range')),
    sa.ForeignKeyConstraint(['local_authority_id'], ['local_authorities.id'], name=op.f('fk_log_entries_local_authority_id_local_authorities')),
    sa.ForeignKeyConstraint(['mediator_id'], ['mediators.id'], name=op.f('fk_log_entries_mediator_id_mediators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_log_entries_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_log_entries'))
    )
    with op.batch_alter_table('log_entries', schema=None) as batch_op:
        batch_op.create_index('ix_log_entries_mediator_id_occurred_on', ['mediator_id', 'occurred_on'], unique=False)
        batch_op.create_index('ix_log_entries_review_status_mediator_id', ['review_status', 'mediator_id'], unique=False)

    op.create_table('evidence_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('log_entry_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['log_entry_id'], ['log_entries.id'], name=op.f('fk_evidence_files_log_entry_id_log_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_files')),
    sa.UniqueConstraint('log_entry_id', name=op.f('uq_evidence_files_log_entry_id')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_evidence_files_stored_name'))
    )
    op.create_table('renewal_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('accreditation_id', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('scheme_version', sa.String(length=20), nullable=False),
    sa.Column('compliant', sa.Boolean(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'renewed', 'declined')", name=op.f('ck_renewal_requests_status')),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_renewal_requests_period_in_order')),
    sa.ForeignKeyConstraint(['accreditation_id'], ['accreditations.id'], name=op.f('fk_renewal_requests_accreditation_id_accreditations')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_renewal_requests_decided_by_id_users')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_renewal_requests_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renewal_requests'))
    )
    with op.batch_alter_table('renewal_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renewal_requests_accreditation_id'), ['accreditation_id'], unique=False)
        batch_op.create_index('ix_renewal_requests_status_accreditation_id', ['status', 'accreditation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('renewal_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_renewal_requests_status_accreditation_id')
        batch_op.drop_index(batch_op.f('ix_renewal_requests_accreditation_id'))

    op.drop_table('renewal_requests')
    op.drop_table('evidence_files')
    with op.batch_alter_table('log_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_log_entries_review_status_mediator_id')
        batch_op.drop_index('ix_log_entries_mediator_id_occurred_on')

    op.drop_table('log_entries')
