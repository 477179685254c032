"""Queueing webhook deliveries as changes are published, and reading them back as the delivery log.

``queue_deliveries`` subscribes to ``RegisterChangeRecorded`` (``registry.domain.subscriptions``), so
it runs in the transaction that publishes the change: a change is never committed without its
deliveries, nor a delivery without its change. One delivery per active subscription the change
concerns (its key not revoked, the subscription not paused):

- ``watchlist``: the change's mediator is on the subscription's LA's watchlist;
- ``area``: the LA's GSS code is in the change's ``areas`` (the LAs the mediator covered before or
  after it, so an LA also hears of a mediator who stops covering it).

Only mediators' changes are delivered (see ``registry.domain.webhooks``).
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload

from registry.domain import clock
from registry.domain.events import RegisterChangeRecorded
from registry.domain.paging import Page, paginate
from registry.extensions import db
from registry.models import (
    ApiKey,
    LocalAuthority,
    Mediator,
    Organisation,
    RegisterChange,
    WatchlistItem,
    WebhookDelivery,
    WebhookSubscription,
)
from registry.models.changes import MEDIATOR_ENTRY, MEDIATOR_LEFT
from registry.models.webhooks import AREA, WATCHLIST

DELIVERED_KINDS = (MEDIATOR_ENTRY, MEDIATOR_LEFT)
LOG_PAGE_SIZE = 25


def queue_deliveries(recorded: RegisterChangeRecorded) -> None:
    """The subscriber: a published change is queued for the subscriptions it concerns."""
    queue_for_change(recorded.change, recorded.areas)


def queue_for_change(change: RegisterChange, areas: frozenset[str]) -> list[WebhookDelivery]:
    """One delivery of the change for every active subscription it concerns."""
    if change.kind not in DELIVERED_KINDS:
        return []
    watching = (
        select(WatchlistItem.organisation_id)
        .join(Mediator, Mediator.id == WatchlistItem.mediator_id)
        .where(Mediator.registration_number == change.subject)
    )
    covered = (
        select(Organisation.id)
        .join(LocalAuthority, LocalAuthority.id == Organisation.local_authority_id)
        .where(LocalAuthority.gss_code.in_(sorted(areas)))
    )
    subscriptions = db.session.scalars(
        select(WebhookSubscription.id)
        .join(ApiKey, ApiKey.id == WebhookSubscription.api_key_id)
        .where(
            WebhookSubscription.paused_at.is_(None),
            ApiKey.revoked_at.is_(None),
            or_(
                and_(WebhookSubscription.scope == WATCHLIST, WebhookSubscription.organisation_id.in_(watching)),
                and_(WebhookSubscription.scope == AREA, WebhookSubscription.organisation_id.in_(covered)),
            ),
        )
        .order_by(WebhookSubscription.id)
    ).all()
    now = clock.now()
    queued = [
        WebhookDelivery(subscription_id=subscription_id, change=change, created_at=now, next_attempt_at=now)
        for subscription_id in subscriptions
    ]
    db.session.add_all(queued)
    db.session.flush()
    return queued


def delivery_log(subscription: WebhookSubscription, page: int = 1) -> Page[WebhookDelivery]:
    """The subscription's deliveries, newest change first, a page at a time."""
    query = (
        select(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == subscription.id)
        .options(joinedload(WebhookDelivery.change))
        .order_by(WebhookDelivery.id.desc())
    )
    return paginate(query, page, LOG_PAGE_SIZE)


def last_delivered_sequence(subscription: WebhookSubscription) -> int | None:
    """The feed sequence of the newest change delivered to it: where to catch up from after a pause."""
    newest = (
        select(func.max(RegisterChange.sequence))
        .join(WebhookDelivery, WebhookDelivery.register_change_id == RegisterChange.id)
        .where(WebhookDelivery.subscription_id == subscription.id, WebhookDelivery.sent_at.is_not(None))
    )
    return db.session.scalar(newest)
