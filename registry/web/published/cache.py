"""The statistics, worked out at most once every few minutes per choice of period and region.

Each figure is an aggregate over the whole register (a year of log entries, every accreditation),
which takes seconds at 100,000 mediators: too slow to repeat for every visitor to a public page.
The figures are frozen values, so one copy can serve every request until the register changes (the
register's version is part of the key); ``STATISTICS_CACHE_SECONDS`` (default 300) bounds how long a
copy is kept. The pages themselves are kept once made (``@cached``) and served by
``registry.fast_lane`` to every process and host. The cache is off under TESTING, so tests always
see fresh figures.
"""

from __future__ import annotations

import time

from flask import current_app

from registry.domain.oversight.statistics import Section, StatisticsFilter, all_figures
from registry.register_version import current_version

MAX_ENTRIES = 256
_cache: dict[tuple[object, ...], tuple[float, list[Section]]] = {}
_now = time.monotonic  # the clock; tests replace it


def cost_per_case() -> int:
    return int(current_app.config.get("COST_AVOIDED_PER_CASE", 499))


def sections_for(chosen: StatisticsFilter) -> list[Section]:
    seconds = float(current_app.config.get("STATISTICS_CACHE_SECONDS", 300))
    if current_app.testing or seconds <= 0:
        return all_figures(chosen, cost_per_case())
    # With the register's version in the key, figures are never from before a change, and every
    # figure of one version (England's and a region's) is worked out from the same data.
    key = (current_version(), chosen.year, chosen.region.code if chosen.region else "", chosen.today, cost_per_case())
    now = _now()
    hit = _cache.get(key)
    if hit is not None and now - hit[0] < seconds:
        return hit[1]
    sections = all_figures(chosen, cost_per_case())
    if len(_cache) >= MAX_ENTRIES:
        _cache.clear()
    _cache[key] = (now, sections)
    return sections
