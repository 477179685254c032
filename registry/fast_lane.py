"""Finished public answers, served again before Flask is reached.

Most requests to a register are anonymous reads of the same pages and API answers, and the register
changes a few times an hour. So the first anonymous GET of a ``@cached`` view
(``registry.representations``) goes through Flask as usual, and its finished response — every
header the hooks added (security headers, CORS, ETag, caching), the body, and the route it came
from — is kept under the register's version (``registry.register_version``), the day, the content
coding the request takes (brotli, gzip or none: ``registry.compression``; each coding is its own
copy, compressed once) and the address asked for (host, path and query as sent). Later anonymous GETs
and HEADs of the same address and coding, on any process or host, are answered here from that copy,
without Flask's routing, hooks or views.

What is still done for each request answered here, with the same code as in Flask: the request id
(``X-Request-ID``), the API's rate limit against the same budget (``registry.api.limits``; a client
over it goes on to Flask for the usual 429 problem), ``If-None-Match`` (a 304), HEAD, and the
request's log line and metrics.

Only requests with no session cookie and no ``Authorization`` header are answered here, so nothing
personal is ever kept or served: a signed-in person, a message waiting to be shown, an API key all
go through Flask. A change of the register moves its version on, so the next request after any
change, anywhere, misses and is answered afresh. When the version cannot be read (the database and
Redis both away), Flask answers, with its 503.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from flask import Flask
from werkzeug.http import parse_etags, unquote_etag

from registry.api.conventions import API_PREFIX, rate_limit_header_values
from registry.api.limits import spend_one_of
from registry.compression import coding_for
from registry.domain import clock
from registry.observability.request_ids import HEADER, request_id_of
from registry.observability.request_log import log_request
from registry.register_version import current_version
from registry.representations import CACHEABLE, SECONDS, Entry
from registry.shared_state import SharedCache

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
StartResponse = Callable[..., Any]
KEY = "registry.fast_lane.key"
# Made afresh for each request, so never kept with an answer.
PER_REQUEST = frozenset(
    {
        "x-request-id",
        "set-cookie",
        "date",
        "content-length",
        "retry-after",
        *(f"{prefix}ratelimit-{part}" for prefix in ("", "x-") for part in ("limit", "remaining", "reset")),
    }
)
OK = f"{HTTPStatus.OK.value} {HTTPStatus.OK.phrase}"
NOT_MODIFIED = f"{HTTPStatus.NOT_MODIFIED.value} {HTTPStatus.NOT_MODIFIED.phrase}"


def key_for(version: int, environ: dict[str, Any]) -> str:
    """The answer's version, day, content coding (a compressed copy for those who can read it,
    ``registry.compression``) and address."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    address = f"{host}{environ.get('PATH_INFO', '')}?{environ.get('QUERY_STRING', '')}"
    coding = coding_for(environ.get("HTTP_ACCEPT_ENCODING", ""))
    return f"repr:{version}:{clock.today().isoformat()}:{coding}:{address}"


class FastLane:
    def __init__(self, app: Flask, wsgi_app: WSGIApp) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.cookie = app.config["SESSION_COOKIE_NAME"] + "="

    @property
    def cache(self) -> SharedCache:
        cache = self.app.extensions["registry.shared_state"]
        assert isinstance(cache, SharedCache)
        return cache

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if not self._anonymous_read(environ):
            return self.wsgi_app(environ, start_response)
        try:
            with self.app.app_context():  # pushed cheaply; the database is read only without Redis
                key = key_for(current_version(), environ)
            kept = self.cache.get(key)
        except Exception:  # the version cannot be read: Flask answers (a 503) as usual
            self.app.logger.warning("The fast lane could not look up an answer", exc_info=True)
            return self.wsgi_app(environ, start_response)
        if kept is not None:
            answered = self._answer(Entry.decode(kept), environ, start_response)
            if answered is not None:
                return answered
        environ[KEY] = key
        return self._keep_if_cacheable(environ, start_response)

    def _anonymous_read(self, environ: dict[str, Any]) -> bool:
        return (
            environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in environ
            and self.cookie not in environ.get("HTTP_COOKIE", "")
        )

    def _answer(self, entry: Entry, environ: dict[str, Any], start_response: StartResponse) -> list[bytes] | None:
        """Send the kept answer; None to let Flask answer instead (a client over its budget)."""
        headers = [*entry.headers, (HEADER, request_id_of(environ))]
        if self.app.config["RATELIMIT_ENABLED"] and environ.get("PATH_INFO", "").startswith(API_PREFIX + "/"):
            spent = spend_one_of(self.app, environ)
            if not spent.allowed:
                return None
            headers += rate_limit_header_values(spent.amount, spent.remaining, spent.reset_at)
        status, body = OK, entry.body
        if _still_fresh(entry, environ):
            status, body = NOT_MODIFIED, b""
            headers = [(name, value) for name, value in headers if name.lower() != "content-type"]
        elif environ["REQUEST_METHOD"] == "HEAD":
            headers.append(("Content-Length", str(len(body))))
            body = b""
        else:
            headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        log_request(self.app, environ, environ["REQUEST_METHOD"], entry.route, int(status[:3]))
        return [body]

    def _keep_if_cacheable(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Let Flask answer; keep the finished answer when the view marked it cacheable."""
        answered: dict[str, Any] = {}

        def noting(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answered.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, noting)
        route = environ.get(CACHEABLE)
        headers: list[tuple[str, str]] = answered.get("headers", [])
        if (
            route is None
            or environ["REQUEST_METHOD"] != "GET"  # a HEAD answer has no body to keep
            or not str(answered.get("status", "")).startswith("200")
            or any(name.lower() == "set-cookie" for name, _ in headers)
        ):
            return body
        try:
            content = b"".join(body)  # a cacheable answer is never streamed: it is in memory already
        finally:
            if hasattr(body, "close"):
                body.close()
        kept = [(name, value) for name, value in headers if name.lower() not in PER_REQUEST]
        self.cache.set(environ[KEY], Entry(kept, str(route), content).encode(), SECONDS)
        return [content]


def _still_fresh(entry: Entry, environ: dict[str, Any]) -> bool:
    """``If-None-Match`` names the kept answer's ETag (as ``Response.make_conditional`` would judge)."""
    asked = environ.get("HTTP_IF_NONE_MATCH")
    etag = next((value for name, value in entry.headers if name.lower() == "etag"), None)
    if not asked or etag is None:
        return False
    return parse_etags(asked).contains_weak(unquote_etag(etag)[0])


def init_app(app: Flask) -> None:
    """Install in front of Flask, inside the middleware that notes when a request arrived."""
    app.wsgi_app = FastLane(app, app.wsgi_app)  # type: ignore[method-assign]  # Flask's documented way
