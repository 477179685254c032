"""What the outcome returns show, by region (or by LA within a chosen region), for the period.

Each return counts once, at its latest revision (the OutcomeReturn row). The measures, as the
2017 review of SEND disagreement resolution measured them:

- take-up after advice: mediations held ÷ mediation advice contacts;
- agreement rates: full, partial, and any (full + partial) agreement ÷ mediations whose outcome
  is known (full + partial + none);
- health or social care: mediations with such elements ÷ mediations held;
- later appeals: mediated cases = appeals after mediation ÷ mediations held; cases not mediated
  = appeals without mediation ÷ (advice contacts − mediations held); and the difference between
  the two in percentage points (not mediated minus mediated);
- estimated costs avoided: mediations held × COST_AVOIDED_PER_CASE (default £499, the review's
  average saving per mediated case). Every mediation held counts, whether or not it ended in
  agreement, because the review's figure is an average over all mediated cases.

An area with no returns for the period shows "no data" (None), never 0; so does a rate whose
denominator is 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from registry.domain.oversight.statistics.figures import Figure, Value, percentage, points
from registry.domain.oversight.statistics.filters import StatisticsFilter
from registry.extensions import db
from registry.models import LocalAuthority, OutcomeReturn
from registry.models.oversight import RETURN_FIGURES


@dataclass(frozen=True)
class Totals:
    """Summed figures for one area; ``returns`` is 0 when the area sent none."""

    label: str
    returns: int
    sums: dict[str, int]

    def get(self, name: str) -> int | None:
        return self.sums[name] if self.returns else None

    @property
    def known_outcomes(self) -> int | None:
        if not self.returns:
            return None
        return self.sums["agreements_full"] + self.sums["agreements_partial"] + self.sums["agreements_none"]

    @property
    def not_mediated(self) -> int | None:
        return self.sums["advice_contacts"] - self.sums["mediations_held"] if self.returns else None


_AreaKey = InstrumentedAttribute[str] | InstrumentedAttribute[int]  # a region code, or an LA id


def _summed(group_by: _AreaKey, chosen: StatisticsFilter) -> dict[str | int, tuple[int, dict[str, int]]]:
    query = (
        select(group_by, func.count(OutcomeReturn.id), *[func.sum(getattr(OutcomeReturn, n)) for n in RETURN_FIGURES])
        .join(LocalAuthority, LocalAuthority.id == OutcomeReturn.local_authority_id)
        .group_by(group_by)
    )
    if chosen.year is not None:
        query = query.where(OutcomeReturn.year == chosen.year)
    if chosen.region is not None:
        query = query.where(LocalAuthority.region_code == chosen.region.code)
    return {
        row[0]: (int(row[1]), dict(zip(RETURN_FIGURES, (int(v or 0) for v in row[2:]), strict=True)))
        for row in db.session.execute(query)
    }


def area_totals(chosen: StatisticsFilter) -> list[Totals]:
    """One Totals per region (or per LA of the chosen region), every area listed, then the whole."""
    empty = dict.fromkeys(RETURN_FIGURES, 0)
    key: _AreaKey
    areas: list[tuple[str | int, str]]
    if chosen.region is None:
        key, label = LocalAuthority.region_code, LocalAuthority.region_name
        areas = [(code, name) for code, name in db.session.execute(select(key, label).distinct().order_by(label))]
    else:
        key, label = LocalAuthority.id, LocalAuthority.name
        areas = [
            (la_id, name)
            for la_id, name in db.session.execute(
                select(key, label).where(LocalAuthority.region_code == chosen.region.code).order_by(label)
            )
        ]
    summed = _summed(key, chosen)
    rows = [Totals(name, *summed.get(code, (0, empty))) for code, name in areas]
    whole = {n: sum(t.sums[n] for t in rows) for n in RETURN_FIGURES}
    rows.append(Totals(f"{chosen.area_label} (all)", sum(t.returns for t in rows), whole))
    return rows


def _figure(
    slug: str,
    title: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[Value, ...]],
    chosen: StatisticsFilter,
    chart_column: int | None = None,
    unit: str = "percent",
    notes: tuple[str, ...] = (),
) -> Figure:
    where = f"{chosen.area_label}, {chosen.period_label}"
    return Figure(
        slug,
        f"{title} ({where})",
        columns,
        rows,
        chart_column,
        unit,
        notes + ("Areas that sent no returns for the period show “no data”.",),
    )


def area_column(chosen: StatisticsFilter) -> str:
    return "Local authority" if chosen.region is not None else "Region"


def _share(
    slug: str, title: str, chosen: StatisticsFilter, totals: list[Totals], of: str, part: str, headings: tuple[str, ...]
) -> Figure:
    """By area: figure ``of``, figure ``part`` and ``part`` as a percentage of ``of``; ``headings`` name the three."""
    rows = [(t.label, t.get(of), t.get(part), percentage(t.get(part), t.get(of))) for t in totals]
    return _figure(slug, title, (area_column(chosen), *headings), rows, chosen, 3)


def take_up(chosen: StatisticsFilter, totals: list[Totals]) -> Figure:
    return _share(
        "mediation-take-up",
        "Mediation take-up after mediation advice",
        chosen,
        totals,
        "advice_contacts",
        "mediations_held",
        ("Advice contacts", "Mediations held", "Take-up (%)"),
    )


def agreements(chosen: StatisticsFilter, totals: list[Totals]) -> Figure:
    rows = []
    for t in totals:
        known = t.known_outcomes
        full, partial = t.get("agreements_full"), t.get("agreements_partial")
        any_agreement = full + partial if full is not None and partial is not None else None
        rows.append(
            (t.label, known, percentage(full, known), percentage(partial, known), percentage(any_agreement, known))
        )
    return _figure(
        "agreement-rates",
        "Agreement rates",
        (
            area_column(chosen),
            "Mediations with a known outcome",
            "Full agreement (%)",
            "Partial agreement (%)",
            "Full or partial agreement (%)",
        ),
        rows,
        chosen,
        4,
        notes=("Rates are of mediations whose outcome was returned (full, partial or no agreement).",),
    )


def health_social_care(chosen: StatisticsFilter, totals: list[Totals]) -> Figure:
    return _share(
        "health-social-care",
        "Mediations with health or social care elements",
        chosen,
        totals,
        "mediations_held",
        "health_social_care_cases",
        ("Mediations held", "With health or social care elements", "Share (%)"),
    )


def later_appeals(chosen: StatisticsFilter, totals: list[Totals]) -> Figure:
    rows = []
    for t in totals:
        mediated = percentage(t.get("appeals_after_mediation"), t.get("mediations_held"))
        not_mediated = percentage(t.get("appeals_without_mediation"), t.not_mediated)
        rows.append((t.label, mediated, not_mediated, points(not_mediated, mediated)))
    return _figure(
        "later-appeals",
        "Later appeals to the Tribunal, mediated and not mediated",
        (
            area_column(chosen),
            "Mediated cases that appealed (%)",
            "Cases not mediated that appealed (%)",
            "Difference (percentage points)",
        ),
        rows,
        chosen,
        3,
        unit="points",
        notes=(
            "Cases not mediated are advice contacts that did not lead to a mediation. The difference is "
            "the appeal rate of cases not mediated minus that of mediated cases.",
        ),
    )


def costs_avoided(chosen: StatisticsFilter, totals: list[Totals], cost_per_case: int) -> Figure:
    rows = [
        (
            t.label,
            (held := t.get("mediations_held")),
            Decimal(held * cost_per_case) if held is not None else None,
        )
        for t in totals
    ]
    return _figure(
        "costs-avoided",
        "Estimated costs avoided by mediation",
        (area_column(chosen), "Mediations held", "Estimated costs avoided (£)"),
        rows,
        chosen,
        2,
        unit="pounds",
        notes=(
            f"Every mediation held × £{cost_per_case:,} per case (the 2017 review’s average saving per "
            "mediated case), whether or not it ended in agreement.",
        ),
    )
