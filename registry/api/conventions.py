"""Conventions every /api/v1 response follows, applied in one place.

- Pagination: ``Page`` and ``paginated`` give the envelope (``items``, ``page``, ``per_page``,
  ``total``, ``has_more``) and an RFC 8288 ``Link`` header (first, prev, next, last).
- Conditional GETs: a strong ``ETag`` (a hash of the body) on every successful GET, and 304 Not
  Modified when ``If-None-Match`` matches. The CSV export is streamed, so it has none; its
  ``X-Register-Sequence`` says how fresh it is.
- CORS: read endpoints answer any origin (``Access-Control-Allow-Origin: *``) and preflight
  ``OPTIONS`` requests. Keyed endpoints do not: keys belong in servers, not in web pages.
- Rate-limit headers: ``RateLimit-Limit``/``-Remaining``/``-Reset`` (seconds until the window
  resets) and ``X-RateLimit-Limit``/``-Remaining``/``-Reset`` (Unix time); ``Retry-After`` on 429.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request, url_for

from registry.extensions import limiter

T = TypeVar("T")
API_PREFIX = "/api/v1"
KEYED_BLUEPRINTS = {"checks", "watchlist"}
EXPOSED_HEADERS = (
    "ETag, Link, Retry-After, X-Register-Sequence, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, "
    "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"
)


@dataclass(frozen=True)
class Page:
    items: Sequence[Any]
    page: int
    per_page: int
    total: int

    @property
    def has_more(self) -> bool:
        return self.page * self.per_page < self.total

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.per_page))


def page_of(items: Sequence[T], page: int, per_page: int) -> Page:
    """A page of a short list held in memory (reference lists, a mediator's history)."""
    start = (page - 1) * per_page
    return Page(items[start : start + per_page], page, per_page, len(items))


def link_header(page: Page) -> str:
    def link(number: int, rel: str) -> str:
        args = {k: v for k, v in request.args.items() if k not in ("page", "per_page")}
        args |= {"page": number, "per_page": page.per_page}
        url = url_for(request.endpoint or "", **(request.view_args or {}), **args, _external=True)
        return f'<{url}>; rel="{rel}"'

    links = [link(1, "first")]
    if page.page > 1:
        links.append(link(min(page.page - 1, page.last), "prev"))
    if page.has_more:
        links.append(link(page.page + 1, "next"))
    links.append(link(page.last, "last"))
    return ", ".join(links)


def paginated(page: Page) -> tuple[Page, dict[str, str]]:
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
    if current is None:
        return
    reset_at = current.reset_at
    seconds = max(0, int(reset_at - time.time()))
    for prefix, reset in (("RateLimit", seconds), ("X-RateLimit", reset_at)):
        response.headers[f"{prefix}-Limit"] = str(current.limit.amount)
        response.headers[f"{prefix}-Remaining"] = str(current.remaining)
        response.headers[f"{prefix}-Reset"] = str(reset)
    if response.status_code == 429:
        response.headers["Retry-After"] = str(max(1, seconds))


def _conditional(response: Response) -> Response:
    if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.is_streamed:
        response.add_etag()
        response.headers.setdefault("Cache-Control", "no-cache")
        return response.make_conditional(request)
    return response


def apply_conventions(response: Response) -> Response:
    if not request.path.startswith(API_PREFIX + "/") or request.path.startswith(API_PREFIX + "/docs"):
        return response
    _rate_limit_headers(response)
    if request.blueprint not in KEYED_BLUEPRINTS:
        _cors(response)
    else:
        response.headers["Cache-Control"] = "private, no-cache"
        response.vary.add("Authorization")
    return _conditional(response)


def init_app(app: Flask) -> None:
    app.after_request(apply_conventions)
