"""Error responses: HTML pages for people, RFC 9457 problem documents under ``/api/``."""

from __future__ import annotations

import sys

from flask import Flask, Response, current_app, g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from registry import unit_of_work

PROBLEM_TYPE_BASE = "https://send-mediation-register.invalid/problems/"
PAGE_TEMPLATES = {400, 403, 404, 405, 429, 500}
# A database that is away (restarting, failing over, out of connections, or SQLite busy past its
# timeout) is a 503 with this Retry-After, never a 500; pre-pinged connections recover by themselves.
UNAVAILABLE_RETRY_AFTER = "10"


def wants_problem_json() -> bool:
    return request.path.startswith("/api/")


def problem_response(
    status: int, title: str, detail: str | None = None, *, type_slug: str | None = None, **extra: object
) -> Response:
    body: dict[str, object] = {
        "type": PROBLEM_TYPE_BASE + (type_slug or str(status)),
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


_LOCATIONS = {"json": "body", "form": "body", "files": "body", "query": "query", "view_args": "path", "path": "path"}


def _pointer(path: list[str]) -> str:
    escaped = [str(part).replace("~", "~0").replace("/", "~1") for part in path if part != "_schema"]
    return "#" + "".join("/" + part for part in escaped)


def validation_errors(messages: object) -> list[dict[str, str]]:
    """webargs/marshmallow messages (``{"query": {"per_page": ["Too big."]}}``) as problem ``errors``:
    one entry per message, each with its location and a JSON pointer (RFC 6901) to the value."""
    found: list[dict[str, str]] = []

    def walk(node: object, location: str, path: list[str]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, location, [*path, str(key)])
        elif isinstance(node, (list, tuple)) and not all(isinstance(item, str) for item in node):
            for index, value in enumerate(node):
                walk(value, location, [*path, str(index)])
        else:
            for message in node if isinstance(node, (list, tuple)) else [node]:
                found.append({"location": location, "pointer": _pointer(path), "detail": str(message)})

    if isinstance(messages, dict):
        for where, node in messages.items():
            walk(node, _LOCATIONS.get(str(where), str(where)), [])
    else:
        walk(messages, "body", [])
    return found


def _api_problem(error: HTTPException, status: int) -> Response:
    """The problem for an HTTP error raised under /api/: plain, from ``abort_problem`` (``data`` with
    title, detail, type, errors, headers) or from webargs validation (``data`` with ``messages``)."""
    data = getattr(error, "data", None) or {}
    extra: dict[str, object] = {}
    title, detail = data.get("title") or error.name, data.get("detail") or error.description
    if "messages" in data:
        title = "The request is not valid" if status == 422 else error.name
        extra["errors"] = validation_errors(data["messages"])
        detail = "Some values are not valid: each is listed in errors, with a JSON pointer to it."
    elif data.get("errors"):
        extra["errors"] = data["errors"]
    extra.update(data.get("extra") or {})
    response = problem_response(status, title, detail, type_slug=data.get("type_slug"), **extra)
    for name, value in (data.get("headers") or {}).items():
        response.headers[name] = value
    return response


def _handle_http_exception(error: HTTPException) -> Response | tuple[str, int]:
    status = error.code or 500
    if status >= 500:
        # The request may have failed inside a broken transaction; rendering the page reads the
        # signed-in user, which needs a usable session. (The boundary would roll back anyway.)
        unit_of_work.rollback()
    headers = dict(error.get_headers()) if status in (405, 429) else {}
    if wants_problem_json():
        response = _api_problem(error, status)
    else:
        template = f"errors/{status}.html" if status in PAGE_TEMPLATES else "errors/generic.html"
        response = Response(render_template(template, error=error), status=status)
    for name in ("Allow", "Retry-After"):
        if name in headers:
            response.headers[name] = headers[name]
    return response


def _handle_csrf_error(error: CSRFError) -> Response | tuple[str, int]:
    if wants_problem_json():
        return problem_response(400, "Form expired or was not sent from this site", error.description)
    return Response(render_template("errors/csrf.html", error=error), status=400)


def database_unavailable() -> bool:
    """True while this request is answering a database outage: pages then read nothing from it."""
    return bool(g.get("database_unavailable"))


# PostgreSQL's SQLSTATE classes for "cannot reach or use the server now": connection exceptions
# (08), insufficient resources such as too many connections (53), operator intervention such as a
# shutdown or restart (57P). SQLite's equivalent is a lock held past the busy timeout.
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P")
_SQLITE_BUSY = ("database is locked", "database is busy")


def is_outage(error: Exception) -> bool:
    """Whether a database error means "away for now" (a 503 worth retrying) rather than a bug (a 500)."""
    if isinstance(error, PoolTimeout) or getattr(error, "connection_invalidated", False):
        return True
    original = getattr(error, "orig", None)
    sqlstate = getattr(original, "sqlstate", "")
    if type(original).__module__.startswith("psycopg"):
        return not sqlstate or sqlstate.startswith(_UNAVAILABLE_SQLSTATES)
    return any(words in str(original) for words in _SQLITE_BUSY)


def _handle_database_error(error: Exception) -> Response | tuple[str, int]:
    if not is_outage(error):
        current_app.log_exception(sys.exc_info())
        return _handle_http_exception(InternalServerError(original_exception=error))
    g.database_unavailable = True
    current_app.logger.error("The database is unavailable: %s", type(error).__name__, exc_info=error)
    try:
        unit_of_work.rollback()
    except Exception:  # the connection is gone; the pool replaces it on the next checkout
        current_app.logger.warning("Rolling back after a database outage failed", exc_info=True)
    if wants_problem_json():
        response = problem_response(
            503,
            "The register is unavailable",
            "The register cannot reach its database just now. Try again in a few seconds.",
            type_slug="unavailable",
        )
    else:
        response = Response(render_template("errors/503.html"), status=503)
    response.headers["Retry-After"] = UNAVAILABLE_RETRY_AFTER
    return response


def init_app(app: Flask) -> None:
    for outage in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(outage, _handle_database_error)
    app.register_error_handler(CSRFError, _handle_csrf_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
