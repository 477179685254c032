"""What a mediator's status was on a date, and their public timeline, read through the one lifecycle.

``status_on(mediator, on)`` replays the events that had taken effect by ``on`` (valid time); with
``as_known_on``, only those the register knew by the end of that UK day (record time). The replay
itself is ``registry.domain.lifecycle.history``; what is the mediator's own is which accreditation
decides: a mediator with several accreditations (two bodies, or a new one after a refusal) is
accredited if any is; else suspended if any is; else the most recent lapse, withdrawal or
resignation decides; else the most recent application or refusal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from registry.database import among
from registry.domain import clock
from registry.domain.accreditation.transitions import MEDIATOR_ACCREDITATION
from registry.domain.errors import DomainError
from registry.domain.lifecycle import AccreditationState, public_events, states_on
from registry.domain.lifecycle.history import one_of
from registry.extensions import db
from registry.models import AccreditationEvent, Mediator


@dataclass(frozen=True)
class MediatorStatus:
    on: date
    as_known_on: date | None
    state: AccreditationState | None  # the accreditation that decides; None if none existed yet

    @property
    def status(self) -> str | None:
        return self.state.status if self.state else None

    @property
    def code(self) -> str:
        """The status in the API's words: accredited, accredited_with_conditions, suspended, lapsed,
        withdrawn or not_accredited."""
        status = self.status
        if status == "accredited":
            return "accredited_with_conditions" if self.state and self.state.conditions else "accredited"
        if status in ("suspended", "lapsed", "withdrawn"):
            return status
        return "not_accredited"

    @property
    def shows_contact_details(self) -> bool:
        """Only a mediator who may take on SEND mediations today shows how to contact them. A
        suspended, lapsed, withdrawn or resigned entry stays on the register as a record, without
        the email, phone and website that would invite a family to book them."""
        return self.status == "accredited"


_RANK = {"accredited": 3, "suspended": 2, "lapsed": 1, "withdrawn": 1, "resigned": 1}


def decisive(states: Iterable[AccreditationState]) -> AccreditationState | None:
    """The accreditation that decides a mediator's status (see the module docstring)."""

    def key(state: AccreditationState) -> tuple[Any, ...]:
        rank = _RANK.get(state.status, 0)
        if state.status == "accredited":
            return (rank, state.valid_until or date.min, state.sequence)
        return (rank, state.since, state.sequence)

    return max(states, key=key, default=None)


def statuses_on(mediator_ids: Sequence[int], on: date, as_known_on: date | None = None) -> dict[int, MediatorStatus]:
    """``status_on`` for many mediators in one query."""
    states = states_on(MEDIATOR_ACCREDITATION, mediator_ids, on, as_known_on)
    return {mid: MediatorStatus(on, as_known_on, decisive(states.get(mid, ()))) for mid in mediator_ids}


def status_notes(statuses: Mapping[int, MediatorStatus]) -> dict[int, str]:
    """For each mediator (by id) whose status is suspended, the public note of the suspension, when
    it has one (one query). A suspension can only be followed by reinstatement, withdrawal or lapse,
    so a suspended state's latest event is the suspension itself."""
    suspended = {s.state.sequence: mid for mid, s in statuses.items() if s.state and s.state.status == "suspended"}
    if not suspended:
        return {}
    query = select(AccreditationEvent.sequence, AccreditationEvent.public_note).where(
        among(AccreditationEvent.sequence, suspended), AccreditationEvent.public_note.is_not(None)
    )
    return {suspended[sequence]: note for sequence, note in db.session.execute(query) if note}


def status_on(mediator: Mediator | int, on: date, as_known_on: date | None = None) -> MediatorStatus:
    """The mediator's status on ``on`` (valid time), as the register knew it on ``as_known_on`` if given."""
    return one_of(statuses_on, mediator, on, as_known_on)


@dataclass(frozen=True)
class PublicEvent:
    """An event as the public sees it: never the private reason or the person who recorded it."""

    sequence: int
    kind: str
    effective_on: date
    body_name: str
    valid_until: date | None
    conditions: str | None
    public_note: str | None


def public_timeline(mediator: Mediator | int, as_known_on: date | None = None) -> list[PublicEvent]:
    """The mediator's public events, newest first; with ``as_known_on``, those the register had recorded
    by the end of that UK day."""
    mediator_id = mediator if isinstance(mediator, int) else mediator.id
    known_before = clock.end_of_day(as_known_on) if as_known_on is not None else None
    return [PublicEvent(**row._mapping) for row in public_events(MEDIATOR_ACCREDITATION, mediator_id, known_before)]


class FutureDate(DomainError):
    """A date to check, or to read the register as known on, that is after today. ``field`` names the
    argument (``as_at``, ``recorded_as_at``)."""

    def __init__(self, field: str) -> None:
        super().__init__("The date to check cannot be in the future", field=field)


def past_date(day: date | None, field: str = "as_at") -> date:
    """``day`` (today when None); FutureDate when it is after today: the register answers for the past."""
    today = clock.today()
    if day is None:
        return today
    if day > today:
        raise FutureDate(field)
    return day
