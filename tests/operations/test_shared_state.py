"""What several processes share through Redis: cached entries, and the register's version, which only
ever moves upwards there however the processes' writes and reads interleave."""

from __future__ import annotations

import pytest
import redis

from registry.register_version import KEY, VERSION_SECONDS, VersionWatch
from registry.shared_state import SharedCache
from tests.fixtures.servers import redis_server, wait_until

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


def test_the_version_only_moves_upwards_and_every_process_hears_of_a_change() -> None:
    with redis_server() as url:
        writer, reader = VersionWatch(redis.Redis.from_url(url)), VersionWatch(redis.Redis.from_url(url))
        assert reader.known() is None  # Redis holds none yet: the database is asked
        writer.publish(12)
        writer.publish(11)  # a reader that read the database just before a commit
        assert writer.client.get(KEY) == b"12" and reader.known() == 12
        assert 0 < writer.client.ttl(KEY) <= VERSION_SECONDS
        assert reader.subscribed.wait(5)
        writer.publish(13)  # another host commits a change: the reader hears it without asking
        wait_until(lambda: reader.value == 13, 5, "the published version")
        assert reader.known() == 13
