"""The field registry: who may see each field of the mediator's record and of the other public records.

Every mapped attribute (column or relationship) of every record in ``FIELDS`` has one audience,
from the widest to the narrowest; each audience also sees what every wider one sees:

- ``PUBLIC``: anyone, on the public pages, in the public API, the open-data export and the feed.
- ``LOCAL_AUTHORITY``: a local authority officer as well, in their workspace and keyed API calls
  (their own stored checks and watchlist).
- ``BODY``: the organisation responsible for the record (for a mediator's records, their
  accrediting body; for a programme's, its provider and the body deciding it) and the oversight
  panel, beside the person the record is about where they wrote it.
- ``PRIVATE``: the person the record is about only (and the register's own machinery: hashes,
  secrets, file names on disk).

Decisions, so that the next reader does not have to guess:

- The registry is the law; readers list what they show and are checked against it. The API
  schemas say which records they show (``registry.api.schemas.shown``); the export and the change
  feed name the fields they copy through ``public()``; each refuses, at import, a field the
  registry does not let its reader see. The profile splits its details (form headings, audit) by
  it; ``tests/foundation/test_field_registry.py`` reads every template for the mediator fields it
  shows. The privacy sentinel (``tests/fixtures/privacy.py``) writes a marker into every field
  that is not public, read from here, and looks for it on every public page, API response and the
  export. Nothing here changes what a reader shows at run time: a field moved out of ``PUBLIC``
  that a reader still shows is a failing test, never a silently different page.
- Which *rows* are public (mediators on the register, the public kinds of event, accredited
  programmes) is the domain queries' business; this says which fields of a public row may be shown.
- A key or a relationship has the audience of the link it makes: an accreditation's mediator and
  body are public, who recorded an event is not. The numbers themselves are the register's own
  addresses; public pages and the API name things by registration number, reference, slug or code.
- "Public" means published, or meant to be: a field no public page shows today is not public
  because it would be harmless (an event's ``from_status``). Making one public is a change here
  first (an accreditation's ``standards_version`` became public for the dated certificate).
- A mediator's home address and private email and phone are ``BODY``, not ``PRIVATE``: the profile
  form tells the mediator "Only you, your accrediting body and the oversight panel can see them".
- Whether a mediator declared employment by, or a conflict with, a local authority (a declaration's
  kind, authority and dates) is ``PUBLIC``: the public status API and the check page answer it as
  a yes or no for any LA asked about (DESIGN §6). What else they declared is ``BODY``.
- What a local authority keeps on the register (its stored checks and watchlist) is
  ``LOCAL_AUTHORITY``: the keyed API shows it to that LA, and its schemas are checked against it.
  No field of a mediator's own records is for local authorities alone.
- The mediation services an LA commissions (``CommissionedService``) are ``PUBLIC``: the LA's
  officers keep them for its public page (a service a provider proposed is not a public row until the
  LA confirms it). A provider's panel requests (``PanelMembership``) are ``BODY``: only the confirmed
  links are public, as the mediator's providers. An email alert subscription is ``PRIVATE``: the address
  is its owner's, and no page, export, feed or API answer shows it.
- Register admins, who run accounts, are not an audience here: they see what running it needs.
"""

from __future__ import annotations

from enum import IntEnum

from sqlalchemy import inspect

from registry.models import (
    Accreditation,
    AccreditationApplication,
    AccreditationEvent,
    AreaAlertSubscription,
    AssessmentOutcome,
    AuditCheckpoint,
    BulkCheck,
    BulkCheckResult,
    CommissionedService,
    Concern,
    Consultation,
    ConsultationAnswer,
    ConsultationDecision,
    ConsultationResponse,
    ConsultationTheme,
    EvidenceFile,
    IndependenceDeclaration,
    LogEntry,
    Mediator,
    MediatorFormat,
    MediatorLanguage,
    MediatorSpecialism,
    Organisation,
    PanelMembership,
    ProgrammeAccreditationEvent,
    ProgrammeVersion,
    RegisterChange,
    RenewalRequest,
    TrainingCompletion,
    TrainingProgramme,
    User,
    WatchlistItem,
)
from registry.models.base import Base


class Audience(IntEnum):
    """Who may see a field, widest first (see the module docstring)."""

    PUBLIC = 1
    LOCAL_AUTHORITY = 2
    BODY = 3
    PRIVATE = 4


PUBLIC = Audience.PUBLIC
LOCAL_AUTHORITY = Audience.LOCAL_AUTHORITY
BODY = Audience.BODY
PRIVATE = Audience.PRIVATE


def _all(audience: Audience, *names: str) -> dict[str, Audience]:
    return dict.fromkeys(names, audience)


FIELDS: dict[type[Base], dict[str, Audience]] = {
    Mediator: {
        **_all(PUBLIC, "id", "registration_number", "given_name", "family_name", "display_name"),
        **_all(PUBLIC, "public_email", "public_phone", "website", "bio", "takes_cases_anywhere"),
        **_all(PUBLIC, "areas", "providers", "languages", "formats", "specialisms", "left_register_on"),
        "declarations": PUBLIC,  # the link; what of each declaration is public: IndependenceDeclaration
        **_all(BODY, "home_address", "private_email", "private_phone"),
        **_all(BODY, "user_id", "created_at", "updated_at"),
    },
    MediatorLanguage: _all(PUBLIC, "mediator_id", "code"),
    MediatorFormat: _all(PUBLIC, "mediator_id", "code"),
    MediatorSpecialism: _all(PUBLIC, "mediator_id", "code"),
    IndependenceDeclaration: {
        # Answered as a yes or no for any local authority asked about (see the module docstring).
        **_all(PUBLIC, "mediator", "mediator_id", "kind", "local_authority", "local_authority_id"),
        **_all(PUBLIC, "started_on", "ended_on"),
        **_all(BODY, "id", "organisation", "organisation_id", "other_body", "description"),
    },
    Accreditation: {
        **_all(PUBLIC, "id", "mediator", "mediator_id", "body", "body_id", "events"),
        # standards_version: the dated certificate names the standards the accreditation was judged against.
        **_all(PUBLIC, "status", "valid_from", "valid_until", "conditions", "standards_version"),
        # The status today's cache of the public events: the day the status began, the latest one's sequence.
        **_all(PUBLIC, "status_since", "status_sequence"),
        **_all(BODY, "created_at", "version"),
    },
    AccreditationEvent: {
        **_all(PUBLIC, "id", "sequence", "accreditation", "accreditation_id", "kind", "to_status"),
        **_all(PUBLIC, "effective_on", "recorded_at", "valid_from", "valid_until", "conditions", "public_note"),
        **_all(BODY, "from_status", "reason", "actor", "actor_id"),
    },
    # What the mediator declares when applying, and the registrar's judgement of it.
    AccreditationApplication: _all(
        BODY,
        *("id", "accreditation", "accreditation_id", "kind", "standards_version", "outcomes"),
        *("submitted_at", "submitted_by", "submitted_by_id", "decided_at"),
        *("not_employed_by_local_authority", "independent_of_health_bodies", "independence_details"),
        *("has_indemnity_insurance", "training_completed", "practice_experience", "consents_to_publication"),
    ),
    AssessmentOutcome: _all(
        BODY,
        *("id", "application", "application_id", "criterion_code", "outcome", "notes"),
        *("assessor", "assessor_id", "recorded_at"),
    ),
    # The professional log: the mediator, their accrediting body and oversight.
    LogEntry: _all(
        BODY,
        *("id", "mediator", "mediator_id", "kind", "category", "occurred_on", "quarter_hours", "title"),
        *("provider", "reflection", "annotation", "evidence"),
        *("local_authority", "local_authority_id", "issue_type", "format", "outcome_band"),
        *("review_status", "review_note", "reviewed_by", "reviewed_by_id", "reviewed_at"),
        *("created_at", "updated_at", "version"),
    ),
    EvidenceFile: {
        **_all(BODY, "id", "log_entry", "log_entry_id", "original_name", "content_type", "size_bytes"),
        **_all(BODY, "sha256", "uploaded_at"),
        "stored_name": PRIVATE,  # the file's random name on disk
    },
    RenewalRequest: _all(
        BODY,
        *("id", "accreditation", "accreditation_id", "requested_by", "requested_by_id", "requested_at"),
        *("period_start", "period_end", "scheme_version", "compliant", "explanation"),
        *("status", "decided_by", "decided_by_id", "decided_at", "decision_note"),
    ),
    # The body it is routed to and oversight; the person who raised it follows its progress (not its
    # details) on the page its reference opens.
    Concern: _all(
        BODY,
        *("id", "reference", "subject", "mediator", "mediator_id", "provider", "provider_id"),
        *("body", "body_id", "received_at"),
        *("description", "raised_by_name", "raised_by_email", "raised_by_relationship"),
    ),
    # People who sign in: colleagues and the people they deal with see their name in workspaces.
    User: {
        **_all(BODY, "id", "name", "roles", "active", "created_at", "last_signed_in_at", "password_changed_at"),
        **_all(PRIVATE, "email", "password_hash", "totp_secret", "totp_enrolled_at", "totp_last_step"),
    },
    Organisation: {
        **_all(PUBLIC, "id", "slug", "name", "kind", "local_authority", "local_authority_id"),
        **_all(PUBLIC, "website", "public_email", "public_phone", "description"),
        "created_at": BODY,
    },
    TrainingProgramme: {
        **_all(PUBLIC, "id", "reference", "provider", "provider_id", "level", "title", "delivery_mode"),
        **_all(PUBLIC, "latest_version", "versions", "events"),
        **_all(PUBLIC, "status", "body", "body_id", "valid_from", "valid_until", "conditions"),
        **_all(PUBLIC, "status_since", "status_sequence"),  # the status today's cache of the public events
        **_all(BODY, "created_at", "row_version"),
    },
    ProgrammeVersion: {
        **_all(PUBLIC, "id", "programme", "programme_id", "number", "title", "summary", "submitted_at"),
        **_all(PUBLIC, "total_hours", "practical_hours", "delivery_mode", "assessment_method"),
        # criteria_version: the public page names the standards a programme covers through it.
        **_all(PUBLIC, "criteria_covered", "criteria_version", "log_hours"),
        **_all(BODY, "submitted_by", "submitted_by_id"),
    },
    ProgrammeAccreditationEvent: {
        **_all(PUBLIC, "id", "sequence", "programme", "programme_id", "programme_version", "body", "body_id"),
        **_all(PUBLIC, "kind", "to_status", "effective_on", "recorded_at", "valid_from", "valid_until"),
        **_all(PUBLIC, "conditions", "public_note"),
        **_all(BODY, "from_status", "reason", "actor", "actor_id"),
    },
    # On the mediator's public profile: the accredited programmes they completed.
    TrainingCompletion: {
        **_all(PUBLIC, "id", "programme", "programme_id", "version", "programme_version_id"),
        **_all(PUBLIC, "mediator", "mediator_id", "completed_on"),
        **_all(BODY, "recorded_at", "recorded_by", "recorded_by_id", "log_entry_id"),
    },
    # What the change feed publishes: public fields only, written by registry.domain.publication.
    RegisterChange: _all(PUBLIC, "id", "sequence", "kind", "subject", "recorded_at", "data"),
    # Signed statements of the audit trail's head, published in the change feed for anyone to keep
    # (registry.domain.audit_checkpoints): a count, a hash, a time and a signature; nothing of the events.
    AuditCheckpoint: _all(
        PUBLIC, *("id", "sequence", "events", "head_hash", "taken_at", "kid", "signature", "supersedes")
    ),
    # What a local authority keeps: its checks (evidence of due diligence) and its watchlist.
    BulkCheck: _all(
        LOCAL_AUTHORITY,
        *("id", "reference", "organisation", "organisation_id", "created_by_id", "api_key_id"),
        *("as_at", "created_at", "item_count", "results"),
    ),
    BulkCheckResult: _all(
        LOCAL_AUTHORITY,
        *("id", "check", "check_id", "position", "input", "registration_number", "outcome", "name"),
        *("valid_until", "conditions", "declared_conflict"),
    ),
    WatchlistItem: _all(
        LOCAL_AUTHORITY, "id", "organisation", "organisation_id", "mediator", "mediator_id", "added_at", "added_by_id"
    ),
    # What an LA publishes about the mediation it commissions: its page and the API show all of it.
    CommissionedService: _all(
        PUBLIC,
        *("id", "organisation", "organisation_id", "provider_name", "email", "phone", "website", "how_to_refer"),
        *("since", "local_offer_url", "created_at", "updated_at", "provider", "provider_id", "confirmed_at"),
    ),
    # A provider's panel: the confirmed links are public through Mediator.providers; the requests, answers
    # and who made them are for the provider, the mediator and oversight.
    PanelMembership: _all(
        BODY,
        *("id", "provider", "provider_id", "mediator", "mediator_id", "status", "asked_at", "asked_by_id"),
        *("answered_at", "ended_at", "ended_by_id"),
    ),
    # Consultations on draft standards (issue 21). The draft, its dates and (once the final version is
    # published) the working group's decisions are public. A response is the working group's to read
    # (BODY): its words, name and organisation reach a public page only when the final version is published
    # and only as its author chose (``consultations.reading.published_responses``), which is a choice of
    # rows, like a mediator on the register. The email address is for verification alone (PRIVATE), and
    # so is the link's hash; why a response was hidden, and by whom, stays with the working group.
    Consultation: {
        **_all(PUBLIC, "id", "family", "version", "title", "opens_on", "closes_on", "content_hash", "source"),
        **_all(PUBLIC, "recorded_at", "published_at", "decisions"),
        "responses": BODY,
    },
    ConsultationDecision: {
        **_all(PUBLIC, "id", "consultation", "consultation_id", "topic", "decision", "written_at"),
        "written_by_id": BODY,
    },
    ConsultationResponse: {
        **_all(PUBLIC, "id", "consultation", "consultation_id", "publication"),
        **_all(BODY, "name", "organisation", "answers", "created_at", "verified_at"),
        **_all(BODY, "hidden_at", "hidden_reason", "hidden_by", "hidden_by_id"),
        **_all(PRIVATE, "email", "confirm_token_hash"),
    },
    ConsultationAnswer: {
        **_all(PUBLIC, "id", "response_id", "topic", "view"),
        **_all(BODY, "response", "reason", "themes"),
    },
    ConsultationTheme: _all(BODY, "id", "answer_id", "theme", "tagged_by_id", "tagged_at"),
    # Someone following an LA's area by email: the address is theirs alone, never shown anywhere.
    AreaAlertSubscription: _all(
        PRIVATE,
        *("id", "local_authority", "local_authority_id", "email", "confirm_token_hash", "requested_at"),
        *("confirmed_at", "unsubscribe_nonce", "created_at"),
    ),
}


class NotShown(Exception):
    """A reader names a field its audience may not see (a programming error, raised at import)."""


def records() -> tuple[type[Base], ...]:
    return tuple(FIELDS)


def fields_of(model: type[Base]) -> tuple[str, ...]:
    return tuple(FIELDS[model])


def audience(model: type[Base], name: str) -> Audience:
    try:
        return FIELDS[model][name]
    except KeyError:
        raise NotShown(f"{model.__name__}.{name} has no audience in registry.domain.visibility") from None


def is_public(model: type[Base], name: str) -> bool:
    return audience(model, name) is PUBLIC


def public(model: type[Base], *names: str) -> tuple[str, ...]:
    """``names``, after checking that each is a public field of ``model``.

    For readers that copy a record's fields onto a public page, API response or export: name them
    through this, and a field the registry does not call public stops the import."""
    return shown_to(PUBLIC, model, *names)


def shown_to(reader: Audience, model: type[Base], *names: str) -> tuple[str, ...]:
    """``names``, after checking that ``reader`` may see each field of ``model``."""
    hidden = [name for name in names if audience(model, name) > reader]
    if hidden:
        fields = ", ".join(f"{model.__name__}.{name}" for name in hidden)
        raise NotShown(f"{fields} may not be shown to {reader.name.lower()} (registry.domain.visibility)")
    return names


def unpublished(model: type[Base]) -> tuple[str, ...]:
    """Every field of ``model`` that is not public, in the registry's order."""
    return tuple(name for name, seen_by in FIELDS[model].items() if seen_by is not PUBLIC)


def unclassified(model: type[Base]) -> set[str]:
    """Mapped attributes of ``model`` with no audience, and audiences given to no attribute."""
    mapped = set(inspect(model).attrs.keys())
    return mapped ^ set(FIELDS.get(model, {}))
