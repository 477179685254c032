"""Bearer API keys: ``Authorization: Bearer smr_…``.

A key acts for its local authority with the LA officer's API capabilities (``run_bulk_checks``,
``manage_watchlist``). Keyed resources put ``key_required`` in their ``decorators``; anonymous
calls, unknown keys and revoked keys get a 401 problem with ``WWW-Authenticate: Bearer``. Any
call that sends a key which does not work is refused the same way, even on a public endpoint, so
a revoked key fails loudly instead of quietly falling back to the anonymous limits.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import request

from registry import unit_of_work
from registry.api.problems import abort_problem
from registry.auth.capabilities import CAPABILITIES
from registry.domain import api_keys
from registry.extensions import db
from registry.models import ApiKey

KEY_ROLE = "la_officer"  # a key may do what an LA officer may do through the API
REALM = 'Bearer realm="SEND Mediation Register API"'
ENVIRON_KEY = "registry.api_key"
SECURITY: dict[str, list[dict[str, list[str]]]] = {"security": [{"apiKey": []}]}  # @blp.doc(**SECURITY)


def bearer_token() -> str | None:
    """The token from the Authorization header, or None when there is none (or it is not Bearer)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def current_key() -> ApiKey | None:
    """The request's working API key (looked up once per request, kept in its WSGI environ rather
    than ``g``, which an app context shared by several requests would carry over; its use is recorded)."""
    if ENVIRON_KEY not in request.environ:
        token = bearer_token()
        key = api_keys.authenticate(token) if token else None
        if key is not None and key in db.session.dirty:
            unit_of_work.commit_before_view()  # the last-use time; the request's own work commits at the end
        request.environ[ENVIRON_KEY] = key
    return request.environ[ENVIRON_KEY]


def the_key() -> ApiKey:
    """The key a view behind ``key_required`` acts with (``key_required`` has refused a request without one)."""
    key = current_key()
    assert key is not None
    return key


def refuse(detail: str) -> None:
    abort_problem(401, "An API key is needed", detail, type_slug="api-key-needed", headers={"WWW-Authenticate": REALM})


def refuse_broken_keys() -> None:
    """Before every API request: a key that was sent must work."""
    if request.headers.get("Authorization") and current_key() is None:
        refuse(
            "The API key was not recognised, or it has been revoked. Check it, or create a new one in your workspace."
        )


def key_required(capability: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view decorator: a working key whose organisation may ``capability``."""
    if capability not in CAPABILITIES[KEY_ROLE]:
        raise ValueError(f"API keys cannot have {capability!r}")

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = current_key()
            if key is None:
                refuse("Send your local authority's API key: Authorization: Bearer smr_…")
            return view(*args, **kwargs)

        return wrapper

    return decorate
