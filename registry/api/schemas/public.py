"""Public schemas: what anyone may see. Each lists its fields explicitly; none has a private one.

Which fields of a record are public is the field registry's (``registry.domain.visibility``): a
schema that shows a record says so with ``@shows(Record)``, and one declaring a field the registry
does not call public stops the import. Never here, for instance: a mediator's home address, private
email and private phone; an event's reason and who recorded it. Applications and refusals are not
here either (the register lists people who have been accredited, not every applicant).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from registry.api.schemas.common import PageSchema
from registry.api.schemas.shown import shows
from registry.domain import statuses
from registry.domain.accreditation.transitions import PUBLIC_KINDS
from registry.domain.changes import public_update
from registry.domain.coverage import LOCAL, REMOTE
from registry.domain.places.where import KINDS as WHERE_KINDS
from registry.domain.training.transitions import PUBLIC_STATUSES
from registry.models import (
    Accreditation,
    AccreditationEvent,
    AuditCheckpoint,
    Mediator,
    Organisation,
    ProgrammeAccreditationEvent,
    ProgrammeVersion,
    RegisterChange,
    TrainingProgramme,
)
from registry.models.changes import CHANGE_KINDS
from registry.models.mediators import FORMATS

STATUS_CODES = tuple(statuses.MEDIATOR)
COVERAGE = (LOCAL, REMOTE)
ACCREDITATION_STATUSES = ("accredited", "suspended", "lapsed", "withdrawn", "resigned")
EXAMPLE_NUMBER = "SM-004217-2"


def hours_field(description: str = "Hours, to the quarter hour.", *, example: float) -> fields.Float:
    """Hours are JSON numbers (the database keeps them as exact decimals to the quarter hour, which a
    binary number holds exactly)."""
    return fields.Float(required=True, metadata={"description": description, "example": example})


def _nullable_date(description: str) -> fields.Date:
    return fields.Date(required=True, allow_none=True, metadata={"description": description})


@shows(Accreditation)
class StatusSchema(ma.Schema):
    """A mediator's status on a date, from the accreditation that decides it. Dumps an object with
    ``status`` (a MediatorStatus), ``body_name`` and ``note`` (a suspension's public note)."""

    status = fields.String(
        required=True,
        validate=validate.OneOf(STATUS_CODES),
        metadata={"description": "The status in one word, for systems.", "example": "accredited"},
    )
    label = fields.String(
        required=True, metadata={"description": "The status in words, for people.", "example": "Accredited"}
    )
    explanation = fields.String(
        required=True,
        metadata={
            "description": "What the status means for someone relying on it, in one or two sentences.",
            "example": statuses.MEDIATOR["accredited"].meaning,
        },
    )
    accreditation_status = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(ACCREDITATION_STATUSES),
        metadata={"description": "The deciding accreditation's own status (tells `resigned` from never accredited)."},
    )
    since = _nullable_date("The date it entered that status.")
    accrediting_body = fields.String(required=True, allow_none=True, metadata={"example": "Civil Mediation Council"})
    valid_from = _nullable_date("Start of continuous accreditation.")
    valid_until = _nullable_date("Last day of the current accreditation period.")
    conditions = fields.String(
        required=True, allow_none=True, metadata={"description": "Public conditions attached to the accreditation."}
    )
    public_note = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "For a suspension, the accrediting body's public note about it (`since` is its date)."
        },
    )

    @ma.pre_dump
    def from_status(self, item: Any, **kwargs: Any) -> dict[str, Any]:
        status = item.status
        state = status.state if status.state and status.state.status in ACCREDITATION_STATUSES else None
        return {
            "status": status.code,
            "label": statuses.MEDIATOR[status.code].label,
            "explanation": statuses.MEDIATOR[status.code].meaning,
            "accreditation_status": state.status if state else None,
            "since": state.since if state else None,
            "accrediting_body": item.body_name if state else None,
            "valid_from": state.valid_from if state else None,
            "valid_until": state.valid_until if state else None,
            "conditions": state.conditions if state else None,
            "public_note": item.note,
        }


class LocalAuthorityRefSchema(ma.Schema):
    gss_code = fields.String(required=True, metadata={"example": "E08000039"})
    name = fields.String(required=True, metadata={"example": "Sheffield"})


@shows(Organisation)
class ProviderRefSchema(ma.Schema):
    name = fields.String(required=True)
    website = fields.String(required=True, allow_none=True)


def _codes(items: Any) -> list[str]:
    return sorted(item.code for item in items)


@shows(Mediator)
class MediatorSummarySchema(ma.Schema):
    """A mediator as a search result. Dumps a ``Listed`` (mediator, status view, url)."""

    registration_number = fields.String(required=True, metadata={"example": EXAMPLE_NUMBER})
    name = fields.String(required=True, metadata={"example": "Ada Lovelace"})
    status = fields.Nested(StatusSchema, required=True)
    local_authorities = fields.List(fields.Nested(LocalAuthorityRefSchema), required=True)
    languages = fields.List(fields.String(), required=True, metadata={"example": ["en", "bfi"]})
    formats = fields.List(
        fields.String(validate=validate.OneOf(FORMATS)), required=True, metadata={"example": ["video"]}
    )
    specialisms = fields.List(fields.String(), required=True, metadata={"example": ["autism", "post_16"]})
    providers = fields.List(fields.Nested(ProviderRefSchema), required=True)
    url = fields.String(required=True, metadata={"description": "This mediator in the API."})
    takes_cases_anywhere = fields.Boolean(
        required=True,
        metadata={"description": "They take cases from anywhere in England (by video or phone, among `formats`)."},
    )
    coverage = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(COVERAGE),
        metadata={
            "description": "In a search by `local_authority`: `local` if they list the LA among their areas, `remote` "
            "if they take cases from anywhere in England by video or phone (listed after the local ones). "
            "Otherwise null."
        },
    )
    independence = fields.Nested(
        "IndependenceSchema",
        required=True,
        allow_none=True,
        metadata={"description": "In a search by `local_authority`: what they declared with that LA. Otherwise null."},
    )

    @ma.pre_dump
    def from_listed(self, listed: Any, **kwargs: Any) -> dict[str, Any]:
        mediator = listed.mediator
        return {
            "registration_number": mediator.registration_number,
            "name": mediator.display_name,
            "status": listed.status,
            "local_authorities": mediator.areas,
            "languages": _codes(mediator.languages),
            "formats": _codes(mediator.formats),
            "specialisms": _codes(mediator.specialisms),
            "providers": mediator.providers,
            "url": listed.url,
            "takes_cases_anywhere": mediator.takes_cases_anywhere,
            "coverage": listed.coverage,
            "independence": listed.independence,
        }


@shows(Mediator)
class MediatorProfileSchema(MediatorSummarySchema):
    """Everything public about a mediator. The email, phone and website are null while the mediator
    is not accredited (suspended, lapsed, withdrawn or resigned), as on the profile page."""

    given_name = fields.String(required=True)
    family_name = fields.String(required=True)
    public_email = fields.String(required=True, allow_none=True)
    public_phone = fields.String(required=True, allow_none=True)
    website = fields.String(required=True, allow_none=True)
    bio = fields.String(required=True)
    accrediting_bodies = fields.List(
        fields.String(), required=True, metadata={"description": "Bodies that have accredited this mediator."}
    )
    history_url = fields.String(required=True, metadata={"description": "The mediator's public history in the API."})

    @ma.pre_dump
    def from_listed(self, listed: Any, **kwargs: Any) -> dict[str, Any]:
        mediator = listed.mediator
        contact = listed.status.status.shows_contact_details
        return super().from_listed(listed) | {
            "given_name": mediator.given_name,
            "family_name": mediator.family_name,
            "public_email": mediator.public_email if contact else None,
            "public_phone": mediator.public_phone if contact else None,
            "website": mediator.website if contact else None,
            "bio": mediator.bio,
            "accrediting_bodies": listed.body_names,
            "history_url": listed.history_url,
        }


class WhereSchema(ma.Schema):
    """What a search's `where` was understood as (``registry.domain.places.where.Understood``)."""

    input = fields.String(required=True, attribute="text", metadata={"example": "cb2 1tn"})
    understood_as = fields.String(
        required=True,
        attribute="kind",
        validate=validate.OneOf(WHERE_KINDS),
        metadata={"description": "A postcode, a postcode sector or district, a town or city, or an LA."},
    )
    place = fields.String(required=True, metadata={"description": "What it was read as.", "example": "CB2 1TN"})
    local_authority = fields.Nested(LocalAuthorityRefSchema, required=True, attribute="area")
    description = fields.String(required=True, metadata={"example": "Cambridgeshire (CB2 1TN)"})


class MediatorPageSchema(PageSchema):
    items = fields.List(fields.Nested(MediatorSummarySchema), required=True)
    where = fields.Nested(
        WhereSchema,
        allow_none=True,
        metadata={"description": "The local authority a `where` was understood as (null without one)."},
    )


class IndependenceSchema(ma.Schema):
    """What the mediator has declared about one LA, on the date asked about. Dumps an object with
    ``local_authority`` and ``declared`` (declaration kind → the day it began)."""

    gss_code = fields.String(required=True, metadata={"example": "E08000039"})
    name = fields.String(required=True, metadata={"example": "Sheffield"})
    employed_by = fields.Boolean(required=True, metadata={"description": "Declared employment by this LA."})
    employed_since = _nullable_date("The day the declared employment began.")
    conflict_declared = fields.Boolean(
        required=True, metadata={"description": "Declared a contract or other conflict of interest with this LA."}
    )
    conflict_declared_since = _nullable_date("The day the declared conflict began.")

    @ma.pre_dump
    def from_declared(self, item: Any, **kwargs: Any) -> dict[str, Any]:
        declared = item.declared
        return {
            "gss_code": item.local_authority.gss_code,
            "name": item.local_authority.name,
            "employed_by": "employment" in declared,
            "employed_since": declared.get("employment"),
            "conflict_declared": "conflict" in declared,
            "conflict_declared_since": declared.get("conflict"),
        }


class StatusReportSchema(ma.Schema):
    registration_number = fields.String(required=True, metadata={"example": EXAMPLE_NUMBER})
    name = fields.String(required=True)
    as_at = fields.Date(required=True, metadata={"description": "The date the status is for (valid time)."})
    recorded_as_at = fields.Date(
        required=True, allow_none=True, metadata={"description": "As the register knew it at the end of this day."}
    )
    status = fields.Nested(StatusSchema, required=True)
    local_authority = fields.Nested(
        IndependenceSchema,
        required=True,
        allow_none=True,
        metadata={"description": "Present when `local_authority` was asked about."},
    )

    @ma.pre_dump
    def from_report(self, report: Any, **kwargs: Any) -> dict[str, Any]:
        """``report`` is a ``registry.domain.checks.StatusReport``."""
        return {
            "registration_number": report.registration_number,
            "name": report.name,
            "as_at": report.status.on,
            "recorded_as_at": report.status.as_known_on,
            "status": report,
            "local_authority": report if report.local_authority is not None else None,
        }


@shows(AccreditationEvent)
class HistoryEventSchema(ma.Schema):
    """A public accreditation event (never its private reason, nor who recorded it)."""

    sequence = fields.Integer(required=True, metadata={"description": "Its place in the change feed."})
    kind = fields.String(required=True, validate=validate.OneOf(PUBLIC_KINDS), metadata={"example": "renewed"})
    effective_on = fields.Date(required=True)
    accrediting_body = fields.String(required=True, attribute="body_name")
    valid_until = fields.Date(required=True, allow_none=True)
    conditions = fields.String(required=True, allow_none=True)
    public_note = fields.String(required=True, allow_none=True)


class HistoryPageSchema(PageSchema):
    items = fields.List(fields.Nested(HistoryEventSchema), required=True)


@shows(Organisation)
class BodyRefSchema(ma.Schema):
    slug = fields.String(required=True, metadata={"example": "civil-mediation-council"})
    name = fields.String(required=True, metadata={"example": "Civil Mediation Council"})


@shows(AccreditationEvent, Mediator)
class ChangeSchema(ma.Schema):
    sequence = fields.Integer(required=True, metadata={"example": 1042})
    registration_number = fields.String(required=True, metadata={"example": EXAMPLE_NUMBER})
    kind = fields.String(required=True, validate=validate.OneOf(PUBLIC_KINDS), metadata={"example": "suspended"})
    accreditation_status = fields.String(
        required=True,
        validate=validate.OneOf(ACCREDITATION_STATUSES),
        metadata={"description": "The accreditation's status after the event."},
    )
    accrediting_body = fields.Nested(BodyRefSchema, required=True)
    effective_on = fields.Date(required=True)
    recorded_at = fields.AwareDateTime(required=True, metadata={"description": "When it was recorded (UTC)."})
    valid_from = fields.Date(required=True, allow_none=True)
    valid_until = fields.Date(required=True, allow_none=True)
    conditions = fields.String(required=True, allow_none=True)
    public_note = fields.String(required=True, allow_none=True)

    @ma.pre_dump
    def from_change(self, change: Any, **kwargs: Any) -> dict[str, Any]:
        return {
            "sequence": change.sequence,
            "registration_number": change.registration_number,
            "kind": change.kind,
            "accreditation_status": change.status,
            "accrediting_body": {"slug": change.body_slug, "name": change.body_name},
            "effective_on": change.effective_on,
            "recorded_at": change.recorded_at,
            "valid_from": change.valid_from,
            "valid_until": change.valid_until,
            "conditions": change.conditions,
            "public_note": change.public_note,
        }


@shows(AuditCheckpoint)
class AuditCheckpointSchema(ma.Schema):
    sequence = fields.Integer(required=True, metadata={"description": "Its place in the feed.", "example": 1043})
    events = fields.Integer(
        required=True,
        metadata={"description": "How many events the audit trail held (the sequence of the last).", "example": 1310},
    )
    head_hash = fields.String(
        required=True, metadata={"description": "The SHA-256 hash (hex) of the last audit event then."}
    )
    taken_at = fields.AwareDateTime(required=True, metadata={"description": "When it was taken (UTC, whole seconds)."})
    kid = fields.String(required=True, metadata={"description": "The RFC 7638 thumbprint of the signing key."})
    signature = fields.String(
        required=True,
        metadata={
            "description": "Ed25519 signature (base64url, unpadded) over the JSON object of `type` "
            '(`"send-mediation-register/audit-checkpoint/v1"`), `events`, `head_hash`, `taken_at` '
            "(`YYYY-MM-DDTHH:MM:SSZ`), `kid` and `supersedes`, keys sorted, no spaces, ASCII."
        },
    )
    supersedes = fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "When set: the register restored an older backup, and this checkpoint knowingly "
            "replaces the one that recorded this many events."
        },
    )


class ChangeFeedSchema(ma.Schema):
    items = fields.List(fields.Nested(ChangeSchema), required=True, attribute="changes")
    checkpoints = fields.List(
        fields.Nested(AuditCheckpointSchema),
        required=True,
        metadata={
            "description": "Signed checkpoints of the register's audit trail within this page's sequences: keep "
            "them to hold the register to its history (a later trail must extend each one)."
        },
    )
    updates = fields.List(
        fields.Nested(lambda: RegisterUpdateSchema()),
        required=True,
        metadata={
            "description": "Every change to what the public register shows within this page's sequences, with "
            "the public fields after it: apply them in order to a copy loaded from the export (replace the row "
            "of its `subject` with `entry`, drop the row of a `mediator_left`) and the copy is the register."
        },
    )
    after = fields.Integer(required=True, metadata={"description": "The cursor this page was read after."})
    next_after = fields.Integer(required=True, metadata={"description": "Ask for `after=` this next."})
    has_more = fields.Boolean(required=True, metadata={"description": "Whether more events are waiting already."})


@shows(Organisation)
class BodySchema(ma.Schema):
    slug = fields.String(required=True, metadata={"example": "civil-mediation-council"})
    name = fields.String(required=True)
    website = fields.String(required=True, allow_none=True)
    public_email = fields.String(required=True, allow_none=True)


class BodyPageSchema(PageSchema):
    items = fields.List(fields.Nested(BodySchema), required=True)


class LocalAuthoritySchema(ma.Schema):
    gss_code = fields.String(required=True, metadata={"example": "E08000039"})
    dfe_code = fields.String(required=True, metadata={"example": "373"})
    name = fields.String(required=True, metadata={"example": "Sheffield"})
    region_code = fields.String(required=True, metadata={"example": "E12000003"})
    region_name = fields.String(required=True, metadata={"example": "Yorkshire and The Humber"})
    former_gss_codes = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Codes it used before, still accepted as input.", "example": ["E08000019"]},
    )

    @ma.pre_dump
    def from_local_authority(self, la: Any, **kwargs: Any) -> dict[str, Any]:
        return {
            "gss_code": la.gss_code,
            "dfe_code": la.dfe_code,
            "name": la.name,
            "region_code": la.region_code,
            "region_name": la.region_name,
            "former_gss_codes": sorted(code.gss_code for code in la.former_codes),
        }


class LocalAuthorityPageSchema(PageSchema):
    items = fields.List(fields.Nested(LocalAuthoritySchema), required=True)


def plain_data(value: Any) -> Any:
    """YAML-parsed data as JSON values: dates become ISO 8601 strings."""
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


class StandardsVersionSchema(ma.Schema):
    family = fields.String(required=True, metadata={"example": "mediator-standards"})
    family_title = fields.String(required=True)
    version = fields.String(required=True, metadata={"example": "1.0"})
    title = fields.String(required=True)
    published_on = fields.Date(required=True)
    current = fields.Boolean(required=True, metadata={"description": "The family's current version."})
    content_hash = fields.String(required=True, metadata={"description": "SHA-256 of the published file."})
    url = fields.String(required=True)


class StandardsPageSchema(PageSchema):
    items = fields.List(fields.Nested(StandardsVersionSchema), required=True)


class StandardsDocumentSchema(StandardsVersionSchema):
    content = fields.Dict(required=True, metadata={"description": "The published file, as data."})

    @ma.pre_dump
    def with_plain_content(self, entry: Any, **kwargs: Any) -> dict[str, Any]:
        names = ("family", "family_title", "version", "title", "published_on", "current", "content_hash", "url")
        return {name: getattr(entry, name) for name in names} | {"content": plain_data(entry.content)}


# Training programmes (issue 6). Never: an event's private reason or who recorded it; programmes
# that were only submitted or refused (they are not on the public register).

PROGRAMME_LEVELS = ("foundation", "send_specialist", "cpd_course")
PROGRAMME_STATUSES = PUBLIC_STATUSES
PROGRAMME_EVENT_KINDS = ("accredited", "suspended", "reinstated", "withdrawn", "lapsed")
EXAMPLE_PROGRAMME = "TP-000001-X"


@shows(Organisation)
class TrainingProviderRefSchema(ma.Schema):
    slug = fields.String(required=True, metadata={"example": "kestrel-mediation-academy"})
    name = fields.String(required=True, metadata={"example": "Kestrel Mediation Academy"})
    website = fields.String(required=True, allow_none=True)


@shows(TrainingProgramme)
class ProgrammeSummarySchema(ma.Schema):
    """A programme as a list item. Dumps a ``ListedProgramme`` (programme, status, url)."""

    reference = fields.String(required=True, metadata={"example": EXAMPLE_PROGRAMME})
    title = fields.String(required=True)
    level = fields.String(required=True, validate=validate.OneOf(PROGRAMME_LEVELS))
    provider = fields.Nested(TrainingProviderRefSchema, required=True)
    delivery_mode = fields.String(
        required=True, validate=validate.OneOf(("in_person", "online", "blended")), metadata={"example": "blended"}
    )
    status = fields.String(
        required=True,
        validate=validate.OneOf(PROGRAMME_STATUSES),
        metadata={"description": "Today's status: an accreditation past `valid_until` counts as lapsed."},
    )
    accrediting_body = fields.String(required=True, allow_none=True, metadata={"example": "Civil Mediation Council"})
    valid_from = _nullable_date("First day of the accreditation.")
    valid_until = _nullable_date("Last day of the accreditation (programmes are accredited for 3 years).")
    conditions = fields.String(required=True, allow_none=True, metadata={"description": "Public conditions."})
    url = fields.String(required=True, metadata={"description": "This programme in the API."})
    web_url = fields.String(required=True, metadata={"description": "This programme's page on the register."})

    @ma.pre_dump
    def from_listed(self, listed: Any, **kwargs: Any) -> dict[str, Any]:
        programme = listed.programme
        return {
            "reference": programme.reference,
            "title": programme.title,
            "level": programme.level,
            "provider": programme.provider,
            "delivery_mode": programme.delivery_mode,
            "status": listed.status,
            "accrediting_body": programme.body.name if programme.body is not None else None,
            "valid_from": programme.valid_from,
            "valid_until": programme.valid_until,
            "conditions": programme.conditions,
            "url": listed.url,
            "web_url": listed.web_url,
        }


class ProgrammePageSchema(PageSchema):
    items = fields.List(fields.Nested(ProgrammeSummarySchema), required=True)


class CoveredCriterionSchema(ma.Schema):
    code = fields.String(required=True, metadata={"example": "MS-2.4"})
    title = fields.String(required=True)


class LoggableHoursSchema(ma.Schema):
    category = fields.String(required=True, metadata={"example": "send_law_policy_practice"})
    title = fields.String(required=True, metadata={"example": "SEND law, policy and practice"})
    hours = hours_field(example=3)


@shows(ProgrammeVersion)
class ProgrammeVersionSchema(ma.Schema):
    number = fields.Integer(required=True, metadata={"example": 2})
    title = fields.String(required=True)
    submitted_on = fields.Date(required=True)
    total_hours = hours_field(example=40)


@shows(ProgrammeAccreditationEvent)
class ProgrammeEventSchema(ma.Schema):
    """A public event of a programme's accreditation (never its private reason, nor who recorded it)."""

    sequence = fields.Integer(required=True, metadata={"description": "Its place in the register's global order."})
    kind = fields.String(required=True, validate=validate.OneOf(PROGRAMME_EVENT_KINDS))
    effective_on = fields.Date(required=True)
    accrediting_body = fields.String(required=True, allow_none=True, attribute="body_name")
    programme_version = fields.Integer(required=True, allow_none=True)
    valid_until = fields.Date(required=True, allow_none=True)
    conditions = fields.String(required=True, allow_none=True)
    public_note = fields.String(required=True, allow_none=True)


@shows(TrainingProgramme, ProgrammeVersion)
class ProgrammeSchema(ProgrammeSummarySchema):
    """Everything public about a programme: its current version's content, history and versions."""

    summary = fields.String(required=True)
    current_version = fields.Integer(required=True, metadata={"example": 2})
    total_hours = hours_field(example=40)
    practical_hours = hours_field("Hours of practical role-play.", example=20)
    assessment_method = fields.String(
        required=True, validate=validate.OneOf(("observed_role_play", "written", "portfolio", "attendance_only"))
    )
    mediator_standards_version = fields.String(required=True, metadata={"example": "1.0"})
    criteria_covered = fields.List(fields.Nested(CoveredCriterionSchema), required=True)
    cpd_hours = fields.List(
        fields.Nested(LoggableHoursSchema),
        required=True,
        metadata={"description": "CPD courses: the hours a participant may log, by CPD log category."},
    )
    history = fields.List(fields.Nested(ProgrammeEventSchema), required=True, metadata={"description": "Newest first."})
    versions = fields.List(
        fields.Nested(ProgrammeVersionSchema), required=True, metadata={"description": "Newest first."}
    )

    @ma.pre_dump
    def from_listed(self, listed: Any, **kwargs: Any) -> dict[str, Any]:
        details = listed.details
        version = details.version
        return super().from_listed(listed) | {
            "summary": version.summary,
            "current_version": version.number,
            "total_hours": version.total_hours,
            "practical_hours": version.practical_hours,
            "assessment_method": version.assessment_method,
            "mediator_standards_version": details.standards_version,
            "criteria_covered": details.criteria,
            "cpd_hours": details.log_hours,
            "history": listed.history,
            "versions": [
                {
                    "number": v.number,
                    "title": v.title,
                    "submitted_on": v.submitted_at.date(),
                    "total_hours": v.total_hours,
                }
                for v in reversed(listed.programme.versions)
            ],
        }


def _iso_date(description: str) -> fields.String:
    """A date kept in a published change as ISO text (``YYYY-MM-DD``), or null."""
    return fields.String(required=True, allow_none=True, metadata={"format": "date", "description": description})


def _nullable_text(description: str = "") -> fields.String:
    return fields.String(required=True, allow_none=True, metadata={"description": description} if description else {})


class PublicEntrySchema(ma.Schema):
    """A mediator's public entry after a change: exactly the columns of the open-data export's row
    (``register_sequence`` aside), with lists for its `;`-separated columns and null for its empty cells."""

    registration_number = fields.String(required=True, metadata={"example": EXAMPLE_NUMBER})
    name = fields.String(required=True, metadata={"example": "Ada Lovelace"})
    status = fields.String(required=True, validate=validate.OneOf(STATUS_CODES), metadata={"example": "accredited"})
    status_label = fields.String(required=True, metadata={"example": "Accredited"})
    accreditation_status = fields.String(
        required=True, allow_none=True, validate=validate.OneOf(ACCREDITATION_STATUSES)
    )
    status_since = _iso_date("When the deciding accreditation entered its status.")
    accrediting_body = _nullable_text("The deciding accreditation's body.")
    valid_from = _iso_date("Start of continuous accreditation.")
    valid_until = _iso_date("Last day of the current accreditation period.")
    conditions = _nullable_text("Public conditions.")
    local_authorities = fields.List(
        fields.String(), required=True, metadata={"description": "GSS codes of the LAs covered, by LA name."}
    )
    languages = fields.List(fields.String(), required=True)
    formats = fields.List(fields.String(validate=validate.OneOf(FORMATS)), required=True)
    specialisms = fields.List(fields.String(), required=True)
    providers = fields.List(fields.String(), required=True, metadata={"description": "Provider names, by name."})
    public_email = _nullable_text()
    public_phone = _nullable_text()
    website = _nullable_text()


class PublicProgrammeSchema(ma.Schema):
    """A training programme's public fields after a change."""

    reference = fields.String(required=True, metadata={"example": "TP-000012-4"})
    title = fields.String(required=True)
    level = fields.String(required=True, validate=validate.OneOf(PROGRAMME_LEVELS))
    provider = fields.String(required=True, metadata={"description": "The training provider's slug."})
    provider_name = fields.String(required=True)
    delivery_mode = fields.String(required=True, validate=validate.OneOf(("in_person", "online", "blended")))
    status = fields.String(required=True, validate=validate.OneOf(PROGRAMME_STATUSES))
    accrediting_body = _nullable_text()
    valid_from = _iso_date("First day of the accreditation.")
    valid_until = _iso_date("Last day of the accreditation.")
    conditions = _nullable_text("Public conditions.")


class PublicOrganisationSchema(ma.Schema):
    """An accrediting body's, training provider's or mediation provider's public fields after a change."""

    slug = fields.String(required=True, metadata={"example": "civil-mediation-council"})
    name = fields.String(required=True)
    kind = fields.String(
        required=True, validate=validate.OneOf(("accrediting_body", "training_provider", "mediation_provider"))
    )
    website = _nullable_text()
    public_email = _nullable_text()


class PublicStandardsVersionSchema(ma.Schema):
    """A version of the standards published after a public consultation, and when it takes effect."""

    family = fields.String(required=True, metadata={"example": "mediator-standards"})
    version = fields.String(required=True, metadata={"example": "1.1"})
    title = fields.String(required=True)
    takes_effect_on = fields.String(
        required=True, metadata={"format": "date", "description": "The day it takes effect (its publication date)."}
    )
    url = fields.String(required=True, metadata={"description": "The version's page on the register (a path)."})
    consultation_response_url = fields.String(
        required=True, metadata={"description": "The working group's response to the consultation (a path)."}
    )


@shows(RegisterChange)
class RegisterUpdateSchema(ma.Schema):
    """A change to what the public register shows, with the public fields after it. Dumps
    ``registry.domain.changes.public_update`` of a ``RegisterChange``: the same JSON as a webhook's ``data``."""

    sequence = fields.Integer(required=True, metadata={"example": 1043})
    kind = fields.String(
        required=True,
        validate=validate.OneOf(CHANGE_KINDS),
        metadata={
            "description": "`mediator_entry`: a mediator's public entry changed (or first appeared), in `entry`. "
            "`mediator_left`: the mediator is no longer on the public register; drop their row. `programme`: a "
            "training programme's public fields, in `programme`. `organisation`: an organisation's public fields, "
            "in `organisation`. `standards_version`: a version of the standards published after a public "
            "consultation, with the day it takes effect, in `standards`. Expect more kinds within v1, and skip those "
            "you do not know."
        },
    )
    subject = fields.String(
        required=True,
        metadata={
            "description": "The registration number, programme reference or organisation slug it is about "
            "(`<family>/<version>` for a version of the standards)."
        },
    )
    recorded_at = fields.String(required=True, metadata={"format": "date-time", "description": "When (UTC)."})
    entry = fields.Nested(PublicEntrySchema, required=True, allow_none=True)
    programme = fields.Nested(PublicProgrammeSchema, required=True, allow_none=True)
    organisation = fields.Nested(PublicOrganisationSchema, required=True, allow_none=True)
    standards = fields.Nested(PublicStandardsVersionSchema, required=True, allow_none=True)

    @ma.pre_dump
    def from_change(self, change: Any, **kwargs: Any) -> dict[str, Any]:
        return public_update(change)
