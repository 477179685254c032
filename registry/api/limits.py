"""Rate limits for /api/v1, with Flask-Limiter (storage from ``RATELIMIT_STORAGE_URI``).

One budget per client across the whole API: anonymous callers by IP address, keyed callers by
key. Keyed calls get the higher limit. Both are settings (``API_RATE_LIMIT_ANONYMOUS``,
``API_RATE_LIMIT_KEYED``), documented in the OpenAPI description and the README.
"""

from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_smorest import Blueprint

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


def limit_blueprint(blueprint: Blueprint) -> None:
    """Put the blueprint's views under the shared API budget (once per blueprint)."""
    limiter.shared_limit(limit_for_client, scope=SCOPE, key_func=client_key)(blueprint)
