"""``flask webhooks deliver``: POST each due delivery to its endpoint, signed, and record what happened.

Run it every minute (cron or a systemd timer). Each delivery that is due (``next_attempt_at``
passed) and whose subscription is active is claimed and tried once per run through the outbox loop
(``registry.domain.outbox.drain``: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, a commit after each).

- **The request.** ``POST`` of ``{"type": "register.change", "timestamp": <the change's
  recorded_at>, "data": <the change as the public feed's updates give it>}`` (``changes.public_update``:
  public fields only), ``Content-Type: application/json``, signed per Standard Webhooks
  (``signatures``) with the same ``webhook-id`` (``msg_<sequence>_<subscription id>``) and body on
  every retry and this attempt's ``webhook-timestamp``.
- **The connection.** The host's addresses are resolved and every one must be on the internet
  (``urls.address_allowed``), then the register connects to that checked address (so DNS cannot
  swap in another between check and use), with TLS verified against the host name. Redirects are
  not followed; ``WEBHOOK_TIMEOUT_SECONDS`` (10) bounds each step.
- **The outcome.** A 2xx is delivered. Anything else (another status, a timeout, a refused
  connection) is recorded (attempts, last status, last error, when) and the delivery is due again
  after ``WEBHOOK_RETRY_SECONDS`` (60) × 2^(attempts − 1), at most 12 hours later. A delivery never
  gives up on its own; its subscription does: after ``WEBHOOK_MAX_FAILURES`` (10) failed attempts in
  a row it is paused, with a notice in the LA's workspace, until an officer resumes it.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import clock, outbox
from registry.domain.changes import public_update
from registry.domain.webhooks import subscriptions
from registry.domain.webhooks.sealing import SecretUnreadable, unseal
from registry.domain.webhooks.signatures import signed_headers
from registry.domain.webhooks.urls import address_allowed
from registry.models import ApiKey, RegisterChange, WebhookDelivery, WebhookSubscription

EVENT_TYPE = "register.change"
LONGEST_WAIT = timedelta(hours=12)
USER_AGENT = "SEND-Mediation-Register-Webhooks/1"


@dataclass(frozen=True)
class Settings:
    retry_seconds: float = 60
    max_failures: int = 10
    timeout: float = 10
    allow_loopback: bool = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        return cls(
            retry_seconds=float(config.get("WEBHOOK_RETRY_SECONDS", 60)),
            max_failures=int(config.get("WEBHOOK_MAX_FAILURES", 10)),
            timeout=float(config.get("WEBHOOK_TIMEOUT_SECONDS", 10)),
            allow_loopback=bool(config.get("WEBHOOKS_ALLOW_LOOPBACK", False)),
        )


class AddressRefused(OSError):
    """The endpoint's host resolves to an address the register must not connect to."""


# (url, body, headers, settings) -> the HTTP status; raises OSError or http.client.HTTPException.
Poster = Callable[[str, bytes, Mapping[str, str], Settings], int]


def message_id(delivery: WebhookDelivery) -> str:
    """The Standard Webhooks ``webhook-id``: one per change and subscription, the same on every retry."""
    return f"msg_{delivery.change.sequence}_{delivery.subscription_id}"


def payload(change: RegisterChange) -> str:
    """The body: the same text on every attempt (a change is never updated once published)."""
    message = {"type": EVENT_TYPE, "timestamp": change.recorded_at.isoformat(), "data": public_update(change)}
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def backoff(attempts: int, retry_seconds: float) -> timedelta:
    """How long to wait after the ``attempts``-th failure: doubling from ``retry_seconds``, at most 12 hours."""
    return min(timedelta(seconds=retry_seconds * 2 ** min(attempts - 1, 30)), LONGEST_WAIT)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to ``address`` (already checked) while speaking HTTP to ``host``."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS, with the certificate checked against ``host``."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def _checked_address(host: str, port: int, allow_loopback: bool) -> str:
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [str(info[4][0]) for info in found]
    if not addresses or not all(address_allowed(a, allow_loopback=allow_loopback) for a in addresses):
        raise AddressRefused(f"{host} resolves to an address that is not on the internet")
    return addresses[0]


def post(url: str, body: bytes, headers: Mapping[str, str], settings: Settings) -> int:
    """POST ``body`` to ``url`` over a connection to a checked address; the response's status."""
    parts = urlsplit(url)
    host, https = parts.hostname or "", parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    address = _checked_address(host, port, settings.allow_loopback)
    kind = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = kind(host, port, address, settings.timeout)
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("POST", target, body=body, headers=dict(headers))
        return connection.getresponse().status
    finally:
        connection.close()


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int
    failed: int

    def __str__(self) -> str:
        return f"{self.delivered} delivered, {self.failed} failed (to be tried again later)."


def _failed(delivery: WebhookDelivery, at: datetime, settings: Settings, status: int | None, error: str) -> None:
    delivery.last_status, delivery.last_error = status, error[: outbox.ERROR_LENGTH]
    delivery.next_attempt_at = at + backoff(delivery.attempts, settings.retry_seconds)
    subscription = delivery.subscription
    subscription.consecutive_failures += 1
    if subscription.consecutive_failures >= settings.max_failures:
        subscriptions.pause(subscription, None, failing=True)


def attempt(delivery: WebhookDelivery, settings: Settings, poster: Poster, at: datetime) -> bool:
    """Send one delivery once and record the outcome; whether it was delivered."""
    delivery.attempts += 1
    delivery.last_attempt_at = at
    body = payload(delivery.change)
    try:
        secret = unseal(delivery.subscription.sealed_secret)
        headers = signed_headers(secret, message_id(delivery), int(at.timestamp()), body)
        status = poster(
            delivery.subscription.url,
            body.encode(),
            {**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT},
            settings,
        )
    except (SecretUnreadable, OSError, http.client.HTTPException) as error:
        _failed(delivery, at, settings, None, outbox.error_text(error))
        return False
    if not 200 <= status < 300:
        moved = " (redirects are not followed)" if 300 <= status < 400 else ""
        _failed(delivery, at, settings, status, f"The endpoint answered HTTP {status}{moved}")
        return False
    delivery.last_status, delivery.last_error, delivery.sent_at = status, None, at
    delivery.subscription.consecutive_failures = 0
    return True


def deliver_due(
    settings: Settings,
    poster: Poster = post,
    after_each: Callable[[], None] = lambda: None,
    now: Callable[[], datetime] = clock.now,
) -> DeliveryReport:
    """Try every due delivery of every active subscription once (each is committed by ``after_each``)."""
    started = now()
    active = (
        select(WebhookSubscription.id)
        .join(ApiKey, ApiKey.id == WebhookSubscription.api_key_id)
        .where(WebhookSubscription.paused_at.is_(None), ApiKey.revoked_at.is_(None))
    )
    delivered, failed = outbox.drain(
        WebhookDelivery,
        lambda delivery: attempt(delivery, settings, poster, now()),
        where=[WebhookDelivery.next_attempt_at <= started, WebhookDelivery.subscription_id.in_(active)],
        loading=[joinedload(WebhookDelivery.change), joinedload(WebhookDelivery.subscription)],
        after_each=after_each,
    )
    return DeliveryReport(delivered, failed)
