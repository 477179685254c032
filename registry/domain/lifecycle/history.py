"""What a subject's status was on a date, from its events: valid time and record time.

``states_on`` replays, per owner (a mediator, whose status several accreditations may decide; a
programme, which is its own owner), the events that had taken effect by ``on`` (valid time). With
``as_known_on`` it first drops the events recorded after the end of that (UK) day, so it answers
"what the register said on ``as_known_on`` about ``on``" (record time): a suspension recorded today
with ``effective_on`` last week changes the answer for last week, but not the answer as known last week.

The replay: the latest event effective by ``on`` decides; a running accreditation (accredited or
suspended) whose ``valid_until`` is before ``on`` was lapsed from the day after, whether or not the
daily job has recorded the lapse yet.

**The status today** (``on`` is today, as the register knows it now) is most of what is asked:
every profile, search result and bulk check. No event takes effect in the future, so on that day the
latest event decides and the replay would only re-derive what the recorder keeps on the subject's
row in the same transaction as the event (``LifecycleState``: status, the day it began, the
period, the conditions, the latest event's sequence). ``states_on`` then reads one row per subject
instead of every event, and applies the same lapse rule; a test holds the two to the same answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from itertools import groupby
from operator import attrgetter
from typing import Any, NamedTuple, Protocol, TypeVar, Unpack

from sqlalchemy import Row, Select, bindparam, func, select, update
from sqlalchemy.orm import aliased

from registry.database import among
from registry.domain import clock
from registry.domain.clock import end_of_day
from registry.domain.lifecycle.machine import RUNNING, Lifecycle
from registry.extensions import db

T = TypeVar("T")


class ReplayedEvent(Protocol):
    """What the replay reads of an event: ``replayed_columns`` but ``recorded_at``."""

    @property
    def sequence(self) -> int: ...
    @property
    def to_status(self) -> str: ...
    @property
    def effective_on(self) -> date: ...
    @property
    def valid_from(self) -> date | None: ...
    @property
    def valid_until(self) -> date | None: ...
    @property
    def conditions(self) -> str | None: ...


class EventLike(ReplayedEvent, Protocol):
    @property
    def recorded_at(self) -> datetime: ...


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
        key=attrgetter("sequence"),
    )
    return _replay_counted(counted, on, accreditation_id, body_id)


def _replay_counted(
    counted: Sequence[ReplayedEvent], on: date, accreditation_id: int, body_id: int
) -> AccreditationState | None:
    """``replay`` of the events already counted (effective by ``on``, known in time), in sequence order."""
    if not counted:
        return None
    last = counted[-1]
    since = last.effective_on
    for event in reversed(counted):
        if event.to_status != last.to_status:
            break
        since = event.effective_on
    return _state_on(last, since, on, accreditation_id, body_id)


def _state_on(last: ReplayedEvent, since: date, on: date, accreditation_id: int, body_id: int) -> AccreditationState:
    """The state on ``on`` of a subject whose latest counted event is ``last``, in its status since
    ``since``: a running accreditation whose ``valid_until`` is before ``on`` lapsed the day after."""
    status = last.to_status
    if status in RUNNING and last.valid_until is not None and on > last.valid_until:
        status, since = "lapsed", last.valid_until + timedelta(days=1)
    return AccreditationState(
        accreditation_id, body_id, status, since, last.valid_from, last.valid_until, last.conditions, last.sequence
    )


class _Row(NamedTuple):
    """A row of ``_rows_up_to`` or ``_state_rows``: a plain tuple, whose fields read faster than a
    SQLAlchemy Row's."""

    owner_id: int
    subject_id: int
    body_id: int
    sequence: int
    to_status: str
    effective_on: date
    valid_from: date | None
    valid_until: date | None
    conditions: str | None


@cache
def _state_rows(lifecycle: Lifecycle[Any, Any]) -> Select[Unpack[tuple[Any, ...]]]:
    """The status today's statement, built once per subject: ``_Row``'s columns from the subjects' rows."""
    rows = lifecycle.state_rows()
    model = lifecycle.subject_model
    return rows.where(
        among(rows.selected_columns.owner_id, name="owner_ids"),
        model.status_sequence.is_not(None),
    ).order_by(rows.selected_columns.subject_id)


@cache
def _rows_up_to(lifecycle: Lifecycle[Any, Any], with_record_time: bool) -> Select[Unpack[tuple[Any, ...]]]:
    """Built once per subject: this runs for every status check, so it skips re-building the statement.

    The columns are ``_Row``'s, in its order (record time is filtered here, so ``recorded_at`` is not
    read), and the rows come ordered by subject then sequence, so ``states_on`` groups them in one pass."""
    model = lifecycle.event_model
    rows = lifecycle.owner_rows()
    query = rows.with_only_columns(*(rows.selected_columns[name] for name in _Row._fields)).where(
        among(lifecycle.owner(), name="owner_ids"),
        model.effective_on <= bindparam("on"),
    )
    if with_record_time:
        query = query.where(model.recorded_at < bindparam("known_before"))
    return query.order_by(rows.selected_columns.subject_id, model.sequence)


def states_on(
    lifecycle: Lifecycle[Any, Any], owner_ids: Sequence[int], on: date, as_known_on: date | None = None
) -> dict[int, list[AccreditationState]]:
    """Each owner's subjects' states on ``on`` (valid time), as known on ``as_known_on`` (record time)."""
    parameters: dict[str, Any] = {"owner_ids": list(owner_ids), "on": on}
    today = as_known_on is None and on == clock.today()
    if as_known_on is not None:
        parameters["known_before"] = end_of_day(as_known_on)
    session = db.session
    if session.autoflush:
        session.flush()  # as Session.execute would, so events added in this unit of work count
    # A Core select on the session's connection: the ORM's result machinery costs more than the rows.
    statement = _state_rows(lifecycle) if today else _rows_up_to(lifecycle, as_known_on is not None)
    rows = map(_Row._make, session.connection().execute(statement, parameters))
    states: dict[int, list[AccreditationState]] = defaultdict(list)
    if today:  # one row per subject, its cached state: the latest event's, since when
        for row in rows:
            states[row.owner_id].append(_state_on(row, row.effective_on, on, row.subject_id, row.body_id))
        return states
    for subject_id, subject_rows in groupby(rows, key=attrgetter("subject_id")):
        counted = list(subject_rows)
        first = counted[0]
        state = _replay_counted(counted, on, subject_id, first.body_id)
        if state is not None:
            states[first.owner_id].append(state)
    return states


def fill_status_today(lifecycle: Lifecycle[Any, Any]) -> None:
    """Fill the cached ``status_since`` and ``status_sequence`` of subjects whose events were written
    without the recorder (the demo's bulk writer): the latest event's sequence, and the first day of
    the trailing run of events with the subject's status, as the replay counts it."""
    model, event = lifecycle.subject_model, lifecycle.event_model
    key = lifecycle.subject_key()
    other = aliased(event)
    other_key = getattr(other, key.key)
    last_other_status = (
        select(func.max(other.sequence))
        .where(other_key == model.id, other.to_status != model.status)
        .correlate(model)
        .scalar_subquery()
    )
    since = (
        select(func.min(event.effective_on))
        .where(key == model.id, event.sequence > func.coalesce(last_other_status, 0))
        .correlate(model)
    )
    latest = select(func.max(event.sequence)).where(key == model.id).correlate(model)
    db.session.execute(
        update(model)
        .where(model.status_sequence.is_(None))
        .values(status_since=since.scalar_subquery(), status_sequence=latest.scalar_subquery())
    )


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


def public_events(
    lifecycle: Lifecycle[Any, Any], owner_id: int, known_before: datetime | None = None
) -> Sequence[Row[Any]]:
    """The owner's public events, newest first (never the private reason or who recorded them); with
    ``known_before``, only those recorded before that instant (the timeline as the register showed it then)."""
    model = lifecycle.event_model
    query = lifecycle.public_rows().where(lifecycle.owner() == owner_id, model.kind.in_(lifecycle.public_kinds))
    if known_before is not None:
        query = query.where(model.recorded_at < known_before)
    return db.session.execute(query.order_by(model.effective_on.desc(), model.sequence.desc())).all()
