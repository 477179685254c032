"""A forgotten password: the request page says the same whether or not there is an account; with a
mail server the reset link arrives by email (through a real SMTP server), works once and for an
hour, applies the password rule, and ends every session of the person. Requests are throttled."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from registry import create_app
from registry.auth.login import password_matches
from registry.extensions import db, limiter
from registry.models import AccountLink, AuditEvent, Notification, UserSession
from registry.web.account_links.routes import RESET_LIMIT_PER_EMAIL
from tests.account_links.conftest import NEW_PASSWORD, choose_password, link_in, messages_to, send_outbox
from tests.conftest import RequestIsolatedClient, config_for_tests, csrf_token_from
from tests.fixtures.clients import sign_in
from tests.fixtures.factories import TEST_PASSWORD
from tests.test_pages_basics import assert_page_basics

FORGOT = "/account/forgot-password"


def _ask(client, email: str):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get(FORGOT).text)
    return client.post(FORGOT, data={"email": email, "csrf_token": token})


def _outbox() -> int:
    return db.session.scalar(select(func.count()).select_from(Notification)) or 0


def test_the_sign_in_page_offers_the_way_back(client) -> None:
    assert f'href="{FORGOT}">Forgotten your password?' in client.get("/sign-in").text


def test_the_answer_is_the_same_whether_or_not_there_is_an_account(client, factories, mail) -> None:
    person = factories.person_with_role("trainer", email="known@example.org")
    known = _ask(client, "Known@Example.org ")
    unknown = _ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert_page_basics(known.text)
    assert "If there is an account for known@example.org, we have sent a link" in known.text
    assert known.text.replace("known@example.org", "X") == unknown.text.replace("nobody@example.org", "X")
    queued = db.session.scalars(select(Notification)).all()
    assert [(n.recipient_id, n.kind) for n in queued] == [(person.id, "password_reset")]


def test_the_emailed_link_resets_the_password_once_and_ends_every_session(app, client, factories, mail) -> None:
    person = factories.person_with_role("trainer", email="reset.me@example.org")
    elsewhere = app.test_client()
    sign_in(elsewhere, person)
    assert elsewhere.get("/workspace/trainer").status_code == 200
    _ask(client, person.email)
    assert "1 sent, 0 failed" in send_outbox(app)
    [message] = messages_to(mail, person.email)
    assert "https://register.example/account/reset-password/" in message and "60 minutes" in message
    path = link_in(message)

    page = client.get(path)
    assert (
        page.status_code == 200 and "Choose a new password" in page.text and page.headers["Cache-Control"] == "no-store"
    )
    short = choose_password(client, path, "too short")
    assert "at least 12 characters" in short.text
    done = choose_password(client, path)
    assert done.status_code == 302 and done.headers["Location"] == "/sign-in"
    assert "you have been signed out everywhere" in client.get("/sign-in").text

    db.session.refresh(person)
    assert password_matches(person, NEW_PASSWORD) and not password_matches(person, TEST_PASSWORD)
    assert elsewhere.get("/workspace/trainer").status_code == 302  # that session has ended
    ended = db.session.scalars(select(UserSession.ended_reason).where(UserSession.user_id == person.id)).all()
    assert ended and set(ended) == {"password_reset"}
    assert client.get(path).status_code == 404  # used
    assert (
        db.session.scalar(
            select(func.count()).where(
                AuditEvent.action == "user.password_reset", AuditEvent.subject_id == str(person.id)
            )
        )
        == 1
    )


def test_a_reset_link_expires(app, client, factories, mail) -> None:
    person = factories.person_with_role("trainer")
    _ask(client, person.email)
    send_outbox(app)
    path = link_in(messages_to(mail, person.email)[0])
    link = db.session.scalars(select(AccountLink).where(AccountLink.user_id == person.id)).one()
    assert link.expires_at - link.created_at == timedelta(hours=1)
    link.expires_at = link.created_at
    db.session.commit()
    page = client.get(path)
    assert page.status_code == 404 and "ask for a new link" in page.text


def test_a_deactivated_account_gets_no_link(client, factories, mail) -> None:
    person = factories.person_with_role("trainer")
    person.active = False
    db.session.commit()
    assert "If there is an account for" in _ask(client, person.email).text
    assert _outbox() == 0


def test_without_a_mail_server_the_page_says_to_ask_an_administrator(client, factories, no_mail) -> None:
    person = factories.person_with_role("trainer")
    page = client.get(FORGOT)
    assert page.status_code == 200 and 'id="no-email"' in page.text and "send you a new invitation" in page.text
    assert_page_basics(page.text)
    token = csrf_token_from(client.get("/sign-in").text)
    posted = client.post(FORGOT, data={"email": person.email, "csrf_token": token})
    assert posted.status_code == 200 and 'id="no-email"' in posted.text
    assert _outbox() == 0 and db.session.scalar(select(func.count()).select_from(AccountLink)) == 0


def test_an_empty_or_overlong_address_is_explained(client, mail) -> None:
    assert "Enter your email address" in _ask(client, "").text
    long = _ask(client, "a" * 300 + "@example.org")
    assert long.status_code == 200 and "Enter 254 characters or fewer" in long.text
    assert _outbox() == 0


@pytest.fixture
def limited_app(tmp_path, database_url: str) -> Iterator[Flask]:
    """A second app with rate limits on (the suite's app has them off), sharing the test's database."""
    app = create_app(config_for_tests(tmp_path, database_url) | {"RATELIMIT_ENABLED": True, "MAIL_SERVER": "127.0.0.1"})
    app.test_client_class = RequestIsolatedClient
    limiter.reset()
    try:
        yield app
    finally:
        limiter.reset()
        limiter.enabled = False


def test_requests_are_throttled_per_address(limited_app, factories) -> None:
    client = limited_app.test_client()
    allowed = int(RESET_LIMIT_PER_EMAIL.split()[0])
    statuses = [_ask(client, "Someone@example.org").status_code for _ in range(allowed + 1)]
    assert statuses == [200] * allowed + [429]
    assert _ask(client, "someone@EXAMPLE.org").status_code == 429  # the same address in another case
    assert _ask(client, "someone.else@example.org").status_code == 200
