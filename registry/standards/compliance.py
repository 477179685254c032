"""The compliance rule engine: does a mediator's log meet a CPD scheme over one period?

Pure: it takes a ``CpdScheme`` and plain ``LogLine`` values and touches no database. The rules:

- the period includes both its first and its last day; entries outside it do not count;
- entries the accrediting body rejected do not count; declared and verified entries do;
- each (kind, category) total is cut to its cap, if the scheme sets one, before it is added to the
  kind's total (5 hours of capped reading at a 3-hour cap add 3 hours to CPD);
- an entry whose category the scheme does not list still counts towards its kind's total;
  an entry whose kind the scheme does not list counts towards nothing.

Every number comes from the scheme; none is written here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from registry.standards.model import CpdScheme, by_code

REVIEW_STATUSES = ("declared", "verified", "rejected")
ZERO = Decimal(0)


@dataclass(frozen=True)
class LogLine:
    """The parts of one log entry the engine needs."""

    kind: str
    category: str
    occurred_on: date
    hours: Decimal
    review_status: str = "declared"

    def __post_init__(self) -> None:
        if self.review_status not in REVIEW_STATUSES:
            raise ValueError(f"review_status must be one of {REVIEW_STATUSES}, not {self.review_status!r}")
        if not isinstance(self.hours, Decimal) or not self.hours.is_finite() or self.hours < 0:
            raise ValueError(f"hours must be a Decimal of zero or more, not {self.hours!r}")


@dataclass(frozen=True)
class RequirementResult:
    """One requirement's outcome. ``logged`` is before caps, ``counted`` after; ``remaining`` is never negative."""

    code: str
    label: str
    kind: str
    category: str | None
    required: Decimal
    logged: Decimal
    counted: Decimal
    remaining: Decimal
    met: bool


@dataclass(frozen=True)
class ComplianceResult:
    scheme_version: str
    period_start: date
    period_end: date
    requirements: tuple[RequirementResult, ...]

    @property
    def compliant(self) -> bool:
        """True when every requirement is met."""
        return all(result.met for result in self.requirements)

    def requirement(self, code: str) -> RequirementResult | None:
        return by_code(self.requirements, code)


def assess_compliance(
    scheme: CpdScheme, period_start: date, period_end: date, entries: Iterable[LogLine]
) -> ComplianceResult:
    """Measure ``entries`` against every requirement of ``scheme`` for the period (both ends included)."""
    if period_end < period_start:
        raise ValueError(f"the period ends ({period_end}) before it starts ({period_start})")
    logged: defaultdict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for entry in entries:
        if entry.review_status != "rejected" and period_start <= entry.occurred_on <= period_end:
            logged[(entry.kind, entry.category)] += entry.hours

    counted = {key: _capped(scheme, key, hours) for key, hours in logged.items()}
    results = []
    for requirement in scheme.requirements:
        if requirement.category is None:
            keys = [key for key in logged if key[0] == requirement.kind]
        else:
            keys = [(requirement.kind, requirement.category)]
        logged_hours = sum((logged.get(key, ZERO) for key in keys), ZERO)
        counted_hours = sum((counted.get(key, ZERO) for key in keys), ZERO)
        results.append(
            RequirementResult(
                code=requirement.code,
                label=requirement.label,
                kind=requirement.kind,
                category=requirement.category,
                required=requirement.minimum_hours,
                logged=logged_hours,
                counted=counted_hours,
                remaining=max(requirement.minimum_hours - counted_hours, ZERO),
                met=counted_hours >= requirement.minimum_hours,
            )
        )
    return ComplianceResult(scheme.version, period_start, period_end, tuple(results))


def _capped(scheme: CpdScheme, key: tuple[str, str], hours: Decimal) -> Decimal:
    cap = scheme.cap_for(*key)
    return hours if cap is None else min(hours, cap)
