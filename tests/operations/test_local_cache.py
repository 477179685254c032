"""What one process keeps of the shared cache in its own memory is bounded in bytes, not in entries:
many large answers (pages, API lists) would otherwise grow a worker by hundreds of megabytes."""

from __future__ import annotations

from registry.shared_state import SharedCache


def test_the_least_recently_used_entries_go_once_the_bytes_are_spent() -> None:
    cache = SharedCache(None, max_bytes=8_000)
    for name in "abcdefgh":
        cache.set(name, name.encode() * 1_000, 60)
    assert cache.kept_bytes == 8_000
    cache.get("a")  # used again: kept ahead of b
    cache.set("i", b"i" * 1_000, 60)
    assert cache.get("b") is None and cache.get("a") == b"a" * 1_000
    assert cache.kept_bytes <= 8_000
    cache.set("a", b"A" * 500, 60)  # a new value for a key counts once
    assert cache.get("a") == b"A" * 500 and cache.kept_bytes == 7_500


def test_an_entry_over_an_eighth_of_the_bound_is_not_kept_in_memory() -> None:
    cache = SharedCache(None, max_bytes=8_000)
    cache.set("small", b"s" * 1_000, 60)
    cache.set("large", b"l" * 1_001, 60)
    assert cache.get("small") == b"s" * 1_000 and cache.get("large") is None
    assert cache.kept_bytes == 1_000
    cache.clear()
    assert cache.kept_bytes == 0 and cache.get("small") is None
