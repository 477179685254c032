"""Webhooks in the LA workspace: add one (the secret shown once; a reload adds nothing), bad addresses
refused with nothing saved, the delivery log and the paused notice, pause/resume/delete, and
another LA's webhooks neither seen nor touched."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import func, select

from registry.domain import watchlist
from registry.domain.webhooks import sending, subscriptions
from registry.extensions import db
from registry.models import WebhookSubscription
from tests.api.webhook_receiver import publish_change, subscribe
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics

PAGE = "/workspace/local-authority/api-keys/webhooks"
SECRET = re.compile(r"whsec_[A-Za-z0-9+/=]{44}")
URL = "https://webhooks.example.org/register"


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(WebhookSubscription)) or 0


def _answers(page: str, key_id: int, url: str = URL) -> dict[str, object]:
    form_token = re.search(r'name="form_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="form_token"', page
    )
    assert form_token is not None
    return {
        "csrf_token": csrf_token_from(page),
        "form_token": form_token.group(1),
        "url": url,
        "scope": "watchlist",
        "api_key_id": str(key_id),
    }


def test_an_officer_adds_a_webhook_whose_secret_is_shown_once(client_as, api_key, la_organisation) -> None:  # type: ignore[no-untyped-def]
    la = la_organisation()
    officer = client_as("la_officer", organisation=la)
    key = api_key(la).key
    page = officer.get(PAGE)
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert "no webhooks yet" in page.text and key.name in page.text
    answers = _answers(page.text, key.id)
    posted = officer.post(PAGE, data=answers)
    assert posted.status_code == 303  # POST/redirect/GET
    created = officer.get(posted.location)
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    assert_page_basics(created.text)
    secret = SECRET.search(created.text)
    assert secret is not None
    (webhook,) = subscriptions.subscriptions_of({la.id})
    assert (webhook.url, webhook.scope, webhook.api_key_id) == (URL, "watchlist", key.id)
    reloaded = officer.get(posted.location)  # a reload of the page that showed the secret
    assert (
        reloaded.status_code == 200 and not SECRET.search(reloaded.text) and "shown when it was added" in reloaded.text
    )
    assert _count() == 1

    again = officer.post(PAGE, data=answers)  # the browser sends the form again (a reload)
    assert again.status_code == 302 and again.location.endswith(f"{PAGE}/{webhook.id}")
    assert _count() == 1
    shown = officer.get(again.location)
    assert "added when you first sent the form" in shown.text and not SECRET.search(shown.text)
    listing = officer.get(PAGE).text
    assert URL in listing and not SECRET.search(listing)


def test_a_bad_address_is_refused_beside_its_answer_and_nothing_is_saved(client_as, api_key, la_organisation) -> None:  # type: ignore[no-untyped-def]
    la = la_organisation()
    officer = client_as("la_officer", organisation=la)
    key = api_key(la).key
    for url, message in [
        ("http://webhooks.example.org/in", "The address must start with https://"),
        ("https://192.168.1.10/in", "not localhost or a private or local network address"),
        ("", "Enter the address of your endpoint"),
    ]:
        response = officer.post(PAGE, data=_answers(officer.get(PAGE).text, key.id, url))
        assert response.status_code == 200
        facts = assert_page_basics(response.text)
        assert "govuk-error-summary" in facts.classes and message in response.text, url
        assert 'href="#url"' in response.text and not SECRET.search(response.text)
    assert _count() == 0


def test_without_an_active_key_the_page_says_to_create_one(client_as) -> None:  # type: ignore[no-untyped-def]
    page = client_as("la_officer").get(PAGE)
    assert page.status_code == 200 and 'id="no-active-keys"' in page.text and 'name="url"' not in page.text


def test_the_delivery_log_and_the_paused_notice(app: Flask, client_as, api_key, la_organisation, registered) -> None:  # type: ignore[no-untyped-def]
    la = la_organisation()
    officer = client_as("la_officer", organisation=la)
    mediator = registered("Ada Logged")
    watchlist.add(la, mediator.registration_number, None)
    webhook = subscribe(la, api_key(la).key.id, "https://webhooks.example.org/in").subscription
    change = publish_change(mediator.registration_number)

    def failing(url: str, body: bytes, headers: object, settings: object) -> int:
        return 500

    sending.deliver_due(sending.Settings(retry_seconds=0, max_failures=1), poster=failing)
    page = officer.get(f"{PAGE}/{webhook.id}")
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert 'id="paused-notice"' in page.text and "after 1 failed deliveries in a row" in page.text
    log = page.text.split('id="deliveries"', 1)[1]
    assert str(change.sequence) in log and "HTTP 500" in log and "Failing" in log
    token = csrf_token_from(page.text)

    resumed = officer.post(f"{PAGE}/{webhook.id}/resume", data={"csrf_token": token})
    assert resumed.status_code == 302
    db.session.expire_all()
    assert not webhook.is_paused
    assert officer.post(f"{PAGE}/{webhook.id}/pause", data={"csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert webhook.is_paused and not webhook.paused_because_failing
    assert "This webhook is paused." in officer.get(f"{PAGE}/{webhook.id}").text
    assert officer.post(f"{PAGE}/{webhook.id}/delete", data={"csrf_token": token}).status_code == 302
    assert _count() == 0


def test_another_las_webhook_is_not_found(client_as, api_key, la_organisation) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = la_organisation(), la_organisation()
    officer = client_as("la_officer", organisation=ours)
    api_key(ours)
    webhook = subscribe(theirs, api_key(theirs).key.id, "https://theirs.example.org/in").subscription
    assert officer.get(f"{PAGE}/{webhook.id}").status_code == 404
    assert officer.get(f"{PAGE}/{webhook.id}/created").status_code == 404
    assert "theirs.example.org" not in officer.get(PAGE).text
    token = csrf_token_from(officer.get(PAGE).text)
    for action in ("pause", "resume", "delete"):
        assert officer.post(f"{PAGE}/{webhook.id}/{action}", data={"csrf_token": token}).status_code == 404
    db.session.expire_all()
    assert _count() == 1 and not webhook.is_paused
    # Naming another LA's key in the form adds nothing either.
    response = officer.post(PAGE, data=_answers(officer.get(PAGE).text, webhook.api_key_id))
    assert response.status_code == 200 and "govuk-error-summary" in response.text and _count() == 1


def test_other_roles_cannot_open_the_webhooks(client_as) -> None:  # type: ignore[no-untyped-def]
    assert client_as("mediator").get(PAGE).status_code == 403
