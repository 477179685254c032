"""The accrediting body's side of the log: whose log a registrar may see, and verifying or rejecting entries.

A mediator's log is reviewed by the registrars of the bodies they hold a live accreditation
with (applied, accredited, suspended or lapsed). A rejection needs a note, which the mediator
sees; rejected entries stop counting towards compliance. A review may be changed later, and
each one writes an audit event.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock, events
from registry.domain.errors import ConcurrentChange, DomainError, NotFound
from registry.extensions import db
from registry.models import Accreditation, LogEntry, Mediator, User

REVIEWING_STATUSES = ("applied", "accredited", "suspended", "lapsed")
QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class LogOwner:
    """Who a log belongs to and which bodies review it: what the policy predicates need."""

    mediator_id: int
    user_id: int | None
    body_ids: frozenset[int]


def log_owner(mediator: Mediator) -> LogOwner:
    body_ids = db.session.scalars(
        select(Accreditation.body_id).where(
            Accreditation.mediator_id == mediator.id, Accreditation.status.in_(REVIEWING_STATUSES)
        )
    ).all()
    return LogOwner(mediator.id, mediator.user_id, frozenset(body_ids))


def entry_for_review(entry_id: int) -> LogEntry:
    entry = db.session.scalars(
        select(LogEntry)
        .where(LogEntry.id == entry_id)
        .options(joinedload(LogEntry.mediator), joinedload(LogEntry.evidence), joinedload(LogEntry.local_authority))
    ).first()
    if entry is None:
        raise NotFound("There is no such log entry.")
    return entry


def review(
    entry: LogEntry, actor: User, *, verified: bool, note: str = "", expected_version: int | None = None
) -> None:
    """Verify the entry, or reject it with a note the mediator will see."""
    if expected_version is not None and expected_version != entry.version:
        raise ConcurrentChange(
            "The mediator changed this entry while you were looking at it. Reload and review it again."
        )
    note = (note or "").strip()
    if not verified and not note:
        raise DomainError("Tell the mediator why the entry is rejected.")
    if len(note) > 2000:
        raise DomainError("The note must be 2000 characters or fewer.")
    previous = entry.review_status
    entry.review_status = "verified" if verified else "rejected"
    entry.review_note, entry.reviewed_by_id, entry.reviewed_at = note, actor.id, clock.now()
    db.session.flush()
    audit.record(
        actor,
        f"log_entry.{entry.review_status}",
        "log_entry",
        entry.id,
        mediator_id=entry.mediator_id,
        previous_status=previous,
    )
    events.publish(events.LogEntryReviewed(entry))


@dataclass(frozen=True)
class QueueRow:
    mediator: Mediator
    awaiting_review: int


def review_queue(body_ids: Collection[int], page: int = 1) -> tuple[list[QueueRow], int]:
    """Mediators of these bodies with entries not yet reviewed, most waiting first; and how many there are."""
    reviewed_by_body = (
        select(Accreditation.mediator_id)
        .where(Accreditation.body_id.in_(list(body_ids)), Accreditation.status.in_(REVIEWING_STATUSES))
        .scalar_subquery()
    )
    waiting = (
        select(LogEntry.mediator_id, func.count().label("waiting"))
        .where(LogEntry.review_status == "declared", LogEntry.mediator_id.in_(reviewed_by_body))
        .group_by(LogEntry.mediator_id)
        .subquery()
    )
    total = db.session.execute(select(func.count()).select_from(waiting)).scalar_one()
    rows = db.session.execute(
        select(Mediator, waiting.c.waiting)
        .join(waiting, waiting.c.mediator_id == Mediator.id)
        .order_by(waiting.c.waiting.desc(), Mediator.display_name)
        .limit(QUEUE_PAGE_SIZE)
        .offset((max(page, 1) - 1) * QUEUE_PAGE_SIZE)
    ).all()
    return [QueueRow(mediator, count) for mediator, count in rows], total
