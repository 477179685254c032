"""Oversight: reviews with findings and actions, CPD audit samples, concern handling (a table
beside the public's concerns), outcome returns with their revisions, and oversight notices.

Revision ID: 0008_oversight
Revises: 0007_notifications_concerns
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_oversight"
down_revision = "0007_notifications_concerns"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_samples',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drawn_on', sa.Date(), nullable=False),
    sa.Column('percentage', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('seed', sa.BigInteger(), nullable=False),
    sa.Column('eligible_count', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('drawn_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('drawn_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('percentage > 0 AND percentage <= 100', name=op.f('ck_audit_samples_percentage_range')),
    sa.CheckConstraint('size <= eligible_count', name=op.f('ck_audit_samples_size_within_eligible')),
    sa.ForeignKeyConstraint(['drawn_by_id'], ['users.id'], name=op.f('fk_audit_samples_drawn_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_samples'))
    )
    op.create_table('audit_sample_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sample_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=False),
    sa.Column('outcome_recorded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome_recorded_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('satisfactory', 'further_information', 'unsatisfactory')", name=op.f('ck_audit_sample_members_outcome')),
    sa.ForeignKeyConstraint(['body_id'], ['organisations.id'], name=op.f('fk_audit_sample_members_body_id_organisations')),
    sa.ForeignKeyConstraint(['mediator_id'], ['mediators.id'], name=op.f('fk_audit_sample_members_mediator_id_mediators')),
    sa.ForeignKeyConstraint(['outcome_recorded_by_id'], ['users.id'], name=op.f('fk_audit_sample_members_outcome_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['sample_id'], ['audit_samples.id'], name=op.f('fk_audit_sample_members_sample_id_audit_samples'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_sample_members')),
    sa.UniqueConstraint('sample_id', 'mediator_id', name=op.f('uq_audit_sample_members_sample_id_mediator_id'))
    )
    with op.batch_alter_table('audit_sample_members', schema=None) as batch_op:
        batch_op.create_index('ix_audit_sample_members_body_id_outcome', ['body_id', 'outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_sample_members_mediator_id'), ['mediator_id'], unique=False)

    op.create_table('outcome_returns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('local_authority_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('advice_contacts', sa.Integer(), nullable=False),
    sa.Column('certificates_issued', sa.Integer(), nullable=False),
    sa.Column('mediations_held', sa.Integer(), nullable=False),
    sa.Column('agreements_full', sa.Integer(), nullable=False),
    sa.Column('agreements_partial', sa.Integer(), nullable=False),
    sa.Column('agreements_none', sa.Integer(), nullable=False),
    sa.Column('health_social_care_cases', sa.Integer(), nullable=False),
    sa.Column('appeals_after_mediation', sa.Integer(), nullable=False),
    sa.Column('appeals_without_mediation', sa.Integer(), nullable=False),
    sa.CheckConstraint('advice_contacts >= 0 AND certificates_issued >= 0 AND mediations_held >= 0 AND agreements_full >= 0 AND agreements_partial >= 0 AND agreements_none >= 0 AND health_social_care_cases >= 0 AND appeals_after_mediation >= 0 AND appeals_without_mediation >= 0', name=op.f('ck_outcome_returns_figures_not_negative')),
    sa.CheckConstraint('agreements_full + agreements_partial + agreements_none <= mediations_held', name=op.f('ck_outcome_returns_agreements_within_held')),
    sa.CheckConstraint('appeals_after_mediation <= mediations_held', name=op.f('ck_outcome_returns_appeals_within_held')),
    sa.CheckConstraint('appeals_without_mediation <= advice_contacts - mediations_held', name=op.f('ck_outcome_returns_appeals_within_not_mediated')),
    sa.CheckConstraint('certificates_issued <= advice_contacts', name=op.f('ck_outcome_returns_certificates_within_advice')),
    sa.CheckConstraint('health_social_care_cases <= mediations_held', name=op.f('ck_outcome_returns_health_care_within_held')),
    sa.CheckConstraint('mediations_held <= advice_contacts', name=op.f('ck_outcome_returns_mediations_within_advice')),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_outcome_returns_quarter_range')),
    sa.ForeignKeyConstraint(['local_authority_id'], ['local_authorities.id'], name=op.f('fk_outcome_returns_local_authority_id_local_authorities')),
    sa.ForeignKeyConstraint(['provider_id'], ['organisations.id'], name=op.f('fk_outcome_returns_provider_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_returns')),
    sa.UniqueConstraint('provider_id', 'local_authority_id', 'year', 'quarter', name=op.f('uq_outcome_returns_provider_id_local_authority_id_year_quarter'))
    )
    with op.batch_alter_table('outcome_returns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_returns_local_authority_id'), ['local_authority_id'], unique=False)
        batch_op.create_index('ix_outcome_returns_year_quarter', ['year', 'quarter'], unique=False)

    op.create_table('oversight_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('subject_kind', sa.String(length=20), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=True),
    sa.Column('review_type', sa.String(length=12), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('criteria_family', sa.String(length=30), nullable=False),
    sa.Column('criteria_version', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(subject_kind = 'mediator') = (mediator_id IS NOT NULL)", name=op.f('ck_oversight_reviews_mediator_matches_subject')),
    sa.CheckConstraint("review_type IN ('annual', 'thematic', 'cpd_audit', 'concern')", name=op.f('ck_oversight_reviews_review_type')),
    sa.CheckConstraint("subject_kind IN ('accrediting_body', 'training_provider', 'mediator')", name=op.f('ck_oversight_reviews_subject_kind')),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_oversight_reviews_period_order')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_oversight_reviews_created_by_id_users')),
    sa.ForeignKeyConstraint(['mediator_id'], ['mediators.id'], name=op.f('fk_oversight_reviews_mediator_id_mediators')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_oversight_reviews_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_oversight_reviews_published_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oversight_reviews')),
    sa.UniqueConstraint('reference', name=op.f('uq_oversight_reviews_reference'))
    )
    with op.batch_alter_table('oversight_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oversight_reviews_mediator_id'), ['mediator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_oversight_reviews_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_oversight_reviews_published_at', ['published_at'], unique=False)

    op.create_table('concern_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_concern_notes_author_id_users')),
    sa.ForeignKeyConstraint(['concern_id'], ['concerns.id'], name=op.f('fk_concern_notes_concern_id_concerns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concern_notes'))
    )
    with op.batch_alter_table('concern_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_notes_concern_id'), ['concern_id'], unique=False)

    op.create_table('outcome_return_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=4), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('advice_contacts', sa.Integer(), nullable=False),
    sa.Column('certificates_issued', sa.Integer(), nullable=False),
    sa.Column('mediations_held', sa.Integer(), nullable=False),
    sa.Column('agreements_full', sa.Integer(), nullable=False),
    sa.Column('agreements_partial', sa.Integer(), nullable=False),
    sa.Column('agreements_none', sa.Integer(), nullable=False),
    sa.Column('health_social_care_cases', sa.Integer(), nullable=False),
    sa.Column('appeals_after_mediation', sa.Integer(), nullable=False),
    sa.Column('appeals_without_mediation', sa.Integer(), nullable=False),
    sa.CheckConstraint("source IN ('form', 'csv')", name=op.f('ck_outcome_return_revisions_source')),
    sa.CheckConstraint('advice_contacts >= 0 AND certificates_issued >= 0 AND mediations_held >= 0 AND agreements_full >= 0 AND agreements_partial >= 0 AND agreements_none >= 0 AND health_social_care_cases >= 0 AND appeals_after_mediation >= 0 AND appeals_without_mediation >= 0', name=op.f('ck_outcome_return_revisions_figures_not_negative')),
    sa.CheckConstraint('agreements_full + agreements_partial + agreements_none <= mediations_held', name=op.f('ck_outcome_return_revisions_agreements_within_held')),
    sa.CheckConstraint('appeals_after_mediation <= mediations_held', name=op.f('ck_outcome_return_revisions_appeals_within_held')),
    sa.CheckConstraint('appeals_without_mediation <= advice_contacts - mediations_held', name=op.f('ck_outcome_return_revisions_appeals_within_not_mediated')),
    sa.CheckConstraint('certificates_issued <= advice_contacts', name=op.f('ck_outcome_return_revisions_certificates_within_advice')),
    sa.CheckConstraint('health_social_care_cases <= mediations_held', name=op.f('ck_outcome_return_revisions_health_care_within_held')),
    sa.CheckConstraint('mediations_held <= advice_contacts', name=op.f('ck_outcome_return_revisions_mediations_within_advice')),
    sa.ForeignKeyConstraint(['return_id'], ['outcome_returns.id'], name=op.f('fk_outcome_return_revisions_return_id_outcome_returns')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_outcome_return_revisions_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_return_revisions')),
    sa.UniqueConstraint('return_id', 'revision', name=op.f('uq_outcome_return_revisions_return_id_revision'))
    )
    op.create_table('review_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.Column('audit_member_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('responded_by_id', sa.Integer(), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('overdue_flagged_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('open', 'done')", name=op.f('ck_review_actions_status')),
    sa.CheckConstraint('(review_id IS NULL) != (audit_member_id IS NULL)', name=op.f('ck_review_actions_one_source')),
    sa.ForeignKeyConstraint(['audit_member_id'], ['audit_sample_members.id'], name=op.f('fk_review_actions_audit_member_id_audit_sample_members')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_review_actions_created_by_id_users')),
    sa.ForeignKeyConstraint(['owner_id'], ['organisations.id'], name=op.f('fk_review_actions_owner_id_organisations')),
    sa.ForeignKeyConstraint(['responded_by_id'], ['users.id'], name=op.f('fk_review_actions_responded_by_id_users')),
    sa.ForeignKeyConstraint(['review_id'], ['oversight_reviews.id'], name=op.f('fk_review_actions_review_id_oversight_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_actions'))
    )
    with op.batch_alter_table('review_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_actions_audit_member_id'), ['audit_member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_actions_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_actions_review_id'), ['review_id'], unique=False)
        batch_op.create_index('ix_review_actions_status_due_on', ['status', 'due_on'], unique=False)

    op.create_table('review_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('criterion_code', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=15), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("outcome IN ('met', 'partially_met', 'not_met')", name=op.f('ck_review_findings_outcome')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_review_findings_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['review_id'], ['oversight_reviews.id'], name=op.f('fk_review_findings_review_id_oversight_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_findings')),
    sa.UniqueConstraint('review_id', 'criterion_code', name=op.f('uq_review_findings_review_id_criterion_code'))
    )
    op.create_table('concern_handling',
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=15), nullable=False),
    sa.Column('within_scope', sa.Boolean(), nullable=False),
    sa.Column('triage_note', sa.Text(), nullable=False),
    sa.Column('triaged_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('triaged_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('public_message', sa.Text(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('days_to_outcome', sa.Integer(), nullable=True),
    sa.Column('accreditation_event_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(stage = 'closed') = (outcome IS NOT NULL)", name=op.f('ck_concern_handling_outcome_when_closed')),
    sa.CheckConstraint("(stage = 'investigating') = (decided_at IS NULL)", name=op.f('ck_concern_handling_decided_when_finished')),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('no_further_action', 'advice', 'conditions', 'suspension', 'withdrawal')", name=op.f('ck_concern_handling_outcome')),
    sa.CheckConstraint("stage IN ('investigating', 'not_in_scope', 'closed')", name=op.f('ck_concern_handling_stage')),
    sa.ForeignKeyConstraint(['accreditation_event_id'], ['accreditation_events.id'], name=op.f('fk_concern_handling_accreditation_event_id_accreditation_events')),
    sa.ForeignKeyConstraint(['concern_id'], ['concerns.id'], name=op.f('fk_concern_handling_concern_id_concerns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_concern_handling_decided_by_id_users')),
    sa.ForeignKeyConstraint(['triaged_by_id'], ['users.id'], name=op.f('fk_concern_handling_triaged_by_id_users')),
    sa.PrimaryKeyConstraint('concern_id', name=op.f('pk_concern_handling'))
    )
    with op.batch_alter_table('concern_handling', schema=None) as batch_op:
        batch_op.create_index('ix_concern_handling_decided_at_outcome', ['decided_at', 'outcome'], unique=False)

    op.create_table('oversight_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('audit_member_id', sa.Integer(), nullable=True),
    sa.Column('concern_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.CheckConstraint("kind IN ('action_set', 'action_overdue', 'audit_requested', 'audit_outcome', 'concern_update')", name=op.f('ck_oversight_notices_kind')),
    sa.CheckConstraint('recipient_id IS NOT NULL OR email IS NOT NULL', name=op.f('ck_oversight_notices_has_recipient')),
    sa.ForeignKeyConstraint(['action_id'], ['review_actions.id'], name=op.f('fk_oversight_notices_action_id_review_actions')),
    sa.ForeignKeyConstraint(['audit_member_id'], ['audit_sample_members.id'], name=op.f('fk_oversight_notices_audit_member_id_audit_sample_members')),
    sa.ForeignKeyConstraint(['concern_id'], ['concerns.id'], name=op.f('fk_oversight_notices_concern_id_concerns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_oversight_notices_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_oversight_notices_recipient_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oversight_notices'))
    )
    with op.batch_alter_table('oversight_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oversight_notices_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_oversight_notices_audit_member_id'), ['audit_member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_oversight_notices_concern_id'), ['concern_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_oversight_notices_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index('ix_oversight_notices_sent_at_id', ['sent_at', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('oversight_notices', schema=None) as batch_op:
        batch_op.drop_index('ix_oversight_notices_sent_at_id')
        batch_op.drop_index(batch_op.f('ix_oversight_notices_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_oversight_notices_concern_id'))
        batch_op.drop_index(batch_op.f('ix_oversight_notices_audit_member_id'))
        batch_op.drop_index(batch_op.f('ix_oversight_notices_action_id'))

    op.drop_table('oversight_notices')
    with op.batch_alter_table('concern_handling', schema=None) as batch_op:
        batch_op.drop_index('ix_concern_handling_decided_at_outcome')

    op.drop_table('concern_handling')
    op.drop_table('review_findings')
    with op.batch_alter_table('review_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_review_actions_status_due_on')
        batch_op.drop_index(batch_op.f('ix_review_actions_review_id'))
        batch_op.drop_index(batch_op.f('ix_review_actions_owner_id'))
        batch_op.drop_index(batch_op.f('ix_review_actions_audit_member_id'))

    op.drop_table('review_actions')
    op.drop_table('outcome_return_revisions')
    with op.batch_alter_table('concern_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_notes_concern_id'))

    op.drop_table('concern_notes')
    with op.batch_alter_table('oversight_reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_oversight_reviews_published_at')
        batch_op.drop_index(batch_op.f('ix_oversight_reviews_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_oversight_reviews_mediator_id'))

    op.drop_table('oversight_reviews')
    with op.batch_alter_table('outcome_returns', schema=None) as batch_op:
        batch_op.drop_index('ix_outcome_returns_year_quarter')
        batch_op.drop_index(batch_op.f('ix_outcome_returns_local_authority_id'))

    op.drop_table('outcome_returns')
    with op.batch_alter_table('audit_sample_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_sample_members_mediator_id'))
        batch_op.drop_index('ix_audit_sample_members_body_id_outcome')

    op.drop_table('audit_sample_members')
    op.drop_table('audit_samples')
