"""What the outcome returns show, by region (or by LA within a chosen region), for the period.

Each return counts once, at its latest revision (the OutcomeReturn row). Every figure of a page is
worked out from one ``ReturnsSnapshot`` (the returns summed per LA and year, read in one query), so
England's row is always the sum of its regions' rows, and a region's page shows the rows England's
page adds up. The measures, as the 2017 review of SEND disagreement resolution measured them (each
figure's ``definition`` says the same in words, on the page and in its CSV):

- take-up after advice: advice contacts who chose mediation ÷ mediation advice contacts (the review's
  "decided to go to mediation"; the mediations held are shown beside it, some from earlier contacts);
- certificates: mediation certificates issued (the certificate a parent or young person needs to
  appeal to the Tribunal) ÷ mediation advice contacts;
- agreement rates: full, partial, and any (full + partial) agreement ÷ mediations whose outcome
  is known (full + partial + none);
- health or social care: mediations with such elements ÷ mediations held;
- later appeals: mediated cases = appeals after mediation ÷ mediations held; cases not mediated
  = appeals without mediation ÷ (advice contacts − mediations held); and the difference between
  the two in percentage points (not mediated minus mediated);
- estimated costs avoided: mediations held × the cost avoided per case, in exact decimals (never
  rounded before multiplying: whole pounds would turn the review's £636,462 for 1,275 cases into
  £636,225), and the average per mediated case (total ÷ mediations held). The register rounds each
  money figure once, to whole pounds, where it is shown. Every mediation held counts, whether or
  not it ended in agreement, because the review's figure is an average over all mediated cases.

An area with no returns for the period shows "no data" (None), never 0; so does a rate whose
denominator is 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from registry.domain.oversight.statistics.figures import Figure, Value, percentage, points
from registry.domain.oversight.statistics.filters import StatisticsFilter
from registry.extensions import db
from registry.models import LocalAuthority, Organisation, OutcomeReturn, OutcomeReturnRevision
from registry.models.oversight import RETURN_FIGURES

# The 2017 review's costs avoided over its mediated cases, as an exact average per case (a Decimal
# quotient to 28 significant figures: 1,275 cases × it is £636,462 to far below a penny).
REVIEW_COSTS_AVOIDED, REVIEW_MEDIATED_CASES = Decimal(636_462), 1_275
REVIEW_COST_PER_CASE = REVIEW_COSTS_AVOIDED / REVIEW_MEDIATED_CASES


def cost_per_case_from(setting: object) -> Decimal:
    """The cost avoided per mediated case from a setting: a decimal number of pounds ("499.19"), or empty for
    the review's average. Floats are refused (0.1 is not exact); ValueError names a bad setting."""
    if setting is None or setting == "":
        return REVIEW_COST_PER_CASE
    if isinstance(setting, float):
        raise ValueError("COST_AVOIDED_PER_CASE must be a decimal written as text, such as 499.19, not a float")
    try:
        amount = Decimal(str(setting).strip())
    except ArithmeticError as error:
        raise ValueError(
            f"COST_AVOIDED_PER_CASE must be a number of pounds, such as 499.19, not {setting!r}"
        ) from error
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"COST_AVOIDED_PER_CASE must be 0 or more pounds, not {setting!r}")
    return amount


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


@dataclass(frozen=True)
class AreaRow:
    """One LA's returns summed for one year."""

    local_authority_id: int
    year: int
    returns: int
    sums: dict[str, int]


@dataclass(frozen=True)
class ReturnsSnapshot:
    """Every return's figures summed per LA and year, read at one moment: what every returns figure of a
    page (and its CSV) is worked out from. ``latest_revision`` is the newest revision's id (0: none)."""

    local_authorities: dict[int, LocalAuthorityRow]
    rows: list[AreaRow]
    latest_revision: int


@dataclass(frozen=True)
class LocalAuthorityRow:
    id: int
    name: str
    region_code: str
    region_name: str


def newest_revision_id() -> int:
    """The id of the newest return revision (0 before any): every return sent adds one, so it names
    the state of the returns."""
    return db.session.scalar(select(func.max(OutcomeReturnRevision.id))) or 0


def take_snapshot() -> ReturnsSnapshot:
    """Two reads: the LAs (reference data) and the returns summed by LA and year."""
    las = {
        la_id: LocalAuthorityRow(la_id, name, code, region)
        for la_id, name, code, region in db.session.execute(
            select(LocalAuthority.id, LocalAuthority.name, LocalAuthority.region_code, LocalAuthority.region_name)
        )
    }
    query = select(
        OutcomeReturn.local_authority_id,
        OutcomeReturn.year,
        func.count(OutcomeReturn.id),
        *[func.sum(getattr(OutcomeReturn, n)) for n in RETURN_FIGURES],
    ).group_by(OutcomeReturn.local_authority_id, OutcomeReturn.year)
    rows = [
        AreaRow(row[0], row[1], int(row[2]), dict(zip(RETURN_FIGURES, (int(v or 0) for v in row[3:]), strict=True)))
        for row in db.session.execute(query)
    ]
    return ReturnsSnapshot(las, rows, newest_revision_id())


def area_totals(chosen: StatisticsFilter, snapshot: ReturnsSnapshot | None = None) -> list[Totals]:
    """One Totals per region (or per LA of the chosen region), every area listed, then the whole: the
    whole is the sum of the rows above it, from the same snapshot."""
    snapshot = snapshot or take_snapshot()
    las = snapshot.local_authorities
    areas: dict[str | int, str]
    if chosen.region is None:
        areas = {la.region_code: la.region_name for la in sorted(las.values(), key=lambda la: la.region_name)}
    else:
        code = chosen.region.code
        areas = {la.id: la.name for la in sorted(las.values(), key=lambda la: la.name) if la.region_code == code}
    counted: dict[str | int, int] = dict.fromkeys(areas, 0)
    summed: dict[str | int, dict[str, int]] = {area: dict.fromkeys(RETURN_FIGURES, 0) for area in areas}
    for row in snapshot.rows:
        la = las[row.local_authority_id]
        area: str | int = la.region_code if chosen.region is None else la.id
        if area not in areas or (chosen.year is not None and row.year != chosen.year):
            continue
        counted[area] += row.returns
        for name in RETURN_FIGURES:
            summed[area][name] += row.sums[name]
    totals = [Totals(name, counted[area], summed[area]) for area, name in areas.items()]
    whole = {n: sum(t.sums[n] for t in totals) for n in RETURN_FIGURES}
    totals.append(Totals(f"{chosen.area_label} (all)", sum(t.returns for t in totals), whole))
    return totals


def _figure(
    slug: str,
    title: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[Value, ...]],
    chosen: StatisticsFilter,
    definition: str,
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
        definition=definition,
        from_returns=True,
    )


def area_column(chosen: StatisticsFilter) -> str:
    return "Local authority" if chosen.region is not None else "Region"


def _share(
    slug: str,
    title: str,
    chosen: StatisticsFilter,
    totals: list[Totals],
    of: str,
    part: str,
    headings: tuple[str, ...],
    definition: str,
) -> Figure:
    """By area: figure ``of``, figure ``part`` and ``part`` as a percentage of ``of``; ``headings`` name the three."""
    rows = [(t.label, t.get(of), t.get(part), percentage(t.get(part), t.get(of))) for t in totals]
    return _figure(slug, title, (area_column(chosen), *headings), rows, chosen, definition, 3)


def take_up(chosen: StatisticsFilter, totals: list[Totals]) -> Figure:
    rows = [
        (
            t.label,
            t.get("advice_contacts"),
            t.get("mediation_chosen"),
            percentage(t.get("mediation_chosen"), t.get("advice_contacts")),
            t.get("mediations_held"),
        )
        for t in totals
    ]
    return _figure(
        "mediation-take-up",
        "Mediation take-up after mediation advice",
        (area_column(chosen), "Advice contacts", "Chose mediation", "Take-up (%)", "Mediations held"),
        rows,
        chosen,
        "Take-up is the advice contacts who chose mediation as a percentage of all mediation advice contacts, as "
        "the 2017 review measured it. An advice contact is the one a parent or young person must have with a "
        "mediation adviser before appealing to the Tribunal. Mediations held in the period are shown beside it: "
        "some follow advice given earlier.",
        3,
    )


def certificates(chosen: StatisticsFilter, totals: list[Totals]) -> Figure:
    return _share(
        "mediation-certificates",
        "Mediation certificates issued",
        chosen,
        totals,
        "advice_contacts",
        "certificates_issued",
        ("Advice contacts", "Certificates issued", "Certificates per 100 advice contacts (%)"),
        "A mediation certificate lets a parent or young person register an appeal with the Tribunal. The mediation "
        "adviser issues one when they decide not to mediate, or when a mediation has ended. The share is "
        "certificates issued as a percentage of mediation advice contacts.",
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
        "Each rate is the mediations ending in that way, as a percentage of mediations whose outcome was "
        "returned (full, partial or no agreement).",
        4,
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
        "Mediations with health or social care elements as a percentage of mediations held.",
    )


def later_appeals(chosen: StatisticsFilter, totals: list[Totals]) -> Figure:
    rows = []
    for t in totals:
        after, without = t.get("appeals_after_mediation"), t.get("appeals_without_mediation")
        mediated = percentage(after, t.get("mediations_held"))
        not_mediated = percentage(without, t.not_mediated)
        rows.append(
            (t.label, t.get("mediations_held"), after, mediated, t.not_mediated, without, not_mediated,
             points(not_mediated, mediated))
        )  # fmt: skip
    return _figure(
        "later-appeals",
        "Later appeals to the Tribunal, mediated and not mediated",
        (
            area_column(chosen),
            "Mediated cases",
            "Mediated cases that appealed",
            "Mediated cases that appealed (%)",
            "Cases not mediated",
            "Cases not mediated that appealed",
            "Cases not mediated that appealed (%)",
            "Difference (percentage points)",
        ),
        rows,
        chosen,
        "Mediated cases are mediations held; cases not mediated are advice contacts that did not lead to a "
        "mediation. Each appeal rate is the later appeals to the Tribunal known to the provider as a percentage "
        "of those cases. The difference is the appeal rate of cases not mediated minus that of mediated cases.",
        7,
        unit="points",
    )


def costs_avoided(chosen: StatisticsFilter, totals: list[Totals], cost_per_case: Decimal) -> Figure:
    """Exact decimals: the total is mediations held × ``cost_per_case`` and the average is total ÷ mediations
    held, never rounded here (the page rounds each to whole pounds, once, as it shows it)."""
    rows: list[tuple[Value, ...]] = []
    for t in totals:
        held = t.get("mediations_held")
        total = held * cost_per_case if held is not None else None
        rows.append((t.label, held, total, total / held if total is not None and held else None))
    return _figure(
        "costs-avoided",
        "Estimated costs avoided by mediation",
        (area_column(chosen), "Mediations held", "Estimated costs avoided (£)", "Average per mediated case (£)"),
        rows,
        chosen,
        f"Every mediation held × {_rate(cost_per_case)} avoided per case, whether or not it ended in agreement. "
        "The average is the estimated costs avoided ÷ mediations held. Money is worked out in exact decimals and "
        "rounded once, to whole pounds, where it is shown.",
        2,
        unit="pounds",
    )


def _rate(cost_per_case: Decimal) -> str:
    if cost_per_case == REVIEW_COST_PER_CASE:
        return (
            f"the 2017 review’s average cost avoided per mediated case (£{REVIEW_COSTS_AVOIDED:,} over "
            f"{REVIEW_MEDIATED_CASES:,} mediated cases, about £{cost_per_case:,.2f})"
        )
    return f"£{cost_per_case:,.2f} (the register’s setting of the cost avoided per mediated case)"


@dataclass(frozen=True)
class CountedReturn:
    """One return a figure was worked out from, as its CSV lists it (all public: who returned for which LA)."""

    provider: str
    local_authority: str
    gss_code: str
    period: str
    revision: int
    submitted_on: str


def returns_counted(chosen: StatisticsFilter) -> list[CountedReturn]:
    """The returns of the period and area, each at its latest revision, in date order then by LA."""
    query = (
        select(OutcomeReturn, LocalAuthority.name, LocalAuthority.gss_code, Organisation.name)
        .join(LocalAuthority, LocalAuthority.id == OutcomeReturn.local_authority_id)
        .join(Organisation, Organisation.id == OutcomeReturn.provider_id)
        .order_by(OutcomeReturn.year, OutcomeReturn.quarter, LocalAuthority.name, Organisation.name)
    )
    if chosen.year is not None:
        query = query.where(OutcomeReturn.year == chosen.year)
    if chosen.region is not None:
        query = query.where(LocalAuthority.region_code == chosen.region.code)
    return [
        CountedReturn(provider, la, gss, r.period_label, r.revision, r.submitted_at.date().isoformat())
        for r, la, gss, provider in db.session.execute(query)
    ]
