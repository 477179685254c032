"""Read queries for the registrar's workspace, the mediator's own pages and the public profile.

Each loads what its page shows in a fixed number of queries (joinedload / selectinload), so
pages stay fast as the register grows to 100,000 mediators.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from registry.domain import clock
from registry.domain.accreditation.history import (
    MediatorStatus,
    PublicEvent,
    past_date,
    public_timeline,
    status_notes,
    status_on,
)
from registry.domain.accreditation.standards_access import term_titles
from registry.domain.coverage import coverage_of
from registry.domain.declarations import declarations_on
from registry.domain.errors import NotFound
from registry.domain.registration_numbers import normalise
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, LocalAuthority, Mediator, User
from registry.models.assessments import AccreditationApplication, AssessmentOutcome

PAGE_SIZE = 50

# Age of an application, for the queue's filter: (label, youngest, oldest) in days.
AGES = {
    "under-2-weeks": ("Less than 2 weeks", 0, 13),
    "2-to-6-weeks": ("2 to 6 weeks", 14, 41),
    "over-6-weeks": ("More than 6 weeks", 42, None),
}


@dataclass(frozen=True)
class QueuePage:
    items: list[Accreditation]
    total: int
    page: int
    page_size: int

    @property
    def has_more(self) -> bool:
        return self.page * self.page_size < self.total


def looks_like_a_number(text: str) -> bool:
    """``SM-…`` or digits: the registrar meant a registration number, not a name."""
    return bool(re.match(r"\s*(sm)?[\s-]*\d", text, re.IGNORECASE))


def applications_queue(
    body_ids: Collection[int],
    *,
    status: str | None = "applied",
    age: str | None = None,
    search: str | None = None,
    page: int = 1,
) -> QueuePage:
    """Accreditations of the given bodies, oldest application first, filtered by status and age.

    ``search`` is a registration number (InvalidRegistrationNumber if mistyped) or part of a name."""
    query = select(Accreditation).where(Accreditation.body_id.in_(list(body_ids)))
    search = (search or "").strip()
    if search:
        query = query.join(Mediator, Mediator.id == Accreditation.mediator_id)
        if looks_like_a_number(search):
            query = query.where(Mediator.registration_number == normalise(search, "SM"))
        else:
            query = query.where(func.lower(Mediator.display_name).contains(search.lower(), autoescape=True))
    if status:
        query = query.where(Accreditation.status == status)
    if age in AGES:
        _, youngest, oldest = AGES[age]
        today_start = clock.start_of_day(clock.today())
        query = query.where(Accreditation.created_at < today_start - timedelta(days=youngest - 1))
        if oldest is not None:
            query = query.where(Accreditation.created_at >= today_start - timedelta(days=oldest))
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    page = max(page, 1)
    items = db.session.scalars(
        query.options(joinedload(Accreditation.mediator), joinedload(Accreditation.body))
        .order_by(Accreditation.created_at, Accreditation.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return QueuePage(list(items), total, page, PAGE_SIZE)


def get_accreditation(accreditation_id: int) -> Accreditation:
    """The accreditation with its mediator and body (NotFound if there is none)."""
    accreditation = db.session.scalars(
        select(Accreditation)
        .where(Accreditation.id == accreditation_id)
        .options(joinedload(Accreditation.mediator), joinedload(Accreditation.body))
    ).first()
    if accreditation is None:
        raise NotFound("There is no such accreditation.")
    return accreditation


def get_accreditation_with_history(accreditation_id: int) -> Accreditation:
    """As ``get_accreditation``, with every event and who recorded it."""
    accreditation = db.session.scalars(
        select(Accreditation)
        .where(Accreditation.id == accreditation_id)
        .options(
            joinedload(Accreditation.mediator),
            joinedload(Accreditation.body),
            selectinload(Accreditation.events).joinedload(AccreditationEvent.actor),
        )
    ).first()
    if accreditation is None:
        raise NotFound("There is no such accreditation.")
    return accreditation


def applications_of(accreditation: Accreditation) -> list[AccreditationApplication]:
    """Every application on the accreditation, newest first, with outcomes and assessors."""
    return list(
        db.session.scalars(
            select(AccreditationApplication)
            .where(AccreditationApplication.accreditation_id == accreditation.id)
            .options(
                selectinload(AccreditationApplication.outcomes).joinedload(AssessmentOutcome.assessor),
                joinedload(AccreditationApplication.submitted_by),
            )
            .order_by(AccreditationApplication.id.desc())
        )
    )


def mediator_for_user(user: User) -> Mediator | None:
    return db.session.scalars(select(Mediator).where(Mediator.user_id == user.id)).first()


def accreditations_of_mediator(mediator: Mediator) -> list[Accreditation]:
    return list(
        db.session.scalars(
            select(Accreditation)
            .where(Accreditation.mediator_id == mediator.id)
            .options(joinedload(Accreditation.body))
            .order_by(Accreditation.created_at.desc(), Accreditation.id.desc())
        )
    )


@dataclass(frozen=True)
class PublicProfile:
    """What the public profile page may show. ``mediator`` is for its public fields only."""

    mediator: Mediator
    status: MediatorStatus
    body_names: dict[int, str]
    timeline: list[PublicEvent]
    languages: list[str] = field(default_factory=list)  # plain names from the standards vocabularies
    formats: list[str] = field(default_factory=list)
    specialisms: list[str] = field(default_factory=list)
    status_note: str | None = None  # the public note of a suspension
    # When the profile is read for a local authority (from a search, or ?local_authority=): that LA,
    # how the mediator covers it (registry.domain.coverage: local, remote, or None) and what they
    # declared with it (kind → the day it began).
    local_authority: LocalAuthority | None = None
    coverage: str | None = None
    declared: dict[str, date] = field(default_factory=dict)


def public_profile(
    registration_number: str,
    on: date | None = None,
    local_authority: LocalAuthority | None = None,
    as_known_on: date | None = None,
) -> PublicProfile:
    """The profile for a loosely typed number, for ``local_authority`` when given.

    With ``as_known_on`` ("as recorded on"), the status and timeline are what the register said at
    the end of that UK day, from the events it had recorded by then, and ``on`` defaults to that day
    (as ``checks.status_report`` answers the API). The rest of the entry (areas, languages, contact
    details) is as it stands today: the register keeps the history of statuses, not of profiles.

    Raises InvalidRegistrationNumber for a malformed or mistyped number, NotFound when no
    mediator has it or they have never been accredited (applicants are not on the public register;
    with ``as_known_on``, not yet on it that day), FutureDate for a date after today.
    """
    as_known_on = past_date(as_known_on, "recorded_as_at") if as_known_on is not None else None
    number = normalise(registration_number, "SM")
    mediator = db.session.scalars(
        select(Mediator)
        .where(Mediator.registration_number == number)
        .options(
            selectinload(Mediator.areas),
            selectinload(Mediator.providers),
            selectinload(Mediator.languages),
            selectinload(Mediator.formats),
            selectinload(Mediator.specialisms),
        )
    ).first()
    if mediator is None:
        raise NotFound(f"No mediator has the registration number {number}.")
    if mediator.left_register_on is not None:
        raise NotFound(
            f"{number} is no longer on the register: the mediator left it on "
            f"{clock.long_date(mediator.left_register_on)}, after their accreditation had ended."
        )
    timeline = public_timeline(mediator, as_known_on)
    if not timeline and as_known_on is not None:
        raise NotFound(f"{number} was not on the register yet on {clock.long_date(as_known_on)}.")
    if not timeline:
        raise NotFound(f"No accredited mediator has the registration number {number}.")
    names = {a.body_id: a.body.name for a in accreditations_of_mediator(mediator)}
    on = past_date(on) if on is not None else (as_known_on or clock.today())
    status = status_on(mediator, on, as_known_on)
    declared = declarations_on([mediator.id], local_authority.id, on) if local_authority is not None else {}
    return PublicProfile(
        mediator,
        status,
        names,
        timeline,
        languages=term_titles("languages", [item.code for item in mediator.languages]),
        formats=term_titles("formats", [item.code for item in mediator.formats]),
        specialisms=term_titles("specialisms", [item.code for item in mediator.specialisms]),
        status_note=status_notes({mediator.id: status}).get(mediator.id),
        local_authority=local_authority,
        coverage=coverage_of(mediator, local_authority) if local_authority is not None else None,
        declared=declared.get(mediator.id, {}),
    )
