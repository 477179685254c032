"""What a load balancer asks: is the process up (``/healthz``), and can it serve (``/readyz``)?

``/healthz`` answers 200 while the process can answer at all; it touches nothing else, so a
database outage never makes the balancer restart healthy processes. ``/readyz`` checks what a
request needs: the database answers, its schema is at the migrations' head, the standards have
been imported, and Redis answers when ``REDIS_URL`` is set. It answers 200 with each check's
outcome, or 503 (with ``Retry-After``) naming the checks that failed. Both are JSON, public, never
cached, and carry no detail an attacker could use (no connection strings, no error text).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache

from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, Response, current_app, jsonify
from sqlalchemy import func, select, text

from registry.auth.access import public
from registry.config import PROJECT_ROOT
from registry.extensions import db
from registry.models import StandardsVersion
from registry.shared_state import redis_client

bp = Blueprint("health", __name__)
RETRY_AFTER_SECONDS = 5


@cache
def migrations_head() -> str | None:
    """The newest migration's revision (read once per process; the code cannot change under it)."""
    return ScriptDirectory(str(PROJECT_ROOT / "migrations")).get_current_head()


def _database() -> bool:
    db.session.execute(text("SELECT 1"))
    return True


def _migrations() -> bool:
    version = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return version is not None and version == migrations_head()


def _standards() -> bool:
    return bool(db.session.scalar(select(func.count()).select_from(StandardsVersion)))


def _redis() -> bool:
    client = redis_client()
    return client is None or bool(client.ping())


CHECKS: dict[str, Callable[[], bool]] = {
    "database": _database,
    "migrations": _migrations,
    "standards": _standards,
    "redis": _redis,
}


def _outcome(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except Exception:  # any failure is "not ready"; the log has the detail, the answer does not
        current_app.logger.warning("Readiness check %s failed", check.__name__, exc_info=True)
        db.session.rollback()
        return False


@bp.get("/healthz")
@public
def healthz() -> Response:
    return jsonify(status="ok")


@bp.get("/readyz")
@public
def readyz() -> Response:
    started = time.perf_counter()
    checks = {name: "ok" if _outcome(check) else "failing" for name, check in CHECKS.items()}
    ready = all(outcome == "ok" for outcome in checks.values())
    response = jsonify(
        status="ready" if ready else "not ready",
        checks=checks,
        seconds=round(time.perf_counter() - started, 3),
    )
    if not ready:
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
