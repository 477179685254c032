"""The accreditation lifecycle of DESIGN §4, replayed event by event so a demo history cannot break it.

A ``Story`` is one accreditation's events, built forward in time. ``add`` refuses any transition
the lifecycle does not allow and works out the state after the event (status, validity,
conditions), exactly as the events table records it. The transitions and validity periods are
the domain's own (``registry.domain.accreditation.transitions``); the date rules mirror
``registry.domain.accreditation.recording.check``, applied in memory before any row exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from registry.domain.accreditation.transitions import check_transition, period_ending, renewed_until

ONE_DAY = timedelta(days=1)
class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # "conditions unchanged"

# Events that can only happen while the accreditation period is still running.
INSIDE_VALIDITY = frozenset({"renewed", "conditions_changed", "suspended", "withdrawn", "resigned"})


def add_years(day: date, years: int) -> date:
    """The same date ``years`` on (or back); 29 February becomes 28 February. For planning only."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(slots=True)
class Event:
    kind: str
    from_status: str | None
    to_status: str
    effective_on: date
    valid_from: date | None
    valid_until: date | None
    conditions: str | None
    reason: str | None
    public_note: str | None
    actor: str | None  # "mediator", "registrar" or None (the daily job)
    recorded_at: datetime | None = None


@dataclass
class Story:
    other_body: bool = False  # an earlier application made to the mediator's other body
    events: list[Event] = field(default_factory=list)
    status: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    conditions: str | None = None
    renewal_requested_at: datetime | None = None  # an open renewal application, while lapsed

    @property
    def last_on(self) -> date:
        return self.events[-1].effective_on

    def add(
        self,
        kind: str,
        on: date,
        *,
        conditions: str | None | _Keep = KEEP,
        reason: str | None = None,
        note: str | None = None,
        actor: str | None = "registrar",
    ) -> Event:
        to_status = check_transition(kind, self.status).to_status  # IllegalTransition if not allowed
        if self.events and on <= self.last_on:
            raise ValueError(f"{kind} on {on} is not after {self.last_on}")
        self._check_dates(kind, on)
        self._apply(kind, on, conditions)
        event = Event(
            kind, self.status, to_status, on, self.valid_from, self.valid_until, self.conditions, reason, note, actor
        )
        self.status = to_status
        self.events.append(event)
        return event

    def _check_dates(self, kind: str, on: date) -> None:
        if self.valid_until is None:
            return
        if kind in INSIDE_VALIDITY and on > self.valid_until:
            raise ValueError(f"{kind} on {on} is after the accreditation ended on {self.valid_until}")
        if kind == "lapsed" and on != self.valid_until + ONE_DAY:
            raise ValueError("an accreditation lapses the day after it ends")
        if kind == "reinstated" and self.status == "suspended" and on > self.valid_until:
            raise ValueError("a suspension can only be lifted inside the accreditation period")

    def _apply(self, kind: str, on: date, conditions: str | None | _Keep) -> None:
        if kind == "accredited" or (kind == "reinstated" and self.status == "lapsed"):
            self.valid_from, self.valid_until = on, period_ending(on)
        elif kind == "renewed":  # the next 12 months; valid_from (start of continuous accreditation) stays
            assert self.valid_until is not None
            self.valid_until = renewed_until(self.valid_until)
        if conditions is not KEEP:
            self.conditions = conditions
