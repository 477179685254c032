"""Domain events: a recorder publishes, the subscribers registered at app creation react, in order,
at once (so in the recorder's transaction); an error in one refuses the change."""

from __future__ import annotations

import pytest
from flask import Flask

from registry.domain import area_alerts, events, notifications, role_notifications
from registry.domain.credentials import status as credential_status
from registry.domain.events import AccreditationEventRecorded, ProgrammeEventRecorded, Subscribers
from registry.models import AccreditationEvent, ProgrammeAccreditationEvent


def test_subscribers_of_an_event_type_run_in_the_order_subscribed() -> None:
    seen: list[str] = []
    subscribers = Subscribers()
    subscribers.subscribe(AccreditationEventRecorded, lambda recorded: seen.append(f"first {recorded.event.kind}"))
    subscribers.subscribe(ProgrammeEventRecorded, lambda recorded: seen.append("programme"))
    subscribers.subscribe(AccreditationEventRecorded, lambda recorded: seen.append(f"second {recorded.event.kind}"))

    subscribers.publish(AccreditationEventRecorded(AccreditationEvent(kind="suspended")))

    assert seen == ["first suspended", "second suspended"]


def test_an_event_nobody_subscribes_to_is_published_to_nobody() -> None:
    Subscribers().publish(ProgrammeEventRecorded(ProgrammeAccreditationEvent(kind="accredited")))


def test_a_failing_subscriber_reaches_the_publisher() -> None:
    def refuse(recorded: AccreditationEventRecorded) -> None:
        raise RuntimeError("outbox unavailable")

    subscribers = Subscribers()
    subscribers.subscribe(AccreditationEventRecorded, refuse)
    with pytest.raises(RuntimeError, match="outbox unavailable"):
        subscribers.publish(AccreditationEventRecorded(AccreditationEvent(kind="withdrawn")))


def test_publish_reaches_the_subscribers_of_the_current_app_only() -> None:
    seen: list[str] = []
    first, second = Flask("first"), Flask("second")
    subscribers = Subscribers()
    subscribers.subscribe(ProgrammeEventRecorded, lambda recorded: seen.append(recorded.event.kind))
    events.init_app(first, subscribers)
    events.init_app(second, Subscribers())

    with second.app_context():
        events.publish(ProgrammeEventRecorded(ProgrammeAccreditationEvent(kind="suspended")))
    with first.app_context():
        events.publish(ProgrammeEventRecorded(ProgrammeAccreditationEvent(kind="accredited")))

    assert seen == ["accredited"]


def test_publishing_without_subscribers_registered_is_an_error_not_silence() -> None:
    with Flask("bare").app_context(), pytest.raises(RuntimeError, match="create_app"):
        events.publish(AccreditationEventRecorded(AccreditationEvent(kind="lapsed")))


def _names(functions: list[object]) -> list[str]:
    return [f"{function.__module__}.{function.__qualname__}" for function in functions]  # type: ignore[attr-defined]


def test_create_app_subscribes_the_notifications_to_recorded_accreditation_events(app: Flask) -> None:
    subscribers = app.extensions[events.EXTENSION]
    assert _names(subscribers.subscribers_of(AccreditationEventRecorded)) == _names(
        [
            notifications.notify_watchers,
            area_alerts.queue_alerts,
            credential_status.on_accreditation_event,
            role_notifications.on_accreditation_event,
        ]
    )
    assert _names(subscribers.subscribers_of(ProgrammeEventRecorded)) == _names(
        [credential_status.on_programme_event, role_notifications.on_programme_event]
    )
    for event_type, subscriber in (
        (events.RenewalRequested, role_notifications.on_renewal_requested),
        (events.LogEntryReviewed, role_notifications.on_log_entry_reviewed),
        (events.ConcernRaised, role_notifications.on_concern_raised),
    ):
        assert _names(subscribers.subscribers_of(event_type)) == _names([subscriber])
