"""Invitations: an admin invites a person, who opens the single-use link, chooses their own password
(the password rule applies) and signs in. The link works once and until it expires; without a mail
server the admin sees it once, with one it is emailed (through a real SMTP server) and never shown."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from registry.auth.login import password_matches
from registry.domain.accounts import links
from registry.domain.notifications import SENT_LINK_REMOVED
from registry.extensions import db
from registry.models import AccountLink, AuditEvent, Notification, User
from tests.account_links.conftest import NEW_PASSWORD, choose_password, link_in, messages_to, send_outbox
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.test_pages_basics import assert_page_basics

SHOWN_LINK = re.compile(r'id="invitation-link"[^>]*>([^<]+)<')


def _invite(admin, **answers: str):  # type: ignore[no-untyped-def]
    token = csrf_token_from(admin.get("/workspace/admin/people").text)
    fields = {"name": "Tomasz Nowak", "email": "tomasz@example.org", "role": "trainer"} | answers
    # POST/redirect/GET: the page that shows the link is the one the POST redirects to
    return admin.post("/workspace/admin/people", data={"csrf_token": token, **fields}, follow_redirects=True)


def _person(email: str = "tomasz@example.org") -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def _trainer_invited(admin, factories):  # type: ignore[no-untyped-def]
    provider = factories.organisation(kind="training_provider", name="Heron Training")
    return _invite(admin, organisation_id=str(provider.id))


def test_without_email_the_admin_sees_the_link_once_and_the_person_chooses_a_password(
    app, client, client_as, factories, no_mail
) -> None:
    admin = client_as("admin")
    page = _trainer_invited(admin, factories)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert_page_basics(page.text)
    assert "Pass this invitation on to Tomasz Nowak" in page.text
    path = link_in(SHOWN_LINK.search(page.text).group(1))
    person = _person()
    assert not password_matches(person, "") and person.password_hash.startswith("!")
    assert path not in admin.get(f"/workspace/admin/people/{person.id}").text  # shown once only
    reloaded = admin.get(page.request.path)  # a reload of the page that showed it: no new invitation, no link
    assert reloaded.status_code == 200 and path not in reloaded.text and 'id="shown-already"' in reloaded.text
    assert links.latest_link(person, "invitation").expires_at is not None
    assert db.session.scalar(select(func.count()).where(AccountLink.user_id == person.id)) == 1

    opened = client.get(path)
    assert opened.status_code == 200 and "Choose your password" in opened.text and person.email in opened.text
    assert opened.headers["Cache-Control"] == "no-store"
    assert opened.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"  # other sites never see the path
    assert_page_basics(opened.text)
    chosen = choose_password(client, path)
    assert chosen.status_code == 302 and chosen.headers["Location"] == "/sign-in"
    assert "Your password is saved" in client.get("/sign-in").text
    db.session.refresh(person)
    assert password_matches(person, NEW_PASSWORD) and person.password_changed_at is not None

    newcomer = app.test_client()
    sign_in(newcomer, person, NEW_PASSWORD)
    assert newcomer.get("/workspace/trainer").status_code == 200
    actions = list(
        db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_id == str(person.id)).order_by(AuditEvent.sequence)
        )
    )
    assert actions[:3] == ["user.created", "role.granted", "user.invitation_link_issued"]
    assert "user.invitation_accepted" in actions


def test_the_link_works_once(client, client_as, factories, no_mail) -> None:
    path = link_in(_trainer_invited(client_as("admin"), factories).text)
    assert choose_password(client, path).status_code == 302
    again = client.get(path)
    assert again.status_code == 404 and "This link does not work" in again.text
    assert_page_basics(again.text)
    token = csrf_token_from(client.get("/sign-in").text)
    reused = client.post(
        path,
        data={
            "password": "another long passphrase",
            "confirm_password": "another long passphrase",
            "csrf_token": token,
        },
    )
    assert reused.status_code == 404
    assert password_matches(_person(), NEW_PASSWORD)


def test_an_expired_link_is_refused(client, client_as, factories, no_mail) -> None:
    path = link_in(_trainer_invited(client_as("admin"), factories).text)
    link = db.session.scalars(select(AccountLink).where(AccountLink.user_id == _person().id)).one()
    link.expires_at = link.created_at - timedelta(seconds=1)
    db.session.commit()
    page = client.get(path)
    assert page.status_code == 404 and "It may have run out, or it has already been used" in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_an_unknown_link_is_a_clear_page(client) -> None:
    for path in (
        "/account/invitation/nonsense",
        "/account/reset-password/nonsense",
        "/account/invitation/" + "x" * 300,
    ):
        page = client.get(path)
        assert page.status_code == 404 and "This link does not work" in page.text, path
        assert_page_basics(page.text)


def test_the_password_rule_and_the_confirmation_apply(client, client_as, factories, no_mail) -> None:
    path = link_in(_trainer_invited(client_as("admin"), factories).text)
    for password, confirm, message in [
        ("short", None, "at least 12 characters"),
        ("password1234", None, "too common"),
        ("tomasz@example.org", None, "cannot be your email address"),
        (NEW_PASSWORD, "something else entirely", "The two passwords do not match"),
        ("", None, "Enter a password"),
    ]:
        page = choose_password(client, path, password, confirm)
        assert page.status_code == 200 and "There is a problem" in page.text and message in page.text, message
        assert_page_basics(page.text)
    assert not password_matches(_person(), NEW_PASSWORD) and _person().password_hash.startswith("!")
    assert choose_password(client, path).status_code == 302  # the refusals did not use the link up


def test_with_email_the_invitation_is_sent_once_and_never_shown(app, client, client_as, factories, mail) -> None:
    admin = client_as("admin")
    page = _trainer_invited(admin, factories)
    assert page.status_code == 200 and "Invitation sent to Tomasz Nowak" in page.text
    assert "/account/invitation/" not in page.text
    assert "1 sent, 0 failed" in send_outbox(app)
    assert "0 sent, 0 failed" in send_outbox(app)
    [message] = messages_to(mail, "tomasz@example.org")
    assert "https://register.example/account/invitation/" in message and "Hello Tomasz Nowak" in message
    sent = db.session.scalars(select(Notification).where(Notification.recipient_id == _person().id)).one()
    db.session.refresh(sent)
    assert sent.kind == "invitation" and sent.state == "sent" and sent.body == SENT_LINK_REMOVED
    assert choose_password(client, link_in(message)).status_code == 302


def test_a_new_invitation_replaces_the_old_one(app, client, client_as, factories, mail) -> None:
    admin = client_as("admin")
    _trainer_invited(admin, factories)
    person = _person()
    token = csrf_token_from(admin.get(f"/workspace/admin/people/{person.id}").text)
    again = admin.post(
        f"/workspace/admin/people/{person.id}/invitation", data={"csrf_token": token}, follow_redirects=True
    )
    assert again.status_code == 200 and "Invitation sent to Tomasz Nowak" in again.text
    queued = db.session.scalar(select(func.count()).where(Notification.recipient_id == person.id)) or 0
    assert queued == 1  # the first, unsent, message went with its link
    send_outbox(app)
    [message] = messages_to(mail, person.email)
    assert choose_password(client, link_in(message)).status_code == 302
    events = db.session.scalar(
        select(func.count()).where(
            AuditEvent.action == "user.invitation_link_issued", AuditEvent.subject_id == str(person.id)
        )
    )
    assert events == 2


def test_an_older_link_stops_working_when_a_new_one_is_sent(client, client_as, factories, no_mail) -> None:
    admin = client_as("admin")
    first = link_in(_trainer_invited(admin, factories).text)
    person = _person()
    token = csrf_token_from(admin.get(f"/workspace/admin/people/{person.id}").text)
    second = link_in(
        admin.post(
            f"/workspace/admin/people/{person.id}/invitation", data={"csrf_token": token}, follow_redirects=True
        ).text
    )
    assert client.get(first).status_code == 404
    assert choose_password(client, second).status_code == 302


def test_an_invitation_is_not_among_an_la_officers_notifications(client_as, factories, mail) -> None:
    officer = client_as("la_officer")
    db.session.add(Notification(recipient=officer.user, kind="invitation", subject="Secret link", body="x"))
    db.session.commit()
    assert "Secret link" not in officer.get("/workspace/local-authority/notifications").text
