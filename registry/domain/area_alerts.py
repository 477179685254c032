"""Email alerts about a local authority's area, for families and officers without an account.

**Double opt-in.** ``subscribe`` queues one email with a one-time confirmation link
(``/local-authorities/alerts/confirm/<token>``; only the token's SHA-256 is stored) and sends nothing
else until it is used (``confirm``), within ``CONFIRM_DAYS``. Asking again sends a new link (the old
one stops working). Asking for an address already confirmed sends that address a note saying so,
with its unsubscribe link. The person asking is told the same thing in every case, so the page
never shows whether an address is subscribed. Unconfirmed subscriptions are deleted once their link
has expired (at the next request to subscribe to anything), so an address nobody confirmed is not kept.

**Alerts.** ``queue_alerts`` subscribes to ``AccreditationEventRecorded``
(``registry.domain.subscriptions``): a public event of a mediator on the register who covers an LA
(``mediator_areas``) queues one ``area_alert`` to every confirmed subscription of that LA, in the
transaction that records the event, through the one notification outbox (``flask notifications
send``). The message holds what the Atom feed shows: public fields only (``notifications.what_changed``).

**Unsubscribing.** Every message carries a link to unsubscribe and the RFC 8058 headers that let a
mail client do it in one click (``List-Unsubscribe``, ``List-Unsubscribe-Post``). Its token is
``<id>.<HMAC-SHA256 under SECRET_KEY of the id and the subscription's nonce>``: the database holds no
working link, and a link made for a removed subscription never works for a later one. Unsubscribing
deletes the subscription and its messages (the address is not kept). Replacing SECRET_KEY makes the
links of messages already sent stop working; the next message carries a new one.

Subscribing is not audited: the people are members of the public acting on their own address, and
the audit trail would keep the address for ever.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from registry.domain import clock, notifications
from registry.domain.accreditation.transitions import PUBLIC_KINDS
from registry.domain.administration import EMAIL
from registry.domain.errors import Refused
from registry.domain.events import AccreditationEventRecorded
from registry.domain.signing import b64url
from registry.domain.tokens import new_token, token_hash
from registry.extensions import db
from registry.models import AccreditationEvent, AreaAlertSubscription, LocalAuthority, Notification
from registry.models.mediators import mediator_areas
from registry.models.notifications import AREA_ALERT, AREA_CONFIRMATION

CONFIRM_DAYS = 7
PURPOSE = b"registry area alert unsubscribe\x00"


def _normalised(email: str) -> str:
    address = (email or "").strip().lower()
    if len(address) > 254:
        raise Refused("email", "Enter an email address of 254 characters or fewer")
    if not EMAIL.match(address):
        raise Refused("email", "Enter an email address like name@example.com")
    return address


def subscribe(local_authority: LocalAuthority, email: str) -> None:
    """Ask to follow ``local_authority`` at ``email``: queue the confirmation (or, for an address
    already confirmed, a note saying so). Raises Refused for an address that is not one."""
    address = _normalised(email)
    _forget_expired()
    subscription = db.session.scalars(
        select(AreaAlertSubscription).where(
            AreaAlertSubscription.local_authority_id == local_authority.id, AreaAlertSubscription.email == address
        )
    ).first()
    if subscription is None:
        subscription = AreaAlertSubscription(
            local_authority=local_authority, email=address, unsubscribe_nonce=secrets.token_urlsafe(16)
        )
        db.session.add(subscription)
        db.session.flush()
    _drop_unsent(subscription, AREA_CONFIRMATION)
    if subscription.is_confirmed:
        _queue(subscription, AREA_CONFIRMATION, *_already_message(subscription))
        return
    token = new_token()
    subscription.confirm_token_hash = token_hash(token)
    subscription.requested_at = clock.now()
    _queue(subscription, AREA_CONFIRMATION, *_confirmation_message(subscription, token))


def pending(token: str) -> AreaAlertSubscription | None:
    """The unconfirmed subscription a confirmation link was made for, while it works."""
    if not token or len(token) > 100:
        return None
    subscription = db.session.scalars(
        select(AreaAlertSubscription).where(AreaAlertSubscription.confirm_token_hash == token_hash(token))
    ).first()
    if subscription is None or subscription.requested_at < clock.now() - timedelta(days=CONFIRM_DAYS):
        return None
    return subscription


def confirm(subscription: AreaAlertSubscription) -> None:
    """From now on, alerts are queued for it; the link is used up."""
    subscription.confirmed_at = clock.now()
    subscription.confirm_token_hash = None
    db.session.flush()


def unsubscribe_token(subscription: AreaAlertSubscription) -> str:
    return f"{subscription.id}.{_mac(subscription.id, subscription.unsubscribe_nonce)}"


def _mac(subscription_id: int, nonce: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return b64url(hmac.new(key, PURPOSE + f"{subscription_id}:{nonce}".encode(), hashlib.sha256).digest())


def subscription_for(token: str) -> AreaAlertSubscription | None:
    """The subscription an unsubscribe link was made for, if it still exists."""
    number, _, mac = (token or "").partition(".")
    if not number.isascii() or not number.isdigit() or len(number) > 10 or not mac:
        return None
    subscription = db.session.get(AreaAlertSubscription, int(number))
    if subscription is None or not hmac.compare_digest(mac, _mac(subscription.id, subscription.unsubscribe_nonce)):
        return None
    return subscription


def unsubscribe(subscription: AreaAlertSubscription) -> None:
    """Nothing more is sent, and the address is not kept: the subscription and its messages go."""
    db.session.execute(
        delete(Notification)
        .where(Notification.area_subscription_id == subscription.id)
        .execution_options(synchronize_session=False)
    )
    db.session.delete(subscription)
    db.session.flush()


def queue_alerts(recorded: AccreditationEventRecorded) -> None:
    """The subscriber: a public event of a mediator is told to every confirmed follower of the LAs they cover."""
    queue_for_event(recorded.event)


def queue_for_event(event: AccreditationEvent) -> list[Notification]:
    if event.kind not in PUBLIC_KINDS:
        return []
    accreditation = event.accreditation
    mediator = accreditation.mediator
    if mediator.left_register_on is not None:
        return []
    covered = select(mediator_areas.c.local_authority_id).where(mediator_areas.c.mediator_id == mediator.id)
    followers = db.session.scalars(
        select(AreaAlertSubscription)
        .where(AreaAlertSubscription.local_authority_id.in_(covered), AreaAlertSubscription.confirmed_at.is_not(None))
        .order_by(AreaAlertSubscription.id)
    ).all()
    queued = []
    for subscription in followers:
        body = _alert_body(subscription, event, accreditation.body.name)
        subject = notifications.event_subject(event, mediator)
        queued.append(
            _queue(subscription, AREA_ALERT, subject, body, mediator_id=mediator.id, accreditation_event=event)
        )
    return queued


# The messages.


def _queue(subscription: AreaAlertSubscription, kind: str, subject: str, body: str, **about: object) -> Notification:
    notification = Notification(
        kind=kind,
        area_subscription=subscription,
        subject=subject,
        body=body,
        unsubscribe_url=_unsubscribe_url(subscription),
        **about,
    )
    db.session.add(notification)
    db.session.flush()
    return notification


def _unsubscribe_url(subscription: AreaAlertSubscription) -> str:
    return notifications.public_url(f"/local-authorities/alerts/unsubscribe/{unsubscribe_token(subscription)}")


def _footer(subscription: AreaAlertSubscription) -> list[str]:
    la = subscription.local_authority
    return [
        "",
        f"All changes in {la.name}: {notifications.public_url(f'/local-authorities/{la.slug}')}",
        "",
        f"To stop these emails: {_unsubscribe_url(subscription)}",
    ]


def _confirmation_message(subscription: AreaAlertSubscription, token: str) -> tuple[str, str]:
    la = subscription.local_authority
    link = notifications.public_url(f"/local-authorities/alerts/confirm/{token}")
    lines = [
        "Hello,",
        "",
        f"Someone, probably you, asked the SEND Mediation Register to email this address when the "
        f"accreditation of a mediator who covers {la.name} changes.",
        "",
        f"To start these emails, confirm within {CONFIRM_DAYS} days: {link}",
        "",
        "If you did not ask, ignore this email: nothing more will be sent, and your address will be deleted.",
    ]
    return f"Confirm email alerts for {la.name}", "\n".join(lines) + "\n"


def _already_message(subscription: AreaAlertSubscription) -> tuple[str, str]:
    la = subscription.local_authority
    lines = [
        "Hello,",
        "",
        f"Someone, probably you, asked for email alerts about mediators who cover {la.name}. "
        "This address already gets them, so nothing has changed.",
        *_footer(subscription),
    ]
    return f"You already get email alerts for {la.name}", "\n".join(lines) + "\n"


def _alert_body(subscription: AreaAlertSubscription, event: AccreditationEvent, body_name: str) -> str:
    mediator = event.accreditation.mediator
    lines = [
        "Hello,",
        "",
        f"The accreditation of {mediator.display_name} ({mediator.registration_number}), a SEND mediator who "
        f"covers {subscription.local_authority.name}, has changed.",
        "",
        *notifications.what_changed(event, body_name),
        "",
        f"Their entry on the register: {notifications.public_url('/mediators/' + mediator.registration_number)}",
        *_footer(subscription),
    ]
    return "\n".join(lines) + "\n"


def _drop_unsent(subscription: AreaAlertSubscription, kind: str) -> None:
    db.session.execute(
        delete(Notification)
        .where(
            Notification.area_subscription_id == subscription.id,
            Notification.kind == kind,
            Notification.sent_at.is_(None),
        )
        .execution_options(synchronize_session=False)
    )


def _forget_expired() -> None:
    """Unconfirmed subscriptions whose link has expired go, with their messages."""
    expired = select(AreaAlertSubscription.id).where(
        AreaAlertSubscription.confirmed_at.is_(None),
        AreaAlertSubscription.requested_at < clock.now() - timedelta(days=CONFIRM_DAYS),
    )
    ids = list(db.session.scalars(expired))
    if ids:
        db.session.execute(
            delete(Notification)
            .where(Notification.area_subscription_id.in_(ids))
            .execution_options(synchronize_session=False)
        )
        db.session.execute(
            delete(AreaAlertSubscription)
            .where(AreaAlertSubscription.id.in_(ids))
            .execution_options(synchronize_session=False)
        )
