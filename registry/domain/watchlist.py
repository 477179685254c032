"""An LA's watchlist: the mediators it contracts with and wants to hear about.

Shared by ``/api/v1/watchlist`` and the LA workspace. Listing a page costs a fixed number of
queries (count, items with their mediators, statuses, declarations) whatever its size.
``organisations_watching`` tells the notification outbox who to tell when an event is recorded.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.database import among
from registry.domain import audit, clock
from registry.domain.accreditation.history import MediatorStatus, status_notes, statuses_on
from registry.domain.checks import on_register
from registry.domain.declarations import declarations_on
from registry.domain.errors import DomainError, NotFound
from registry.domain.paging import Page, paginate
from registry.domain.registration_numbers import normalise
from registry.extensions import db
from registry.models import Mediator, Organisation, User, WatchlistItem

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class WatchedMediator:
    item: WatchlistItem
    mediator: Mediator
    status: MediatorStatus
    declared_conflict: bool  # employment by, or a conflict with, the watching LA, today
    status_note: str | None = None  # the public note of a suspension, as the search and profile show it


def _require_la(organisation: Organisation) -> None:
    if organisation.kind != "local_authority":
        raise DomainError("Only a local authority keeps a watchlist")


def _mediator_on_register(registration_number: str) -> Mediator:
    """Raises InvalidRegistrationNumber for a mistyped number, NotFound when it is not on the register."""
    number = normalise(registration_number, "SM")
    mediator = db.session.scalars(select(Mediator).where(Mediator.registration_number == number, on_register())).first()
    if mediator is None:
        raise NotFound(f"No mediator on the register has the registration number {number}.")
    return mediator


def _item(organisation: Organisation, mediator: Mediator) -> WatchlistItem | None:
    return db.session.scalars(
        select(WatchlistItem).where(
            WatchlistItem.organisation_id == organisation.id, WatchlistItem.mediator_id == mediator.id
        )
    ).first()


def watched_numbers(organisation_ids: Collection[int], registration_numbers: Collection[str]) -> set[str]:
    """Which of these registration numbers the organisations already watch (so no page offers to add them)."""
    if not organisation_ids or not registration_numbers:
        return set()
    return set(
        db.session.scalars(
            select(Mediator.registration_number)
            .join(WatchlistItem, WatchlistItem.mediator_id == Mediator.id)
            .where(
                WatchlistItem.organisation_id.in_(organisation_ids),
                among(Mediator.registration_number, registration_numbers),
            )
        )
    )


def add(
    organisation: Organisation, registration_number: str, actor: User | None, api_key_id: int | None = None
) -> tuple[WatchlistItem, bool]:
    """Watch the mediator; returns the item and whether it is new (adding twice changes nothing).
    ``api_key_id`` names the key when an LA's system made the change through the API."""
    _require_la(organisation)
    mediator = _mediator_on_register(registration_number)
    existing = _item(organisation, mediator)
    if existing is not None:
        return existing, False
    item = WatchlistItem(
        organisation_id=organisation.id, mediator=mediator, added_by_id=actor.id if actor is not None else None
    )
    db.session.add(item)
    db.session.flush()
    _audit(actor, "watchlist.added", organisation, mediator, api_key_id)
    return item, True


def remove(
    organisation: Organisation, registration_number: str, actor: User | None, api_key_id: int | None = None
) -> None:
    """Stop watching the mediator. NotFound when they were not on the watchlist."""
    mediator = _mediator_on_register(registration_number)
    item = _item(organisation, mediator)
    if item is None:
        raise NotFound(f"{mediator.registration_number} is not on your watchlist.")
    db.session.delete(item)
    db.session.flush()
    _audit(actor, "watchlist.removed", organisation, mediator, api_key_id)


def _audit(
    actor: User | None, action: str, organisation: Organisation, mediator: Mediator, api_key_id: int | None
) -> None:
    """A change to the watchlist, recorded on the LA's organisation: which mediator, and through which key."""
    audit.record(
        actor,
        action,
        "organisation",
        organisation.id,
        mediator_id=mediator.id,
        number=mediator.registration_number,
        api_key_id=api_key_id,
    )


def _watched(organisation: Organisation, items: list[WatchlistItem], on: date) -> list[WatchedMediator]:
    ids = [item.mediator_id for item in items]
    statuses = statuses_on(ids, on) if ids else {}
    la_id = organisation.local_authority_id
    conflicts = set(declarations_on(ids, la_id, on)) if la_id is not None else set()
    notes = status_notes(statuses)
    return [
        WatchedMediator(i, i.mediator, statuses[i.mediator_id], i.mediator_id in conflicts, notes.get(i.mediator_id))
        for i in items
    ]


def watchlist(
    organisation: Organisation, page: int = 1, per_page: int = 50, on: date | None = None
) -> Page[WatchedMediator]:
    """One page of the watchlist in name order, each mediator with their status on ``on`` (default today)."""
    if page < 1 or not 1 <= per_page <= MAX_PAGE_SIZE:
        raise DomainError(f"Ask for page 1 or more, with 1 to {MAX_PAGE_SIZE} items a page")
    query = (
        select(WatchlistItem)
        .where(WatchlistItem.organisation_id == organisation.id)
        .join(Mediator, Mediator.id == WatchlistItem.mediator_id)
        .options(joinedload(WatchlistItem.mediator))
        .order_by(Mediator.display_name, Mediator.id)
    )
    found = paginate(query, page, per_page)
    return Page(_watched(organisation, found.items, on or clock.today()), found.total, page, per_page)


def watched(organisation: Organisation, registration_number: str) -> WatchedMediator:
    """One watched mediator with their status today; NotFound when not on the watchlist."""
    mediator = _mediator_on_register(registration_number)
    item = _item(organisation, mediator)
    if item is None:
        raise NotFound(f"{mediator.registration_number} is not on your watchlist.")
    return _watched(organisation, [item], clock.today())[0]


def organisations_watching(mediator_id: int) -> list[Organisation]:
    """The organisations watching a mediator, for notifications."""
    return list(
        db.session.scalars(
            select(Organisation)
            .join(WatchlistItem, WatchlistItem.organisation_id == Organisation.id)
            .where(WatchlistItem.mediator_id == mediator_id)
            .order_by(Organisation.name)
        )
    )
