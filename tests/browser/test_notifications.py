"""Notifications for every role in a real browser (issue 19, item 1): for each role the event of its
year happens through the domain, the notification is emailed to a local SMTP server (aiosmtpd) with
only its subject and a link, it waits in the person's inbox (the unread count in the header), opening
it leads to the thing, and marking it read works without JavaScript. Every page passes axe and the
inbox fits a 320px screen."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from email import message_from_string, policy

import pytest
from playwright.sync_api import expect

from registry.domain import accreditation as lifecycle
from registry.domain import role_notifications, training
from registry.domain.notifications import MailSettings, SmtpMailer, deliver_queued
from registry.domain.users import find_user_by_email
from registry.models import Organisation, User
from tests.accreditation.conftest import DECLARATIONS, assess_all
from tests.browser.helpers import axe_check, create_person, sign_in
from tests.fixtures.factories import MediatorFactory
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


YEARS = {"registrar": registrar_year, "mediator": mediator_year, "trainer": trainer_year, "provider": provider_year}


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
