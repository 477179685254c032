"""How a mediator's log measures up, period by period, using the pure rule engine.

``registry.standards.assess_compliance`` does the measuring; this module chooses the periods
and the scheme and reads the log entries for them.

Periods: an accreditation's periods run back from ``valid_until`` in steps of the scheme's
``period_months`` (12), never starting before ``valid_from``. The current period is the one that
contains today (so after an early renewal it is still the period being completed), or the
latest one once the accreditation has run out. Someone not yet accredited sees the 12 months
ending today.

Scheme: an accreditation records the mediator-standards version it was judged against but no
CPD scheme version, so the current CPD scheme applies (``scheme_for``); a renewal request keeps
the version it was judged by, and its decision uses the same one.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from registry.domain import clock, standards
from registry.extensions import db
from registry.models import Accreditation, LogEntry, Mediator
from registry.standards import ComplianceResult, CpdScheme, LogLine, RequirementResult, assess_compliance

RUNNING = ("accredited", "suspended")
MAX_PREVIOUS_PERIODS = 10


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class PeriodAssessment:
    period: Period
    result: ComplianceResult
    days_left: int | None  # None once the period has ended

    @property
    def compliant(self) -> bool:
        return self.result.compliant


@dataclass(frozen=True)
class ComplianceOverview:
    accreditation: Accreditation | None
    scheme: CpdScheme
    current: PeriodAssessment
    previous: list[PeriodAssessment]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), moved back to the month's last day if it has fewer."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def scheme_for(accreditation: Accreditation | None) -> CpdScheme:
    """The CPD scheme a period of this accreditation is measured against (see module docstring)."""
    return standards.cpd_scheme()


def current_accreditation(mediator_id: int) -> Accreditation | None:
    """The accreditation whose periods the mediator is working through: a running one, else the latest with dates."""
    candidates = db.session.scalars(
        select(Accreditation)
        .where(Accreditation.mediator_id == mediator_id, Accreditation.valid_until.is_not(None))
        .order_by(Accreditation.valid_until.desc(), Accreditation.id.desc())
    ).all()
    running = [a for a in candidates if a.status in RUNNING]
    return next(iter(running or candidates), None)


def periods_of(accreditation: Accreditation, scheme: CpdScheme, today: date) -> list[Period]:
    """The accreditation's periods that have begun, newest first."""
    periods: list[Period] = []
    end = accreditation.valid_until
    while end is not None and len(periods) <= MAX_PREVIOUS_PERIODS:
        start = add_months(end + timedelta(days=1), -scheme.period_months)
        if accreditation.valid_from is not None:
            if end < accreditation.valid_from:
                break
            start = max(start, accreditation.valid_from)
        if start <= today:
            periods.append(Period(start, end))
        end = start - timedelta(days=1)
    return periods


def current_period(accreditation: Accreditation | None, scheme: CpdScheme, today: date) -> Period:
    if accreditation is not None:
        periods = periods_of(accreditation, scheme, today)
        if periods:
            return next((p for p in periods if p.contains(today)), periods[0])
    return Period(add_months(today + timedelta(days=1), -scheme.period_months), today)


def log_lines(mediator_id: int, period: Period) -> list[LogLine]:
    rows = db.session.execute(
        select(
            LogEntry.kind, LogEntry.category, LogEntry.occurred_on, LogEntry.quarter_hours, LogEntry.review_status
        ).where(LogEntry.mediator_id == mediator_id, LogEntry.occurred_on.between(period.start, period.end))
    ).all()
    return [
        LogLine(kind, category, day, Decimal(quarters) / 4, status) for kind, category, day, quarters, status in rows
    ]


def assess(mediator_id: int, scheme: CpdScheme, period: Period, today: date | None = None) -> PeriodAssessment:
    today = today or clock.today()
    result = assess_compliance(scheme, period.start, period.end, log_lines(mediator_id, period))
    days_left = (period.end - today).days if period.end >= today else None
    return PeriodAssessment(period, result, days_left)


def overview(mediator: Mediator, today: date | None = None) -> ComplianceOverview:
    """The current period's assessment and the previous periods' of the mediator's accreditation."""
    today = today or clock.today()
    accreditation = current_accreditation(mediator.id)
    scheme = scheme_for(accreditation)
    current = current_period(accreditation, scheme, today)
    previous = []
    if accreditation is not None:
        previous = [assess(mediator.id, scheme, p, today) for p in periods_of(accreditation, scheme, today)]
        previous = [a for a in previous if a.period != current]
    return ComplianceOverview(accreditation, scheme, assess(mediator.id, scheme, current, today), previous)


def percent(requirement: RequirementResult) -> int:
    """How far along a requirement is, 0–100, for a progress bar (the numbers are shown beside it)."""
    if requirement.required <= 0:
        return 100
    return int(min(requirement.counted / requirement.required, Decimal(1)) * 100)


def summary(assessment: PeriodAssessment) -> str:
    """One sentence for audit notes and the registrar: the period, the scheme and the verdict."""
    period = f"{clock.long_date(assessment.period.start)} to {clock.long_date(assessment.period.end)}"
    result = assessment.result
    if result.compliant:
        verdict = "every requirement met"
    else:
        unmet = [r.code for r in result.requirements if not r.met]
        verdict = f"not met: {', '.join(unmet)}"
    return f"CPD scheme {result.scheme_version}, {period}: {verdict}."
