"""``flask users create`` applies the password rule; ``flask users invite`` makes a person who
chooses their own password through a single-use link (printed once when there is no mail server)."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from registry.auth.login import password_matches
from registry.extensions import db
from registry.models import Notification, User
from tests.fixtures.factories import Factories


def _user(email: str) -> User | None:
    return db.session.scalars(select(User).where(User.email == email)).first()


def _run(app, *args: str):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(args=["users", *args])


def test_create_refuses_a_password_that_breaks_the_rule(app) -> None:
    for password, words in [("short", "at least 12 characters"), ("password1234", "too common"),
                            ("first.admin@example.org", "cannot be your email address")]:  # fmt: skip
        result = _run(
            app, "create", "--email", "first.admin@example.org", "--name", "First Admin", "--role", "admin",
            "--password", password,
        )  # fmt: skip
        assert result.exit_code != 0 and "That password cannot be used." in result.output and words in result.output
    assert _user("first.admin@example.org") is None


def test_create_with_a_good_password(app) -> None:
    result = _run(
        app, "create", "--email", "First.Admin@example.org", "--name", "First Admin", "--role", "admin",
        "--password", "a sturdy and long passphrase",
    )  # fmt: skip
    assert result.exit_code == 0 and "Created first.admin@example.org as admin." in result.output
    assert password_matches(_user("first.admin@example.org"), "a sturdy and long passphrase")


def test_invite_prints_the_link_once_without_a_mail_server(app, client, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    body = Factories.organisation(kind="accrediting_body", slug="north-body")
    result = _run(app, "invite", "--email", "reg@example.org", "--name", "Reg Istrar", "--role", "registrar",
                  "--organisation", "north-body")  # fmt: skip
    assert result.exit_code == 0, result.output
    path = re.search(r"http\S+(/account/invitation/\S+)", result.output).group(1)
    person = _user("reg@example.org")
    assert person is not None and person.roles[0].organisation_id == body.id and person.password_hash.startswith("!")
    assert client.get(path).status_code == 200


def test_invite_queues_the_email_with_a_mail_server(app, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    result = _run(app, "invite", "--email", "med@example.org", "--name", "Mia Diator", "--role", "mediator")
    assert result.exit_code == 0 and "queued to be emailed" in result.output and "/account/" not in result.output
    assert db.session.scalar(select(func.count()).where(Notification.kind == "invitation")) == 1


def test_invite_explains_bad_answers(app) -> None:
    unknown = _run(
        app, "invite", "--email", "x@example.org", "--name", "X", "--role", "trainer", "--organisation", "nope"
    )
    assert unknown.exit_code != 0 and "There is no organisation 'nope'" in unknown.output
    missing = _run(app, "invite", "--email", "x@example.org", "--name", "X", "--role", "trainer")
    assert missing.exit_code != 0 and "Select the training provider this person acts for" in missing.output
    assert _user("x@example.org") is None
