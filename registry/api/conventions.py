"""Conventions every /api/v1 response follows, applied in one place.

- Reading: ``reads_query`` declares a GET that takes its arguments from the query string, with the
  problems it may answer (every such GET may answer 422; 429 and 503 ``contract`` declares for all).
- Pagination: ``paginated`` gives a page (the domain's ``Page``) the envelope (``items``, ``page``,
  ``per_page``, ``total``, ``has_more``) and an RFC 8288 ``Link`` header (first, prev, next, last).
- Conditional GETs: a strong ``ETag`` (a hash of the body) on every successful GET, and 304 Not
  Modified when ``If-None-Match`` matches. The CSV export is streamed, so it has none; its
  ``X-Register-Sequence`` says how fresh it is.
- CORS: read endpoints answer any origin (``Access-Control-Allow-Origin: *``) and preflight
  ``OPTIONS`` requests. Keyed endpoints do not: keys belong in servers, not in web pages.
- Rate-limit headers: ``RateLimit-Limit``/``-Remaining``/``-Reset`` (seconds until the window
  resets) and ``X-RateLimit-Limit``/``-Remaining``/``-Reset`` (Unix time); ``Retry-After`` on 429.
- JSON bodies: at most ``MAX_JSON_BYTES`` (a 413 problem beyond) and ``MAX_JSON_DEPTH`` levels of
  arrays and objects (a 400 problem beyond), checked before anything parses them: Python's parser
  recurses, so a body nested 100,000 deep would otherwise end in a RecursionError and a 500.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request, url_for
from flask_smorest import Blueprint
from marshmallow import Schema
from werkzeug.exceptions import RequestEntityTooLarge

from registry.api.problems import abort_problem, responses
from registry.domain.paging import Page
from registry.extensions import limiter
from registry.representations import cached

View = TypeVar("View", bound=Callable[..., Any])
API_PREFIX = "/api/v1"
KEYED_BLUEPRINTS = {"checks", "watchlist"}
EXPOSED_HEADERS = (
    "ETag, Link, Retry-After, X-Register-Sequence, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, "
    "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"
)


MAX_JSON_BYTES = 1024 * 1024  # 1,000 registration numbers take about 20 KB
MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))


def reads_query(
    blp: Blueprint, query: type[Schema], answer: type[Schema], *problems: int, kept: bool = False
) -> Callable[[View], View]:
    """``@reads_query(blp, QuerySchema, AnswerSchema, 404)`` on a GET: its arguments are read from the
    query string, it answers 200 with ``answer``, and it documents ``problems`` besides the 422 (the
    arguments are not valid) that every such GET may answer (429 and 503: ``contract``). ``kept``: a
    public answer, kept once made (``registry.representations.cached``)."""

    def decorate(view: View) -> View:
        view = blp.arguments(query, location="query")(view)
        view = blp.response(200, answer)(view)
        view = blp.doc(**responses(*problems, 422))(view)
        return cached(view) if kept else view

    return decorate


def link_header(page: Page[Any]) -> str:
    def link(number: int, rel: str) -> str:
        args: dict[str, Any] = {k: v for k, v in request.args.items() if k not in ("page", "per_page")}
        args |= {"page": number, "per_page": page.page_size}
        url = url_for(request.endpoint or "", **(request.view_args or {}), **args, _external=True)
        return f'<{url}>; rel="{rel}"'

    links = [link(1, "first")]
    if page.page > 1:
        links.append(link(min(page.page - 1, page.pages), "prev"))
    if page.has_more:
        links.append(link(page.page + 1, "next"))
    links.append(link(page.pages, "last"))
    return ", ".join(links)


def paginated(page: Page[Any]) -> tuple[Page[Any], dict[str, str]]:
    """What a list view returns: the page for its schema, and the ``Link`` header."""
    return page, {"Link": link_header(page)}


def _cors(response: Response) -> None:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, HEAD, OPTIONS")
        response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"


def _rate_limit_headers(response: Response) -> None:
    if not current_app.config.get("RATELIMIT_ENABLED"):
        return
    current = limiter.current_limit
    if current is not None:
        add_rate_limit_headers(response, current.limit.amount, current.remaining, current.reset_at)


def add_rate_limit_headers(response: Response, amount: int, remaining: int, reset_at: float) -> None:
    for name, value in rate_limit_header_values(amount, remaining, reset_at, response.status_code == 429):
        response.headers[name] = value


def rate_limit_header_values(
    amount: int, remaining: int, reset_at: float, refused: bool = False
) -> list[tuple[str, str]]:
    """``RateLimit-*`` (seconds until the window resets) and ``X-RateLimit-*`` (its Unix time); a
    refusal says when to come back (``Retry-After``)."""
    seconds = max(0, int(reset_at - time.time()))
    values = [
        (f"{prefix}-{name}", str(value))
        for prefix, reset in (("RateLimit", seconds), ("X-RateLimit", int(reset_at)))
        for name, value in (("Limit", amount), ("Remaining", remaining), ("Reset", reset))
    ]
    return [*values, ("Retry-After", str(max(1, seconds)))] if refused else values


def _conditional(response: Response) -> Response:
    if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.is_streamed:
        response.add_etag()
        response.headers.setdefault("Cache-Control", "no-cache")
        response.make_conditional(request)  # in place: a 304, or the 200 with its range and validators
    return response


def nested_deeper_than(body: bytes, limit: int) -> bool:
    """Whether the JSON text opens more than ``limit`` arrays and objects inside one another.

    Strings are set aside first (a ``[`` in a string opens nothing); no recursion, so any depth is safe.
    """
    depth = 0
    for byte in _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS):
        depth += 1 if byte in b"[{" else -1
        if depth > limit:
            return True
    return False


def refuse_unreadable_json() -> None:
    """Stop an over-large or over-deep JSON body with a problem before any view or schema parses it.

    Pages too: none takes JSON, but Flask-WTF would read a JSON body as a form's answers."""
    if not request.is_json:
        return
    too_large = f"Send at most {MAX_JSON_BYTES // 1024 // 1024} MB of JSON."
    if (request.content_length or 0) > MAX_JSON_BYTES:
        abort_problem(413, "The request body is too large", too_large)
    request.max_content_length = MAX_JSON_BYTES  # a body without Content-Length stops there too
    try:
        body = request.get_data(cache=True)
    except RequestEntityTooLarge:
        abort_problem(413, "The request body is too large", too_large)
    if nested_deeper_than(body, MAX_JSON_DEPTH):
        detail = f"Nest arrays and objects at most {MAX_JSON_DEPTH} levels deep."
        abort_problem(
            400,
            "The JSON is nested too deeply",
            detail,
            errors=[{"location": "body", "pointer": "#", "detail": detail}],
        )


def apply_conventions(response: Response) -> Response:
    if not request.path.startswith(API_PREFIX + "/") or request.path.startswith(API_PREFIX + "/docs"):
        return response
    _rate_limit_headers(response)
    if request.blueprint not in KEYED_BLUEPRINTS:
        _cors(response)
    else:
        response.vary.add("Authorization")  # Cache-Control: no-store comes from registry.security_headers
    return _conditional(response)


def init_app(app: Flask) -> None:
    app.before_request(refuse_unreadable_json)
    app.after_request(apply_conventions)
