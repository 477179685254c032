"""Rate limits for /api/v1, with Flask-Limiter (storage from ``RATELIMIT_STORAGE_URI``).

One budget per client across the whole API: anonymous callers by IP address, keyed callers by
key. Keyed calls get the higher limit. Both are settings (``API_RATE_LIMIT_ANONYMOUS``,
``API_RATE_LIMIT_KEYED``), documented in the OpenAPI description and the README.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, cast

import redis
from flask import Flask, current_app
from flask_limiter.util import get_remote_address
from flask_smorest import Blueprint
from limits import parse
from limits.storage import RedisStorage

from registry.api.auth import current_key
from registry.extensions import limiter

DEFAULT_ANONYMOUS_LIMIT = "60 per minute"
DEFAULT_KEYED_LIMIT = "600 per minute"
SCOPE = "api-v1"


def client_key() -> str:
    key = current_key()
    return f"key:{key.id}" if key is not None else f"ip:{get_remote_address()}"


def limit_for_client() -> str:
    name = "API_RATE_LIMIT_KEYED" if current_key() is not None else "API_RATE_LIMIT_ANONYMOUS"
    return current_app.config[name]


@dataclass(frozen=True)
class Spent:
    allowed: bool
    amount: int
    remaining: int
    reset_at: float


# One round trip: count the request in its fixed window (the key Flask-Limiter's own Redis storage
# uses, so both count against one budget) and say how long the window has left.
_SPEND = """
local count = redis.call('INCRBY', KEYS[1], 1)
if count == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return {count, redis.call('TTL', KEYS[1])}
"""


def spend_one_of(app: Flask, environ: dict[str, Any]) -> Spent:
    """Count an anonymous request (by its address) against the API's budget exactly as Flask-Limiter
    counts the API's views, for an answer sent before Flask routes the request (``registry.fast_lane``)."""
    item = parse(app.config["API_RATE_LIMIT_ANONYMOUS"])
    key = f"ip:{environ.get('REMOTE_ADDR') or '127.0.0.1'}"
    storage = limiter.storage
    if isinstance(storage, RedisStorage):
        connection = cast(redis.Redis, storage.get_connection())
        answer = connection.eval(_SPEND, 1, storage.prefixed_key(item.key_for(key, SCOPE)), item.get_expiry())
        count, ttl = cast(list[int], answer)
        return Spent(int(count) <= item.amount, item.amount, max(0, item.amount - int(count)), time.time() + int(ttl))
    allowed = limiter.limiter.hit(item, key, SCOPE)
    stats = limiter.limiter.get_window_stats(item, key, SCOPE)
    return Spent(allowed, item.amount, stats.remaining, stats.reset_time)


def limit_blueprint(blueprint: Blueprint) -> None:
    """Put the blueprint's views under the shared API budget (once per blueprint)."""
    limiter.shared_limit(limit_for_client, scope=SCOPE, key_func=client_key)(blueprint)
