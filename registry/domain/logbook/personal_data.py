"""Everything the register holds about a mediator, for the mediator: their data-portability download.

It is their own data, so private fields are included (home address, private contact details,
reflections, notes, declarations made when applying). Left out: other people's private notes
about them that the register keeps for the accrediting body and oversight only (the private
reasons on accreditation events), and the contents of evidence files (listed, downloaded one by
one from the log).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from registry.domain import clock
from registry.extensions import db
from registry.models import (
    Accreditation,
    AccreditationApplication,
    LogEntry,
    Mediator,
    RenewalRequest,
    User,
)

FORMAT_VERSION = 1


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _row(obj: object, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _iso(getattr(obj, name)) for name in fields}


MEDIATOR_FIELDS = (
    "registration_number",
    "given_name",
    "family_name",
    "display_name",
    "public_email",
    "public_phone",
    "website",
    "bio",
    "home_address",
    "private_email",
    "private_phone",
    "created_at",
    "updated_at",
)
DECLARATION_FIELDS = ("kind", "other_body", "description", "started_on", "ended_on")
ENTRY_FIELDS = (
    "id",
    "kind",
    "category",
    "occurred_on",
    "title",
    "provider",
    "reflection",
    "issue_type",
    "format",
    "outcome_band",
    "review_status",
    "review_note",
    "reviewed_at",
    "annotation",
    "created_at",
    "updated_at",
)
APPLICATION_FIELDS = (
    "kind",
    "standards_version",
    "submitted_at",
    "decided_at",
    "not_employed_by_local_authority",
    "independent_of_health_bodies",
    "independence_details",
    "has_indemnity_insurance",
    "training_completed",
    "practice_experience",
    "consents_to_publication",
)
RENEWAL_FIELDS = (
    "requested_at",
    "period_start",
    "period_end",
    "scheme_version",
    "compliant",
    "explanation",
    "status",
    "decided_at",
    "decision_note",
)
EVENT_FIELDS = ("sequence", "kind", "from_status", "to_status", "effective_on", "recorded_at", "valid_from",
                "valid_until", "conditions", "public_note")  # fmt: skip


def _profile(mediator: Mediator) -> dict[str, Any]:
    profile = _row(mediator, MEDIATOR_FIELDS)
    profile["areas_served"] = [{"gss_code": a.gss_code, "name": a.name} for a in mediator.areas]
    profile["languages"] = sorted(language.code for language in mediator.languages)
    profile["formats"] = sorted(item.code for item in mediator.formats)
    profile["specialisms"] = sorted(item.code for item in mediator.specialisms)
    profile["providers"] = [provider.name for provider in mediator.providers]
    profile["independence_declarations"] = [
        {
            **_row(declaration, DECLARATION_FIELDS),
            "local_authority": declaration.local_authority.name if declaration.local_authority else None,
            "organisation": declaration.organisation.name if declaration.organisation else None,
        }
        for declaration in mediator.declarations
    ]
    return profile


def _log(mediator: Mediator) -> list[dict[str, Any]]:
    entries = db.session.scalars(
        select(LogEntry)
        .where(LogEntry.mediator_id == mediator.id)
        .options(joinedload(LogEntry.local_authority), joinedload(LogEntry.evidence))
        .order_by(LogEntry.occurred_on, LogEntry.id)
    )
    return [
        {
            **_row(entry, ENTRY_FIELDS),
            "hours": f"{entry.hours.normalize():f}",
            "local_authority": entry.local_authority.gss_code if entry.local_authority else None,
            "evidence_file": (
                _row(entry.evidence, ("original_name", "content_type", "size_bytes", "sha256", "uploaded_at"))
                if entry.evidence
                else None
            ),
        }
        for entry in entries
    ]


def _accreditations(mediator: Mediator) -> list[dict[str, Any]]:
    accreditations = db.session.scalars(
        select(Accreditation)
        .where(Accreditation.mediator_id == mediator.id)
        .options(joinedload(Accreditation.body), selectinload(Accreditation.events))
        .order_by(Accreditation.id)
    ).all()
    ids = [a.id for a in accreditations]
    applications = db.session.scalars(
        select(AccreditationApplication).where(AccreditationApplication.accreditation_id.in_(ids))
    ).all()
    renewals = db.session.scalars(select(RenewalRequest).where(RenewalRequest.accreditation_id.in_(ids))).all()
    return [
        {
            "body": accreditation.body.name,
            **_row(accreditation, ("standards_version", "status", "valid_from", "valid_until", "conditions")),
            "events": [_row(event, EVENT_FIELDS) for event in accreditation.events],
            "applications": [
                _row(a, APPLICATION_FIELDS) for a in applications if a.accreditation_id == accreditation.id
            ],
            "renewal_requests": [_row(r, RENEWAL_FIELDS) for r in renewals if r.accreditation_id == accreditation.id],
        }
        for accreditation in accreditations
    ]


def personal_data(mediator: Mediator, user: User | None) -> dict[str, Any]:
    """A JSON-ready dict of everything held about the mediator (see module docstring)."""
    account = _row(user, ("email", "name", "created_at", "last_signed_in_at")) if user else None
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": clock.now().isoformat(),
        "account": account,
        "profile": _profile(mediator),
        "log": _log(mediator),
        "accreditations": _accreditations(mediator),
    }
