"""Every statistic on ``/statistics``, in page order, and one by its CSV name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from registry.domain.errors import NotFound
from registry.domain.oversight.statistics import concerns, cpd, register, returns
from registry.domain.oversight.statistics.figures import Figure
from registry.domain.oversight.statistics.filters import StatisticsFilter, choose_filter
from registry.models import LocalAuthority


@dataclass(frozen=True)
class Section:
    heading: str
    figures: list[Figure]


def all_figures(
    chosen: StatisticsFilter, cost_per_case: Decimal, snapshot: returns.ReturnsSnapshot | None = None
) -> list[Section]:
    """Every figure for the choice; the returns figures all from ``snapshot`` (taken now when not given)."""
    totals = returns.area_totals(chosen, snapshot)
    return [
        Section("Accredited mediators", [register.by_region(chosen), register.by_local_authority(chosen)]),
        Section("Continuing professional development", [cpd.compliance(chosen), cpd.audit_outcomes(chosen)]),
        Section("Concerns", concerns.figures(chosen)),
        Section(
            "Mediation outcomes from providers’ returns",
            [
                returns.take_up(chosen, totals),
                returns.certificates(chosen, totals),
                returns.agreements(chosen, totals),
                returns.health_social_care(chosen, totals),
                returns.later_appeals(chosen, totals),
                returns.costs_avoided(chosen, totals, cost_per_case),
            ],
        ),
    ]


def find_figure(sections: list[Section], slug: str) -> Figure:
    for section in sections:
        for figure in section.figures:
            if figure.slug == slug:
                return figure
    raise NotFound(f"There is no statistic called {slug}")


def figure_by_slug(slug: str, chosen: StatisticsFilter, cost_per_case: Decimal) -> Figure:
    return find_figure(all_figures(chosen, cost_per_case), slug)


@dataclass(frozen=True)
class LocalFigures:
    """The outcome figures of one LA beside its region's, for the period ``chosen``."""

    chosen: StatisticsFilter
    returns: int  # how many of the LA's returns they come from (0: no data)
    figures: list[Figure]


def local_authority_figures(la: LocalAuthority, cost_per_case: Decimal) -> LocalFigures:
    """The outcome figures ``/statistics`` publishes for the LA (its row when its region is chosen, for the
    latest year with any return) and its region's whole, with the same rules and the same words."""
    chosen = choose_filter(None, la.region_code)
    totals = [t for t in returns.area_totals(chosen) if t.label in (la.name, f"{chosen.area_label} (all)")]
    figures = [
        returns.take_up(chosen, totals),
        returns.certificates(chosen, totals),
        returns.agreements(chosen, totals),
        returns.health_social_care(chosen, totals),
        returns.later_appeals(chosen, totals),
        returns.costs_avoided(chosen, totals, cost_per_case),
    ]
    where = f"({chosen.area_label}, {chosen.period_label})"
    titled = [
        replace(f, title=f.title.replace(where, f"({la.name} and {chosen.area_label}, {chosen.period_label})"))
        for f in figures
    ]
    return LocalFigures(chosen, totals[0].returns if totals else 0, titled)
