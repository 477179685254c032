"""The compliance page shows what the rule engine says about the log, period by period."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from registry.domain import compliance, standards
from registry.domain.compliance import Period, add_months, periods_of
from registry.extensions import db
from registry.standards import LogLine, assess_compliance
from tests.conftest import csrf_token_from
from tests.mediator.conftest import MediatorWorld

PAGE = "/workspace/mediator/compliance"


def _seed_a_year(world: MediatorWorld, seed) -> list:
    m = world.mediator
    return [
        seed(m, "cpd", "send_law_policy_practice", "3", 20),
        seed(m, "cpd", "mediation_skills", "4.5", 30, status="verified"),
        seed(m, "cpd", "self_directed_reading", "5", 40),  # capped at 3
        seed(m, "supervision", "one_to_one", "2", 50),
        seed(m, "supervision", "group", "2.25", 60),
        seed(
            m,
            "practice",
            "send_mediation",
            "10",
            70,
            local_authority_id=1,
            issue_type="placement",
            format="in_person",
            outcome_band="full_agreement",
        ),
        seed(m, "cpd", "send_law_policy_practice", "6", 200),  # before this period: does not count
    ]


def _engine(world: MediatorWorld, entries) -> object:
    lines = [LogLine(e.kind, e.category, e.occurred_on, e.hours, e.review_status) for e in entries]
    start, end = world.accreditation.valid_from, world.accreditation.valid_until
    return assess_compliance(standards.cpd_scheme(), start, end, lines)


def _row(html: str, code: str) -> str:
    # A past period's rows are "period-<n>-requirement-<code>", so that no id is used twice on the page.
    match = re.search(rf'<tr class="govuk-table__row" id="(?:period-\d+-)?requirement-{code}">(.*?)</tr>', html, re.S)
    assert match, f"no row for {code}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _hours(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _assert_page_matches(html: str, result) -> None:
    current = html.split("Previous periods")[0]
    for requirement in result.requirements:
        row = _row(current, requirement.code)
        assert f"{_hours(requirement.counted)} of {_hours(requirement.required)} hours" in row, row
        if requirement.met:
            assert "Met" in row
        else:
            assert f"{_hours(requirement.remaining)} hours" in row


def test_the_page_and_the_engine_agree_on_a_seeded_log(world: MediatorWorld, seed) -> None:
    entries = _seed_a_year(world, seed)
    result = _engine(world, entries)
    assert result.compliant
    assert result.requirement("CPD-1").counted == Decimal("10.5")  # 3 + 4.5 + 3 (reading capped from 5)
    html = world.client.get(PAGE).text
    _assert_page_matches(html, result)
    assert "Compliant" in html and "12.5 hours logged; only 10.5 count" in html
    assert f"{(world.accreditation.valid_until - date.today()).days} days left in this period" in html


def test_a_rejected_entry_stops_counting(world: MediatorWorld, seed, registrar) -> None:
    entries = _seed_a_year(world, seed)
    law = entries[0]
    page = f"/workspace/registrar/log-entries/{law.id}"
    token = csrf_token_from(registrar.get(page).text)
    response = registrar.post(
        page, data={"csrf_token": token, "decision": "reject", "note": "Not SEND law.", "expected_version": law.version}
    )
    assert response.status_code == 302
    db.session.refresh(law)
    result = _engine(world, entries)
    assert not result.compliant and not result.requirement("CPD-2").met
    assert result.requirement("CPD-2").remaining == Decimal(3)
    html = world.client.get(PAGE).text
    _assert_page_matches(html, result)
    assert "Not yet compliant" in html


def test_an_empty_log_shows_everything_still_needed(world: MediatorWorld) -> None:
    html = world.client.get(PAGE).text
    assert "Not yet compliant" in html and "5 of 5 requirements still to meet" in html
    assert "0 of 10 hours" in _row(html, "PRA-1") and "10 hours" in _row(html, "PRA-1")
    assert 'value="0"' in _row_html(html, "PRA-1")


def _row_html(html: str, code: str) -> str:
    return re.search(rf'id="requirement-{code}">(.*?)</tr>', html, re.S).group(1)


def test_previous_periods_are_shown(world: MediatorWorld, seed) -> None:
    accreditation = world.accreditation
    accreditation.valid_from = accreditation.valid_from - timedelta(days=365)
    db.session.flush()
    seed(
        world.mediator,
        "practice",
        "send_mediation",
        "12",
        200,
        local_authority_id=1,
        issue_type="other",
        format="phone",
        outcome_band="no_agreement",
    )
    html = world.client.get(PAGE).text
    assert "Previous periods" in html
    previous = html.split("Previous periods")[1]
    assert "12 of 10 hours" in _row(previous, "PRA-1")


def test_periods_run_back_from_valid_until() -> None:
    class Accreditation:
        valid_from = date(2026, 3, 4)
        valid_until = date(2028, 3, 3)

    scheme = standards.cpd_scheme()
    periods = periods_of(Accreditation(), scheme, date(2027, 6, 1))
    assert periods == [Period(date(2027, 3, 4), date(2028, 3, 3)), Period(date(2026, 3, 4), date(2027, 3, 3))]
    # Renewed early: the period being completed is still the current one.
    assert compliance.current_period(Accreditation(), scheme, date(2027, 2, 1)) == periods[1]
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


def test_someone_not_yet_accredited_sees_the_last_12_months(client_as, factories, seed) -> None:
    client = client_as("mediator")
    mediator = factories.mediator(user_id=client.user.id)
    seed(mediator, "supervision", "one_to_one", "2", 10)
    html = client.get(PAGE).text
    assert "You are not accredited yet" in html
    assert "2 of 2 hours" in _row(html, "SUP-2")
