"""What several processes share through Redis: cached entries, and the register's version, which only
ever moves upwards there however the processes' writes and reads interleave."""

from __future__ import annotations

import pytest
import redis

from registry import representations
from registry.shared_state import KEY_PREFIX, SharedCache
from tests.fixtures.servers import redis_server

pytestmark = [pytest.mark.servers]


def test_two_processes_share_entries_and_each_keeps_its_own_copy() -> None:
    with redis_server() as url:
        one, other = SharedCache(redis.Redis.from_url(url)), SharedCache(redis.Redis.from_url(url))
        one.set("repr:7:answer", b"the answer", 60)
        assert other.get("repr:7:answer") == b"the answer"  # from Redis
        one.client.flushall()  # type: ignore[union-attr]
        assert other.get("repr:7:answer") == b"the answer"  # its own copy: an entry never changes
        other.clear()
        assert other.get("repr:7:answer") is None
        assert SharedCache(None).get("repr:7:answer") is None


def test_the_version_in_redis_only_moves_upwards(app, monkeypatch: pytest.MonkeyPatch) -> None:
    with redis_server() as url:
        client = redis.Redis.from_url(url)
        monkeypatch.setattr(representations, "redis_client", lambda: client)
        with app.app_context():
            representations._publish(12)
            representations._publish(11)  # a reader that read the database just before a commit
            assert client.get(KEY_PREFIX + representations.COUNTER) == b"12"
            assert representations.current_version() == 12  # Redis vouches for it
            representations._publish(13)
            assert representations.current_version() == 13
            assert 0 < client.ttl(KEY_PREFIX + representations.COUNTER) <= representations.VERSION_SECONDS
