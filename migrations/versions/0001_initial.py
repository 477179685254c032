"""The foundation: local authorities, organisations, people and roles, mediators,
accreditations with their event history, the audit trail and sequence counters.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "local_authorities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gss_code", sa.String(length=9), nullable=False),
        sa.Column("dfe_code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("region_code", sa.String(length=9), nullable=False),
        sa.Column("region_name", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_authorities")),
        sa.UniqueConstraint("dfe_code", name=op.f("uq_local_authorities_dfe_code")),
        sa.UniqueConstraint("gss_code", name=op.f("uq_local_authorities_gss_code")),
    )
    with op.batch_alter_table("local_authorities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_local_authorities_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_local_authorities_region_code"), ["region_code"], unique=False)

    op.create_table(
        "sequence_counters",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sequence_counters")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_signed_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("email = lower(email)", name=op.f("ck_users_email_lower_case")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_audit_events_actor_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("sequence", name=op.f("uq_audit_events_sequence")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "former_gss_codes",
        sa.Column("gss_code", sa.String(length=9), nullable=False),
        sa.Column("local_authority_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["local_authority_id"],
            ["local_authorities.id"],
            name=op.f("fk_former_gss_codes_local_authority_id_local_authorities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("gss_code", name=op.f("pk_former_gss_codes")),
    )
    with op.batch_alter_table("former_gss_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_former_gss_codes_local_authority_id"), ["local_authority_id"], unique=False
        )

    op.create_table(
        "mediators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_number", sa.String(length=11), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("public_email", sa.String(length=254), nullable=True),
        sa.Column("public_phone", sa.String(length=40), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("home_address", sa.Text(), nullable=True),
        sa.Column("private_email", sa.String(length=254), nullable=True),
        sa.Column("private_phone", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_mediators_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediators")),
        sa.UniqueConstraint("registration_number", name=op.f("uq_mediators_registration_number")),
        sa.UniqueConstraint("user_id", name=op.f("uq_mediators_user_id")),
    )
    with op.batch_alter_table("mediators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mediators_display_name"), ["display_name"], unique=False)

    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("local_authority_id", sa.Integer(), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("public_email", sa.String(length=254), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(kind = 'local_authority') = (local_authority_id IS NOT NULL)",
            name=op.f("ck_organisations_local_authority_matches_kind"),
        ),
        sa.CheckConstraint(
            "kind IN ('accrediting_body', 'training_provider', 'mediation_provider', 'local_authority', 'oversight_body')",
            name=op.f("ck_organisations_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["local_authority_id"],
            ["local_authorities.id"],
            name=op.f("fk_organisations_local_authority_id_local_authorities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("local_authority_id", name=op.f("uq_organisations_local_authority_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisations_slug")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisations_kind"), ["kind"], unique=False)

    op.create_table(
        "accreditations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("standards_version", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('applied', 'refused', 'accredited', 'suspended', 'lapsed', 'withdrawn', 'resigned')",
            name=op.f("ck_accreditations_status"),
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from",
            name=op.f("ck_accreditations_valid_period"),
        ),
        sa.ForeignKeyConstraint(
            ["body_id"], ["organisations.id"], name=op.f("fk_accreditations_body_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["mediator_id"], ["mediators.id"], name=op.f("fk_accreditations_mediator_id_mediators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accreditations")),
    )
    with op.batch_alter_table("accreditations", schema=None) as batch_op:
        batch_op.create_index("ix_accreditations_body_id_status", ["body_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_accreditations_mediator_id"), ["mediator_id"], unique=False)
        batch_op.create_index("ix_accreditations_status_valid_until", ["status", "valid_until"], unique=False)

    op.create_table(
        "independence_declarations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("local_authority_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("other_body", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.CheckConstraint("kind IN ('employment', 'conflict')", name=op.f("ck_independence_declarations_kind")),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= started_on", name=op.f("ck_independence_declarations_ends_after_start")
        ),
        sa.CheckConstraint(
            "local_authority_id IS NOT NULL OR organisation_id IS NOT NULL OR other_body IS NOT NULL",
            name=op.f("ck_independence_declarations_names_a_body"),
        ),
        sa.ForeignKeyConstraint(
            ["local_authority_id"],
            ["local_authorities.id"],
            name=op.f("fk_independence_declarations_local_authority_id_local_authorities"),
        ),
        sa.ForeignKeyConstraint(
            ["mediator_id"],
            ["mediators.id"],
            name=op.f("fk_independence_declarations_mediator_id_mediators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_independence_declarations_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_independence_declarations")),
    )
    with op.batch_alter_table("independence_declarations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_independence_declarations_local_authority_id"), ["local_authority_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_independence_declarations_mediator_id"), ["mediator_id"], unique=False)

    op.create_table(
        "mediator_areas",
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("local_authority_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["local_authority_id"],
            ["local_authorities.id"],
            name=op.f("fk_mediator_areas_local_authority_id_local_authorities"),
        ),
        sa.ForeignKeyConstraint(
            ["mediator_id"], ["mediators.id"], name=op.f("fk_mediator_areas_mediator_id_mediators"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("mediator_id", "local_authority_id", name=op.f("pk_mediator_areas")),
    )
    with op.batch_alter_table("mediator_areas", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mediator_areas_local_authority_id_mediator_id", ["local_authority_id", "mediator_id"], unique=False
        )

    op.create_table(
        "mediator_formats",
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.CheckConstraint("code IN ('in_person', 'video', 'phone')", name=op.f("ck_mediator_formats_code")),
        sa.ForeignKeyConstraint(
            ["mediator_id"],
            ["mediators.id"],
            name=op.f("fk_mediator_formats_mediator_id_mediators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mediator_id", "code", name=op.f("pk_mediator_formats")),
    )
    with op.batch_alter_table("mediator_formats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mediator_formats_code"), ["code"], unique=False)

    op.create_table(
        "mediator_languages",
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["mediator_id"],
            ["mediators.id"],
            name=op.f("fk_mediator_languages_mediator_id_mediators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mediator_id", "code", name=op.f("pk_mediator_languages")),
    )
    with op.batch_alter_table("mediator_languages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mediator_languages_code"), ["code"], unique=False)

    op.create_table(
        "mediator_providers",
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mediator_id"],
            ["mediators.id"],
            name=op.f("fk_mediator_providers_mediator_id_mediators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_mediator_providers_organisation_id_organisations")
        ),
        sa.PrimaryKeyConstraint("mediator_id", "organisation_id", name=op.f("pk_mediator_providers")),
    )
    with op.batch_alter_table("mediator_providers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mediator_providers_organisation_id_mediator_id", ["organisation_id", "mediator_id"], unique=False
        )

    op.create_table(
        "mediator_specialisms",
        sa.Column("mediator_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["mediator_id"],
            ["mediators.id"],
            name=op.f("fk_mediator_specialisms_mediator_id_mediators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mediator_id", "code", name=op.f("pk_mediator_specialisms")),
    )
    with op.batch_alter_table("mediator_specialisms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mediator_specialisms_code"), ["code"], unique=False)

    op.create_table(
        "role_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(role IN ('admin', 'mediator')) = (organisation_id IS NULL)",
            name=op.f("ck_role_assignments_organisation_scope_matches_role"),
        ),
        sa.CheckConstraint(
            "role IN ('admin', 'oversight', 'registrar', 'trainer', 'provider', 'la_officer', 'mediator')",
            name=op.f("ck_role_assignments_role"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_role_assignments_organisation_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_role_assignments_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_assignments")),
        sa.UniqueConstraint(
            "user_id", "role", "organisation_id", name=op.f("uq_role_assignments_user_id_role_organisation_id")
        ),
    )
    with op.batch_alter_table("role_assignments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_assignments_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_role_assignments_user_id"), ["user_id"], unique=False)

    op.create_table(
        "accreditation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("accreditation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("public_note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "from_status IS NULL OR from_status IN ('applied', 'refused', 'accredited', 'suspended', 'lapsed', 'withdrawn', 'resigned')",
            name=op.f("ck_accreditation_events_from_status"),
        ),
        sa.CheckConstraint(
            "kind IN ('applied', 'accredited', 'refused', 'renewed', 'conditions_changed', 'suspended', 'reinstated', 'withdrawn', 'resigned', 'lapsed')",
            name=op.f("ck_accreditation_events_kind"),
        ),
        sa.CheckConstraint(
            "to_status IN ('applied', 'refused', 'accredited', 'suspended', 'lapsed', 'withdrawn', 'resigned')",
            name=op.f("ck_accreditation_events_to_status"),
        ),
        sa.ForeignKeyConstraint(
            ["accreditation_id"],
            ["accreditations.id"],
            name=op.f("fk_accreditation_events_accreditation_id_accreditations"),
        ),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_accreditation_events_actor_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accreditation_events")),
        sa.UniqueConstraint("sequence", name=op.f("uq_accreditation_events_sequence")),
    )
    with op.batch_alter_table("accreditation_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_accreditation_events_accreditation_id_sequence", ["accreditation_id", "sequence"], unique=False
        )


def downgrade():
    with op.batch_alter_table("accreditation_events", schema=None) as batch_op:
        batch_op.drop_index("ix_accreditation_events_accreditation_id_sequence")

    op.drop_table("accreditation_events")
    with op.batch_alter_table("role_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_assignments_user_id"))
        batch_op.drop_index(batch_op.f("ix_role_assignments_organisation_id"))

    op.drop_table("role_assignments")
    with op.batch_alter_table("mediator_specialisms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mediator_specialisms_code"))

    op.drop_table("mediator_specialisms")
    with op.batch_alter_table("mediator_providers", schema=None) as batch_op:
        batch_op.drop_index("ix_mediator_providers_organisation_id_mediator_id")

    op.drop_table("mediator_providers")
    with op.batch_alter_table("mediator_languages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mediator_languages_code"))

    op.drop_table("mediator_languages")
    with op.batch_alter_table("mediator_formats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mediator_formats_code"))

    op.drop_table("mediator_formats")
    with op.batch_alter_table("mediator_areas", schema=None) as batch_op:
        batch_op.drop_index("ix_mediator_areas_local_authority_id_mediator_id")

    op.drop_table("mediator_areas")
    with op.batch_alter_table("independence_declarations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_independence_declarations_mediator_id"))
        batch_op.drop_index(batch_op.f("ix_independence_declarations_local_authority_id"))

    op.drop_table("independence_declarations")
    with op.batch_alter_table("accreditations", schema=None) as batch_op:
        batch_op.drop_index("ix_accreditations_status_valid_until")
        batch_op.drop_index(batch_op.f("ix_accreditations_mediator_id"))
        batch_op.drop_index("ix_accreditations_body_id_status")

    op.drop_table("accreditations")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_kind"))

    op.drop_table("organisations")
    with op.batch_alter_table("mediators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mediators_display_name"))

    op.drop_table("mediators")
    with op.batch_alter_table("former_gss_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_former_gss_codes_local_authority_id"))

    op.drop_table("former_gss_codes")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_actor_id"))

    op.drop_table("audit_events")
    op.drop_table("users")
    op.drop_table("sequence_counters")
    with op.batch_alter_table("local_authorities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_authorities_region_code"))
        batch_op.drop_index(batch_op.f("ix_local_authorities_name"))

    op.drop_table("local_authorities")
