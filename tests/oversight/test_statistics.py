"""The sector statistics against figures worked out by hand (see each test), including areas with
no returns ("no data", never 0), the latest revision of a corrected return, and the period filter."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from registry.domain import standards
from registry.domain.accreditation import operations
from registry.domain.oversight import audit_sampling, concern_handling, returns
from registry.domain.oversight.statistics import all_figures, choose_filter, cpd, figure_by_slug, years_available
from registry.domain.oversight.statistics.returns import REVIEW_COST_PER_CASE, cost_per_case_from
from registry.extensions import db
from registry.models import LogEntry
from registry.standards import LogLine, assess_compliance
from tests.oversight.conftest import BRADFORD, CAMDEN, LEEDS, accreditation_of, full_log

YORKSHIRE, LONDON = "E12000003", "E12000007"


def _figures(advice, certificates, held, full, partial, none, health, after, without, chose=None) -> dict[str, int]:
    """A return's figures; those who chose mediation are the mediations held unless ``chose`` says otherwise."""
    values = (advice, certificates, held, full, partial, none, health, after, without, held if chose is None else chose)
    names = (
        "advice_contacts certificates_issued mediations_held agreements_full agreements_partial agreements_none "
        "health_social_care_cases appeals_after_mediation appeals_without_mediation mediation_chosen"
    ).split()
    return dict(zip(names, values, strict=True))


@pytest.fixture
def with_returns(frozen_clock, factories):
    first, second = factories.organisation(kind="mediation_provider"), factories.organisation(kind="mediation_provider")
    person = factories.person_with_role("provider", first)

    def send(provider, la, year, quarter, figures):
        returns.submit(provider, returns.ReturnInput(la, year, quarter, figures), person)

    send(first, LEEDS, 2026, 1, _figures(100, 70, 40, 20, 8, 10, 12, 9, 21))
    send(first, LEEDS, 2026, 1, _figures(100, 70, 40, 22, 8, 8, 12, 9, 21))  # correction: the latest counts
    send(first, BRADFORD, 2026, 1, _figures(50, 30, 10, 5, 2, 3, 3, 1, 14))
    send(second, CAMDEN, 2026, 2, _figures(20, 10, 10, 6, 2, 2, 5, 2, 4))
    send(first, LEEDS, 2025, 4, _figures(999, 0, 0, 0, 0, 0, 0, 0, 0))  # another year


def _rows(slug, year="2026", region=""):
    figure = figure_by_slug(slug, choose_filter(year, region), 499)
    return {row[0]: row[1:] for row in figure.rows}


def test_returns_by_region_match_the_hand_worked_figures(with_returns) -> None:
    # Yorkshire: Leeds (corrected) + Bradford = advice 150, held 50, full 27, partial 10, none 11,
    # health 15, appeals 10 mediated and 35 of the 100 not mediated.
    # London: Camden = advice 20, held 10, full 6, partial 2, none 2, health 5, appeals 2 and 4 of 10.
    # England: advice 170, held 60, known outcomes 58 (full 33, partial 12), health 20, appeals 12 and 39 of 110.
    take_up = _rows("mediation-take-up")
    assert take_up["Yorkshire and The Humber"] == (150, 50, Decimal("33.3"), 50)
    assert take_up["London"] == (20, 10, Decimal("50.0"), 10)
    assert take_up["England (all)"] == (170, 60, Decimal("35.3"), 60)
    assert take_up["North East"] == (None, None, None, None)  # no returns: no data, not 0

    agreements = _rows("agreement-rates")
    assert agreements["Yorkshire and The Humber"] == (48, Decimal("56.3"), Decimal("20.8"), Decimal("77.1"))
    assert agreements["England (all)"] == (58, Decimal("56.9"), Decimal("20.7"), Decimal("77.6"))
    assert agreements["South West"] == (None, None, None, None)

    assert _rows("health-social-care")["Yorkshire and The Humber"] == (50, 15, Decimal("30.0"))
    assert _rows("health-social-care")["England (all)"] == (60, 20, Decimal("33.3"))

    appeals = _rows("later-appeals")
    assert appeals["Yorkshire and The Humber"] == (50, 10, Decimal("20.0"), 100, 35, Decimal("35.0"), Decimal("15.0"))
    assert appeals["London"] == (10, 2, Decimal("20.0"), 10, 4, Decimal("40.0"), Decimal("20.0"))
    assert appeals["England (all)"] == (60, 12, Decimal("20.0"), 110, 39, Decimal("35.5"), Decimal("15.5"))
    assert appeals["East of England"] == (None,) * 7

    certificates = _rows("mediation-certificates")
    assert certificates["Yorkshire and The Humber"] == (150, 100, Decimal("66.7"))
    assert certificates["England (all)"] == (170, 110, Decimal("64.7"))
    assert certificates["South East"] == (None, None, None)

    costs = _rows("costs-avoided")
    assert costs["Yorkshire and The Humber"] == (50, Decimal(24950), Decimal(499))
    assert costs["England (all)"] == (60, Decimal(29940), Decimal(499))
    assert costs["North West"] == (None, None, None)


def test_the_cost_per_case_is_configurable(with_returns) -> None:
    figure = figure_by_slug("costs-avoided", choose_filter("2026", ""), Decimal("1000.25"))
    assert dict((row[0], row[2]) for row in figure.rows)["England (all)"] == Decimal("60015.00")
    assert cost_per_case_from("499.19") == Decimal("499.19") and cost_per_case_from("") == REVIEW_COST_PER_CASE
    for bad in (499.19, "about 500", "-1", "NaN"):
        with pytest.raises(ValueError, match="COST_AVOIDED_PER_CASE"):
            cost_per_case_from(bad)


def test_a_region_shows_each_of_its_local_authorities(with_returns) -> None:
    take_up = _rows("mediation-take-up", region=YORKSHIRE)
    assert take_up["Leeds"] == (100, 40, Decimal("40.0"), 40)
    assert take_up["Bradford"] == (50, 10, Decimal("20.0"), 10)
    assert take_up["Wakefield"] == (None, None, None, None)
    assert take_up["Yorkshire and The Humber (all)"] == (150, 50, Decimal("33.3"), 50)
    assert "Camden" not in take_up


def test_all_years_and_another_year(with_returns) -> None:
    assert _rows("mediation-take-up", year="all")["Yorkshire and The Humber"][0] == 150 + 999
    assert _rows("mediation-take-up", year="2025")["London"] == (None, None, None, None)
    assert choose_filter(None, None).year == 2026  # the latest year with returns
    assert choose_filter("1999", "nowhere").year == 2026 and choose_filter("1999", "nowhere").region is None


def test_the_year_menu_runs_from_the_earliest_return(frozen_clock, factories) -> None:
    assert years_available(frozen_clock.today) == [2026]  # nothing yet: this year alone
    provider = factories.organisation(kind="mediation_provider")
    person = factories.person_with_role("provider", provider)
    figures = dict.fromkeys(returns.FIGURE_LABELS, 0) | {"advice_contacts": 5}
    returns.submit(provider, returns.ReturnInput(LEEDS, 2014, 4, figures), person)
    assert years_available(frozen_clock.today) == list(range(2026, 2013, -1))
    assert choose_filter("2014", "").year == 2014 and choose_filter("2013", "").year == 2014  # 2013: the default
    assert _rows("mediation-take-up", year="2014")["Yorkshire and The Humber"] == (5, 0, Decimal("0.0"), 0)


@pytest.fixture
def register(frozen_clock, body, accredited, registrar):
    today = frozen_clock.today  # 15 June 2026
    both = accredited(body, areas=(LEEDS, BRADFORD))
    leeds = accredited(body, areas=(LEEDS,))
    accredited(body, areas=(CAMDEN,), status="suspended")
    accredited(body, areas=(CAMDEN,), since=date(2024, 1, 1), until=date(2025, 6, 30))
    later_suspended = accredited(body, areas=(CAMDEN,), since=date(2025, 1, 1), until=date(2026, 12, 31))
    operations.suspend(
        accreditation_of(later_suspended), registrar, reason="r", public_note="n", effective_on=date(2026, 3, 1)
    )
    assert today == date(2026, 6, 15)
    return both, leeds


def test_accredited_mediators_by_region_and_local_authority(register) -> None:
    by_region = _rows("mediators-by-region")
    assert by_region["Yorkshire and The Humber"] == (2,)
    assert by_region["London"] == (0,) and by_region["North East"] == (0,)
    assert by_region["England (each mediator once)"] == (2,)
    by_la = _rows("mediators-by-local-authority")
    assert len(by_la) == 153
    assert by_la["Leeds"] == ("E08000035", "Yorkshire and The Humber", 2)
    assert by_la["Bradford"][2] == 1 and by_la["Hartlepool"][2] == 0 and by_la["Camden"][2] == 0
    # On 31 December 2025 the mediator suspended in March 2026 was still accredited.
    assert _rows("mediators-by-region", year="2025")["London"] == (1,)
    assert _rows("mediators-by-region", year="2025")["England (each mediator once)"] == (3,)
    assert len(_rows("mediators-by-local-authority", region=YORKSHIRE)) == 15


def _log(mediator, kind, category, day, hours, status="declared") -> LogLine:
    db.session.add(
        LogEntry(
            mediator_id=mediator.id,
            kind=kind,
            category=category,
            occurred_on=day,
            quarter_hours=int(hours * 4),
            title="Entry",
            review_status=status,
        )
    )
    return LogLine(kind, category, day, Decimal(hours), status)


def test_cpd_compliance_applies_the_scheme_in_one_query(frozen_clock, register) -> None:
    both, leeds = register
    day = frozen_clock.today - timedelta(days=30)
    common = [
        ("cpd", "send_law_policy_practice", 3),
        ("cpd", "self_directed_reading", 5),  # counts for 3 (the cap)
        ("supervision", "one_to_one", 2),
        ("supervision", "group", 2),
        ("practice", "send_mediation", 10),
    ]
    lines = {both.id: [], leeds.id: []}
    for mediator in (both, leeds):
        lines[mediator.id] += [_log(mediator, kind, category, day, hours) for kind, category, hours in common]
    lines[both.id].append(_log(both, "cpd", "mediation_skills", day, 4))  # 3 + 3 + 4 = 10: compliant
    lines[leeds.id].append(_log(leeds, "cpd", "mediation_skills", day, 3))  # 9 hours: short of CPD-1
    lines[leeds.id].append(_log(leeds, "cpd", "mediation_skills", day, 5, "rejected"))  # does not count
    lines[leeds.id].append(_log(leeds, "cpd", "mediation_skills", date(2025, 6, 15), 5))  # before the period
    db.session.flush()

    chosen = choose_filter("2026", "")
    compliant, per_requirement = cpd.requirement_counts(standards.cpd_scheme(), chosen)
    assert (compliant, per_requirement) == (1, [1, 2, 2, 2, 2])
    scheme, start, end = standards.cpd_scheme(), date(2025, 6, 16), date(2026, 6, 15)
    engine = [assess_compliance(scheme, start, end, lines[m.id]).compliant for m in (both, leeds)]
    assert engine == [True, False]  # the rule engine agrees, mediator by mediator
    rows = _rows("cpd-compliance")
    assert rows["Every requirement"] == (1, 2, Decimal("50.0"))
    assert rows["At least 3 hours of CPD in SEND law, policy and practice"] == (2, 2, Decimal("100.0"))


def test_audit_outcomes(frozen_clock, body, accredited, oversight_user) -> None:
    for _ in range(3):
        accredited(body, since=frozen_clock.today - timedelta(days=500), with_user=False)
    sample = audit_sampling.draw_sample(Decimal(100), 3, oversight_user)
    full_log(sample.members[0].mediator, frozen_clock.today)
    audit_sampling.record_outcome(sample.members[0], "satisfactory", "", oversight_user)
    audit_sampling.record_outcome(sample.members[1], "unsatisfactory", "No log", oversight_user)
    rows = _rows("cpd-audit-outcomes")
    assert rows["Satisfactory"] == (1, Decimal("33.3")) and rows["Unsatisfactory"] == (1, Decimal("33.3"))
    assert rows["Awaiting an outcome"] == (1, Decimal("33.3")) and rows["Further information asked for"] == (
        0,
        Decimal("0.0"),
    )
    assert _rows("cpd-audit-outcomes", year="2025")["Satisfactory"] == (0, None)


def test_concern_statistics_for_the_year(frozen_clock, body, accredited, registrar, concern_about) -> None:
    mediator = accredited(body)
    suspended, out_of_scope, _open = concern_about(mediator), concern_about(mediator), concern_about(mediator)
    frozen_clock.advance(2)
    concern_handling.triage(out_of_scope, False, "About the school", "", registrar)
    concern_handling.triage(suspended, True, "", "", registrar)
    frozen_clock.advance(12)
    concern_handling.decide(
        suspended, concern_handling.OutcomeDecision("suspension", "reason", public_note="Suspended"), registrar
    )
    summary = _rows("concerns-received")
    assert summary == {"Received": (3,), "Finished": (2,), "Still open at the end of the period": (1,)}
    outcomes = _rows("concern-outcomes")
    assert outcomes["Accreditation suspended"] == (1, Decimal("14.0"))
    assert outcomes["Not within scope"] == (1, Decimal("2.0"))
    assert outcomes["Advice to the mediator"] == (0, None)
    assert outcomes["All finished concerns"] == (2, Decimal("8.0"))
    assert _rows("concerns-received", year="2025")["Received"] == (0,)


def test_every_figure_is_on_the_page_once(frozen_clock) -> None:
    slugs = [f.slug for section in all_figures(choose_filter(None, None), 499) for f in section.figures]
    assert len(slugs) == len(set(slugs)) == 12
