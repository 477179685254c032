"""Every endpoint declares who may reach it.

``public`` and ``signed_in`` and ``requires(capability)`` mark a view with its access level
(and enforce it); a test walks ``app.url_map`` and fails on any endpoint without a mark, so a
new route cannot ship unclassified. Object scope is then checked in the view with a predicate
from ``registry.auth.policy`` through ``authorise``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app
from flask_login import current_user

from registry.auth.capabilities import ALL_CAPABILITIES
from registry.auth.policy import has_capability

F = TypeVar("F", bound=Callable[..., Any])

PUBLIC = "public"
SIGNED_IN = "signed_in"

# Endpoints served by Flask or extensions themselves.
BUILT_IN_ACCESS = {"static": PUBLIC, "assets": PUBLIC, "api-docs.openapi_json": PUBLIC}


def _mark(view: F, level: str) -> F:
    view.access_level = level  # type: ignore[attr-defined]  # a mark on the function, read by access_level_of
    return view


def public(view: F) -> F:
    return _mark(view, PUBLIC)


def signed_in(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]  # set by Flask-Login
        return view(*args, **kwargs)

    return _mark(cast(F, wrapper), SIGNED_IN)


def requires(capability: str) -> Callable[[F], F]:
    """Signed in and holding ``capability`` in some scope; 403 otherwise."""
    if capability not in ALL_CAPABILITIES:
        raise ValueError(f"unknown capability {capability!r}")

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]  # set by Flask-Login
            if not has_capability(current_user, capability):
                abort(403)
            return view(*args, **kwargs)

        return _mark(cast(F, wrapper), f"capability:{capability}")

    return decorate


def authorise(allowed: bool) -> None:
    """Stop with 403 unless a policy predicate allowed the action on this object."""
    if not allowed:
        abort(403)


def access_level_of(endpoint: str, view: Callable[..., Any]) -> str | None:
    if endpoint in BUILT_IN_ACCESS:
        return BUILT_IN_ACCESS[endpoint]
    level = getattr(view, "access_level", None)
    if level is None and hasattr(view, "view_class"):  # class-based views (flask-smorest)
        level = getattr(view.view_class, "access_level", None)
    return level
