"""What a subject's status was on a date, from its events: valid time and record time.

``states_on`` replays, per owner (a mediator, whose status several accreditations may decide; a
programme, which is its own owner), the events that had taken effect by ``on`` (valid time). With
``as_known_on`` it first drops the events recorded after the end of that (UK) day, so it answers
"what the register said on ``as_known_on`` about ``on``" (record time): a suspension recorded today
with ``effective_on`` last week changes the answer for last week, but not the answer as known last week.

The replay: the latest event effective by ``on`` decides; a running accreditation (accredited or
suspended) whose ``valid_until`` is before ``on`` was lapsed from the day after, whether or not the
daily job has recorded the lapse yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Protocol, TypeVar, Unpack

from sqlalchemy import Row, Select, bindparam

from registry.domain.clock import end_of_day
from registry.domain.lifecycle.machine import RUNNING, Lifecycle
from registry.extensions import db

T = TypeVar("T")


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
    accreditation_id: int  # the subject: an accreditation, or a programme
    body_id: int
    status: str
    since: date  # when it entered this status (valid time)
    valid_from: date | None
    valid_until: date | None
    conditions: str | None
    sequence: int  # of the latest event counted


def replay(
    events: Iterable[EventLike],
    on: date,
    known_before: datetime | None = None,
    *,
    accreditation_id: int = 0,
    body_id: int = 0,
) -> AccreditationState | None:
    """One subject's state on ``on`` from its events (any order), counting only those recorded before
    ``known_before`` when given."""
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


@cache
def _rows_up_to(lifecycle: Lifecycle[Any, Any], with_record_time: bool) -> Select[Unpack[tuple[Any, ...]]]:
    """Built once per subject: this runs for every status check, so it skips re-building the statement."""
    model = lifecycle.event_model
    query = lifecycle.owner_rows().where(
        lifecycle.owner().in_(bindparam("owner_ids", expanding=True)),
        model.effective_on <= bindparam("on"),
    )
    if with_record_time:
        query = query.where(model.recorded_at < bindparam("known_before"))
    return query


def states_on(
    lifecycle: Lifecycle[Any, Any], owner_ids: Sequence[int], on: date, as_known_on: date | None = None
) -> dict[int, list[AccreditationState]]:
    """Each owner's subjects' states on ``on`` (valid time), as known on ``as_known_on`` (record time)."""
    parameters: dict[str, Any] = {"owner_ids": list(owner_ids), "on": on}
    if as_known_on is not None:
        parameters["known_before"] = end_of_day(as_known_on)
    by_subject: dict[tuple[int, int, int], list[Row[Any]]] = defaultdict(list)
    for row in db.session.execute(_rows_up_to(lifecycle, as_known_on is not None), parameters):
        by_subject[(row.owner_id, row.subject_id, row.body_id)].append(row)
    states: dict[int, list[AccreditationState]] = defaultdict(list)
    for (owner_id, subject_id, body_id), rows in by_subject.items():
        state = replay(rows, on, accreditation_id=subject_id, body_id=body_id)
        if state is not None:
            states[owner_id].append(state)
    return states


class HasId(Protocol):
    id: int


def one_of(
    many: Callable[[Sequence[int], date, date | None], dict[int, T]],
    subject: HasId | int,
    on: date,
    as_known_on: date | None,
) -> T:
    """One subject's answer from the reader ``many`` answers for several (``statuses_on``)."""
    subject_id = subject if isinstance(subject, int) else subject.id
    return many([subject_id], on, as_known_on)[subject_id]


def public_events(lifecycle: Lifecycle[Any, Any], owner_id: int) -> Sequence[Row[Any]]:
    """The owner's public events, newest first (never the private reason or who recorded them)."""
    model = lifecycle.event_model
    return db.session.execute(
        lifecycle.public_rows()
        .where(lifecycle.owner() == owner_id, model.kind.in_(lifecycle.public_kinds))
        .order_by(model.effective_on.desc(), model.sequence.desc())
    ).all()
