"""The state machine, written once: transitions as data, the validity period, and the date rules.

A ``Lifecycle`` is configured per subject (a mediator's accreditation, a training programme's
accreditation: ``registry.domain.accreditation.transitions.MEDIATOR_ACCREDITATION`` and
``registry.domain.training.transitions.PROGRAMME_ACCREDITATION``). The configuration holds the
transitions table, the words its refusals use, and the few things only the subject knows (its
event table, what its audit events name, which domain event announces a change); everything that
decides — which transition is legal, what state follows, which dates are allowed — is here, and
nowhere else.

``next_state`` and ``date_refusal`` are pure, so the recorder (``recorder``) and the demo's
in-memory histories (``registry.demo.lifecycle``) apply the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar, Unpack

from sqlalchemy import Select, inspect
from sqlalchemy.orm import InstrumentedAttribute

from registry.domain import clock
from registry.domain.errors import DomainError, IllegalTransition
from registry.domain.events import DomainEvent
from registry.models import Organisation, User
from registry.models.lifecycle import LifecycleEvent, LifecycleState

# Statuses in which an accreditation is in force or paused, and so runs out at valid_until.
RUNNING = ("accredited", "suspended")


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # "leave this part of the state as it is"


@dataclass(frozen=True)
class Transition:
    """One kind of event: the statuses it may start from, the status it leads to, and what it does to
    the validity period. ``verb`` and ``needs`` word the refusal ("You cannot suspend this …")."""

    kind: str
    from_statuses: tuple[str | None, ...]
    to_status: str
    by: str  # "mediator", "registrar", "trainer", "mediator or registrar" or "the daily job"
    verb: str
    needs: str
    starts_period_from: tuple[str | None, ...] = ()  # a new period starts on the day it takes effect
    extends_period: bool = False  # the next period is added after the current one
    clears_period: bool = False  # no period and no conditions any more

    @property
    def opens(self) -> bool:
        """The subject's first event (an application, a submission)."""
        return self.from_statuses == (None,)


@dataclass(frozen=True)
class State:
    """What the subject's cached columns hold: the state after its latest event."""

    status: str | None
    valid_from: date | None = None
    valid_until: date | None = None
    conditions: str | None = None


def years_on(day: date, years: int) -> date:
    """The same calendar date ``years`` later; 29 February moves to 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def period_ending(starts_on: date, years: int = 1) -> date:
    """The last day of a period of ``years`` starting on ``starts_on``: 4 March 2026, 1 year → 3 March 2027."""
    return years_on(starts_on, years) - timedelta(days=1)


def renewed_until(valid_until: date) -> date:
    """A renewal adds the next 12-month period, starting the day after the current one ends."""
    return period_ending(valid_until + timedelta(days=1))


def replayed_columns(model: type[LifecycleEvent]) -> tuple[InstrumentedAttribute[Any], ...]:
    """The event columns a status replay reads (``registry.domain.lifecycle.history.replay``)."""
    return (
        model.sequence,
        model.to_status,
        model.effective_on,
        model.recorded_at,
        model.valid_from,
        model.valid_until,
        model.conditions,
    )


def state_columns(model: type[LifecycleState]) -> tuple[Any, ...]:
    """The subject's cached state as the status today reads it, in the order of the replay's columns
    (``sequence``, ``to_status``, ``effective_on`` …): the latest event's sequence, the status, the
    day it began, the period and the conditions."""
    return (
        model.status_sequence.label("sequence"),
        model.status.label("to_status"),
        model.status_since.label("effective_on"),
        model.valid_from,
        model.valid_until,
        model.conditions,
    )


S = TypeVar("S", bound=LifecycleState)
E = TypeVar("E", bound=LifecycleEvent)


class Lifecycle(Generic[S, E]):
    """One subject's configuration of the lifecycle. Subclasses fill in the class attributes and
    override the methods at the end, which are all that differs between subjects."""

    noun: ClassVar[str]  # "accreditation": "You cannot suspend this accreditation …"
    its_accreditation: ClassVar[str]  # "This accreditation" ran out on …
    after_lapse: ClassVar[str]  # what can happen once it has lapsed
    applicant: ClassVar[str]  # who is told the reasons for a refusal
    reason_readers: ClassVar[str]  # who reads the private reason
    transitions: ClassVar[Mapping[str, Transition]]
    status_words: ClassVar[Mapping[str | None, str]]  # "because it is {words}"
    public_kinds: ClassVar[tuple[str, ...]]  # the events the public sees
    audited_as: ClassVar[str]  # the audit events' subject type; their actions are "{audited_as}.{kind}"
    subject_model: type[S]
    event_model: type[E]
    event_subject: ClassVar[str]  # the event's relationship to its subject ("accreditation")
    running: ClassVar[tuple[str, ...]] = RUNNING

    # The legal moves

    def check_transition(self, kind: str, from_status: str | None) -> Transition:
        """The transition for ``kind`` from ``from_status``, or IllegalTransition saying why not."""
        transition = self.transitions[kind]
        if from_status not in transition.from_statuses:
            raise IllegalTransition(
                f"You cannot {transition.verb} this {self.noun} because it is {self.status_words[from_status]}. "
                f"{transition.needs}"
            )
        return transition

    def is_legal(self, kind: str, from_status: str | None, to_status: str) -> bool:
        transition = self.transitions.get(kind)
        return transition is not None and from_status in transition.from_statuses and transition.to_status == to_status

    def kinds_from(self, status: str | None) -> list[str]:
        """The kinds of event that may follow ``status``, in the table's order."""
        return [kind for kind, transition in self.transitions.items() if status in transition.from_statuses]

    def next_state(self, state: State, kind: str, on: date, conditions: Any = KEEP, years: int = 1) -> State:
        """The state after an event of ``kind`` taking effect ``on`` (IllegalTransition if none may)."""
        transition = self.check_transition(kind, state.status)
        after = replace(state, status=transition.to_status)
        if transition.clears_period:
            return replace(after, valid_from=None, valid_until=None, conditions=None)
        if state.status in transition.starts_period_from:
            after = replace(after, valid_from=on, valid_until=period_ending(on, years))
        elif transition.extends_period and state.valid_until is not None:
            after = replace(after, valid_until=renewed_until(state.valid_until))
        return after if conditions is KEEP else replace(after, conditions=conditions)

    def date_refusal(
        self, state: State, kind: str, effective_on: date, last_effective_on: date | None, today: date
    ) -> DomainError | None:
        """Why an event of ``kind`` cannot take effect on ``effective_on``, or None.

        It may be back-dated but never lies in the future, and never before the latest event, so the
        events are in the same order by sequence, by ``effective_on`` and by ``recorded_at``. While the
        accreditation is running every change except the lapse itself takes effect on or before
        ``valid_until``: after that day it had already lapsed.
        """
        if effective_on > today:
            return DomainError("The date it takes effect cannot be in the future.", field="effective_on")
        if last_effective_on is not None and effective_on < last_effective_on:
            return DomainError(
                f"The date it takes effect cannot be before {clock.long_date(last_effective_on)}, "
                f"the date of the last change to this {self.noun}.",
                field="effective_on",
            )
        ends = state.valid_until
        if state.status in self.running and kind != "lapsed" and ends is not None and effective_on > ends:
            return IllegalTransition(
                f"{self.its_accreditation} ran out on {clock.long_date(ends)}, so nothing can take effect after "
                f"that date. {self.after_lapse}",
                field="effective_on",
            )
        return None

    # What only the subject knows

    def lock_version(self, subject: S) -> int:
        """The optimistic lock's value (the mapper's ``version_id_col``)."""
        mapper = inspect(type(subject))
        assert mapper.version_id_col is not None
        return int(getattr(subject, mapper.get_property_by_column(mapper.version_id_col).key))

    def new_event(self, subject: S, body: Organisation | None, **columns: Any) -> E:
        """An event row for ``subject`` with the shared ``columns`` and the subject's own (``event_extras``)."""
        return self.event_model(**{self.event_subject: subject}, **columns, **self.event_extras(subject, body))

    def subject_key(self) -> InstrumentedAttribute[int]:
        """The event table's foreign key to the subject."""
        raise NotImplementedError

    def owner(self) -> InstrumentedAttribute[int]:
        """Whose status the subject decides: a mediator's (of several accreditations); a programme's own."""
        raise NotImplementedError

    def announce(self, event: E) -> DomainEvent:
        """The domain event that tells subscribers this event was recorded."""
        raise NotImplementedError

    def event_extras(self, subject: S, body: Organisation | None) -> dict[str, Any]:
        """Columns of the subject's own on its events; none by default."""
        return {}

    def before_record(self, subject: S, actor: User | None, body: Organisation | None) -> None:
        """Refuse (before anything is written) or prepare what the subject needs; nothing by default."""

    def period_years(self, subject: S) -> int:
        """How many years a new period lasts."""
        return 1

    def audit_subject(self, subject: S, body: Organisation | None) -> tuple[object, dict[str, Any]]:
        """The audit event's subject id and subject-specific data."""
        raise NotImplementedError

    def owner_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        """Rows for status replays: ``owner_id`` (whose status it is: the ``owner`` column), ``subject_id``,
        ``body_id`` and ``replayed_columns``. The reader filters by owner and date."""
        raise NotImplementedError

    def state_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        """Rows for the status today, one per subject: ``owner_id``, ``subject_id`` and ``body_id`` as in
        ``owner_rows``, then the subject's cached state (``state_columns``). The reader filters by owner."""
        raise NotImplementedError

    def public_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        """Rows of the public history: the event columns and ``body_name``."""
        raise NotImplementedError
