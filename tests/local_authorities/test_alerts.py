"""Email alerts about an area, without an account, over a real SMTP server (aiosmtpd): double opt-in
(a confirmation link, nothing else sent before it is used), an alert for each public change of a
covering mediator once confirmed, one-click unsubscribe (RFC 8058) and the link; the page answers the
same whoever asks, bots filling the hidden field get nothing sent, and the address is shown nowhere."""

from __future__ import annotations

import re
from email import message_from_string, policy
from email.message import EmailMessage

from sqlalchemy import func, select

from registry.domain.accreditation import suspend
from registry.extensions import db
from registry.models import Accreditation, AreaAlertSubscription, Notification
from tests.account_links.conftest import mail, send_outbox  # noqa: F401  (the mail fixture)
from tests.account_links.test_password_reset import limited_app  # noqa: F401  (rate limits on)
from tests.conftest import csrf_token_from

ALERTS = "/local-authorities/sheffield/alerts"
FAMILY = "parent@family.example"
PRIVATE_REASON = "PRIVATE: complaint under investigation"
CONFIRM = re.compile(r"https://register\.example(/local-authorities/alerts/confirm/[A-Za-z0-9_-]+)")
UNSUBSCRIBE = re.compile(r"https://register\.example(/local-authorities/alerts/unsubscribe/[0-9]+\.[A-Za-z0-9_-]+)")


def _ask(client, email: str = FAMILY, **more: str):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get(ALERTS).text)
    return client.post(ALERTS, data={"email": email, "csrf_token": token, **more}, follow_redirects=True)


def _received(inbox, email: str = FAMILY) -> list[EmailMessage]:  # type: ignore[no-untyped-def]
    return [
        message_from_string(content, policy=policy.default)  # type: ignore[misc]
        for recipients, content in inbox.messages
        if email in recipients
    ]


def _text(message: EmailMessage) -> str:
    return message.get_body().get_content()  # type: ignore[union-attr]


def _suspend(mediator, factories) -> None:  # type: ignore[no-untyped-def]
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    suspend(accreditation, factories.person_with_role("registrar"), reason=PRIVATE_REASON, public_note="Paused")


def _confirmed(app, client, inbox) -> EmailMessage:  # type: ignore[no-untyped-def]
    _ask(client)
    send_outbox(app)
    [confirmation] = _received(inbox)
    path = CONFIRM.search(_text(confirmation)).group(1)  # type: ignore[union-attr]
    page = client.get(path)
    done = client.post(path, data={"csrf_token": csrf_token_from(page.text)})
    assert done.status_code == 200 and 'id="confirmed"' in done.text
    return confirmation


def test_double_opt_in_then_an_alert_for_a_change_of_a_covering_mediator(app, client, mail, registered, factories):  # noqa: F811
    ada = registered("Ada Lovelace")
    asked = _ask(client)
    assert asked.status_code == 200 and 'id="asked"' in asked.text
    assert asked.headers["Cache-Control"] == "no-store"

    _suspend(ada, factories)  # before confirmation: nothing but the confirmation is sent
    assert "1 sent, 0 failed" in send_outbox(app)
    [confirmation] = _received(mail)
    assert confirmation["Subject"] == "Confirm email alerts for Sheffield"
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = CONFIRM.search(_text(confirmation)).group(1)  # type: ignore[union-attr]

    page = client.get(path)  # opening the link (a mail scanner might) confirms nothing
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    subscription = db.session.scalars(select(AreaAlertSubscription)).one()
    assert subscription.confirmed_at is None
    client.post(path, data={"csrf_token": csrf_token_from(page.text)})
    db.session.refresh(subscription)
    assert subscription.confirmed_at is not None and subscription.confirm_token_hash is None
    assert client.get(path).status_code == 404  # the link is used up

    _suspend_again = registered("Grace Hopper")
    _suspend(_suspend_again, factories)
    assert "1 sent, 0 failed" in send_outbox(app)
    alert = _received(mail)[-1]
    assert alert["Subject"] == f"Accreditation suspended: Grace Hopper ({_suspend_again.registration_number})"
    body = _text(alert)
    assert "covers Sheffield" in body and "Note from" in body and "Paused" in body and PRIVATE_REASON not in body
    unsubscribe = UNSUBSCRIBE.search(body).group(1)  # type: ignore[union-attr]
    assert alert["List-Unsubscribe"] == f"<https://register.example{unsubscribe}>"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = db.session.scalars(select(Notification).where(Notification.kind == "area_alert")).one()
    assert sent.state == "sent" and unsubscribe not in sent.body and sent.unsubscribe_url is None  # not kept


def test_one_click_unsubscribe_as_a_mail_client_sends_it(app, client, mail, registered, factories):  # noqa: F811
    _confirmed(app, client, mail)
    mediator = registered("Ada Lovelace")
    _suspend(mediator, factories)
    send_outbox(app)
    alert = _received(mail)[-1]
    address = alert["List-Unsubscribe"].strip("<>").removeprefix("https://register.example")
    mail_client = app.test_client()  # no session, no CSRF token: RFC 8058's POST
    done = mail_client.post(address, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and 'id="unsubscribed"' in done.text
    assert db.session.scalar(select(func.count()).select_from(AreaAlertSubscription)) == 0
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0  # the address is not kept
    assert mail_client.post(address, data={"List-Unsubscribe": "One-Click"}).status_code == 404
    _suspend(registered("Grace Hopper"), factories)
    assert "0 sent" in send_outbox(app)


def test_unsubscribing_through_the_link_in_the_email(app, client, mail, registered, factories):  # noqa: F811
    _confirmed(app, client, mail)
    _suspend(registered("Ada Lovelace"), factories)
    send_outbox(app)
    path = UNSUBSCRIBE.search(_text(_received(mail)[-1])).group(1)  # type: ignore[union-attr]
    page = client.get(path)
    assert page.status_code == 200 and "Stop email alerts for Sheffield" in page.text
    assert db.session.scalar(select(func.count()).select_from(AreaAlertSubscription)) == 1  # a GET changes nothing
    assert client.post(path, data={}).status_code == 200  # no token: the page again, nothing done
    assert db.session.scalar(select(func.count()).select_from(AreaAlertSubscription)) == 1
    done = client.post(path, data={"csrf_token": csrf_token_from(page.text)})
    assert 'id="unsubscribed"' in done.text
    assert db.session.scalar(select(func.count()).select_from(AreaAlertSubscription)) == 0


def test_a_forged_or_stale_unsubscribe_link_does_nothing(app, client, mail):  # noqa: F811
    _confirmed(app, client, mail)
    subscription = db.session.scalars(select(AreaAlertSubscription)).one()
    for forged in (f"{subscription.id}.AAAA", f"{subscription.id}", "x.y", f"{subscription.id + 1}.abc"):
        answer = client.post(f"/local-authorities/alerts/unsubscribe/{forged}", data={"List-Unsubscribe": "One-Click"})
        assert answer.status_code == 404, forged
    assert db.session.scalar(select(func.count()).select_from(AreaAlertSubscription)) == 1


def test_asking_again_answers_the_same_and_never_shows_who_is_subscribed(app, client, mail):  # noqa: F811
    _confirmed(app, client, mail)
    again, stranger = _ask(client), _ask(app.test_client(), "someone@else.example")
    strip = lambda page: page.text.replace(FAMILY, "ADDRESS").replace("someone@else.example", "ADDRESS")  # noqa: E731
    assert again.status_code == stranger.status_code == 200
    assert re.sub(r'value="[^"]+"', "", strip(again)) == re.sub(r'value="[^"]+"', "", strip(stranger))
    send_outbox(app)
    note = _received(mail)[-1]
    assert note["Subject"] == "You already get email alerts for Sheffield"  # told to the address's owner only
    assert db.session.scalar(select(func.count()).select_from(AreaAlertSubscription)) == 2


def test_reloading_the_page_after_asking_sends_nothing_more(app, client, mail):  # noqa: F811
    asked = _ask(client)
    assert asked.request.path == f"{ALERTS}/asked" and asked.history[0].status_code == 303  # POST/redirect/GET
    assert FAMILY in asked.text
    reloaded = client.get(asked.request.path)
    assert reloaded.status_code == 200 and FAMILY in reloaded.text
    assert "1 sent, 0 failed" in send_outbox(app)  # one confirmation, however often the page is reloaded
    assert app.test_client().get(f"{ALERTS}/asked").headers["Location"].endswith(ALERTS)  # nothing asked here


def test_a_bad_address_is_refused_with_a_message_and_nothing_kept(client) -> None:
    page = _ask(client, "not-an-address")
    assert page.status_code == 200 and "govuk-error-summary" in page.text
    assert "Enter an email address like name@example.com" in page.text
    assert db.session.scalar(select(func.count()).select_from(AreaAlertSubscription)) == 0


def test_a_bot_that_fills_the_hidden_field_is_thanked_and_nothing_is_sent(app, client, mail):  # noqa: F811
    answer = _ask(client, homepage="https://spam.example")
    assert answer.status_code == 200 and 'id="asked"' in answer.text
    assert db.session.scalar(select(func.count()).select_from(AreaAlertSubscription)) == 0
    assert "0 sent" in send_outbox(app)


def test_asking_is_rate_limited_per_address_and_per_client(limited_app) -> None:  # noqa: F811
    client = limited_app.test_client()
    assert [_ask(client, "Parent@family.example").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert _ask(client, "parent@FAMILY.example").status_code == 429  # the same address in another case
    others = [_ask(client, f"parent{n}@family.example").status_code for n in range(8)]
    assert others == [200] * 7 + [429]  # ten an hour from one client, whatever the address (refusals aside)


def test_the_address_is_never_on_a_public_page_or_the_feed(app, client, mail, registered, factories):  # noqa: F811
    _confirmed(app, client, mail)
    _suspend(registered("Ada Lovelace"), factories)
    visitor = app.test_client()
    for path in (
        "/local-authorities/sheffield",
        "/local-authorities/sheffield/changes.atom",
        "/api/v1/local-authorities/373",
    ):
        assert FAMILY not in visitor.get(path).text, path
