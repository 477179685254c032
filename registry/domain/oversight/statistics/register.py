"""Accredited mediators by region and by local authority, on the last day of the period.

"Accredited on day D" follows the register's history, not today's cache: for each accreditation,
its latest event taking effect on or before D (highest sequence) has status ``accredited`` and a
``valid_until`` of D or later. A mediator is counted once per LA they serve (their areas) and
once per region if they serve any LA in it, so the LA and region counts do not add up to the
national total, which counts each mediator once.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, func, or_, select

from registry.domain import clock
from registry.domain.clock import long_date
from registry.domain.oversight.statistics.figures import Figure, Value
from registry.domain.oversight.statistics.filters import StatisticsFilter
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, LocalAuthority
from registry.models.mediators import mediator_areas


def accredited_on(day: date) -> Select[int]:
    """SELECT of the ids of the mediators accredited on ``day`` (each once).

    For today the cached status answers (an index range on status and ``valid_until``): it is
    always that of the latest event, and events never take effect in the future. An earlier
    day replays the events.
    """
    if day >= clock.today():
        return (
            select(Accreditation.mediator_id)
            .where(
                Accreditation.status == "accredited",
                or_(Accreditation.valid_until.is_(None), Accreditation.valid_until >= day),
            )
            .distinct()
        )
    latest = (
        select(AccreditationEvent.accreditation_id, func.max(AccreditationEvent.sequence).label("sequence"))
        .where(AccreditationEvent.effective_on <= day)
        .group_by(AccreditationEvent.accreditation_id)
        .subquery()
    )
    return (
        select(Accreditation.mediator_id)
        .join(latest, latest.c.accreditation_id == Accreditation.id)
        .join(AccreditationEvent, AccreditationEvent.sequence == latest.c.sequence)
        .where(
            AccreditationEvent.to_status == "accredited",
            or_(AccreditationEvent.valid_until.is_(None), AccreditationEvent.valid_until >= day),
        )
        .distinct()
    )


def count_accredited(day: date) -> int:
    return db.session.scalar(select(func.count()).select_from(accredited_on(day).subquery())) or 0


def by_region(chosen: StatisticsFilter) -> Figure:
    accredited = accredited_on(chosen.as_at).subquery()
    serving = (
        select(LocalAuthority.region_code, func.count(func.distinct(mediator_areas.c.mediator_id)).label("mediators"))
        .join(mediator_areas, mediator_areas.c.local_authority_id == LocalAuthority.id)
        .where(mediator_areas.c.mediator_id.in_(select(accredited.c.mediator_id)))
        .group_by(LocalAuthority.region_code)
    )
    counts = {code: count for code, count in db.session.execute(serving)}
    names = db.session.execute(
        select(LocalAuthority.region_code, LocalAuthority.region_name).distinct().order_by(LocalAuthority.region_name)
    ).all()
    rows: list[tuple[Value, ...]] = [(name, counts.get(code, 0)) for code, name in names]
    rows.append(("England (each mediator once)", count_accredited(chosen.as_at)))
    return Figure(
        slug="mediators-by-region",
        title=f"Accredited mediators serving each region on {long_date(chosen.as_at)}",
        columns=("Region", "Accredited mediators"),
        rows=rows,
        chart_column=1,
        notes=("A mediator who serves local authorities in more than one region is counted in each.",),
        definition="Mediators whose accreditation was current (accredited, with or without conditions) on the "
        "day, by the regions of the local authorities they serve.",
    )


def by_local_authority(chosen: StatisticsFilter) -> Figure:
    """Every LA (in the chosen region), including those no accredited mediator serves."""
    accredited = accredited_on(chosen.as_at).subquery()
    counted = (
        select(mediator_areas.c.local_authority_id, func.count().label("mediators"))
        .where(mediator_areas.c.mediator_id.in_(select(accredited.c.mediator_id)))
        .group_by(mediator_areas.c.local_authority_id)
        .subquery()
    )
    query = (
        select(
            LocalAuthority.name,
            LocalAuthority.gss_code,
            LocalAuthority.region_name,
            func.coalesce(counted.c.mediators, 0),
        )
        .outerjoin(counted, counted.c.local_authority_id == LocalAuthority.id)
        .order_by(LocalAuthority.name)
    )
    if chosen.region is not None:
        query = query.where(LocalAuthority.region_code == chosen.region.code)
    rows = [tuple(row) for row in db.session.execute(query)]
    return Figure(
        slug="mediators-by-local-authority",
        title=f"Accredited mediators serving each local authority on {long_date(chosen.as_at)}",
        columns=("Local authority", "GSS code", "Region", "Accredited mediators"),
        rows=rows,
        notes=("Local authorities that no accredited mediator serves are shown with 0.",),
        definition="Mediators whose accreditation was current (accredited, with or without conditions) on the "
        "day who serve each local authority.",
    )
