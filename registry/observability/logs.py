"""Where the app's log records go and how they look: one JSON object a line (``LOG_FORMAT=json``,
the default) or plain text for reading by eye (``LOG_FORMAT=text``), on stderr, at ``LOG_LEVEL``.

Every record carries the request id of the request it was logged in (``RequestIdFilter``), error
tracebacks included. The handler serves the app's logger (``registry``, with ``registry.requests``
under it) and Flask-Limiter's (its storage warnings); other libraries keep Python's default. The
records still propagate, so pytest's ``caplog`` sees them as usual.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from types import TracebackType

from flask import Flask, request
from flask.logging import default_handler, wsgi_errors_stream

from registry.observability.request_ids import request_id_or_none

# The attribute of a request line's record that holds its fields (``extra={REQUEST_FIELDS: {...}}``).
REQUEST_FIELDS = "request_fields"
LIBRARY_LOGGERS = ("flask-limiter",)
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def request_method() -> str:
    """The request's method, or ``OTHER`` for anything unusual (any token is a valid method, and
    neither a log nor a metric label should take a caller's invention)."""
    return request.method if request.method in KNOWN_METHODS else "OTHER"


def route_template() -> str | None:
    """The URL rule that matched (``/mediators/<number>``), never the path itself, which can hold a
    registration number, a token or search text; None when nothing matched."""
    return request.url_rule.rule if request.url_rule is not None else None


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_or_none()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, the request id when
    there is one, a request line's fields, and the traceback of an error as one string."""

    def format(self, record: logging.LogRecord) -> str:
        time = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        entry: dict[str, object] = {
            "time": time.replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id is not None:
            entry["request_id"] = request_id
        entry.update(getattr(record, REQUEST_FIELDS, None) or {})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


class RegisterLogHandler(logging.StreamHandler):
    """stderr (the WSGI server's error stream inside a request: gunicorn's ``errorlog``, "-")."""

    def __init__(self, log_format: str) -> None:
        super().__init__(wsgi_errors_stream)
        text = logging.Formatter(TEXT_FORMAT, defaults={"request_id": "-"})
        self.setFormatter(JsonFormatter() if log_format == "json" else text)
        self.addFilter(RequestIdFilter())


def _log_exception(app: Flask) -> None:
    """Flask's own ``log_exception`` names the raw path (``Exception on /account/invitation/<the
    token> [GET]``); the register's names the route instead. Flask calls it for every unhandled
    exception, just before the 500 page or problem is sent (which shows no traceback)."""

    def log_exception(exc_info: ExcInfo) -> None:
        app.logger.error("Unhandled exception in %s %s", request_method(), route_template(), exc_info=exc_info)

    app.log_exception = log_exception  # type: ignore[method-assign]  # Flask's documented override point


def configure(app: Flask) -> None:
    """Give the app's logger (and Flask-Limiter's) the register's handler, replacing Flask's default
    handler and the one an earlier ``create_app`` in this process installed (the tests make many)."""
    handler = RegisterLogHandler(app.config["LOG_FORMAT"])
    for name in (app.logger.name, *LIBRARY_LOGGERS):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h is default_handler or isinstance(h, RegisterLogHandler)]:
            logger.removeHandler(old)
        logger.addHandler(handler)
    app.logger.setLevel(app.config["LOG_LEVEL"])
    _log_exception(app)
