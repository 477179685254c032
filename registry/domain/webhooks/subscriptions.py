"""An LA's webhook subscriptions: made, listed, paused, resumed and deleted by its officers.

A subscription belongs to the LA's organisation through one of its active API keys: revoking the
key stops it (nothing more is queued or sent for it). The signing secret is made here and returned
once (``NewSubscription``), like an API key; only its sealed form is kept, and it never goes into
the audit trail or a log. The form that creates one carries a one-time ``form_token``: sent again
(a reload of the page that showed the secret), it creates nothing and ``AlreadyCreated`` says which
subscription it made, so a reload can neither make a second subscription nor show the secret again.

A subscription the register paused after too many failed deliveries in a row (``sending``), or one
an officer paused, queues nothing new while paused: the LA catches up from the public change feed
(``GET /api/v1/changes?after=``, from the last sequence delivered), which holds every change, so a
forgotten paused subscription cannot pile up deliveries without end. What was queued before the
pause stays queued and is sent once it is resumed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete as delete_rows
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock
from registry.domain.errors import DomainError, NotFound, Refused
from registry.domain.webhooks.sealing import new_secret, seal
from registry.domain.webhooks.urls import checked_url
from registry.extensions import db
from registry.models import ApiKey, Organisation, User, WebhookDelivery, WebhookSubscription
from registry.models.webhooks import SCOPES

MAX_PER_LOCAL_AUTHORITY = 10


@dataclass(frozen=True)
class NewSubscription:
    """A subscription just made. ``secret`` is the only copy in clear: show it once, then drop it."""

    subscription: WebhookSubscription
    secret: str


class AlreadyCreated(Exception):
    """The creating form was sent again: ``subscription`` is the one it made the first time."""

    def __init__(self, subscription: WebhookSubscription) -> None:
        super().__init__("This webhook was already added")
        self.subscription = subscription


def allow_loopback() -> bool:
    return bool(current_app.config.get("WEBHOOKS_ALLOW_LOOPBACK"))


def _active_key(organisation: Organisation, api_key_id: int | None) -> ApiKey:
    key = db.session.get(ApiKey, api_key_id) if api_key_id else None
    if key is None or key.organisation_id != organisation.id or not key.is_active:
        raise Refused("api_key_id", "Choose one of your local authority’s active API keys")
    return key


def create_subscription(
    organisation: Organisation, actor: User | None, *, api_key_id: int | None, url: str, scope: str, form_token: str
) -> NewSubscription:
    """A new subscription for ``organisation``'s key ``api_key_id``, sending ``scope``'s changes to ``url``."""
    if organisation.kind != "local_authority":
        raise DomainError("Only a local authority can add webhooks")
    same_form = select(WebhookSubscription).where(WebhookSubscription.form_token == form_token)
    earlier = db.session.scalars(same_form).first()
    if earlier is not None and earlier.organisation_id == organisation.id:
        raise AlreadyCreated(earlier)
    if earlier is not None or not 16 <= len(form_token) <= 64:
        raise DomainError("Something went wrong with the form. Fill it in again")
    key = _active_key(organisation, api_key_id)
    if scope not in SCOPES:
        raise Refused("scope", "Choose which changes to send")
    url = checked_url(url, allow_loopback=allow_loopback())
    held = select(func.count()).where(WebhookSubscription.organisation_id == organisation.id)
    if (db.session.scalar(held) or 0) >= MAX_PER_LOCAL_AUTHORITY:
        raise Refused("url", f"Your local authority has {MAX_PER_LOCAL_AUTHORITY} webhooks already: delete one first")
    secret = new_secret()
    subscription = WebhookSubscription(
        organisation=organisation,
        api_key=key,
        url=url,
        scope=scope,
        sealed_secret=seal(secret),
        form_token=form_token,
        created_by_id=actor.id if actor is not None else None,
    )
    db.session.add(subscription)
    db.session.flush()
    _audit(actor, "webhook.created", subscription, scope=scope, api_key_id=key.id)
    return NewSubscription(subscription, secret)


def _audit(actor: User | None, action: str, subscription: WebhookSubscription, **data: object) -> None:
    """The audit event of a change to a subscription: its LA and endpoint's host, never the secret
    (nor the whole address, whose query string may hold a token of the LA's own)."""
    host = subscription.url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0]
    audit.record(
        actor, action, "webhook_subscription", subscription.id,
        organisation_id=subscription.organisation_id, host=host, **data,
    )  # fmt: skip


def subscriptions_of(organisation_ids: set[int]) -> list[WebhookSubscription]:
    """Every subscription of these organisations, oldest first, with its key."""
    return list(
        db.session.scalars(
            select(WebhookSubscription)
            .where(WebhookSubscription.organisation_id.in_(organisation_ids))
            .options(joinedload(WebhookSubscription.api_key))
            .order_by(WebhookSubscription.id)
        )
    )


def get_subscription(subscription_id: int, organisation_ids: set[int]) -> WebhookSubscription:
    """The subscription, if it belongs to one of these organisations (NotFound otherwise, so other
    LAs' webhooks stay unseen)."""
    subscription = db.session.get(WebhookSubscription, subscription_id)
    if subscription is None or subscription.organisation_id not in organisation_ids:
        raise NotFound("There is no such webhook.")
    return subscription


def pause(subscription: WebhookSubscription, actor: User | None, *, failing: bool = False) -> None:
    """Stop sending to it (``failing``: the register did, after too many failures in a row)."""
    if subscription.paused_at is None:
        subscription.paused_at = clock.now()
        subscription.paused_because_failing = failing
        db.session.flush()
        _audit(actor, "webhook.paused", subscription, failing=failing)


def resume(subscription: WebhookSubscription, actor: User | None) -> None:
    """Send to it again: its failures are forgiven, and what waits for it is due at once."""
    if subscription.paused_at is not None:
        subscription.paused_at = None
        subscription.paused_because_failing = False
        subscription.consecutive_failures = 0
        now = clock.now()
        for delivery in db.session.scalars(
            select(WebhookDelivery).where(
                WebhookDelivery.subscription_id == subscription.id, WebhookDelivery.sent_at.is_(None)
            )
        ):
            delivery.next_attempt_at = now
        db.session.flush()
        _audit(actor, "webhook.resumed", subscription)


def delete(subscription: WebhookSubscription, actor: User | None) -> None:
    """Remove it and its delivery log."""
    _audit(actor, "webhook.deleted", subscription)
    db.session.execute(delete_rows(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription.id))
    db.session.delete(subscription)
    db.session.flush()
