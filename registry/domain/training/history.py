"""A programme's status at a date, from its events, and its public history.

``status_on`` replays the programme's events with the same replay mediator accreditation uses
(``registry.domain.accreditation.history.replay``): the latest event effective by ``on`` decides,
a running accreditation past ``valid_until`` counts as lapsed from the next day, and with
``as_known_on`` only events recorded by the end of that UK day count (record time).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from registry.domain.accreditation.history import replay
from registry.domain.clock import end_of_day
from registry.domain.training.transitions import PUBLIC_KINDS
from registry.extensions import db
from registry.models import Organisation, ProgrammeAccreditationEvent, TrainingProgramme


@dataclass(frozen=True)
class ProgrammeStatus:
    on: date
    status: str | None  # None: not yet submitted on that date
    valid_until: date | None
    conditions: str | None

    @property
    def accredited(self) -> bool:
        return self.status == "accredited"


def statuses_on(programme_ids: Sequence[int], on: date, as_known_on: date | None = None) -> dict[int, ProgrammeStatus]:
    """``status_on`` for many programmes in one query."""
    query = select(ProgrammeAccreditationEvent).where(
        ProgrammeAccreditationEvent.programme_id.in_(list(programme_ids)),
        ProgrammeAccreditationEvent.effective_on <= on,
    )
    if as_known_on is not None:
        query = query.where(ProgrammeAccreditationEvent.recorded_at < end_of_day(as_known_on))
    events: dict[int, list[ProgrammeAccreditationEvent]] = defaultdict(list)
    for event in db.session.scalars(query):
        events[event.programme_id].append(event)
    result = {}
    for programme_id in programme_ids:
        state = replay(events.get(programme_id, []), on, accreditation_id=programme_id)
        result[programme_id] = ProgrammeStatus(
            on,
            state.status if state else None,
            state.valid_until if state else None,
            state.conditions if state else None,
        )
    return result


def status_on(programme: TrainingProgramme | int, on: date, as_known_on: date | None = None) -> ProgrammeStatus:
    """The programme's status on ``on`` (valid time), as the register knew it on ``as_known_on`` if given."""
    programme_id = programme if isinstance(programme, int) else programme.id
    return statuses_on([programme_id], on, as_known_on)[programme_id]


@dataclass(frozen=True)
class PublicProgrammeEvent:
    """An event as the public sees it: never the private reason or the person who recorded it."""

    sequence: int
    kind: str
    effective_on: date
    body_name: str | None
    programme_version: int | None
    valid_until: date | None
    conditions: str | None
    public_note: str | None


def public_history(programme: TrainingProgramme) -> list[PublicProgrammeEvent]:
    """The programme's public events, newest first."""
    rows = db.session.execute(
        select(
            ProgrammeAccreditationEvent.sequence,
            ProgrammeAccreditationEvent.kind,
            ProgrammeAccreditationEvent.effective_on,
            Organisation.name,
            ProgrammeAccreditationEvent.programme_version,
            ProgrammeAccreditationEvent.valid_until,
            ProgrammeAccreditationEvent.conditions,
            ProgrammeAccreditationEvent.public_note,
        )
        .outerjoin(Organisation, Organisation.id == ProgrammeAccreditationEvent.body_id)
        .where(
            ProgrammeAccreditationEvent.programme_id == programme.id,
            ProgrammeAccreditationEvent.kind.in_(PUBLIC_KINDS),
        )
        .order_by(ProgrammeAccreditationEvent.effective_on.desc(), ProgrammeAccreditationEvent.sequence.desc())
    )
    return [PublicProgrammeEvent(*row) for row in rows]
