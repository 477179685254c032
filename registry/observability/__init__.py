"""Observability (issue 15, item 7): request ids, one JSON log line per request, Prometheus metrics.

``init_app`` binds it all to an app; importing it does nothing.

- **Request ids** (``request_ids``): the caller's ``X-Request-ID`` when it is a sane token (1 to 64
  letters, digits, ``.``, ``_``, ``-``), otherwise a new one (32 hex digits); sent back as
  ``X-Request-ID`` on every response, carried by every log record of the request (error tracebacks
  too), and shown on the 500 page for people to quote. A proxy in front may set it; a value from
  the internet is only ever a label, so a proxy that must be trusted should overwrite it.
- **Logs** (``logs``): the app's records go to stderr as one JSON object a line (``LOG_FORMAT``,
  ``LOG_LEVEL``); under gunicorn that is its ``errorlog`` ("-"), and gunicorn writes no access log
  of its own (``accesslog = None``). An unhandled exception is logged with its traceback and the
  route (Flask's own message names the raw path); the client gets the usual 500 page or problem.
- **The request line** (``request_log``): method, route template, status, duration, request id,
  user id, remote address; nothing the caller typed beyond the method (``OTHER`` if unusual).
- **Metrics** (``metrics``): ``/metrics`` in the Prometheus text format, off by default, behind a
  bearer token, summed over gunicorn's workers through ``PROMETHEUS_MULTIPROC_DIR``.

What never reaches a log line: the query string, the body, headers (``Authorization``, ``Cookie``),
passwords, API keys, account-link tokens, a path (it can hold any of those), private fields; the
database engine hides statement parameters from its error messages (``hide_parameters``), so a
failed statement's traceback does not show the values either. ``tests/operations/test_observability.py``
sends each of those and reads the log.
"""

from __future__ import annotations

from flask import Flask

from registry.observability import logs, metrics, request_log


def init_app(app: Flask) -> None:
    logs.configure(app)
    request_log.init_app(app)
    metrics.init_app(app)
