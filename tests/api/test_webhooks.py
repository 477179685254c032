"""LAs' webhooks over real HTTP: deliveries signed per Standard Webhooks, retried with backoff,
recorded in the delivery log, a failing subscription paused; which changes reach which scope;
the secret sealed at rest; the addresses a webhook may have."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import standardwebhooks
from flask import Flask
from sqlalchemy import select

from registry.domain import api_keys, watchlist
from registry.domain.changes import public_update
from registry.domain.errors import Refused
from registry.domain.webhooks import queue, sealing, sending, subscriptions
from registry.extensions import db
from registry.models import AuditEvent, WebhookDelivery, WebhookSubscription
from registry.models.changes import PROGRAMME
from tests.api.webhook_receiver import publish_change, readme_verifier, receiver, subscribe

SHEFFIELD = "E08000039"


@pytest.fixture
def settings(app: Flask, monkeypatch: pytest.MonkeyPatch) -> sending.Settings:
    """Retries due at once, a receiver on 127.0.0.1 allowed, a short timeout."""
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_LOOPBACK", True)
    return sending.Settings(retry_seconds=0, max_failures=10, timeout=5, allow_loopback=True)


def _watching_la(la_organisation, api_key, registered):  # type: ignore[no-untyped-def]
    organisation = la_organisation()
    mediator = registered("Ada Watched")
    watchlist.add(organisation, mediator.registration_number, None)
    return organisation, api_key(organisation).key, mediator


def test_deliveries_are_signed_retried_with_the_same_id_and_logged(
    settings, la_organisation, api_key, registered
) -> None:  # type: ignore[no-untyped-def]
    organisation, key, mediator = _watching_la(la_organisation, api_key, registered)
    with receiver([500, 500, 200]) as endpoint:
        new = subscribe(organisation, key.id, endpoint.url)
        endpoint.secret = new.secret
        change = publish_change(mediator.registration_number, {SHEFFIELD})
        reports = [str(sending.deliver_due(settings)) for _ in range(4)]

    assert reports == [
        "0 delivered, 1 failed (to be tried again later).",
        "0 delivered, 1 failed (to be tried again later).",
        "1 delivered, 0 failed (to be tried again later).",
        "0 delivered, 0 failed (to be tried again later).",
    ]
    assert [(r.verified, r.answered) for r in endpoint.received] == [(True, 500), (True, 500), (True, 200)]
    ids = {r.headers["webhook-id"] for r in endpoint.received}
    assert ids == {f"msg_{change.sequence}_{new.subscription.id}"}
    assert len({r.body for r in endpoint.received}) == 1
    first = endpoint.received[0]
    assert first.headers["content-type"] == "application/json"
    assert json.loads(first.body) == {
        "type": "register.change",
        "timestamp": change.recorded_at.isoformat(),
        "data": public_update(change),
    }
    # An independent implementation of the specification agrees.
    assert standardwebhooks.Webhook(new.secret).verify(first.body, first.headers) == json.loads(first.body)

    log = queue.delivery_log(new.subscription)
    assert log.total == 1
    delivery = log.items[0]
    assert (delivery.state, delivery.attempts, delivery.last_status, delivery.last_error) == ("delivered", 3, 200, None)
    assert delivery.sent_at is not None and delivery.sent_at == delivery.last_attempt_at
    assert new.subscription.consecutive_failures == 0
    assert queue.last_delivered_sequence(new.subscription) == change.sequence


def test_a_failed_attempt_is_recorded_and_waits_longer_each_time(
    settings, la_organisation, api_key, registered
) -> None:  # type: ignore[no-untyped-def]
    organisation, key, mediator = _watching_la(la_organisation, api_key, registered)
    waiting = sending.Settings(retry_seconds=60, max_failures=10, timeout=5, allow_loopback=True)
    with receiver([503]) as endpoint:
        new = subscribe(organisation, key.id, endpoint.url)
        endpoint.secret = new.secret
        publish_change(mediator.registration_number)
        sending.deliver_due(waiting)
        assert str(sending.deliver_due(waiting)) == "0 delivered, 0 failed (to be tried again later)."  # not due yet
    delivery = db.session.scalars(select(WebhookDelivery)).one()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("failing", 1, 503)
    assert delivery.last_error == "The endpoint answered HTTP 503"
    assert delivery.last_attempt_at is not None
    assert delivery.next_attempt_at == delivery.last_attempt_at + timedelta(minutes=1)
    assert [sending.backoff(n, 60) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert sending.backoff(30, 60) == sending.backoff(1000, 60) == timedelta(hours=12)


def test_a_tampered_delivery_fails_the_documented_verification(settings, la_organisation, api_key, registered) -> None:  # type: ignore[no-untyped-def]
    organisation, key, mediator = _watching_la(la_organisation, api_key, registered)
    with receiver([200]) as endpoint:
        new = subscribe(organisation, key.id, endpoint.url)
        endpoint.secret = new.secret
        publish_change(mediator.registration_number)
        sending.deliver_due(settings)
    verify, (delivered,) = readme_verifier(), endpoint.received
    headers, body = delivered.headers, delivered.body
    assert verify(new.secret, headers, body)
    version, signature = headers["webhook-signature"].split(",", 1)
    flipped = signature[:-3] + ("A" if signature[-3] != "A" else "B") + signature[-2:]
    other_secret = sealing.new_secret()
    tampered = [
        (new.secret, headers, body.replace(b"A mediator", b"B mediator")),  # the body changed
        (new.secret, {**headers, "webhook-signature": f"{version},{flipped}"}, body),  # the signature changed
        (new.secret, {**headers, "webhook-id": "msg_1_1"}, body),  # another message's id
        (new.secret, {**headers, "webhook-timestamp": str(int(headers["webhook-timestamp"]) - 3600)}, body),
        (other_secret, headers, body),  # signed with another secret
        (new.secret, {k: v for k, v in headers.items() if k != "webhook-signature"}, body),
    ]
    assert [verify(*case) for case in tampered] == [False] * len(tampered)
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(new.secret).verify(body.replace(b"A mediator", b"B mediator"), headers)


def test_a_subscription_that_keeps_failing_is_paused_and_resumes(
    settings, la_organisation, api_key, registered
) -> None:  # type: ignore[no-untyped-def]
    organisation, key, mediator = _watching_la(la_organisation, api_key, registered)
    three = sending.Settings(retry_seconds=0, max_failures=3, timeout=5, allow_loopback=True)
    with receiver([500, 500, 500, 200]) as endpoint:
        new = subscribe(organisation, key.id, endpoint.url)
        endpoint.secret = new.secret
        publish_change(mediator.registration_number)
        for _ in range(5):
            sending.deliver_due(three)
        assert len(endpoint.received) == 3  # nothing is sent once paused
        subscription = new.subscription
        assert subscription.is_paused and subscription.paused_because_failing
        assert publish_change(mediator.registration_number) and queue.delivery_log(subscription).total == 1
        pauses = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "webhook.paused")).all()
        assert [(event.actor_id, event.data["failing"]) for event in pauses] == [(None, True)]

        subscriptions.resume(subscription, None)
        assert not subscription.is_paused and subscription.consecutive_failures == 0
        assert str(sending.deliver_due(three)) == "1 delivered, 0 failed (to be tried again later)."
    assert db.session.scalars(select(WebhookDelivery)).one().attempts == 4


def test_each_scope_gets_the_changes_it_asked_for(settings, la_organisation, api_key, registered) -> None:  # type: ignore[no-untyped-def]
    watching, key, mediator = _watching_la(la_organisation, api_key, registered)
    covered = la_organisation(SHEFFIELD)
    elsewhere = la_organisation("E08000035")  # Leeds
    unwatched = la_organisation()
    url = "https://webhooks.example.org/register"
    by_watchlist = subscribe(watching, key.id, url, "watchlist").subscription
    by_area = subscribe(covered, api_key(covered).key.id, url, "area").subscription
    in_leeds = subscribe(elsewhere, api_key(elsewhere).key.id, url, "area").subscription
    subscribe(unwatched, api_key(unwatched).key.id, url, "watchlist")
    paused = subscribe(covered, api_key(covered).key.id, url, "area").subscription
    subscriptions.pause(paused, None)
    revoked = api_key(covered)
    subscribe(covered, revoked.key.id, url, "area")
    api_keys.revoke_key(revoked.key, None)

    change = publish_change(mediator.registration_number, {SHEFFIELD, "E06000014"})
    queued = db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.register_change_id == change.id)).all()
    assert sorted(d.subscription_id for d in queued) == sorted([by_watchlist.id, by_area.id])

    # A mediator who stops covering Leeds is news to Leeds: the areas are those before and after the change.
    left_leeds = publish_change(mediator.registration_number, {"E08000035"})
    queued = db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.change == left_leeds)).all()
    assert sorted(d.subscription_id for d in queued) == sorted([by_watchlist.id, in_leeds.id])
    programme = publish_change("TP-000001-0", {SHEFFIELD}, kind=PROGRAMME)
    assert db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.change == programme)).all() == []


def test_the_secret_is_sealed_at_rest_and_kept_out_of_the_audit_trail(app: Flask, la_organisation, api_key) -> None:  # type: ignore[no-untyped-def]
    organisation = la_organisation()
    new = subscribe(organisation, api_key(organisation).key.id, "https://webhooks.example.org/in")
    assert new.secret.startswith("whsec_") and len(sealing.secret_bytes(new.secret)) == 32
    stored = db.session.get(WebhookSubscription, new.subscription.id)
    assert stored is not None
    raw = stored.sealed_secret
    assert new.secret.encode() not in raw and sealing.secret_bytes(new.secret) not in raw
    assert sealing.unseal(raw) == new.secret
    assert sealing.seal(new.secret) != sealing.seal(new.secret)  # a fresh nonce each time
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "webhook_subscription")).all()
    assert [e.action for e in events] == ["webhook.created"]
    assert new.secret not in json.dumps(events[0].data) and events[0].data["host"] == "webhooks.example.org"
    app.config["SECRET_KEY"], kept = "another-secret-key", app.config["SECRET_KEY"]
    try:
        with pytest.raises(sealing.SecretUnreadable):
            sealing.unseal(raw)
    finally:
        app.config["SECRET_KEY"] = kept


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "Enter the address of your endpoint"),
        ("webhooks.example.org", "Enter a full address starting with https://"),
        ("http://webhooks.example.org/in", "The address must start with https://"),
        ("https://localhost/in", "not localhost or a private or local network address"),
        ("https://127.0.0.1/in", "not localhost or a private or local network address"),
        ("https://10.1.2.3/in", "not localhost or a private or local network address"),
        ("https://192.168.0.7/in", "not localhost or a private or local network address"),
        ("https://169.254.169.254/latest/meta-data", "not localhost or a private or local network address"),
        ("https://[::1]/in", "not localhost or a private or local network address"),
        ("https://[fe80::1]/in", "not localhost or a private or local network address"),
        ("https://user:pw@webhooks.example.org/in", "Remove the user name and password"),
        ("https://webhooks.example.org:70000/in", "Enter a full address starting with https://"),
    ],
)
def test_an_address_the_register_must_not_send_to_is_refused(la_organisation, api_key, url: str, message: str) -> None:  # type: ignore[no-untyped-def]
    organisation = la_organisation()
    with pytest.raises(Refused, match=message) as refused:
        subscribe(organisation, api_key(organisation).key.id, url)
    assert refused.value.field == "url"
    assert subscriptions.subscriptions_of({organisation.id}) == []


def test_loopback_is_allowed_only_by_the_test_setting(
    settings, app: Flask, la_organisation, api_key, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    organisation = la_organisation()
    key = api_key(organisation).key
    assert subscribe(organisation, key.id, "http://127.0.0.1:9/in").subscription.url == "http://127.0.0.1:9/in"
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_LOOPBACK", False)
    with pytest.raises(Refused):
        subscribe(organisation, key.id, "http://127.0.0.1:9/in")


def test_a_host_name_that_resolves_to_this_machine_is_refused_when_sending(settings) -> None:  # type: ignore[no-untyped-def]
    """The address check after DNS: ``localhost`` is a name, not a literal."""
    with receiver([200]) as endpoint:
        port = endpoint.server.server_address[1]
        closed = sending.Settings(retry_seconds=0, max_failures=10, timeout=5, allow_loopback=False)
        with pytest.raises(sending.AddressRefused):
            sending.post(f"http://localhost:{port}/in", b"{}", {}, closed)
        assert sending.post(f"http://localhost:{port}/in", b"{}", {}, settings) == 401  # unsigned: the receiver refuses
    assert len(endpoint.received) == 1


def test_the_key_must_be_an_active_key_of_the_la(la_organisation, api_key) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = la_organisation(), la_organisation()
    url = "https://webhooks.example.org/in"
    with pytest.raises(Refused, match="active API keys") as refused:
        subscribe(ours, api_key(theirs).key.id, url)
    assert refused.value.field == "api_key_id"
    revoked = api_key(ours).key
    api_keys.revoke_key(revoked, None)
    with pytest.raises(Refused, match="active API keys"):
        subscribe(ours, revoked.id, url)


def test_sending_the_creating_form_again_creates_nothing(la_organisation, api_key) -> None:  # type: ignore[no-untyped-def]
    organisation = la_organisation()
    key = api_key(organisation).key
    answers = {"api_key_id": key.id, "url": "https://webhooks.example.org/in", "scope": "area", "form_token": "x" * 32}
    first = subscriptions.create_subscription(organisation, None, **answers)  # type: ignore[arg-type]
    with pytest.raises(subscriptions.AlreadyCreated) as again:
        subscriptions.create_subscription(organisation, None, **answers)  # type: ignore[arg-type]
    assert again.value.subscription is first.subscription
    assert len(subscriptions.subscriptions_of({organisation.id})) == 1


def test_deleting_removes_the_subscription_and_its_log(settings, la_organisation, api_key, registered) -> None:  # type: ignore[no-untyped-def]
    organisation, key, mediator = _watching_la(la_organisation, api_key, registered)
    new = subscribe(organisation, key.id, "https://webhooks.example.org/in")
    publish_change(mediator.registration_number)
    subscriptions.delete(new.subscription, None)
    assert db.session.scalars(select(WebhookDelivery)).all() == []
    assert subscriptions.subscriptions_of({organisation.id}) == []
