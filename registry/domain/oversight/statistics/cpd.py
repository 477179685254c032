"""CPD compliance across the register, and the outcomes of CPD audits.

Compliance here is a sector indicator: of the mediators accredited on the period's last day D,
how many have a log meeting every requirement of the current CPD scheme over the 12 months
ending on D (not each mediator's own accreditation period, which their body checks at renewal).
It applies the rule engine's rules (``registry.standards.compliance``) in one aggregate query:
rejected entries do not count, each (kind, category) total is cut to its cap, and a kind's
total includes categories the scheme does not list.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select

from registry.domain import standards
from registry.domain.clock import long_date
from registry.domain.oversight.audit_sampling import period_ending
from registry.domain.oversight.statistics.figures import Figure, Value, percentage
from registry.domain.oversight.statistics.filters import StatisticsFilter
from registry.domain.oversight.statistics.register import accredited_on, count_accredited
from registry.extensions import db
from registry.models import AuditSample, AuditSampleMember, LogEntry
from registry.standards import Cap, CpdScheme

AUDIT_WORDS = {
    "satisfactory": "Satisfactory",
    "further_information": "Further information asked for",
    "unsatisfactory": "Unsatisfactory",
    None: "Awaiting an outcome",
}


def _quarters(hours: Decimal) -> float:
    return float(hours * 4)


def _excess(total: ColumnElement[int], cap: Cap) -> ColumnElement[float]:
    """Quarter hours of a capped (kind, category) beyond its cap: they do not count."""
    limit = _quarters(cap.maximum_hours)
    return case((total > limit, total - limit), else_=0)


def requirement_counts(scheme: CpdScheme, chosen: StatisticsFilter) -> tuple[int, list[int]]:
    """(mediators meeting every requirement, mediators meeting each requirement in scheme order).

    One pass over the period's entries, grouped by mediator: a sum per requirement and per cap;
    a requirement's hours are its sum less the excess of each cap inside it (a cap applies to the
    whole (kind, category) total, exactly as the rule engine cuts it).
    """
    if not scheme.requirements:
        return 0, []
    start, end = period_ending(chosen.as_at)
    hours = LogEntry.quarter_hours

    def within(kind: str, category: str | None) -> ColumnElement[bool]:
        return LogEntry.kind == kind if category is None else and_(LogEntry.kind == kind, LogEntry.category == category)

    sums = [
        func.sum(case((within(r.kind, r.category), hours), else_=0)).label(f"r{i}")
        for i, r in enumerate(scheme.requirements)
    ]
    capped = [
        func.sum(case((within(c.kind, c.category), hours), else_=0)).label(f"c{i}") for i, c in enumerate(scheme.caps)
    ]
    per_mediator = (
        select(LogEntry.mediator_id, *sums, *capped)
        .where(
            LogEntry.mediator_id.in_(accredited_on(chosen.as_at)),
            LogEntry.occurred_on.between(start, end),
            LogEntry.review_status != "rejected",
        )
        .group_by(LogEntry.mediator_id)
        .subquery()
    )
    met = []
    for i, requirement in enumerate(scheme.requirements):
        counted: ColumnElement[Any] = per_mediator.c[f"r{i}"]
        for j, cap in enumerate(scheme.caps):
            if cap.kind == requirement.kind and requirement.category in (None, cap.category):
                counted = counted - _excess(per_mediator.c[f"c{j}"], cap)
        met.append(counted >= _quarters(requirement.minimum_hours))
    row = db.session.execute(
        select(
            func.coalesce(func.sum(case((and_(*met), 1), else_=0)), 0),
            *[func.coalesce(func.sum(case((condition, 1), else_=0)), 0) for condition in met],
        ).select_from(per_mediator)
    ).one()
    return int(row[0]), [int(value) for value in row[1:]]


def compliance(chosen: StatisticsFilter) -> Figure:
    scheme = standards.cpd_scheme()
    accredited = count_accredited(chosen.as_at)
    compliant, per_requirement = requirement_counts(scheme, chosen)
    rows: list[tuple[Value, ...]] = [("Every requirement", compliant, accredited, percentage(compliant, accredited))]
    rows += [
        (requirement.label, met, accredited, percentage(met, accredited))
        for requirement, met in zip(scheme.requirements, per_requirement, strict=True)
    ]
    start, end = period_ending(chosen.as_at)
    return Figure(
        slug="cpd-compliance",
        title="Accredited mediators whose log meets the CPD scheme",
        columns=("Requirement", "Mediators meeting it", "Accredited mediators", "Percentage"),
        rows=rows,
        chart_column=3,
        unit="percent",
        notes=(
            f"Mediators accredited on {long_date(end)}, and their logs from {long_date(start)} to {long_date(end)}, "
            f"measured against CPD scheme {scheme.version}. England as a whole.",
        ),
        definition="For each requirement of the CPD scheme: the percentage of accredited mediators whose log for "
        "the last 12 months meets it. Rejected entries do not count, and the scheme's limits apply.",
    )


def audit_outcomes(chosen: StatisticsFilter) -> Figure:
    query = (
        select(AuditSampleMember.outcome, func.count())
        .join(AuditSample, AuditSample.id == AuditSampleMember.sample_id)
        .group_by(AuditSampleMember.outcome)
    )
    if chosen.year is not None:
        query = query.where(AuditSample.drawn_on.between(date(chosen.year, 1, 1), date(chosen.year, 12, 31)))
    counts = {outcome: count for outcome, count in db.session.execute(query)}
    total = sum(counts.values())
    rows: list[tuple[Value, ...]] = [
        (words, counts.get(code, 0), percentage(counts.get(code, 0), total)) for code, words in AUDIT_WORDS.items()
    ]
    return Figure(
        slug="cpd-audit-outcomes",
        title=f"Outcomes of CPD audits drawn in {chosen.period_label}",
        columns=("Outcome", "Mediators", "Percentage"),
        rows=rows,
        chart_column=1,
        notes=(f"{total} mediators sampled. England as a whole.",),
        definition="Mediators are drawn at random for CPD audits. This shows the outcome the oversight panel "
        "recorded for those drawn in the period, as a percentage of all mediators drawn.",
    )
