"""Outcome returns: consistency rules with clear messages, corrections as new revisions (never an
overwrite), and CSV uploads that save everything or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.domain.oversight import returns, returns_csv
from registry.extensions import db
from registry.models import OutcomeReturn, OutcomeReturnRevision
from tests.oversight.conftest import BRADFORD, LEEDS

GOOD = {
    "advice_contacts": 100,
    "mediation_chosen": 42,
    "certificates_issued": 70,
    "mediations_held": 40,
    "agreements_full": 20,
    "agreements_partial": 8,
    "agreements_none": 10,
    "health_social_care_cases": 12,
    "appeals_after_mediation": 9,
    "appeals_without_mediation": 21,
}


@pytest.fixture
def provider(factories):
    return factories.organisation(kind="mediation_provider", name="Mediation Works")


@pytest.fixture
def provider_user(factories, provider):
    return factories.person_with_role("provider", provider)


def _input(la=LEEDS, year=2026, quarter=1, **figures) -> returns.ReturnInput:
    return returns.ReturnInput(la, year, quarter, GOOD | figures)


def _problems(details) -> dict[str, str]:
    with pytest.raises(returns.ReturnRefused) as refusal:
        returns.check(details)
    return {p.field: p.message for p in refusal.value.problems}


def test_a_consistent_return_is_saved_with_its_first_revision(frozen_clock, provider, provider_user) -> None:
    saved = returns.submit(provider, _input(), provider_user)
    assert saved.change == "new" and saved.outcome_return.revision == 1
    assert saved.outcome_return.figures() == GOOD
    [revision] = saved.outcome_return.revisions
    assert revision.figures() == GOOD and revision.submitted_by_id == provider_user.id and revision.source == "form"


@pytest.mark.parametrize(
    ("figures", "field", "message"),
    [
        ({"agreements_none": 13}, "agreements_none", "add up to 41, more than the mediations held (40)"),
        ({"certificates_issued": 101}, "certificates_issued", "cannot be more than mediation advice contacts (100)"),
        ({"mediation_chosen": 101}, "mediation_chosen", "cannot be more than mediation advice contacts (100)"),
        ({"mediations_held": 101}, "mediations_held", "Mediations held (101) cannot be more than mediation advice"),
        ({"health_social_care_cases": 41}, "health_social_care_cases", "cannot be more than mediations held (40)"),
        ({"appeals_after_mediation": 41}, "appeals_after_mediation", "cannot be more than mediations held (40)"),
        ({"appeals_without_mediation": 61}, "appeals_without_mediation", "did not lead to mediation (60)"),
        ({"advice_contacts": -1}, "advice_contacts", "must be a whole number of 0 or more"),
        ({"advice_contacts": "1.5"}, "advice_contacts", "must be a whole number of 0 or more"),
        ({"advice_contacts": ""}, "advice_contacts", "must be a whole number of 0 or more"),
    ],
)
def test_inconsistent_figures_are_refused_with_clear_messages(frozen_clock, figures, field, message) -> None:
    problems = _problems(_input(**figures))
    assert message in problems[field]


def test_the_period_and_local_authority_must_be_real(frozen_clock) -> None:
    assert "local authority" in _problems(_input(la="E99999999"))["local_authority"]
    assert "has not started yet" in _problems(_input(year=2026, quarter=4))["quarter"]  # today is June 2026
    assert "Enter a year" in _problems(_input(year=2010))["year"]
    assert "Select the quarter" in _problems(_input(quarter=5))["quarter"]


def test_a_correction_is_a_new_revision_and_the_first_is_kept(frozen_clock, provider, provider_user) -> None:
    first = returns.submit(provider, _input(), provider_user).outcome_return
    corrected = returns.submit(provider, _input(la="383", agreements_none=12), provider_user)  # Leeds by DfE code
    assert corrected.change == "corrected" and corrected.outcome_return.id == first.id
    assert first.revision == 2 and first.agreements_none == 12
    revisions = db.session.scalars(
        select(OutcomeReturnRevision).where(OutcomeReturnRevision.return_id == first.id).order_by("revision")
    ).all()
    assert [(r.revision, r.agreements_none) for r in revisions] == [(1, 10), (2, 12)]
    assert returns.submit(provider, _input(agreements_none=12), provider_user).change == "unchanged"
    assert db.session.scalar(select(func.count()).select_from(OutcomeReturnRevision)) == 2


def _csv(*rows: dict) -> bytes:
    header = ",".join(returns_csv.COLUMNS)
    lines = [header] + [",".join(str(row.get(c, "")) for c in returns_csv.COLUMNS) for row in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def _row(**values) -> dict:
    return {"local_authority": LEEDS, "year": 2026, "quarter": 1} | GOOD | values


def test_a_csv_file_saves_every_row(frozen_clock, provider, provider_user) -> None:
    returns.submit(provider, _input(), provider_user)
    report = returns_csv.import_returns(
        provider,
        _csv(
            _row(), _row(quarter=2), _row(local_authority=BRADFORD), _row(quarter=2, local_authority=BRADFORD, note="x")
        ),
        provider_user,
    )
    assert (report.new, report.corrected, report.unchanged) == (3, 0, 1)
    assert db.session.scalar(select(func.count()).select_from(OutcomeReturn)) == 4


def test_a_csv_file_with_any_problem_saves_nothing_and_names_each_row(frozen_clock, provider, provider_user) -> None:
    content = _csv(_row(), _row(quarter=2, agreements_full=50), _row(local_authority="nowhere"), _row())
    with pytest.raises(returns_csv.ImportRefused) as refusal:
        returns_csv.import_returns(provider, content, provider_user)
    shown = [str(p) for p in refusal.value.problems]
    assert shown[0].startswith("Row 3, agreements_none: Agreements full, partial and none add up to 68")
    assert shown[1].startswith("Row 4, local_authority:")
    assert shown[2] == "Row 5, local_authority: Row 2 is for the same local authority and quarter"
    assert db.session.scalar(select(func.count()).select_from(OutcomeReturn)) == 0


def test_a_csv_file_missing_columns_or_not_utf8_is_refused(frozen_clock, provider, provider_user) -> None:
    with pytest.raises(returns_csv.ImportRefused, match="missing the column"):
        returns_csv.import_returns(provider, b"local_authority,year\nE08000035,2026\n", provider_user)
    with pytest.raises(returns_csv.ImportRefused, match="UTF-8"):
        returns_csv.import_returns(provider, "local_authority\n\xe9".encode("latin-1"), provider_user)
    with pytest.raises(returns_csv.ImportRefused, match="no returns"):
        returns_csv.import_returns(provider, returns_csv.template_csv().encode(), provider_user)
