"""Domain events: how recording a change sets off the work that follows it, without importing it.

The lifecycle's recorder publishes an event once its rows are flushed (``lifecycle.recorder.record``:
``AccreditationEventRecorded`` for a mediator's accreditation, ``ProgrammeEventRecorded`` for a
programme's, as each subject's ``Lifecycle.announce`` says), and
``publish`` runs every subscriber of that event's type there and then, in the caller's transaction:
what a subscriber writes (a notification in the outbox) is committed or rolled back with the change
itself, and a subscriber that raises refuses the change as a whole.

Subscribers are registered when the app is created (``registry.domain.subscriptions.init_app``,
called by ``create_app``), never as a side effect of importing a module, and are kept per app, so
two apps never share them. This module imports nothing of the domain: every part of it may publish
without importing who listens, which keeps the domain's imports one-way (the ``acyclic_siblings``
contract in ``pyproject.toml``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from flask import Flask, current_app

from registry.models import (
    AccreditationEvent,
    CommissionedService,
    Concern,
    Consultation,
    LogEntry,
    PanelMembership,
    ProgrammeAccreditationEvent,
    RegisterChange,
    RenewalRequest,
    User,
)

EXTENSION = "registry.domain.events"


@dataclass(frozen=True)
class AccreditationEventRecorded:
    """A mediator's AccreditationEvent was written (flushed, not yet committed)."""

    event: AccreditationEvent


@dataclass(frozen=True)
class ProgrammeEventRecorded:
    """A training programme's ProgrammeAccreditationEvent was written (flushed, not yet committed)."""

    event: ProgrammeAccreditationEvent


@dataclass(frozen=True)
class RegisterChangeRecorded:
    """A change to what the public register shows was published (a ``RegisterChange``, flushed, not
    yet committed; ``registry.domain.publication``). ``areas``: for a mediator's change, the GSS codes of
    the LAs they covered before it and after it (so a mediator who stops covering an LA is news to
    it); empty for a programme or an organisation."""

    change: RegisterChange
    areas: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LogEntryReviewed:
    """A registrar verified or rejected (queried) a mediator's log entry (``registry.domain.logbook.review``)."""

    entry: LogEntry


@dataclass(frozen=True)
class ConcernRaised:
    """A concern about a mediator or a mediation provider was recorded (``registry.domain.concerns``)."""

    concern: Concern


@dataclass(frozen=True)
class RenewalRequested:
    """A mediator asked their body to renew their accreditation (``registry.domain.renewals``)."""

    request: RenewalRequest


@dataclass(frozen=True)
class PanelChanged:
    """A mediation provider asked a mediator to join its panel, the mediator confirmed or declined, or
    either ended the link (``registry.domain.providers.panel``); ``membership.status`` says which."""

    membership: PanelMembership
    actor: User | None


@dataclass(frozen=True)
class CommissioningChanged:
    """A provider proposed that an LA commissions it, or the LA confirmed it, or either removed it
    (``registry.domain.commissioned_services``): ``step`` is proposed, confirmed or removed. Published
    before a removed service is deleted, so it can still be read."""

    service: CommissionedService
    step: str
    actor: User | None


@dataclass(frozen=True)
class StandardsPublished:
    """A version that followed a consultation was published (flushed, not yet committed): the
    consultation's response is public from now on, and the version takes effect on ``takes_effect_on``."""

    consultation: Consultation
    takes_effect_on: date


DomainEvent = (
    AccreditationEventRecorded
    | ProgrammeEventRecorded
    | RegisterChangeRecorded
    | LogEntryReviewed
    | ConcernRaised
    | RenewalRequested
    | PanelChanged
    | CommissioningChanged
    | StandardsPublished
)
E = TypeVar(
    "E",
    AccreditationEventRecorded,
    ProgrammeEventRecorded,
    RegisterChangeRecorded,
    LogEntryReviewed,
    ConcernRaised,
    RenewalRequested,
    PanelChanged,
    CommissioningChanged,
    StandardsPublished,
)


class Subscribers:
    """Which subscribers react to each type of event, run in the order they were subscribed."""

    def __init__(self) -> None:
        self._by_type: dict[type[Any], list[Callable[[Any], None]]] = {}

    def subscribe(self, event_type: type[E], subscriber: Callable[[E], None]) -> None:
        self._by_type.setdefault(event_type, []).append(subscriber)

    def subscribers_of(self, event_type: type[DomainEvent]) -> list[Callable[[Any], None]]:
        return list(self._by_type.get(event_type, []))

    def publish(self, event: DomainEvent) -> None:
        for subscriber in self.subscribers_of(type(event)):
            subscriber(event)


def init_app(app: Flask, subscribers: Subscribers) -> None:
    app.extensions[EXTENSION] = subscribers


def publish(event: DomainEvent) -> None:
    """Run every subscriber of the event's type now, in the caller's transaction."""
    subscribers = current_app.extensions.get(EXTENSION)
    if not isinstance(subscribers, Subscribers):
        raise RuntimeError("No domain event subscribers: create_app registers them (registry.domain.subscriptions).")
    subscribers.publish(event)
