"""Roles mapped to capabilities: the one table that says what each role may do.

Views and API resources ask for a capability, never for a role name. Scope (which body,
provider or LA) is checked by the predicates in ``registry.auth.policy``.
"""

from __future__ import annotations

CAPABILITIES: dict[str, frozenset[str]] = {
    "admin": frozenset({"manage_organisations", "manage_users", "manage_reference_data", "view_audit"}),
    "oversight": frozenset(
        {
            "view_private_history",
            "view_all_concerns",
            "run_oversight_reviews",
            "run_cpd_audits",
            "view_evidence",
            "view_audit",
        }
    ),
    "registrar": frozenset(
        {
            "assess_applications",
            "decide_accreditations",
            "view_private_history",
            "verify_log_entries",
            "view_evidence",
            "decide_training_programmes",
            "handle_concerns",
            "respond_to_oversight_actions",
        }
    ),
    "trainer": frozenset({"submit_training_programmes", "record_completions", "respond_to_oversight_actions"}),
    "provider": frozenset({"manage_provider_details", "submit_outcome_returns", "respond_to_oversight_actions"}),
    "la_officer": frozenset(
        {
            "manage_watchlist",
            "manage_api_keys",
            "maintain_commissioned_services",
            "run_bulk_checks",
            "view_conflict_flags",
            "respond_to_oversight_actions",
        }
    ),
    "mediator": frozenset({"edit_own_profile", "keep_own_log", "apply_for_accreditation", "view_own_evidence"}),
    # The working group that consults on the standards (issue 21): reads, counts, tags, hides and
    # exports the responses, and writes the consultation response.
    "standards_group": frozenset({"run_consultations"}),
}

ALL_CAPABILITIES: frozenset[str] = frozenset().union(*CAPABILITIES.values())

# Where each role's workspace lives; /workspace sends a person to the first they hold.
WORKSPACES: dict[str, str] = {
    "admin": "workspace.admin",
    "oversight": "workspace.oversight",
    "registrar": "workspace.registrar",
    "trainer": "workspace.trainer",
    "provider": "workspace.provider",
    "la_officer": "workspace.la_officer",
    "mediator": "workspace.mediator",
    "standards_group": "consultation_work.index",
}
