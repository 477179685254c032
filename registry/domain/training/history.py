"""A programme's status at a date, and its public history, read through the one lifecycle.

``status_on`` is the lifecycle's replay (``registry.domain.lifecycle.history``): the latest event
effective by ``on`` decides, a running accreditation past ``valid_until`` counts as lapsed from the
next day, and with ``as_known_on`` only events recorded by the end of that UK day count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from registry.domain.lifecycle import AccreditationState, public_events, states_on
from registry.domain.lifecycle.history import one_of
from registry.domain.training.transitions import PROGRAMME_ACCREDITATION
from registry.models import TrainingProgramme


@dataclass(frozen=True)
class ProgrammeStatus:
    on: date
    status: str | None  # None: not yet submitted on that date
    valid_until: date | None
    conditions: str | None

    @property
    def accredited(self) -> bool:
        return self.status == "accredited"

    @classmethod
    def replayed(cls, on: date, states: list[AccreditationState] | None) -> ProgrammeStatus:
        """From the programme's replayed state (a programme is its only subject), or none yet."""
        if not states:
            return cls(on, None, None, None)
        return cls(on, states[0].status, states[0].valid_until, states[0].conditions)


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
    return [PublicProgrammeEvent(**row._mapping) for row in public_events(PROGRAMME_ACCREDITATION, programme.id)]


def statuses_on(programme_ids: Sequence[int], on: date, as_known_on: date | None = None) -> dict[int, ProgrammeStatus]:
    """``status_on`` for many programmes in one query."""
    states = states_on(PROGRAMME_ACCREDITATION, programme_ids, on, as_known_on)
    return {programme_id: ProgrammeStatus.replayed(on, states.get(programme_id)) for programme_id in programme_ids}


def status_on(programme: TrainingProgramme | int, on: date, as_known_on: date | None = None) -> ProgrammeStatus:
    """The programme's status on ``on`` (valid time), as the register knew it on ``as_known_on`` if given."""
    return one_of(statuses_on, programme, on, as_known_on)
