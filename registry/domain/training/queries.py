"""Read queries for the public training pages, the provider's and the registrar's workspaces,
a mediator's public profile and the registrar's view of an application.

Each loads what its page shows in a fixed number of queries, with the filters on indexed columns.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from registry.domain import clock, standards
from registry.domain.errors import NotFound
from registry.domain.lifecycle import RUNNING
from registry.domain.paging import Page, paginate
from registry.domain.registration_numbers import InvalidRegistrationNumber, normalise
from registry.domain.training.transitions import PUBLIC_STATUSES
from registry.extensions import db
from registry.models import (
    Organisation,
    ProgrammeAccreditationEvent,
    ProgrammeVersion,
    TrainingCompletion,
    TrainingProgramme,
)
from registry.models.training import LEVELS

PAGE_SIZE = 25


def public_status(programme: TrainingProgramme, today: date | None = None) -> str:
    """The status the public sees now: a running accreditation past its end counts as lapsed."""
    today = today or clock.today()
    if programme.status in RUNNING and programme.valid_until is not None and programme.valid_until < today:
        return "lapsed"
    return programme.status


@dataclass(frozen=True)
class ProgrammeFilters:
    level: str | None = None
    provider: str | None = None  # organisation slug
    delivery_mode: str | None = None
    status: str = "accredited"  # or "any": every programme ever accredited


def public_programmes(filters: ProgrammeFilters, page: int = 1, page_size: int = PAGE_SIZE) -> Page[TrainingProgramme]:
    """Programmes for the public list, by title. Unknown filter values match nothing rather than everything."""
    today = clock.today()
    query = select(TrainingProgramme).join(Organisation, Organisation.id == TrainingProgramme.provider_id)
    if filters.status == "any":
        query = query.where(TrainingProgramme.status.in_(PUBLIC_STATUSES))
    else:
        query = query.where(TrainingProgramme.status == "accredited", TrainingProgramme.valid_until >= today)
    if filters.level:
        query = query.where(TrainingProgramme.level == filters.level)
    if filters.delivery_mode:
        query = query.where(TrainingProgramme.delivery_mode == filters.delivery_mode)
    if filters.provider:
        query = query.where(Organisation.slug == filters.provider)
    query = query.options(joinedload(TrainingProgramme.provider), joinedload(TrainingProgramme.body)).order_by(
        TrainingProgramme.title, TrainingProgramme.id
    )
    return paginate(query, page, page_size)


def providers_with_public_programmes() -> list[Organisation]:
    """Training providers with at least one programme on the public list, for the filter."""
    with_programmes = select(TrainingProgramme.provider_id).where(TrainingProgramme.status.in_(PUBLIC_STATUSES))
    return list(
        db.session.scalars(select(Organisation).where(Organisation.id.in_(with_programmes)).order_by(Organisation.name))
    )


def _by_reference(reference: str) -> tuple[str, Select[TrainingProgramme]]:
    """The query for a programme by its loosely typed reference; NotFound when it is malformed."""
    try:
        number = normalise(reference, "TP")
    except InvalidRegistrationNumber as error:
        raise NotFound(f"{reference} is not a training programme reference: {error}.") from error
    return number, select(TrainingProgramme).where(TrainingProgramme.reference == number)


def get_programme(reference: str) -> TrainingProgramme:
    """Any programme, with provider, body and versions (for workspaces). NotFound if none has the reference."""
    number, query = _by_reference(reference)
    programme = db.session.scalars(
        query.options(
            joinedload(TrainingProgramme.provider),
            joinedload(TrainingProgramme.body),
            selectinload(TrainingProgramme.versions).joinedload(ProgrammeVersion.submitted_by),
        )
    ).first()
    if programme is None:
        raise NotFound(f"No training programme has the reference {number}.")
    return programme


def public_programme(reference: str) -> TrainingProgramme:
    """A programme the public may see: one that has been accredited. NotFound otherwise."""
    programme = get_programme(reference)
    if programme.status not in PUBLIC_STATUSES:
        raise NotFound(f"No accredited training programme has the reference {programme.reference}.")
    return programme


def private_history(programme: TrainingProgramme) -> list[ProgrammeAccreditationEvent]:
    """Every event, newest first, with who recorded it and the body (for the provider, registrars and oversight)."""
    return list(
        db.session.scalars(
            select(ProgrammeAccreditationEvent)
            .where(ProgrammeAccreditationEvent.programme_id == programme.id)
            .options(joinedload(ProgrammeAccreditationEvent.actor), joinedload(ProgrammeAccreditationEvent.body))
            .order_by(ProgrammeAccreditationEvent.sequence.desc())
        )
    )


def programmes_of_providers(provider_ids: Collection[int], page: int = 1) -> Page[TrainingProgramme]:
    """The providers' programmes, newest first (the trainer's workspace)."""
    query = (
        select(TrainingProgramme)
        .where(TrainingProgramme.provider_id.in_(list(provider_ids)))
        .options(joinedload(TrainingProgramme.provider))
        .order_by(TrainingProgramme.created_at.desc(), TrainingProgramme.id.desc())
    )
    return paginate(query, page, PAGE_SIZE)


def decision_queue(status: str | None = "submitted", page: int = 1) -> Page[TrainingProgramme]:
    """Programmes for registrars, oldest first, by status (all when None)."""
    query = select(TrainingProgramme).options(joinedload(TrainingProgramme.provider))
    if status:
        query = query.where(TrainingProgramme.status == status)
    return paginate(query.order_by(TrainingProgramme.created_at, TrainingProgramme.id), page, PAGE_SIZE)


def completions_page(programme: TrainingProgramme, page: int = 1) -> Page[TrainingCompletion]:
    """The programme's completions, newest first, with mediator and version (for the provider)."""
    query = (
        select(TrainingCompletion)
        .where(TrainingCompletion.programme_id == programme.id)
        .options(joinedload(TrainingCompletion.mediator), joinedload(TrainingCompletion.version))
        .order_by(TrainingCompletion.completed_on.desc(), TrainingCompletion.id.desc())
    )
    return paginate(query, page, 50)


@dataclass(frozen=True)
class CompletedProgramme:
    """A completion as shown beside a mediator: programme, version, when, and the programme's status now."""

    reference: str
    title: str
    level: str
    provider_name: str
    version: int
    version_title: str
    total_hours: object
    completed_on: date
    programme_status: str


def _completed(mediator_id: int, levels: Collection[str]) -> list[CompletedProgramme]:
    rows = db.session.execute(
        select(TrainingCompletion, TrainingProgramme, ProgrammeVersion, Organisation.name)
        .join(TrainingProgramme, TrainingProgramme.id == TrainingCompletion.programme_id)
        .join(ProgrammeVersion, ProgrammeVersion.id == TrainingCompletion.programme_version_id)
        .join(Organisation, Organisation.id == TrainingProgramme.provider_id)
        .where(TrainingCompletion.mediator_id == mediator_id, TrainingProgramme.level.in_(list(levels)))
        .order_by(TrainingCompletion.completed_on.desc(), TrainingCompletion.id.desc())
    )
    today = clock.today()
    return [
        CompletedProgramme(
            programme.reference,
            programme.title,
            programme.level,
            provider_name,
            version.number,
            version.title,
            version.total_hours,
            completion.completed_on,
            public_status(programme, today),
        )
        for completion, programme, version, provider_name in rows
    ]


def completed_training(mediator_id: int) -> list[CompletedProgramme]:
    """Accredited programmes the mediator completed, newest first (the public profile).

    Completions are recorded only on dates the programme was accredited, so every one counts;
    a programme withdrawn later still shows, as the training was accredited when it was done.
    """
    return _completed(mediator_id, LEVELS)


def applicant_training(mediator_id: int) -> list[CompletedProgramme]:
    """Foundation and SEND specialist completions, for the registrar beside an accreditation application."""
    return _completed(mediator_id, ("foundation", "send_specialist"))


@dataclass(frozen=True)
class CoveredCriterion:
    code: str
    title: str


@dataclass(frozen=True)
class LoggableHours:
    category: str
    title: str
    hours: object


@dataclass(frozen=True)
class VersionDetails:
    """A version's content in words: the criteria it covers and, for a CPD course, what may be logged."""

    version: ProgrammeVersion
    standards_version: str
    criteria: list[CoveredCriterion]
    log_hours: list[LoggableHours]


def version_details(version: ProgrammeVersion) -> VersionDetails:
    criteria = standards.training_criteria(version.criteria_version)
    mediator_standards = standards.mediator_standards(criteria.mediator_standards_version)
    scheme = standards.cpd_scheme(criteria.cpd_scheme_version)
    covered = [
        CoveredCriterion(code, c.title if (c := mediator_standards.criterion(code)) else code)
        for code in version.criteria_covered
    ]
    logged = [
        LoggableHours(code, category.title if (category := scheme.category(code)) else code, Decimal(hours))
        for code, hours in sorted(version.log_hours.items())
    ]
    return VersionDetails(version, criteria.mediator_standards_version, covered, logged)


def current_version(programme: TrainingProgramme) -> ProgrammeVersion:
    """The latest version (from the loaded versions when they are loaded)."""
    return next(v for v in programme.versions if v.number == programme.latest_version)


def programme_reference(text: str) -> str:
    """The canonical form of a loosely typed programme reference; InvalidRegistrationNumber, in a
    programme's words, when it is malformed or mistyped (so callers can say so rather than "not found")."""
    try:
        return normalise(text, "TP")
    except InvalidRegistrationNumber as error:
        if "mistyped" in str(error):
            raise InvalidRegistrationNumber("Check the reference — it looks mistyped") from error
        raise InvalidRegistrationNumber("Enter a programme reference in the form TP-123456-7") from error
