"""State that every process and host must share: Redis when ``REDIS_URL`` is set.

Several gunicorn workers, or several hosts behind a load balancer, each have their own memory, so
anything that must hold across them lives in Redis: the API's rate limits (Flask-Limiter's storage,
``RATELIMIT_STORAGE_URI``, which defaults to ``REDIS_URL``) and the shared cache below. Without
``REDIS_URL`` (the demo, one process) the cache is this process's memory, and ``make serve``
refuses to start more than one worker with in-memory rate limits (``registry.serving``).

``SharedCache`` holds bytes under a key for a number of seconds; callers put the version of what
they cached into the key (``registry.representations`` uses the register's change counter), so
nothing is ever served stale after a change, whichever process made it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

import redis
from flask import Flask, current_app

EXTENSION = "registry.shared_state"
KEY_PREFIX = "smr:"


class SharedCache:
    """Bytes by key with a time to live: in Redis, or in this process (least recently used first out)."""

    def __init__(self, client: redis.Redis | None, max_entries: int = 2048) -> None:
        self.client = client
        self._local: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_entries

    def get(self, key: str) -> bytes | None:
        if self.client is not None:
            value = self.client.get(KEY_PREFIX + key)
            return value if isinstance(value, bytes) else None
        with self._lock:
            hit = self._local.get(key)
            if hit is None or hit[0] < time.monotonic():
                return None
            self._local.move_to_end(key)
            return hit[1]

    def set(self, key: str, value: bytes, seconds: int) -> None:
        if self.client is not None:
            self.client.set(KEY_PREFIX + key, value, ex=seconds)
            return
        with self._lock:
            self._local[key] = (time.monotonic() + seconds, value)
            self._local.move_to_end(key)
            while len(self._local) > self._max:
                self._local.popitem(last=False)

    def clear(self) -> None:
        """Forget everything this process cached (Redis entries expire on their own)."""
        with self._lock:
            self._local.clear()


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
