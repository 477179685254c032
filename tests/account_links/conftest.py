"""A real SMTP server (aiosmtpd on 127.0.0.1, as the notification tests use) for the account emails,
and helpers to read the link out of a message and to post the account-link forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import message_from_string, policy

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token_from
from tests.website.test_notifications import Inbox, free_port, smtp_server

LINK = re.compile(r"https?://\S+(/account/(?:invitation|reset-password)/[A-Za-z0-9_-]+)")
NEW_PASSWORD = "kettle orbit lantern 1987"


@pytest.fixture
def mail(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """The register pointed at a running SMTP server; yields its inbox."""
    port = free_port()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_FROM", "register@example.com")
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://register.example")
    with smtp_server(port) as inbox:
        yield inbox


@pytest.fixture
def no_mail(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")


def send_outbox(app: Flask) -> str:
    result = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def messages_to(inbox: Inbox, email: str) -> list[str]:
    """The plain-text bodies of the messages sent to ``email`` (decoded from their transfer encoding)."""
    return [
        message_from_string(content, policy=policy.default).get_body().get_content()  # type: ignore[union-attr]
        for recipients, content in inbox.messages
        if email in recipients
    ]


def link_in(text: str) -> str:
    """The path of the one-time link in a message or page."""
    match = LINK.search(text)
    assert match, f"no account link in {text!r}"
    return match.group(1)


def choose_password(client: FlaskClient, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):  # type: ignore[no-untyped-def]
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    return client.post(
        path,
        data={
            "password": password,
            "confirm_password": password if confirm is None else confirm,
            "csrf_token": csrf_token_from(page.text),
        },
    )
