"""The Standard Webhooks signature of a delivery (https://www.standardwebhooks.com).

``webhook-signature`` is ``v1,`` + base64 of HMAC-SHA256, keyed with the base64-decoded secret,
over ``f"{webhook-id}.{webhook-timestamp}.{body}"``. The README's API section shows the receiver's
side (the same few lines of Python), and a test receiver uses exactly that snippet.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from registry.domain.webhooks.sealing import secret_bytes


def signature(secret: str, message_id: str, timestamp: int, body: str) -> str:
    signed = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signed_headers(secret: str, message_id: str, timestamp: int, body: str) -> dict[str, str]:
    """The headers of one attempt: the same ``webhook-id`` on every retry, this attempt's timestamp."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }
