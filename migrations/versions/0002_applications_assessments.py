"""Applications for accreditation (with the mediator's declarations) and the registrar's
assessment outcome per criterion.

Revision ID: 0002_applications_assessments
Revises: 0001_initial
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0002_applications_assessments'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accreditation_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('accreditation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('standards_version', sa.String(length=20), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('not_employed_by_local_authority', sa.Boolean(), nullable=False),
    sa.Column('independent_of_health_bodies', sa.Boolean(), nullable=False),
    sa.Column('independence_details', sa.Text(), nullable=False),
    sa.Column('has_indemnity_insurance', sa.Boolean(), nullable=False),
    sa.Column('training_completed', sa.Text(), nullable=False),
    sa.Column('practice_experience', sa.Text(), nullable=False),
    sa.Column('consents_to_publication', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('initial', 'renewal')", name=op.f('ck_accreditation_applications_kind')),
    sa.ForeignKeyConstraint(['accreditation_id'], ['accreditations.id'], name=op.f('fk_accreditation_applications_accreditation_id_accreditations')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_accreditation_applications_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accreditation_applications'))
    )
    with op.batch_alter_table('accreditation_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accreditation_applications_accreditation_id'), ['accreditation_id'], unique=False)

    op.create_table('assessment_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('criterion_code', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('assessor_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("outcome IN ('met', 'not_met')", name=op.f('ck_assessment_outcomes_outcome')),
    sa.ForeignKeyConstraint(['application_id'], ['accreditation_applications.id'], name=op.f('fk_assessment_outcomes_application_id_accreditation_applications')),
    sa.ForeignKeyConstraint(['assessor_id'], ['users.id'], name=op.f('fk_assessment_outcomes_assessor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_outcomes')),
    sa.UniqueConstraint('application_id', 'criterion_code', name=op.f('uq_assessment_outcomes_application_id_criterion_code'))
    )


def downgrade():
    op.drop_table('assessment_outcomes')
    with op.batch_alter_table('accreditation_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accreditation_applications_accreditation_id'))

    op.drop_table('accreditation_applications')
