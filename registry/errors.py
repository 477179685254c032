"""Error responses: HTML pages for people, RFC 9457 problem documents under ``/api/``."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from registry.extensions import db

PROBLEM_TYPE_BASE = "https://send-mediation-register.invalid/problems/"
PAGE_TEMPLATES = {400, 403, 404, 405, 429, 500}


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


def _handle_http_exception(error: HTTPException) -> Response | tuple[str, int]:
    status = error.code or 500
    if status >= 500:
        # The request may have failed inside a broken transaction; rendering the page reads the
        # signed-in user, which needs a usable session.
        db.session.rollback()
    headers = dict(error.get_headers()) if status in (405, 429) else {}
    if wants_problem_json():
        response = problem_response(status, error.name, error.description)
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


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _handle_csrf_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
