"""Notifications for every role in a real browser (issue 19, item 1): for each role, each event of its
year that the issue names happens through the domain (a registrar's new application, concern and
oversight action; a mediator's decided application, queried log entry, renewal due, CPD audit draw
and a provider's panel request; a trainer's programme decision; a provider's returns due), the
notification is emailed to a local SMTP server (aiosmtpd) with only its subject and a link, it waits
in the person's inbox (the unread count in the header), opening it leads to the thing, and marking it
read works without JavaScript. Every page passes axe and the inbox fits a 320px screen."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from email import message_from_string, policy

import pytest
from playwright.sync_api import expect

from registry.domain import accreditation as lifecycle
from registry.domain import clock, logbook, role_notifications, training
from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.notifications import MailSettings, SmtpMailer, deliver_queued
from registry.domain.oversight import actions, audit_sampling, reviews
from registry.domain.providers import panel
from registry.domain.users import find_user_by_email
from registry.models import Mediator, Organisation, User
from tests.accreditation.conftest import DECLARATIONS, assess_all
from tests.browser.helpers import Person, axe_check, create_person, sign_in
from tests.fixtures.factories import MediatorFactory, make_accreditation
from tests.mediator.conftest import add_entry
from tests.training.conftest import content
from tests.website.test_notifications import free_port, smtp_server

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Told:
    """Who was told, how they sign in, and what their notification says and leads to."""

    email: str
    password: str
    subject: str
    link: str
    heading: str


def _user(email: str) -> User:
    user = find_user_by_email(email)
    assert user is not None
    return user


def _organisation(user: User) -> Organisation:
    organisation = user.roles[0].organisation
    assert organisation is not None
    return organisation


def _applicant(body: Organisation) -> tuple[User, object]:
    person = create_person("mediator")
    user = _user(person.email)
    mediator = MediatorFactory(
        given_name="Inbox", family_name="Applicant", display_name="Inbox Applicant", user_id=user.id
    )
    return user, lifecycle.apply(mediator, body, user, DECLARATIONS)


def registrar_year() -> Told:
    """A mediator applies to the registrar's body."""
    registrar = create_person("registrar")
    _, accreditation = _applicant(_organisation(_user(registrar.email)))
    number = accreditation.mediator.registration_number  # type: ignore[attr-defined]
    return Told(
        registrar.email,
        registrar.password,
        f"A new application for accreditation is waiting for a decision ({number})",
        f"/workspace/registrar/applications/{accreditation.id}",  # type: ignore[attr-defined]
        "Application from Inbox Applicant",
    )


def mediator_year() -> Told:
    """The mediator's application is decided."""
    registrar = _user(create_person("registrar").email)
    body = _organisation(registrar)
    person = create_person("mediator")
    user = _user(person.email)
    mediator = MediatorFactory(
        given_name="Inbox", family_name="Mediator", display_name="Inbox Mediator", user_id=user.id
    )
    accreditation = lifecycle.apply(mediator, body, user, DECLARATIONS)
    assess_all(accreditation, registrar)
    lifecycle.accredit(accreditation, registrar, reason="PRIVATE reason of the body")
    return Told(
        person.email,
        person.password,
        "Your application for accreditation has been decided",
        "/workspace/mediator/accreditation",
        "Your accreditation",
    )


def trainer_year() -> Told:
    """A body decides on the trainer's programme."""
    person = create_person("trainer")
    trainer = _user(person.email)
    programme = training.submit_programme(_organisation(trainer), trainer, "foundation", content()).programme
    decider = _user(create_person("registrar").email)
    training.accredit(programme, decider, _organisation(decider))
    return Told(
        person.email,
        person.password,
        f"A decision on your training programme {programme.reference}",
        f"/workspace/trainer/programmes/{programme.reference}",
        programme.title,
    )


def provider_year() -> Told:
    """A quarter ends and the provider has sent no return for it."""
    person = create_person("provider")
    role_notifications.remind_returns_due(date(2026, 4, 10))
    return Told(
        person.email,
        person.password,
        "Your outcome returns for January to March 2026 are due by 30 April 2026",
        "/workspace/provider/returns/new",
        "Send a return",
    )


def _accredited_mediator(name: str, body: Organisation | None = None, **dates: date) -> tuple[Person, Mediator]:
    """A mediator with an account, accredited by ``body`` (a new one by default) straight onto the register."""
    person = create_person("mediator")
    given, family = name.split()
    mediator = MediatorFactory(given_name=given, family_name=family, display_name=name, user_id=_user(person.email).id)
    make_accreditation(mediator, body or _organisation(_user(create_person("registrar").email)), **dates)
    return person, mediator


def log_query_year() -> Told:
    """The mediator's accrediting body queries an entry in their log."""
    registrar = _user(create_person("registrar").email)
    person, mediator = _accredited_mediator("Inbox Logger", _organisation(registrar))
    entry = add_entry(mediator, "cpd", "send_law_policy_practice", "2", title="Autism and SEND law")
    logbook.review(entry, registrar, verified=False, note="PRIVATE note: which course was this?")
    return Told(
        person.email,
        person.password,
        "Your accrediting body has queried an entry in your log",
        f"/workspace/mediator/log/{entry.id}",
        "Autism and SEND law",
    )


def renewal_due_year() -> Told:
    """The mediator's accreditation runs out in 30 days (the daily job reminds them)."""
    today = clock.today()
    person, _ = _accredited_mediator("Inbox Renewer", valid_until=today + timedelta(days=30))
    role_notifications.remind_renewals_due(today)
    return Told(
        person.email,
        person.password,
        f"Your accreditation runs until {clock.long_date(today + timedelta(days=30))}: ask to renew it",
        "/workspace/mediator/renewal",
        "Renew your accreditation",
    )


def concern_year() -> Told:
    """A family raises a concern about a mediator the registrar's body accredits."""
    registrar = create_person("registrar")
    _, mediator = _accredited_mediator("Inbox Concerned", _organisation(_user(registrar.email)))
    concern = raise_concern(
        ConcernInput(
            subject="mediator",
            description="PRIVATE description of what happened",
            registration_number=mediator.registration_number,
            raised_by_name="Sam Parent",
            raised_by_email="parent@example.com",
        ),
        today=clock.today(),
    )
    return Told(
        registrar.email,
        registrar.password,
        f"A new concern has been raised ({concern.reference})",
        f"/workspace/registrar/concerns/{concern.reference}",
        f"Concern {concern.reference}",
    )


def panel_request_year() -> Told:
    """A mediation provider asks the mediator to join its panel."""
    staff = _user(create_person("provider").email)
    person, mediator = _accredited_mediator("Inbox Panellist")
    provider = _organisation(staff)
    panel.ask(provider, mediator.registration_number, staff)
    return Told(
        person.email,
        person.password,
        f"{provider.name} asks you to join its panel of mediators",
        "/workspace/mediator/providers",
        "Mediation providers",
    )


def cpd_audit_year() -> Told:
    """The oversight panel draws every eligible mediator (accredited a year or more) for its CPD audit."""
    today = clock.today()
    person, _ = _accredited_mediator(
        "Inbox Audited", valid_from=today - timedelta(days=400), valid_until=today + timedelta(days=330)
    )
    audit_sampling.draw_sample(Decimal("100"), 7, _user(create_person("oversight").email), today)
    return Told(
        person.email,
        person.password,
        "You have been selected for a CPD audit",
        "/workspace/mediator/log",
        "Your professional log",
    )


def oversight_action_year() -> Told:
    """The oversight panel sets the registrar's body an action from a review."""
    registrar = create_person("registrar")
    body = _organisation(_user(registrar.email))
    panel_member = _user(create_person("oversight").email)
    plan = reviews.ReviewPlan(
        "accrediting_body", "thematic", "Concern handling", date(2025, 1, 1), date(2025, 12, 31), body.id
    )
    review = reviews.plan_review(plan, panel_member)
    due = clock.today() + timedelta(days=30)
    action = actions.add_action(review, body.id, "PRIVATE: publish a complaints procedure", due, panel_member)
    return Told(
        registrar.email,
        registrar.password,
        f"A new oversight action for {body.name}",
        f"/workspace/actions/{action.id}",
        "Respond to an action",
    )


YEARS = {
    "registrar": registrar_year,
    "registrar-concern": concern_year,
    "registrar-oversight-action": oversight_action_year,
    "mediator": mediator_year,
    "mediator-log-query": log_query_year,
    "mediator-renewal-due": renewal_due_year,
    "mediator-panel-request": panel_request_year,
    "mediator-cpd-audit": cpd_audit_year,
    "trainer": trainer_year,
    "provider": provider_year,
}


def _deliver(port: int) -> None:
    deliver_queued(SmtpMailer(MailSettings("127.0.0.1", port, "register@browser.test")))


@pytest.mark.parametrize("role", YEARS)
def test_each_role_is_told_by_email_and_in_the_inbox(new_context, seed, role: str) -> None:
    told: Told = seed(YEARS[role])
    port = free_port()
    with smtp_server(port) as mailbox:
        seed(_deliver, port)
    [message] = [message_from_string(raw, policy=policy.default) for to, raw in mailbox.messages if told.email in to]
    body = message.get_content()
    assert str(message["Subject"]).strip() == told.subject
    assert told.link in body, "the email links to the thing in the workspace"
    assert "PRIVATE" not in body

    page = new_context().new_page()
    sign_in(page, told.email, told.password)
    header = page.get_by_role("navigation", name="Account")
    header.get_by_role("link", name="Notifications (1 unread)").click()
    expect(page).to_have_url(re.compile(r"/workspace/notifications$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    axe_check(page)
    page.get_by_role("link", name=told.subject).click()
    expect(page).to_have_url(re.compile(re.escape(told.link) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(told.heading)


def test_marking_read_works_without_javascript_and_the_pages_pass_axe(new_context, seed) -> None:
    told: Told = seed(registrar_year)
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, told.email, told.password)
    page.goto("/workspace/notifications")
    expect(page.locator("#unread-count")).to_have_text("You have 1 unread notification.")
    page.get_by_role("button", name=re.compile(r"^Mark as read\W+" + re.escape(told.subject))).click()
    expect(page.locator("#unread-count")).to_have_text("You have no unread notifications.")
    expect(page.get_by_role("navigation", name="Account").get_by_role("link", name="Notifications")).to_be_visible()
    page.goto("/workspace/notifications/settings")
    page.get_by_label("A new application").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("A new application")).not_to_be_checked()
    expect(page.get_by_label("A new concern")).to_be_checked()


def test_the_inbox_and_the_settings_fit_a_320px_screen_and_pass_axe(new_context, seed) -> None:
    told: Told = seed(mediator_year)
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(page, told.email, told.password)
    for path in ("/workspace/notifications", "/workspace/notifications/settings"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        axe_check(page)
