"""gunicorn settings for ``make serve`` (production). Every value can be set in the environment.

- ``WEB_CONCURRENCY`` worker processes (default 2, one per core here), each with ``WEB_THREADS``
  threads (default 4: a thread waiting on the database or Redis lets another one run).
- ``BIND`` (default ``127.0.0.1:8000``): the address the reverse proxy forwards to.
- Timeouts: a request may take ``WEB_TIMEOUT`` seconds (default 120) before its worker is
  replaced; on shutdown (SIGTERM) workers finish what they are serving for up to 30 seconds.
- The app is loaded once in the master and forked (``preload_app``): workers start at once and
  share memory; each worker drops the database connections it inherited.
- Just before each fork the master freezes what the app has loaded (``gc.freeze``, as the ``gc``
  module's documentation advises for fork without exec): the workers' garbage collections then skip
  the tens of thousands of long-lived objects (templates, SQLAlchemy's metadata, reference data), so
  a full collection no longer adds tens of milliseconds to whichever request triggers it, and the
  pages they share are not copied by the collector's writes.

Before anything starts, ``registry.serving.refuse_unsafe_settings`` stops the server on a
development SECRET_KEY, a localhost PUBLIC_BASE_URL, or in-memory rate limits with several workers.
"""

import gc
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
preload_app = True
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "0"))  # recycle workers after N requests (0: never)
max_requests_jitter = max_requests // 10
accesslog = None  # the app writes one JSON line per request itself
control_socket_disable = True  # managed by signals (TERM, HUP, TTIN/TTOU), like any service; no socket to clash
errorlog = "-"
wsgi_app = "registry:create_app()"


def on_starting(server):  # noqa: ANN001, ANN201  (gunicorn's hook signature)
    from registry.serving import refuse_unsafe_settings

    refuse_unsafe_settings(workers)


def pre_fork(server, worker):  # noqa: ANN001, ANN201
    gc.freeze()  # see the module docstring: the loaded app stays out of the workers' collections


def post_fork(server, worker):  # noqa: ANN001, ANN201
    from registry.extensions import db

    app = server.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)  # never share the master's connections with a child


def child_exit(server, worker):  # noqa: ANN001, ANN201
    # /metrics with several workers (registry/observability/metrics.py): forget a worker that has gone.
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
