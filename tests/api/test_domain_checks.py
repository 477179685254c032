"""Bulk checks: one result per input in order, every outcome, stored for the LA only, constant queries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from registry.domain import checks, clock
from registry.domain.errors import DomainError, NotFound
from registry.domain.local_authorities import find_local_authority
from registry.domain.registration_numbers import format_number
from registry.extensions import db
from registry.models import IndependenceDeclaration
from tests.api.conftest import count_queries


def _mistype(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


def test_every_outcome_in_input_order_with_duplicates(registered, factories) -> None:
    ada = registered("Ada")
    bea = registered("Bea", conditions="Co-mediate until March")
    cal = registered("Cal", status="suspended")
    dev = registered("Dev", status="lapsed")
    eve = registered("Eve", status="withdrawn")
    fay = registered("Fay", status="resigned")
    applicant = factories.mediator()
    factories.accreditation(applicant, status="applied")
    unknown = format_number("SM", 777_001)
    numbers = [
        ada.registration_number,
        bea.registration_number.lower().replace("-", " "),
        cal.registration_number,
        dev.registration_number,
        eve.registration_number,
        fay.registration_number,
        applicant.registration_number,
        unknown,
        _mistype(ada.registration_number),
        "not a number",
        ada.registration_number,
    ]
    result = checks.run_check(numbers)
    assert [i.outcome for i in result.items] == [
        "accredited",
        "accredited_with_conditions",
        "suspended",
        "lapsed",
        "withdrawn",
        "not_accredited",
        "not_found",
        "not_found",
        "invalid_number",
        "invalid_number",
        "accredited",
    ]
    assert [i.position for i in result.items] == list(range(1, 12))
    assert result.items[1].registration_number == bea.registration_number
    assert result.items[1].input == numbers[1] and result.items[1].conditions == "Co-mediate until March"
    assert result.items[0].name == "Ada" and result.items[0].valid_until is not None
    assert result.items[8].message == "Check the number — it looks mistyped" and result.items[8].name is None
    assert result.counts["invalid_number"] == 2 and result.reference is None


def test_as_at_a_past_date(registered) -> None:
    today = clock.today()
    recent = registered("Ada", valid_from=today - timedelta(days=10))
    result = checks.run_check([recent.registration_number], as_at=today - timedelta(days=30))
    assert result.items[0].outcome == "not_accredited" and result.as_at == today - timedelta(days=30)
    with pytest.raises(DomainError, match="future"):
        checks.run_check([recent.registration_number], as_at=today + timedelta(days=1))


def test_batch_size_is_bounded() -> None:
    with pytest.raises(DomainError, match="at most 1,000"):
        checks.run_check(["SM-000001-X"] * 1001)
    with pytest.raises(DomainError, match="at least one"):
        checks.run_check([])
    assert len(checks.run_check(["SM-000001-X"] * 1000).items) == 1000


def test_a_stored_check_is_kept_for_its_own_organisation_only(registered, la_organisation, factories) -> None:
    ours, theirs = la_organisation(), la_organisation()
    officer = factories.person_with_role("la_officer", ours)
    ada = registered("Ada")
    stored = checks.run_check([ada.registration_number, "nonsense"], organisation=ours, actor=officer, store=True)
    assert stored.reference and len(stored.reference) == 32
    ada.display_name = "Ada Renamed"  # a stored check is evidence of what the register said then
    db.session.flush()
    again = checks.get_check(stored.reference, {ours.id})
    assert [(i.position, i.outcome, i.name) for i in again.items] == [
        (1, "accredited", "Ada"),
        (2, "invalid_number", None),
    ]
    assert again.as_at == stored.as_at and again.organisation_id == ours.id
    with pytest.raises(NotFound):
        checks.get_check(stored.reference, {theirs.id})
    with pytest.raises(NotFound):
        checks.get_check("0" * 32, {ours.id})
    assert [c.reference for c in checks.checks_of({ours.id})] == [stored.reference]
    with pytest.raises(DomainError):
        checks.run_check([ada.registration_number], store=True)


def test_a_check_for_an_la_flags_declared_conflicts_with_that_la(registered, la_organisation) -> None:
    today = clock.today()
    sheffield = la_organisation("E08000039")
    employed, conflicted, former, clear = (registered(n) for n in ("Ada", "Bea", "Cal", "Dev"))
    for mediator, kind, ended in ((employed, "employment", None), (conflicted, "conflict", None)):
        db.session.add(
            IndependenceDeclaration(
                mediator=mediator,
                kind=kind,
                local_authority=find_local_authority("E08000039"),
                started_on=today - timedelta(days=50),
                ended_on=ended,
            )
        )
    db.session.add(
        IndependenceDeclaration(
            mediator=former,
            kind="employment",
            local_authority=find_local_authority("E08000039"),
            started_on=today - timedelta(days=500),
            ended_on=today - timedelta(days=400),
        )
    )
    db.session.flush()
    numbers = [m.registration_number for m in (employed, conflicted, former, clear)]
    flags = [i.declared_conflict for i in checks.run_check(numbers, organisation=sheffield).items]
    assert flags == [True, True, False, False]
    assert [i.declared_conflict for i in checks.run_check(numbers).items] == [None] * 4
    past = checks.run_check(numbers, as_at=today - timedelta(days=450), organisation=sheffield)
    assert past.items[2].declared_conflict is True


def test_query_count_does_not_grow_with_the_batch(registered, la_organisation) -> None:
    organisation = la_organisation()
    mediators = [registered(f"Person {i:03d}") for i in range(60)]
    numbers = [m.registration_number for m in mediators]

    def run(batch: list[str]) -> int:
        db.session.expire_all()
        with count_queries() as statements:
            checks.run_check(batch, organisation=organisation, store=True)
        return len(statements)

    small = run(numbers[:3] + ["SM-000001-X", "bad"])
    large = run(numbers + ["SM-000001-X", "bad"] * 100)
    assert large == small


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SM-000001-X\nSM-000002-8\n", ["SM-000001-X", "SM-000002-8"]),
        ("\ufeffSM-000001-X\r\n\r\n  sm 000002 8  \r\n", ["SM-000001-X", "sm 000002 8"]),
        ("name,Registration Number\nAda,SM-000001-X\nBea,\n", ["SM-000001-X", ""]),
        ("registration_number\nSM-000001-X\nSM-000001-X\n", ["SM-000001-X", "SM-000001-X"]),
        ("SM-000001-X,Ada Lovelace\n", ["SM-000001-X"]),
        ("", []),
    ],
)
def test_numbers_from_csv(text: str, expected: list[str]) -> None:
    assert checks.numbers_from_csv(text) == expected
