"""The headers every response carries against browser attacks (XSS, clickjacking, cached private pages).

- ``Content-Security-Policy`` (``CONTENT_SECURITY_POLICY``): scripts, styles and everything else
  from this site only, and no inline script or style, so injected markup cannot run; no framing.
- ``X-Frame-Options: DENY`` for browsers that predate ``frame-ancestors``, ``X-Content-Type-Options:
  nosniff`` and ``Referrer-Policy: strict-origin-when-cross-origin``.
- ``Strict-Transport-Security`` (``STRICT_TRANSPORT_SECURITY``) only when the site is served over
  HTTPS, which ``SESSION_COOKIE_SECURE`` says.
- ``Cache-Control: no-store`` on private responses: anything served to a signed-in person, and any
  request that carries credentials (``Authorization``: every keyed API call needs one). Public pages
  and the public API keep their own caching (the API's ETags and ``no-cache``).
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

STATIC_ENDPOINTS = {"static", "assets"}


def _is_private() -> bool:
    if request.endpoint in STATIC_ENDPOINTS:
        return False  # the same files for everyone, so they stay cacheable
    if "Authorization" in request.headers:
        return True
    try:
        return bool(current_user.is_authenticated)
    except SQLAlchemyError:
        # The person could not be loaded (the database is down): answer with the error response
        # in hand, not a new 500, and do not let it be stored.
        return True


def add_security_headers(response: Response) -> Response:
    config = current_app.config
    headers = response.headers
    headers["Content-Security-Policy"] = config["CONTENT_SECURITY_POLICY"]
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    if config["SESSION_COOKIE_SECURE"] and config["STRICT_TRANSPORT_SECURITY"]:
        headers["Strict-Transport-Security"] = config["STRICT_TRANSPORT_SECURITY"]
    if _is_private() and not response.cache_control.no_store:
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Register before the blueprints and the API: Flask runs after-request hooks last-registered
    first, so this one runs after theirs and its ``no-store`` replaces the API's ``no-cache``."""
    app.after_request(add_security_headers)
