"""Anonymised concern statistics for a year: how many were received, how they ended, how long it took.

No names, bodies or descriptions: counts only. "Received" counts concerns received in the
year; the outcomes count concerns finished in the year (an outcome recorded, or triaged as not
within scope), whenever they were received; "still open" counts concerns received by the end of
the period that were not finished by then.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, func, or_, select

from registry.domain.oversight.statistics.figures import Figure
from registry.domain.oversight.statistics.filters import StatisticsFilter
from registry.extensions import db
from registry.models import Concern, ConcernHandling

OUTCOME_WORDS = {
    "no_further_action": "No further action",
    "advice": "Advice to the mediator",
    "conditions": "Conditions on accreditation",
    "suspension": "Accreditation suspended",
    "withdrawal": "Accreditation withdrawn",
    None: "Not within scope",
}


Bounds = tuple[datetime, datetime] | None  # StatisticsFilter.moments(): the year, or every year


def _finished_in(bounds: Bounds) -> list[ColumnElement[bool]]:
    query: list[ColumnElement[bool]] = [ConcernHandling.decided_at.is_not(None)]
    if bounds is not None:
        query += [ConcernHandling.decided_at >= bounds[0], ConcernHandling.decided_at < bounds[1]]
    return query


def _received(bounds: Bounds) -> int:
    query = select(func.count()).select_from(Concern)
    if bounds is not None:
        query = query.where(Concern.received_at >= bounds[0], Concern.received_at < bounds[1])
    return db.session.scalar(query) or 0


def _still_open(bounds: Bounds) -> int:
    query = (
        select(func.count()).select_from(Concern).outerjoin(ConcernHandling, ConcernHandling.concern_id == Concern.id)
    )
    if bounds is None:
        query = query.where(ConcernHandling.decided_at.is_(None))
    else:
        end = bounds[1]
        query = query.where(
            Concern.received_at < end, or_(ConcernHandling.decided_at.is_(None), ConcernHandling.decided_at >= end)
        )
    return db.session.scalar(query) or 0


def figures(chosen: StatisticsFilter) -> list[Figure]:
    bounds = chosen.moments()
    finished = _finished_in(bounds)
    by_outcome = {
        outcome: (count, average)
        for outcome, count, average in db.session.execute(
            select(ConcernHandling.outcome, func.count(), func.avg(ConcernHandling.days_to_outcome))
            .where(*finished)
            .group_by(ConcernHandling.outcome)
        )
    }
    outcomes = [
        (words, by_outcome.get(code, (0, None))[0], _days(by_outcome.get(code, (0, None))[1]))
        for code, words in OUTCOME_WORDS.items()
    ]
    average = db.session.scalar(select(func.avg(ConcernHandling.days_to_outcome)).where(*finished))
    total = sum(count for count, _ in by_outcome.values())
    summary = [
        ("Received", _received(bounds)),
        ("Finished", total),
        ("Still open at the end of the period", _still_open(bounds)),
    ]
    where = f"{chosen.period_label}, England as a whole"
    return [
        Figure(
            slug="concerns-received",
            title=f"Concerns received and finished ({where})",
            columns=("Concerns", "Number"),
            rows=summary,
            chart_column=1,
            definition="Concerns about mediators raised with the register. Received: those that came in during "
            "the period. Finished: those whose handling ended in it, with an outcome or found not within scope. "
            "Still open: those received by the end of the period and not yet finished.",
        ),
        Figure(
            slug="concern-outcomes",
            title=f"How concerns ended ({where})",
            columns=("Outcome", "Concerns", "Average days from receipt to outcome"),
            rows=[*outcomes, ("All finished concerns", total, _days(average))],
            chart_column=1,
            notes=("Concerns are counted in the year they were finished. No names or details are published.",),
            definition="Each concern finished in the period, by how it ended. The average is the number of days "
            "from receiving the concern to its outcome.",
        ),
    ]


def _days(average: object) -> Decimal | None:
    if average is None:
        return None
    return Decimal(str(average)).quantize(Decimal("0.1"))
