"""Prometheus metrics at ``/metrics``, off unless ``METRICS_ENABLED=1`` and guarded by a bearer token.

Two metrics, both labelled by ``method``, ``route`` (the URL rule, or ``unmatched``: never the
path) and ``status`` (its class, ``2xx`` to ``5xx``), so their series stay few whatever callers send:

- ``register_http_requests_total``, the requests answered;
- ``register_http_request_duration_seconds``, a histogram of how long they took.

**Who may read them.** ``/metrics`` answers 404, like any unknown address, unless ``METRICS_ENABLED=1``
and ``METRICS_TOKEN`` is set; then only a request with ``Authorization: Bearer <METRICS_TOKEN>`` gets
the figures, anyone else a 401. A token rather than a list of addresses: behind a proxy every request
comes from the proxy's address. ``make serve`` refuses ``METRICS_ENABLED=1`` without a token of 32
characters or more (``production_problems``).

**Several workers.** Each gunicorn worker is a process with its own counters. With
``PROMETHEUS_MULTIPROC_DIR`` set in the environment (prometheus-client reads it when it is imported)
every process writes its figures to files there and ``/metrics`` adds up all of them, so any worker
answers with the totals; gunicorn.conf.py's ``child_exit`` tells prometheus-client when a worker has
gone. The directory must exist and be emptied before the server starts (a tmpfs such as systemd's
``RuntimeDirectory=``). ``make serve`` refuses ``METRICS_ENABLED=1`` with several workers and no
such directory, since each scrape would then see one worker's share.

Each app keeps its metrics in a registry of its own (no module-level metric, so nothing is done at
import and the tests' many apps never share a counter).
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, abort, current_app, request
from flask.typing import ResponseReturnValue
from prometheus_client import CollectorRegistry, Counter, Histogram, multiprocess
from prometheus_client.exposition import choose_encoder

from registry.auth.access import public

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
MIN_TOKEN_LENGTH = 32
LABELS = ("method", "route", "status")
UNMATCHED = "unmatched"
_EXTENSION = "registry.metrics"

bp = Blueprint("observability", __name__)


@dataclass(frozen=True)
class RequestMetrics:
    registry: CollectorRegistry
    requests: Counter
    duration: Histogram

    @classmethod
    def create(cls) -> RequestMetrics:
        registry = CollectorRegistry()
        return cls(
            registry,
            Counter("register_http_requests", "Requests answered, by method, route and status class.", LABELS,
                    registry=registry),  # fmt: skip
            Histogram("register_http_request_duration_seconds", "Seconds taken to answer a request.", LABELS,
                      registry=registry),  # fmt: skip
        )


def observe(method: str, route: str | None, status: int, seconds: float, app: Flask | None = None) -> None:
    app = app or current_app
    if not app.config["METRICS_ENABLED"]:
        return
    found: RequestMetrics = app.extensions[_EXTENSION]
    labels = (method, route or UNMATCHED, f"{status // 100}xx")
    found.requests.labels(*labels).inc()
    found.duration.labels(*labels).observe(seconds)


def _exposed() -> CollectorRegistry:
    """This process's registry, or with several processes one that reads all of their files."""
    if MULTIPROCESS_DIR not in os.environ:
        registry: CollectorRegistry = current_app.extensions[_EXTENSION].registry
        return registry
    every_process = CollectorRegistry()
    multiprocess.MultiProcessCollector(every_process)
    return every_process


def _bearer_matches(expected: str) -> bool:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected.encode())


@bp.get("/metrics")
@public  # to the access registry; METRICS_TOKEN guards it (a scraper has no session to sign in with)
def metrics_text() -> ResponseReturnValue:
    config = current_app.config
    if not (config["METRICS_ENABLED"] and config["METRICS_TOKEN"]):
        abort(404)
    if not _bearer_matches(config["METRICS_TOKEN"]):
        return Response(
            "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>\n",
            401,
            {"WWW-Authenticate": 'Bearer realm="metrics"'},
            mimetype="text/plain",
        )
    encode, content_type = choose_encoder(request.headers.get("Accept", ""))
    return Response(encode(_exposed()), content_type=content_type)


def production_problems(settings: Mapping[str, object], workers: int, environ: Mapping[str, str]) -> list[str]:
    """What ``make serve`` refuses about the metrics settings (``registry.serving``)."""
    if not settings["METRICS_ENABLED"]:
        return []
    problems = []
    if len(str(settings["METRICS_TOKEN"])) < MIN_TOKEN_LENGTH:
        problems.append(
            f"METRICS_ENABLED=1 needs METRICS_TOKEN of at least {MIN_TOKEN_LENGTH} random characters: /metrics "
            "answers only a scraper that sends it (Authorization: Bearer …)."
        )
    directory = environ.get(MULTIPROCESS_DIR)
    if directory is None and workers > 1:
        problems.append(
            f"With METRICS_ENABLED=1 and {workers} workers, each would report only its own requests: set "
            f"{MULTIPROCESS_DIR} to an empty directory (emptied at each start), or WEB_CONCURRENCY=1."
        )
    elif directory is not None and not os.path.isdir(directory):
        problems.append(f"{MULTIPROCESS_DIR} is {directory!r}, which is not a directory: create it (empty).")
    return problems


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = RequestMetrics.create()
    app.register_blueprint(bp)
