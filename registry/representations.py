"""Public pages and API answers served from a cache that is never stale.

The register changes a few times an hour and is read all day, so what anonymous visitors are shown
is worked out once per change and then served from ``registry.shared_state.SharedCache`` (Redis
when ``REDIS_URL`` is set, so every process and host shares it).

**The register's version.** Every write to a table a public answer could read moves one counter
(``sequence_counters.register_version``) on, in the same transaction, so the new version is
committed exactly when the change is (and rolled back with it). A cached answer's key holds the version it was
made at and the register's day (status answers change at midnight when an accreditation runs out),
so a change, made by any process on any host, is seen by the next request everywhere. Writes that no
public answer reads (sign-in bookkeeping, sessions, API keys, stored checks, watchlists, the outbox,
the audit trail, counters) do not bump it; every other table does — a new table is public until
someone says otherwise, so forgetting it costs a cache miss, never a stale answer.

The version is read from Redis when ``REDIS_URL`` is set: each commit that moves it on publishes the
new value there at once (only ever upwards), and Redis vouches for a value for ``VERSION_SECONDS``
before it is read from the database again, which bounds how stale it could be if a process died
between committing and publishing. Without Redis it is read from the database on every request.

**What is cached.** Only views marked ``@cached``, only for GET and HEAD without a signed-in person
and without a message waiting to be flashed, and only 200 responses that set no cookie and are not
streamed. The body and its content headers are stored; everything per request (rate-limit headers,
the ETag and 304, CORS, security headers) is still added by the after-request hooks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar, cast

import redis
from flask import Response, current_app, has_app_context, make_response, request, session
from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from registry.domain import clock
from registry.domain.sequences import next_value
from registry.extensions import db
from registry.shared_state import KEY_PREFIX, redis_client, shared_cache

F = TypeVar("F", bound=Callable[..., Any])

COUNTER = "register_version"
MOVED_TO = "registry.representations.moved_to"
# How long Redis vouches for the version it holds. Commits publish a new version at once; this only
# bounds how long a version could stay stale if a process died between its commit and publishing.
VERSION_SECONDS = 5
_VERSION = text("SELECT value FROM sequence_counters WHERE name = :name")
SECONDS = 24 * 3600
KEPT_HEADERS = ("Content-Type", "Link", "X-Register-Sequence", "Content-Language")
# Tables no public page or API answer reads.
UNSEEN_TABLES = frozenset(
    {
        "user_sessions",
        "recovery_codes",
        "account_links",
        "sign_in_attempts",
        "api_keys",
        "bulk_checks",
        "bulk_check_results",
        "watchlist_items",
        "notifications",
        "oversight_notices",
        "sequence_counters",
        "audit_events",
    }
)


def _bump(session: Session) -> None:
    """Move the version on, in the transaction that is writing the change (so a reader on the same
    connection sees both, and everyone else both at commit). Through the connection, not the session,
    so nothing flushes or recurses."""
    session.info[MOVED_TO] = next_value(COUNTER, session.connection())


def _after_commit(session: Session) -> None:
    """Tell every process the new version at once (through Redis), now that it is committed."""
    version = session.info.pop(MOVED_TO, None)
    if version is not None and has_app_context():
        _publish(version)


def _forget(session: Session, *args: object) -> None:
    session.info.pop(MOVED_TO, None)


# Redis keeps the version only if it is newer than what it holds, so a reader that read the database
# just before a commit never puts an older version back over the newer one.
_SET_IF_NEWER = """
local held = redis.call('GET', KEYS[1])
if not held or tonumber(held) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
"""


def _publish(version: int) -> None:
    client = redis_client()
    if client is None:
        return
    try:
        client.eval(_SET_IF_NEWER, 1, KEY_PREFIX + COUNTER, version, VERSION_SECONDS)
    except redis.RedisError:  # readers fall back to the database
        current_app.logger.warning("Could not publish the register's version to Redis", exc_info=True)


def _public(tables: Iterable[str | None]) -> bool:
    return any(table is not None and table not in UNSEEN_TABLES for table in tables)


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    if _public(
        getattr(instance, "__tablename__", None) for instance in (*session.new, *session.dirty, *session.deleted)
    ):
        _bump(session)


def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if _public([getattr(table, "name", None)]):
            _bump(state.session)


def current_version() -> int:
    """The register's version: from Redis while it vouches for it (``VERSION_SECONDS``, refreshed by
    every commit that moves it), otherwise from the database."""
    client = redis_client()
    if client is not None:
        try:
            held = client.get(KEY_PREFIX + COUNTER)
            if isinstance(held, bytes):
                return int(held)
        except redis.RedisError:
            client = None
    value = db.session.execute(_VERSION, {"name": COUNTER}).scalar()
    version = int(value or 0)
    if client is not None:
        _publish(version)
    return version


def _cacheable_request() -> bool:
    return request.method in ("GET", "HEAD") and "_user_id" not in session and "_flashes" not in session


def _key() -> str:
    query = "&".join(sorted(f"{k}={v}" for k, v in request.args.items(multi=True)))
    return f"repr:{current_version()}:{clock.today().isoformat()}:{request.host}{request.path}?{query}"


def cached(view: F) -> F:
    """Serve this public view's anonymous answers from the shared cache (see the module docstring)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not _cacheable_request():
            return view(*args, **kwargs)
        key, store = _key(), shared_cache()
        hit = store.get(key)
        if hit is not None:
            header_length = int.from_bytes(hit[:4], "big")
            headers = json.loads(hit[4 : 4 + header_length])
            return Response(hit[4 + header_length :], status=200, headers=headers)
        response = make_response(view(*args, **kwargs))
        if _storable(response):
            headers = json.dumps({name: response.headers[name] for name in KEPT_HEADERS if name in response.headers})
            encoded = headers.encode()
            store.set(key, len(encoded).to_bytes(4, "big") + encoded + response.get_data(), SECONDS)
        return response

    return cast(F, wrapper)


def _storable(response: Response) -> bool:
    return response.status_code == 200 and not response.is_streamed and "Set-Cookie" not in response.headers


def init_app() -> None:
    """Watch every session for public changes (once per process: the listeners are on the class)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _on_execute)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _forget)
