"""State that every process and host must share: Redis when ``REDIS_URL`` is set.

Several gunicorn workers, or several hosts behind a load balancer, each have their own memory, so
anything that must hold across them lives in Redis: the API's rate limits (Flask-Limiter's storage,
``RATELIMIT_STORAGE_URI``, which defaults to ``REDIS_URL``) and the shared cache below. Without
``REDIS_URL`` (the demo, one process) the cache is this process's memory, and ``make serve``
refuses to start more than one worker with in-memory rate limits (``registry.serving``).

``SharedCache`` holds bytes under a key for a number of seconds; callers put the version of what
they cached into the key (``registry.representations`` uses the register's change counter), so
nothing is ever served stale after a change, whichever process made it. Each process keeps the
entries it uses most in its own memory in front of Redis.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

import redis
from flask import Flask, current_app

EXTENSION = "registry.shared_state"
KEY_PREFIX = "smr:"
LOCAL_SECONDS = 300  # how long this process keeps its own copy of an entry it also has in Redis
# The most this process keeps in its own memory, counted in bytes: a count of entries alone let a
# worker keep 4,096 whole pages and API answers, 200 MB and more once traffic was spread over many
# addresses. An entry over an eighth of it is kept in Redis only (without Redis: not kept at all).
LOCAL_BYTES = 32 * 1024 * 1024


class SharedCache:
    """Bytes by key with a time to live, in Redis when there is one, and in this process in front of it.

    Callers put the version of what they cache into its key, so an entry never changes once made:
    this process keeps the most recently used ones (up to ``max_bytes`` of them) in memory and asks
    Redis only for the others, and nothing it holds can be out of date."""

    def __init__(self, client: redis.Redis | None, max_bytes: int = LOCAL_BYTES) -> None:
        self.client = client
        self._local: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self._max_bytes = max_bytes
        self._bytes = 0  # the sizes of the values in _local

    def get(self, key: str) -> bytes | None:
        with self._lock:
            hit = self._local.get(key)
            if hit is not None and hit[0] >= time.monotonic():
                self._local.move_to_end(key)
                return hit[1]
        if self.client is None:
            return None
        value = self.client.get(KEY_PREFIX + key)
        if not isinstance(value, bytes):
            return None
        self._keep(key, value, LOCAL_SECONDS)
        return value

    def set(self, key: str, value: bytes, seconds: int) -> None:
        if self.client is not None:
            self.client.set(KEY_PREFIX + key, value, ex=seconds)
        self._keep(key, value, min(seconds, LOCAL_SECONDS) if self.client is not None else seconds)

    def _keep(self, key: str, value: bytes, seconds: float) -> None:
        if len(value) > self._max_bytes // 8:
            return
        with self._lock:
            replaced = self._local.pop(key, None)
            if replaced is not None:
                self._bytes -= len(replaced[1])
            self._local[key] = (time.monotonic() + seconds, value)
            self._bytes += len(value)
            while self._bytes > self._max_bytes:
                _, (_, dropped) = self._local.popitem(last=False)
                self._bytes -= len(dropped)

    @property
    def kept_bytes(self) -> int:
        """The bytes of the values this process holds in its own memory."""
        return self._bytes

    def clear(self) -> None:
        """Forget everything this process cached (Redis entries expire on their own)."""
        with self._lock:
            self._local.clear()
            self._bytes = 0


def redis_client() -> redis.Redis | None:
    """The app's Redis connection pool, or None without ``REDIS_URL``."""
    return shared_cache().client


def shared_cache() -> SharedCache:
    cache = current_app.extensions[EXTENSION]
    assert isinstance(cache, SharedCache)
    return cache


def init_app(app: Flask) -> None:
    url = app.config.get("REDIS_URL") or ""
    # A Redis that stops answering costs each request at most these timeouts, never a hang.
    client = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0) if url else None
    app.extensions[EXTENSION] = SharedCache(client)
