"""The register's version: one counter that every public change moves on, known to every process.

**Moving it.** Every write to a table a public answer could read moves one counter
(``sequence_counters.register_version``) on, in the same transaction, so the new version is committed
exactly when the change is (and rolled back with it). Writes that no public answer reads (sign-in
bookkeeping, sessions, API keys, stored checks, watchlists, the outbox, the audit trail, counters) do
not; every other table does — a new table is public until someone says otherwise, so forgetting it
costs a cache miss, never a stale answer. Kept answers (``registry.representations``) are keyed by it.

**Knowing it.** Without Redis it is read from the database on every request. With ``REDIS_URL``:

- each commit that moves it on sets it in Redis (only ever upwards, so a slow reader never puts an
  older value back) and publishes it on a channel; every process subscribes (a thread of its own)
  and so learns of a change from any host at once, without asking;
- a process trusts what it knows for ``TRUST_SECONDS`` and then asks Redis again, and Redis holds a
  value for ``VERSION_SECONDS`` before the database is asked. These bound how stale a process could be
  if a message were lost (a subscriber reconnecting) or a process died between committing and
  publishing; in the normal course a change is seen by the next request everywhere.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable

import redis
from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from registry.domain.sequences import FEED, current_value, hold, next_value
from registry.extensions import db
from registry.shared_state import KEY_PREFIX, shared_cache

COUNTER = "register_version"
KEY = KEY_PREFIX + COUNTER
CHANNEL = KEY_PREFIX + "register-version-changed"
MOVED_TO = "registry.register_version.moved_to"
UNKNOWN = -1  # MOVED_TO after a savepoint rolled back (see ``_forget``)
EXTENSION = "registry.register_version"
VERSION_SECONDS = 10
TRUST_SECONDS = 1.0
VERSION_KEPT_SECONDS = 24 * 3600  # a kept number's key changes with every change anyway
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
        "area_alert_subscriptions",
        "oversight_notices",
        "sequence_counters",
        "audit_events",
        "webhook_subscriptions",
        "webhook_deliveries",
    }
)
# Set it in Redis only if newer than what Redis holds, and then tell every process.
_SET_IF_NEWER = """
local held = redis.call('GET', KEYS[1])
if not held or tonumber(held) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  redis.call('PUBLISH', ARGV[3], ARGV[1])
end
"""


class VersionWatch:
    """What this process knows of the version, kept up to date by Redis (see the module docstring)."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self.value: int | None = None
        self.checked = 0.0
        self._lock = threading.Lock()
        self._listening_in: int | None = None  # the process whose thread listens (none survive a fork)
        self.subscribed = threading.Event()  # set once the thread hears the channel

    def known(self) -> int | None:
        """The version, from memory while trusted, else from Redis; None when Redis does not hold it."""
        self._listen()
        with self._lock:
            if self.value is not None and time.monotonic() - self.checked < TRUST_SECONDS:
                return self.value
        held = self.client.get(KEY)
        if not isinstance(held, bytes):
            return None
        self.saw(int(held))
        return int(held)

    def saw(self, version: int) -> None:
        with self._lock:
            if self.value is None or version >= self.value:
                self.value, self.checked = version, time.monotonic()

    def publish(self, version: int) -> None:
        self.client.eval(_SET_IF_NEWER, 1, KEY, version, VERSION_SECONDS, CHANNEL)
        self.saw(version)

    def _listen(self) -> None:
        if self._listening_in == os.getpid():
            return
        self._listening_in = os.getpid()
        threading.Thread(target=self._follow, name="register-version", daemon=True).start()

    def _follow(self) -> None:
        while True:
            try:
                subscriber = self.client.pubsub()
                subscriber.subscribe(CHANNEL)
                subscriber.get_message(timeout=5)  # Redis confirms the subscription
                self.subscribed.set()
                for message in subscriber.listen():
                    if message.get("type") == "message":
                        self.saw(int(message["data"]))
            except (redis.RedisError, ValueError):  # Redis restarting: meanwhile TRUST_SECONDS bounds it
                self.subscribed.clear()
                time.sleep(1)


def current_version() -> int:
    """The register's version now (inside an app context)."""
    watch = _watch()
    if watch is not None:
        try:
            known = watch.known()
            if known is not None:
                return known
        except redis.RedisError:
            watch = None
    version = current_value(COUNTER)
    if watch is not None:
        _publish(watch, version)
    return version


def kept_number(key: str, work_out: Callable[[], int]) -> int:
    """A number worked out from the register (a count over every mediator, say), kept in the shared
    cache under the register's version, so that each process or host works it out once per change.

    The version is read from the database in the caller's transaction, before the number is worked
    out: on SQLite both come from one snapshot; on PostgreSQL the number may come from a change
    committed in between, so it is kept under the version just before it, where it can only be newer
    than it should be, and only until that change is seen (never older). A transaction that has
    itself made a public change (not yet committed, perhaps rolled back) keeps nothing. When Redis
    does not answer, the number is worked out each time."""
    if db.session.info.get(MOVED_TO) is not None:
        return work_out()
    cache = shared_cache()
    full_key = f"kept:{current_value(COUNTER)}:{key}"
    try:
        held = cache.get(full_key)
    except redis.RedisError:  # Redis away: work it out, as without Redis
        return work_out()
    if held is not None:
        return int(held)
    number = work_out()
    try:
        cache.set(full_key, str(number).encode(), VERSION_KEPT_SECONDS)
    except redis.RedisError:
        pass
    return number


def _watch() -> VersionWatch | None:
    found = current_app.extensions.get(EXTENSION)
    return found if isinstance(found, VersionWatch) else None


def _publish(watch: VersionWatch, version: int) -> None:
    try:
        watch.publish(version)
    except redis.RedisError:  # readers fall back to the database
        current_app.logger.warning("Could not publish the register's version to Redis", exc_info=True)


def _bump(session: Session) -> None:
    """Move the version on, in the transaction that is writing the change (so a reader on the same
    connection sees both, and everyone else both at commit). Through the connection, not the session,
    so nothing flushes or recurses.

    The change feed's counter is held first (``sequences``: the one lock order), so that every public
    writer takes the two in the same order as the lifecycle's recorder and the audit checkpoint do."""
    connection = session.connection()
    hold(FEED, connection)
    session.info[MOVED_TO] = next_value(COUNTER, connection)


def _public(tables: Iterable[str | None]) -> bool:
    return any(table is not None and table not in UNSEEN_TABLES for table in tables)


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    written = (*session.new, *session.dirty, *session.deleted)
    if _public(getattr(instance, "__tablename__", None) for instance in written):
        _bump(session)


def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if _public([getattr(table, "name", None)]):
            _bump(state.session)


def _after_commit(session: Session) -> None:
    """Tell every process the new version at once, now that it is committed."""
    if session.in_nested_transaction():
        return  # a savepoint released: the transaction goes on
    version = session.info.pop(MOVED_TO, None)
    watch = _watch() if isinstance(version, int) and version != UNKNOWN and has_app_context() else None
    if watch is not None:
        _publish(watch, version)


def _forget(session: Session, *args: object) -> None:
    """A rollback. A savepoint rolled back may have undone the move, or only a later one, so the
    version the transaction will commit is not known here: the transaction still counts as having made
    a public change (``kept_number`` keeps nothing), its next flush notes a fresh number, and if none
    comes the commit is not announced (every process reads it within ``VERSION_SECONDS``)."""
    if session.in_nested_transaction():
        if MOVED_TO in session.info:
            session.info[MOVED_TO] = UNKNOWN
        return
    session.info.pop(MOVED_TO, None)


def init_app(app: Flask) -> None:
    client = app.extensions["registry.shared_state"].client
    if client is not None:
        app.extensions[EXTENSION] = VersionWatch(client)
    # The listeners are on the Session class: once per process, for every app.
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _on_execute)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _forget)
