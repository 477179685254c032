"""The statistics of ``/statistics``: one snapshot of the register at a time, shared by every choice.

Each figure is an aggregate over the whole register (a year of log entries, every accreditation),
which takes seconds at 100,000 mediators: too slow to repeat for every visitor. So the figures are
kept, but as one ``Snapshot`` — never one copy per figure or per choice worked out at different
moments, which let England's page and a region's disagree for minutes. A snapshot holds the outcome
returns summed per LA and year, read once (``returns.take_snapshot``), and each choice's sections as
they are first asked for, all worked out from those same returns: England's row is the sum of its
regions' rows, and each region's page adds up to England's row for it.

A snapshot is for one register version and one state of the returns: its key is the register's
version (every write to a public table moves it on) and the newest return revision's id (every
return sent, by form, CSV or correction, adds a revision: the returns' own events). A return sent
anywhere therefore makes the next request take a new snapshot, in every process. Nothing is
cleared inside a transaction, so no request can keep figures from before a commit under the key of
after it. ``STATISTICS_CACHE_SECONDS`` (default 300) bounds a snapshot's age (the CPD and concern
figures also change with the date); 0 turns keeping off. Within one request the snapshot is held in
the request's environ, so a page and everything it shows come from one snapshot. Under TESTING nothing is kept
between requests, so tests always see fresh figures.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal

from flask import current_app, request

from registry.domain.oversight.statistics import Section, StatisticsFilter, all_figures
from registry.domain.oversight.statistics.returns import (
    ReturnsSnapshot,
    cost_per_case_from,
    newest_revision_id,
    take_snapshot,
)
from registry.register_version import current_version

IN_REQUEST = "registry.statistics.snapshot"  # this request's snapshot, in its WSGI environ
_now = time.monotonic  # the clock; tests replace it
_lock = threading.Lock()
_kept: Snapshot | None = None


@dataclass
class Snapshot:
    key: tuple[int, int]  # (register version, newest return revision id)
    taken_at: float
    returns: ReturnsSnapshot
    sections: dict[tuple[object, ...], list[Section]] = field(default_factory=dict)

    def sections_for(self, chosen: StatisticsFilter, cost: Decimal) -> list[Section]:
        choice = (chosen.year, chosen.region.code if chosen.region else "", chosen.today, cost)
        if choice not in self.sections:
            self.sections[choice] = all_figures(chosen, cost, self.returns)
        return self.sections[choice]


def cost_per_case() -> Decimal:
    """``COST_AVOIDED_PER_CASE`` as an exact Decimal (empty: the 2017 review's average)."""
    return cost_per_case_from(current_app.config.get("COST_AVOIDED_PER_CASE"))


def _key() -> tuple[int, int]:
    return current_version(), newest_revision_id()


def _take(key: tuple[int, int]) -> Snapshot:
    return Snapshot(key, _now(), take_snapshot())


def snapshot() -> Snapshot:
    """This request's snapshot: the kept one while it is current and young enough, else a new one."""
    held: Snapshot | None = request.environ.get(IN_REQUEST)
    if held is not None:
        return held
    global _kept
    seconds = float(current_app.config.get("STATISTICS_CACHE_SECONDS", 300))
    key = _key()  # read before the figures: a change committed meanwhile moves the key on for the next request
    if current_app.testing or seconds <= 0:
        chosen = _take(key)
    else:
        with _lock:
            kept = _kept
            if kept is None or kept.key != key or _now() - kept.taken_at >= seconds:
                kept = _kept = _take(key)
        chosen = kept
    request.environ[IN_REQUEST] = chosen
    return chosen


def sections_for(chosen: StatisticsFilter) -> list[Section]:
    snap = snapshot()
    with _lock:
        return snap.sections_for(chosen, cost_per_case())
