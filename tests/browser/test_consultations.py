"""A consultation on draft standards in a real browser (issue 21): a member of the public reads what
would change, responds to two criteria, confirms their email through the link a local SMTP server
(aiosmtpd) receives, and the working group reads the response, anonymous as chosen, tags it, exports
the responses and writes its decision; after the closing date the form refuses. Every page passes axe
and fits a 320px screen."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from email import message_from_string, policy

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from registry.demo.consultation import ensure_consultation
from registry.domain import clock
from registry.domain.notifications import MailSettings, SmtpMailer, deliver_queued
from registry.extensions import db
from registry.models import Consultation
from tests.browser.helpers import axe_check, create_person, sign_in
from tests.fixtures.clock import Clock, standing_in
from tests.website.test_notifications import free_port, smtp_server

pytestmark = pytest.mark.browser

PAGE = "/standards/mediator-standards/1.1/consultation"
NARROW = {"width": 320, "height": 640}


@dataclass(frozen=True)
class Opened:
    group_email: str
    group_password: str
    consultation_id: int
    closes_on: date


def _open_consultation() -> Opened:
    group = create_person("standards_group")
    ensure_consultation(None, clock.today())
    consultation = db.session.scalars(
        select(Consultation).where(Consultation.family == "mediator-standards", Consultation.version == "1.1")
    ).one()
    return Opened(group.email, group.password, consultation.id, consultation.closes_on)


def _set_published(consultation_id: int, published: bool) -> None:
    """Stands in for importing the final 1.1 (the live register's standards folder has no such file;
    tests/consultations/test_publication.py imports it for real): the response page is public while set."""
    consultation = db.session.get(Consultation, consultation_id)
    assert consultation is not None
    consultation.published_at = clock.now() if published else None


def _deliver(port: int) -> None:
    deliver_queued(SmtpMailer(MailSettings("127.0.0.1", port, "register@browser.test")))


def _checked(page: Page) -> None:
    """Axe finds nothing, and nothing is wider than a 320px screen."""
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url


def test_the_public_responds_and_the_working_group_reads_it(new_context, seed) -> None:
    opened: Opened = seed(_open_consultation)
    token = uuid.uuid4().hex[:8]
    email, name = f"parent-{token}@browser.test", f"Parent {token}"
    why_52, why_65 = f"My child’s own words matter {token}.", f"Video is hard for us {token}."

    page = new_context(viewport=NARROW).new_page()
    page.goto("/standards/consultations")
    _checked(page)
    page.get_by_role("link", name=re.compile(r"version 1\.1")).click()
    expect(page.locator("h1")).to_have_text("Consultation on version 1.1")
    expect(page.locator("#change-MS-6\\.5")).to_contain_text("Mediating by video or telephone")
    expect(page.locator("#change-MS-5\\.2")).to_contain_text("own words")
    _checked(page)

    page.get_by_role("link", name="Respond to this consultation").click()
    page.get_by_role("button", name="Send your response").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _checked(page)
    page.locator("#MS_5_2_view").check()
    page.locator("#MS_5_2_reason").fill(why_52)
    page.locator("#MS_6_5_view-2").check()
    page.locator("#MS_6_5_reason").fill(why_65)
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Yes, without my name").check()
    page.get_by_role("button", name="Send your response").click()
    expect(page.locator("h1")).to_have_text("Check your email to confirm your response")
    _checked(page)

    port = free_port()
    with smtp_server(port) as mailbox:
        seed(_deliver, port)
    [message] = [message_from_string(raw, policy=policy.default) for to, raw in mailbox.messages if email in to]
    link = re.search(r"/standards/consultations/verify/\S+", message.get_content())
    assert link is not None
    page.goto(link.group(0))
    _checked(page)
    page.get_by_role("button", name="Confirm my response").click()
    expect(page.locator("h1")).to_have_text("Your response is confirmed")
    _checked(page)

    group = new_context(viewport=NARROW).new_page()
    sign_in(group, opened.group_email, opened.group_password)
    group.goto("/workspace/consultations")
    _checked(group)
    group.get_by_role("link", name=re.compile(r"version 1\.1")).click()
    _checked(group)
    group.get_by_role("link", name=re.compile(r"^MS-6\.5 ")).click()
    card = group.locator(".govuk-summary-card", has_text=why_65)
    expect(card).to_contain_text("Anonymous")
    expect(group.locator("main")).not_to_contain_text(name)
    expect(group.locator("main")).not_to_contain_text(email)
    _checked(group)
    card.get_by_label("Theme").fill("Remote access")
    card.get_by_role("button", name="Tag").click()
    expect(group.locator(".govuk-summary-card", has_text=why_65)).to_contain_text("remote access")
    with group.expect_download() as download:
        group.get_by_role("link", name="All topics of version 1.1").click()
        group.get_by_role("link", name="Download the responses (CSV)").click()
    exported = download.value.path().read_text(encoding="utf-8")
    assert why_52 in exported and why_65 in exported and "remote access" in exported
    assert email not in exported and name not in exported
    group.get_by_role("link", name=re.compile(r"^MS-6\.5 ")).click()
    group.get_by_label("What was decided, and why").fill("Kept, with a note that telephone can be fair.")
    group.get_by_role("button", name="Save the decision").click()
    expect(group.locator("tr", has_text="MS-6.5")).to_contain_text("Written")

    page.goto("/standards/consultations/verify/not-a-link")
    expect(page.locator("h1")).to_have_text("This link does not work")
    _checked(page)

    seed(_set_published, opened.consultation_id, True)
    try:
        page.goto(f"{PAGE}/response")
        expect(page.locator("#topic-MS-6\\.5")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Kept, with a note that telephone can be fair.")
        page.get_by_text("Responses published with permission").last.click()
        expect(page.locator("main")).to_contain_text(why_65)
        expect(page.locator("main")).not_to_contain_text(name)
        _checked(page)
    finally:
        seed(_set_published, opened.consultation_id, False)

    with standing_in(Clock(opened.closes_on + timedelta(days=1))):
        page.goto(f"{PAGE}/respond")
        expect(page.locator("h1")).to_have_text("This consultation has closed")
        expect(page.locator("main")).to_contain_text(f"closed on {opened.closes_on:%-d %B %Y}")
        _checked(page)
