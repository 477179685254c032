"""The accreditation lifecycle of DESIGN §4, replayed event by event so a demo history cannot break it.

A ``Story`` is one accreditation's events, built forward in time, in memory, before any row exists
(the demo writes its 100,000 histories in bulk). ``add`` asks the one lifecycle
(``registry.domain.lifecycle``, configured as ``MEDIATOR_ACCREDITATION``) for the state after the
event and for its date rules, so a demo history is one the domain operations could have recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from registry.domain.accreditation.transitions import MEDIATOR_ACCREDITATION
from registry.domain.lifecycle import KEEP, State

ONE_DAY = timedelta(days=1)


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
        conditions: Any = KEEP,
        reason: str | None = None,
        note: str | None = None,
        actor: str | None = "registrar",
    ) -> Event:
        before = State(self.status, self.valid_from, self.valid_until, self.conditions)
        after = MEDIATOR_ACCREDITATION.next_state(before, kind, on, conditions)  # IllegalTransition if not allowed
        if self.events and on <= self.last_on:
            raise ValueError(f"{kind} on {on} is not after {self.last_on}")
        # The story is told as of each event's own day, so "not in the future" holds by construction.
        refusal = MEDIATOR_ACCREDITATION.date_refusal(before, kind, on, None, today=on)
        if refusal is not None:
            raise ValueError(f"{kind} on {on}: {refusal}")
        if kind == "lapsed" and self.valid_until is not None and on != self.valid_until + ONE_DAY:
            raise ValueError("an accreditation lapses the day after it ends")
        self.valid_from, self.valid_until, self.conditions = after.valid_from, after.valid_until, after.conditions
        to_status = str(after.status)
        event = Event(
            kind, self.status, to_status, on, self.valid_from, self.valid_until, self.conditions, reason, note, actor
        )
        self.status = to_status
        self.events.append(event)
        return event
