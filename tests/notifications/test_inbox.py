"""Notifications for every role (issue 19, item 1): each event puts one notification in the right
inboxes, in the transaction that records it; the email holds the subject and a link, never the
detail; each person turns email off per kind; reminders come once per occasion; and a person reads
and marks only their own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from registry.domain import accreditation as lifecycle
from registry.domain import clock, inbox, logbook, role_notifications, training, watchlist
from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.errors import NotFound
from registry.domain.notifications import DeliveryReport, deliver_queued
from registry.domain.oversight import returns
from registry.extensions import db
from registry.models import Notification, User
from tests.accreditation.conftest import DECLARATIONS, World, assess_all
from tests.conftest import csrf_token_from
from tests.mediator.conftest import add_entry
from tests.oversight.test_returns import GOOD
from tests.training.conftest import content


def _inbox(user: User) -> list[Notification]:
    return list(inbox.inbox_for(user).items)


def _kinds(user: User) -> list[str]:
    return [n.kind for n in _inbox(user)]


class Mailer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []

    def send(self, to: str, subject: str, body: str, headers: object = None) -> None:
        self.sent.append((to, subject, body))


def test_an_application_tells_the_body_and_its_decision_tells_the_mediator(world: World, factories) -> None:
    other_body_registrar = factories.person_with_role("registrar")
    accreditation = lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    [received] = _inbox(world.registrar)
    assert received.kind == "application_received"
    assert received.link == f"/workspace/registrar/applications/{accreditation.id}"
    assert world.mediator.registration_number in received.subject
    assert _inbox(other_body_registrar) == [] and _inbox(world.mediator_user) == []

    assess_all(accreditation, world.registrar)
    lifecycle.refuse(accreditation, world.registrar, reason="PRIVATE-REASON not enough practice")
    [decided] = _inbox(world.mediator_user)
    assert (decided.kind, decided.link) == ("accreditation", "/workspace/mediator/accreditation")
    assert decided.subject == "Your application for accreditation has been decided"
    assert "PRIVATE-REASON" not in f"{decided.subject} {decided.body} {decided.detail}"


def test_later_decisions_tell_the_mediator_but_not_their_own_resignation(world: World, make_accreditation) -> None:
    accreditation = make_accreditation(world)
    lifecycle.suspend(accreditation, world.registrar, reason="PRIVATE-REASON", public_note="Paused.")
    assert _kinds(world.mediator_user) == ["accreditation", "accreditation"]  # accredited, then suspended
    lifecycle.reinstate(accreditation, world.registrar)
    lifecycle.resign(accreditation, world.mediator_user)
    assert len(_inbox(world.mediator_user)) == 3, "resigning themselves is not news to them"


def test_a_queried_log_entry_tells_the_mediator_and_a_verified_one_does_not(world: World, make_accreditation) -> None:
    make_accreditation(world)
    before = len(_inbox(world.mediator_user))
    verified = add_entry(world.mediator, "cpd", "send_law_policy_practice", "1.5")
    logbook.review(verified, world.registrar, verified=True)
    assert len(_inbox(world.mediator_user)) == before
    queried = add_entry(world.mediator, "cpd", "send_law_policy_practice", "2")
    logbook.review(queried, world.registrar, verified=False, note="PRIVATE-NOTE: which course was this?")
    newest = _inbox(world.mediator_user)[0]
    assert (newest.kind, newest.link) == ("log_entry_queried", f"/workspace/mediator/log/{queried.id}")
    assert "PRIVATE-NOTE" not in newest.body + newest.subject


def test_a_concern_goes_to_the_body_or_to_oversight(world: World, make_accreditation, factories) -> None:
    make_accreditation(world)
    panel = factories.person_with_role("oversight")
    about_mediator = raise_concern(
        ConcernInput(
            subject="mediator",
            description="PRIVATE-DESCRIPTION",
            registration_number=world.mediator.registration_number,
            raised_by_name="Sam Parent",
            raised_by_email="parent@example.com",
        ),
        today=clock.today(),
    )
    [told] = [n for n in _inbox(world.registrar) if n.kind == "concern_raised"]
    assert told.link == f"/workspace/registrar/concerns/{about_mediator.reference}"
    assert "PRIVATE-DESCRIPTION" not in told.body and "Sam Parent" not in told.body
    provider = factories.organisation(kind="mediation_provider")
    about_provider = raise_concern(
        ConcernInput(subject="provider", description="Late again", provider_id=provider.id), today=clock.today()
    )
    [panel_told] = _inbox(panel)
    assert panel_told.link == f"/workspace/oversight/concerns/{about_provider.reference}"


def test_a_programme_decision_tells_the_providers_trainers(factories) -> None:
    provider = factories.organisation(kind="training_provider")
    trainer = factories.person_with_role("trainer", provider)
    body = factories.organisation(kind="accrediting_body")
    registrar = factories.person_with_role("registrar", body)
    programme = training.submit_programme(provider, trainer, "foundation", content()).programme
    assert _inbox(trainer) == [], "their own submission is not news to them"
    [waiting] = _inbox(registrar)
    assert waiting.kind == "application_received" and programme.reference in waiting.subject
    assert waiting.link == f"/workspace/registrar/programmes/{programme.reference}"
    training.accredit(programme, registrar, body)
    [decided] = _inbox(trainer)
    assert (decided.kind, decided.link) == ("programme_decided", f"/workspace/trainer/programmes/{programme.reference}")


def test_renewal_reminders_come_once_per_period(world: World, factories) -> None:
    today = clock.today()
    due = factories.accreditation(world.mediator, body=world.body, valid_until=today + timedelta(days=30))
    other_user = factories.person_with_role("mediator")
    later = factories.mediator(user_id=other_user.id)
    factories.accreditation(later, body=world.body, valid_until=today + timedelta(days=200))
    assert role_notifications.remind_renewals_due(today) == 1
    assert role_notifications.remind_renewals_due(today) == 0, "once per accreditation period"
    [reminder] = _inbox(world.mediator_user)
    assert reminder.kind == "renewal_due" and reminder.link == "/workspace/mediator/renewal"
    assert clock.long_date(due.valid_until) in reminder.subject
    assert _inbox(other_user) == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 4, 1), (2026, 1, date(2026, 4, 30))),
        (date(2026, 4, 30), (2026, 1, date(2026, 4, 30))),
        (date(2026, 5, 1), None),
        (date(2026, 1, 15), (2025, 4, date(2026, 1, 31))),
        (date(2026, 10, 31), (2026, 3, date(2026, 10, 31))),
    ],
)
def test_a_quarters_returns_are_due_by_the_end_of_the_next_month(today: date, expected) -> None:
    assert role_notifications.returns_due(today) == expected


def test_providers_without_a_return_are_reminded_once(factories) -> None:
    late = factories.organisation(kind="mediation_provider")
    staff = factories.person_with_role("provider", late)
    done = factories.organisation(kind="mediation_provider")
    done_staff = factories.person_with_role("provider", done)
    today = date(2026, 4, 10)
    returns.submit(done, returns.ReturnInput("E08000035", 2026, 1, GOOD), done_staff, today=today)
    told = role_notifications.remind_returns_due(today)
    assert told >= 1 and role_notifications.remind_returns_due(today) == 0
    [reminder] = _inbox(staff)
    assert reminder.kind == "return_due" and "January to March 2026" in reminder.subject
    assert "30 April 2026" in reminder.subject
    assert _inbox(done_staff) == [], "a provider that has sent a return for the quarter is not reminded"


def test_email_is_sent_unless_turned_off_and_holds_only_the_subject_and_link(world: World, make_accreditation) -> None:
    inbox.choose_emails(world.registrar, {"application_received": False, "watched_change": False})
    make_accreditation(world, "applied")
    mailer = Mailer()
    deliver_queued(mailer)
    assert [to for to, _, _ in mailer.sent] == [], "the registrar turned applications off"
    assert [n.kind for n in _inbox(world.registrar)] == ["application_received"], "still in the inbox"
    assert inbox.email_choices(world.registrar) == {
        "application_received": False,
        "renewal_received": True,
        "concern_raised": True,
        "oversight_action": True,
    }, "only the registrar's kinds, and the LA's watched_change choice was ignored"


def test_the_email_links_to_the_workspace(world: World, make_accreditation) -> None:
    accreditation = make_accreditation(world, "applied")
    assess_all(accreditation, world.registrar)
    lifecycle.accredit(accreditation, world.registrar, conditions="PRIVATE-ISH conditions")
    mailer = Mailer()
    assert deliver_queued(mailer) == DeliveryReport(2, 0)
    [(to, subject, body)] = [sent for sent in mailer.sent if sent[0] == world.mediator_user.email]
    assert subject == "Your application for accreditation has been decided"
    assert "/workspace/mediator/accreditation" in body and "PRIVATE-ISH" not in body
    [kept] = [n for n in _inbox(world.mediator_user)]
    assert kept.body == body, "an inbox notification's text is kept after sending (unlike an account link)"


def test_a_person_reads_and_marks_only_their_own(world: World, make_accreditation, factories) -> None:
    make_accreditation(world, "applied")
    [mine] = _inbox(world.registrar)
    someone = factories.person_with_role("registrar", world.body)
    with pytest.raises(NotFound):
        inbox.mark_read(world.mediator_user, mine.id)
    assert inbox.unread_count(world.registrar) == 1 and inbox.unread_count(someone) == 0
    inbox.mark_read(world.registrar, mine.id)
    assert inbox.unread_count(world.registrar) == 0


def test_the_inbox_pages(app, world: World, make_accreditation) -> None:
    from tests.fixtures.clients import sign_in

    make_accreditation(world, "applied")
    client = app.test_client()
    sign_in(client, world.registrar)
    page = client.get("/workspace/notifications")
    assert page.status_code == 200 and "Notifications (1 unread)" in page.text
    [notification] = _inbox(world.registrar)
    assert f'href="{notification.link}"' in page.text
    assert client.post(f"/workspace/notifications/{notification.id}/read").status_code == 400, "no CSRF token"
    token = csrf_token_from(page.text)
    done = client.post(f"/workspace/notifications/{notification.id}/read", data={"csrf_token": token})
    assert done.status_code == 302
    db.session.expire_all()
    assert inbox.unread_count(world.registrar) == 0
    assert "Notifications (1 unread)" not in client.get("/workspace/notifications").text
    settings = client.get("/workspace/notifications/settings")
    assert "A new application" in settings.text
    saved = client.post(
        "/workspace/notifications/settings",
        data={"csrf_token": csrf_token_from(settings.text), "emailed": ["concern_raised"]},
    )
    assert saved.status_code == 302
    assert inbox.email_choices(world.registrar)["application_received"] is False
    assert inbox.email_choices(world.registrar)["concern_raised"] is True
    assert (
        client.post(
            "/workspace/notifications/settings", data={"csrf_token": token, "emailed": ["nonsense"]}
        ).status_code
        == 200
    ), "a kind that is not offered is refused with the form shown again"
    assert db.session.scalars(select(Notification).where(Notification.recipient_id == world.registrar.id)).all()


def test_an_la_officer_who_turns_watched_changes_off_still_sees_them_in_the_inbox(factories) -> None:
    officer = factories.person_with_role("la_officer")
    colleague = factories.person_with_role("la_officer", organisation=officer.roles[0].organisation)
    inbox.choose_emails(officer, {"watched_change": False})
    accreditation = factories.accreditation(factories.mediator())
    watchlist.add(officer.roles[0].organisation, accreditation.mediator.registration_number, officer)
    lifecycle.suspend(
        accreditation,
        factories.person_with_role("registrar", accreditation.body),
        reason="Complaint",
        public_note="Paused.",
    )
    mailer = Mailer()
    deliver_queued(mailer)
    assert [to for to, _, _ in mailer.sent] == [colleague.email], "emailed only to the officer who wants it"
    [seen] = _inbox(officer)
    assert (seen.kind, seen.link) == ("watched_change", f"/mediators/{accreditation.mediator.registration_number}")
