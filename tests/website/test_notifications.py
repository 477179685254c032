"""Notifications: queued for the officers of every LA watching a mediator when an event is recorded,
delivered through a real SMTP server (aiosmtpd on 127.0.0.1) exactly once, and retried on the next
run when delivery failed; without MAIL_SERVER they stay queued."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from registry.domain import watchlist
from registry.domain.accreditation import lapse_expired, suspend
from registry.domain.notifications import queue_for_event
from registry.extensions import db
from registry.models import Accreditation, Notification

PRIVATE_REASON = "PRIVATE: complaint under investigation"


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(port: int) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=5)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def mail_to(app, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def point_at(port: int) -> None:
        monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
        monkeypatch.setitem(app.config, "MAIL_PORT", port)
        monkeypatch.setitem(app.config, "MAIL_FROM", "register@example.com")

    return point_at


@pytest.fixture
def watched(factories, on_register):  # type: ignore[no-untyped-def]
    """A mediator watched by one LA with two active officers and one whose account is closed."""
    officer = factories.person_with_role("la_officer")
    la = officer.roles[0].organisation
    colleague = factories.person_with_role("la_officer", organisation=la)
    former = factories.person_with_role("la_officer", organisation=la)
    former.active = False
    mediator = on_register("Ada Lovelace")
    watchlist.add(la, mediator.registration_number, officer)
    registrar = factories.person_with_role("registrar")
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    return {
        "la": la,
        "officers": {officer.email, colleague.email},
        "mediator": mediator,
        "accreditation": accreditation,
        "registrar": registrar,
    }


def _suspend(world) -> None:  # type: ignore[no-untyped-def]
    suspend(world["accreditation"], world["registrar"], reason=PRIVATE_REASON, public_note="Paused while we look")


def _queued(mediator) -> list[Notification]:  # type: ignore[no-untyped-def]
    return list(db.session.scalars(select(Notification).where(Notification.mediator_id == mediator.id)))


def test_an_event_for_a_watched_mediator_queues_one_message_per_active_officer(watched) -> None:
    _suspend(watched)
    queued = _queued(watched["mediator"])
    assert {n.recipient.email for n in queued} == watched["officers"]
    for notification in queued:
        assert notification.state == "queued" and notification.organisation_id == watched["la"].id
        assert "Accreditation suspended" in notification.subject and "Ada Lovelace" in notification.subject
        assert "Paused while we look" in notification.body
        assert f"/mediators/{watched['mediator'].registration_number}" in notification.body
        assert PRIVATE_REASON not in notification.body + notification.subject


def test_queueing_the_same_event_twice_is_refused_by_the_database(watched) -> None:
    _suspend(watched)
    event = _queued(watched["mediator"])[0].accreditation_event
    with pytest.raises(Exception), db.session.begin_nested():  # noqa: B017 - IntegrityError from either engine
        queue_for_event(event)


def test_unwatched_mediators_and_private_events_queue_nothing(factories, on_register) -> None:
    factories.person_with_role("la_officer")
    mediator = on_register("Grace Hopper")
    registrar = factories.person_with_role("registrar")
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    suspend(accreditation, registrar, reason="x", public_note="y")
    assert _queued(mediator) == []


def test_without_a_mail_server_notifications_stay_queued(app, watched, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    _suspend(watched)
    result = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert result.exit_code == 0, result.output
    assert "MAIL_SERVER is not set" in result.output
    assert {n.state for n in _queued(watched["mediator"])} == {"queued"}


def test_delivered_through_smtp_exactly_once(app, watched, mail_to) -> None:
    _suspend(watched)
    port = free_port()
    mail_to(port)
    with smtp_server(port) as inbox:
        first = app.test_cli_runner().invoke(args=["notifications", "send"])
        second = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert first.exit_code == 0 and "2 sent, 0 failed" in first.output, first.output
    assert "0 sent, 0 failed" in second.output, second.output
    assert sorted(to for tos, _ in inbox.messages for to in tos) == sorted(watched["officers"])
    assert all("Accreditation suspended" in content and PRIVATE_REASON not in content for _, content in inbox.messages)
    for notification in _queued(watched["mediator"]):
        db.session.refresh(notification)
        assert notification.state == "sent" and notification.attempts == 1


def test_a_failed_delivery_is_kept_and_retried_on_the_next_run(app, watched, mail_to) -> None:
    _suspend(watched)
    port = free_port()  # nothing listens there yet: the server is down
    mail_to(port)
    down = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert "0 sent, 2 failed" in down.output, down.output
    for notification in _queued(watched["mediator"]):
        db.session.refresh(notification)
        assert notification.state == "failed" and notification.attempts == 1 and notification.last_error
    with smtp_server(port) as inbox:
        retried = app.test_cli_runner().invoke(args=["notifications", "send"])
        again = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert "2 sent, 0 failed" in retried.output and "0 sent, 0 failed" in again.output
    assert sorted(to for tos, _ in inbox.messages for to in tos) == sorted(watched["officers"])
    for notification in _queued(watched["mediator"]):
        db.session.refresh(notification)
        assert notification.state == "sent" and notification.attempts == 2 and notification.last_error is None


def test_the_daily_job_lapses_then_delivers(app, factories, on_register, mail_to) -> None:
    officer = factories.person_with_role("la_officer")
    la = officer.roles[0].organisation
    expired = on_register(
        "Mary Somerville", valid_from=date.today() - timedelta(days=400), valid_until=date.today() - timedelta(days=3)
    )
    watchlist.add(la, expired.registration_number, officer)
    port = free_port()
    mail_to(port)
    with smtp_server(port) as inbox:
        result = app.test_cli_runner().invoke(args=["daily"])
    assert result.exit_code == 0, result.output
    assert "Notifications: 1 sent" in result.output
    assert [tos for tos, _ in inbox.messages] == [[officer.email]]
    assert "Accreditation lapsed" in inbox.messages[0][1]
    assert lapse_expired() == []


def test_applications_are_private_and_notify_no_one(factories, on_register) -> None:
    officer = factories.person_with_role("la_officer")
    mediator = on_register("Hedy Lamarr")
    watchlist.add(officer.roles[0].organisation, mediator.registration_number, officer)
    event = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one().events[0]
    event.kind = "applied"  # applications stay between the mediator and their body
    assert queue_for_event(event) == []
