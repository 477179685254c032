"""What a mediator's status was on a date, from the events: valid time and record time.

``status_on(mediator, on)`` replays the events that had taken effect by ``on`` (valid time).
With ``as_known_on`` it first drops the events recorded after the end of that (UK) day, so it
answers "what the register said on ``as_known_on`` about ``on``" (record time): a suspension
recorded today with ``effective_on`` last week changes the answer for last week, but not the
answer as known last week.

Rules the replay applies:
- Each accreditation's status on ``on`` is that of its latest event effective by then.
- A running accreditation (accredited or suspended) whose ``valid_until`` is before ``on`` was
  lapsed from the day after, whether or not the daily job has recorded the lapse yet.
- A mediator with several accreditations (two bodies, or a new one after a refusal) is
  accredited if any is; else suspended if any is; else the most recent lapse, withdrawal or
  resignation decides; else the most recent application or refusal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Protocol, Unpack

from sqlalchemy import Select, bindparam, select

from registry.domain.accreditation.transitions import PUBLIC_KINDS, RUNNING
from registry.domain.clock import end_of_day
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, Mediator, Organisation


class EventLike(Protocol):
    sequence: int
    to_status: str
    effective_on: date
    recorded_at: datetime
    valid_from: date | None
    valid_until: date | None
    conditions: str | None


@dataclass(frozen=True)
class AccreditationState:
    accreditation_id: int
    body_id: int
    status: str
    since: date  # when it entered this status (valid time)
    valid_from: date | None
    valid_until: date | None
    conditions: str | None
    sequence: int  # of the latest event counted


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


def replay(
    events: Iterable[EventLike],
    on: date,
    known_before: datetime | None = None,
    *,
    accreditation_id: int = 0,
    body_id: int = 0,
) -> AccreditationState | None:
    """One accreditation's state on ``on`` from its events (any order), counting only those
    recorded before ``known_before`` when given."""
    counted = sorted(
        (e for e in events if e.effective_on <= on and (known_before is None or e.recorded_at < known_before)),
        key=lambda e: e.sequence,
    )
    if not counted:
        return None
    last = counted[-1]
    status, since = last.to_status, last.effective_on
    for event in reversed(counted):
        if event.to_status != last.to_status:
            break
        since = event.effective_on
    if status in RUNNING and last.valid_until is not None and on > last.valid_until:
        status, since = "lapsed", last.valid_until + timedelta(days=1)
    return AccreditationState(
        accreditation_id, body_id, status, since, last.valid_from, last.valid_until, last.conditions, last.sequence
    )


_RANK = {"accredited": 3, "suspended": 2, "lapsed": 1, "withdrawn": 1, "resigned": 1}


def decisive(states: Iterable[AccreditationState]) -> AccreditationState | None:
    """The accreditation that decides a mediator's status (see the module docstring)."""

    def key(state: AccreditationState) -> tuple[Any, ...]:
        rank = _RANK.get(state.status, 0)
        if state.status == "accredited":
            return (rank, state.valid_until or date.min, state.sequence)
        return (rank, state.since, state.sequence)

    return max(states, key=key, default=None)


@cache
def _events_up_to(with_record_time: bool) -> Select[Unpack[tuple[Any, ...]]]:
    """Built once: this runs for every status check, so it skips re-building the statement."""
    query = (
        select(
            AccreditationEvent.accreditation_id,
            Accreditation.mediator_id,
            Accreditation.body_id,
            AccreditationEvent.sequence,
            AccreditationEvent.to_status,
            AccreditationEvent.effective_on,
            AccreditationEvent.recorded_at,
            AccreditationEvent.valid_from,
            AccreditationEvent.valid_until,
            AccreditationEvent.conditions,
        )
        .join(Accreditation, Accreditation.id == AccreditationEvent.accreditation_id)
        .where(
            Accreditation.mediator_id.in_(bindparam("mediator_ids", expanding=True)),
            AccreditationEvent.effective_on <= bindparam("on"),
        )
    )
    if with_record_time:
        query = query.where(AccreditationEvent.recorded_at < bindparam("known_before"))
    return query


def statuses_on(mediator_ids: Sequence[int], on: date, as_known_on: date | None = None) -> dict[int, MediatorStatus]:
    """``status_on`` for many mediators in one query."""
    parameters: dict[str, Any] = {"mediator_ids": list(mediator_ids), "on": on}
    if as_known_on is not None:
        parameters["known_before"] = end_of_day(as_known_on)
    by_accreditation: dict[tuple[int, int, int], list[Any]] = defaultdict(list)
    for row in db.session.execute(_events_up_to(as_known_on is not None), parameters):
        by_accreditation[(row.mediator_id, row.accreditation_id, row.body_id)].append(row)
    states: dict[int, list[AccreditationState]] = defaultdict(list)
    for (mediator_id, accreditation_id, body_id), rows in by_accreditation.items():
        state = replay(rows, on, accreditation_id=accreditation_id, body_id=body_id)
        if state is not None:
            states[mediator_id].append(state)
    return {mid: MediatorStatus(on, as_known_on, decisive(states.get(mid, ()))) for mid in mediator_ids}


def status_on(mediator: Mediator | int, on: date, as_known_on: date | None = None) -> MediatorStatus:
    """The mediator's status on ``on`` (valid time), as the register knew it on ``as_known_on`` if given."""
    mediator_id = mediator if isinstance(mediator, int) else mediator.id
    return statuses_on([mediator_id], on, as_known_on)[mediator_id]


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


def public_timeline(mediator: Mediator | int) -> list[PublicEvent]:
    """The mediator's public events, newest first."""
    mediator_id = mediator if isinstance(mediator, int) else mediator.id
    rows = db.session.execute(
        select(
            AccreditationEvent.sequence,
            AccreditationEvent.kind,
            AccreditationEvent.effective_on,
            Organisation.name,
            AccreditationEvent.valid_until,
            AccreditationEvent.conditions,
            AccreditationEvent.public_note,
        )
        .join(Accreditation, Accreditation.id == AccreditationEvent.accreditation_id)
        .join(Organisation, Organisation.id == Accreditation.body_id)
        .where(Accreditation.mediator_id == mediator_id, AccreditationEvent.kind.in_(PUBLIC_KINDS))
        .order_by(AccreditationEvent.effective_on.desc(), AccreditationEvent.sequence.desc())
    )
    return [PublicEvent(*row) for row in rows]
