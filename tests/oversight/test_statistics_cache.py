"""The statistics are worked out once per choice for a few minutes, not for every visitor."""

from __future__ import annotations

import pytest

from registry.domain.oversight.statistics import choose_filter
from registry.web.published import cache


@pytest.fixture
def caching(app, monkeypatch):
    monkeypatch.setattr(app, "testing", False)
    monkeypatch.setitem(app.config, "STATISTICS_CACHE_SECONDS", 300)
    monkeypatch.setattr(cache, "_cache", {})
    return app


def test_the_same_choice_is_served_from_the_cache_until_it_expires(caching, frozen_clock, monkeypatch) -> None:
    calls = []
    seconds = [1_000.0]
    monkeypatch.setattr(cache, "_now", lambda: seconds[0])
    monkeypatch.setattr(cache, "all_figures", lambda chosen, cost: calls.append(chosen) or [])
    with caching.test_request_context("/statistics"):
        chosen = choose_filter("2026", "")
        cache.sections_for(chosen)
        cache.sections_for(chosen)
        assert len(calls) == 1
        cache.sections_for(choose_filter("2026", "E12000003"))
        assert len(calls) == 2
        seconds[0] += 299
        cache.sections_for(chosen)  # still fresh
        assert len(calls) == 2
        seconds[0] += 2
        cache.sections_for(chosen)  # 301 seconds after it was worked out
        assert len(calls) == 3


def test_tests_always_see_fresh_figures(app, frozen_clock, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(cache, "all_figures", lambda chosen, cost: calls.append(chosen) or [])
    with app.test_request_context("/statistics"):
        chosen = choose_filter("2026", "")
        cache.sections_for(chosen)
        cache.sections_for(chosen)
    assert len(calls) == 2
