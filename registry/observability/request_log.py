"""One line per request, written when the request is over (its teardown: after the commit, after a
500 page replaced a failed one, at the end of a streamed export), with what it was and how it went.

The line holds the method, the route (the URL rule, never the path), the final status, the
duration in milliseconds from the moment the WSGI server handed the request over, the request id,
the signed-in person's id and the remote address. Never the query string, the body, a header
(``Authorization``, ``Cookie``), a password, a token or a private field. The same teardown counts
the request in the metrics (``registry.observability.metrics``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, current_app, g, request
from sqlalchemy import inspect

from registry.observability import metrics
from registry.observability.logs import REQUEST_FIELDS, request_method, route_template
from registry.observability.request_ids import HEADER, current_request_id, request_id_of, request_id_or_none

log = logging.getLogger("registry.requests")
_STARTED = "registry.request_started"
_STATUS = "registry.response_status"
WRITTEN = "registry.request_line_written"  # by registry.fast_lane, which answers without Flask's hooks


class _StartClock:
    """WSGI middleware that notes when the server handed the request over (before Flask routes it)."""

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ[_STARTED] = time.perf_counter()
        return self.wsgi_app(environ, start_response)


def signed_in_user_id() -> int | None:
    """The signed-in person's id if Flask-Login loaded them during this request (it keeps them in
    ``g._login_user``), read from the identity SQLAlchemy already holds: this never loads anyone and
    never touches the database, and says nothing while the database is away (``registry.errors``)."""
    user = g.get("_login_user")
    if user is None or not user.is_authenticated or g.get("database_unavailable"):
        return None
    state = inspect(user, raiseerr=False)
    identity = state.identity if state is not None else None
    return int(identity[0]) if identity else None


def _note_response(response: Response) -> Response:
    """Every response (error pages too) carries the id; the status is noted for the line. On the
    way out of a failed commit Flask runs this again for the 500 that replaces the response."""
    response.headers[HEADER] = current_request_id()
    request.environ[_STATUS] = response.status_code
    return response


def _write_line(error: BaseException | None) -> None:
    started = request.environ.get(_STARTED)
    if started is None or request.environ.get(WRITTEN):
        return  # a request context nobody sent (test_request_context), or a line already written
    # An exception that escaped the view or the hooks is a 500, whether Flask answered it with the
    # 500 page or (in tests) let it propagate.
    status = 500 if error is not None else int(request.environ.get(_STATUS, 500))
    write_line(route_template(), status, signed_in_user_id())


def write_line(route: str | None, status: int, user_id: int | None = None) -> None:
    """The request's line (inside its request context) and its count in the metrics."""
    log_request(current_app, request.environ, request_method(), route, status, user_id)


def log_request(
    app: Flask, environ: dict[str, Any], method: str, route: str | None, status: int, user_id: int | None = None
) -> None:
    """Write the line of the request whose WSGI environ this is (also before Flask: ``registry.fast_lane``)."""
    seconds = time.perf_counter() - environ.get(_STARTED, time.perf_counter())
    fields = {
        "method": method,
        "route": route,
        "status": status,
        "duration_ms": round(seconds * 1000, 1),
        "user_id": user_id,
        "remote_addr": (environ.get("REMOTE_ADDR") or "")[:45] or None,
    }
    log.info(
        "%s %s %s %.1f ms",
        method,
        route or "(no route)",
        status,
        seconds * 1000,
        extra={REQUEST_FIELDS: fields, "request_id": request_id_of(environ)},
    )
    metrics.observe(method, route, status, seconds, app)
    environ[WRITTEN] = True


def _support_reference() -> dict[str, str | None]:
    """``request_reference`` for the templates (None outside a request, as for an email): the 500
    page asks people to quote it."""
    return {"request_reference": request_id_or_none()}


def init_app(app: Flask) -> None:
    app.wsgi_app = _StartClock(app.wsgi_app)  # type: ignore[method-assign]  # Flask's documented way to add middleware
    app.after_request(_note_response)
    app.teardown_request(_write_line)
    app.context_processor(_support_reference)
