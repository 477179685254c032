"""A change made through the domain reaches a webhook: the publisher (``registry.domain.publication``)
records it as the transaction commits, and the subscription watching the mediator gets it, signed."""

from __future__ import annotations

import dataclasses
import json

from flask import Flask
from sqlalchemy import select

from registry.domain import watchlist
from registry.domain.profiles import current_input, update_profile
from registry.domain.webhooks import sending
from registry.extensions import db
from registry.models import WebhookDelivery
from tests.api.webhook_receiver import receiver, subscribe


def test_a_watched_mediators_profile_change_is_queued_and_delivered(
    app: Flask, monkeypatch, la_organisation, api_key, registered
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_LOOPBACK", True)
    la = la_organisation()
    mediator = registered("Ada Published")
    watchlist.add(la, mediator.registration_number, None)
    db.session.commit()  # the new mediator's entry is published before there is a webhook
    with receiver([200]) as endpoint:
        new = subscribe(la, api_key(la).key.id, endpoint.url)
        endpoint.secret = new.secret
        update_profile(mediator, None, dataclasses.replace(current_input(mediator), website="https://ada.example"))
        db.session.commit()  # the publisher records the change, and the subscriber queues its delivery
        (queued,) = db.session.scalars(select(WebhookDelivery)).all()
        assert (queued.subscription_id, queued.change.subject) == (new.subscription.id, mediator.registration_number)
        sending.deliver_due(sending.Settings(retry_seconds=0, allow_loopback=True))
    (delivered,) = endpoint.received
    assert delivered.verified
    data = json.loads(delivered.body)["data"]
    assert (data["kind"], data["subject"], data["entry"]["website"]) == (
        "mediator_entry",
        mediator.registration_number,
        "https://ada.example",
    )
