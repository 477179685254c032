"""The compliance rule engine at its edges, against the shipped CPD scheme 1.0."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.standards import (
    ComplianceResult,
    CpdScheme,
    LogLine,
    RequirementResult,
    assess_compliance,
    load_family_file,
)

SCHEME_FILE = Path(__file__).resolve().parents[2] / "standards" / "cpd-scheme" / "1.0.yaml"
START, END = date(2026, 1, 1), date(2026, 12, 31)
MID = date(2026, 6, 15)


@pytest.fixture(scope="module")
def scheme() -> CpdScheme:
    document = load_family_file(SCHEME_FILE).document
    assert isinstance(document, CpdScheme)
    return document


def line(kind: str, category: str, hours: str, on: date = MID, status: str = "declared") -> LogLine:
    return LogLine(kind, category, on, Decimal(hours), status)


def outcome(result: ComplianceResult, code: str) -> RequirementResult:
    found = result.requirement(code)
    assert found is not None, code
    return found


def exactly_enough() -> list[LogLine]:
    """Every requirement of scheme 1.0 met with nothing to spare."""
    return [
        line("cpd", "send_law_policy_practice", "3"),
        line("cpd", "mediation_skills", "7"),
        line("supervision", "one_to_one", "2"),
        line("supervision", "group", "2"),
        line("practice", "send_mediation", "10"),
    ]


def test_requirements_met_exactly(scheme: CpdScheme) -> None:
    result = assess_compliance(scheme, START, END, exactly_enough())
    assert result.compliant
    assert [r.code for r in result.requirements] == ["CPD-1", "CPD-2", "SUP-1", "SUP-2", "PRA-1"]
    for requirement in result.requirements:
        assert requirement.met and requirement.remaining == 0 and requirement.counted == requirement.required


def test_an_empty_log_meets_nothing(scheme: CpdScheme) -> None:
    result = assess_compliance(scheme, START, END, [])
    assert not result.compliant
    assert [r.remaining for r in result.requirements] == [Decimal(n) for n in (10, 3, 4, 2, 10)]


def test_capped_reading_counts_only_up_to_the_cap(scheme: CpdScheme) -> None:
    entries = [
        line("cpd", "send_law_policy_practice", "3"),
        line("cpd", "mediation_skills", "4"),
        line("cpd", "self_directed_reading", "2.5"),
        line("cpd", "self_directed_reading", "2.5"),
    ]
    cpd = outcome(assess_compliance(scheme, START, END, entries), "CPD-1")
    assert (cpd.logged, cpd.counted, cpd.remaining, cpd.met) == (Decimal(12), Decimal(10), Decimal(0), True)


def test_cap_overflow_can_leave_a_shortfall(scheme: CpdScheme) -> None:
    entries = [line("cpd", "send_law_policy_practice", "3"), line("cpd", "self_directed_reading", "9")]
    cpd = outcome(assess_compliance(scheme, START, END, entries), "CPD-1")
    assert (cpd.logged, cpd.counted, cpd.remaining, cpd.met) == (Decimal(12), Decimal(6), Decimal(4), False)


def test_the_cap_comes_from_the_scheme_not_the_code(scheme: CpdScheme) -> None:
    stricter = dataclasses.replace(scheme, caps=(dataclasses.replace(scheme.caps[0], maximum_hours=Decimal(1)),))
    entries = [line("cpd", "self_directed_reading", "5")]
    assert outcome(assess_compliance(stricter, START, END, entries), "CPD-1").counted == 1
    assert outcome(assess_compliance(scheme, START, END, entries), "CPD-1").counted == 3


@pytest.mark.parametrize(
    ("on", "counts"),
    [
        (START, True),
        (END, True),
        (START - timedelta(days=1), False),
        (END + timedelta(days=1), False),
    ],
)
def test_period_includes_both_ends_and_nothing_outside(scheme: CpdScheme, on: date, counts: bool) -> None:
    entries = [entry for entry in exactly_enough() if entry.kind != "practice"]
    entries.append(line("practice", "send_mediation", "10", on=on))
    result = assess_compliance(scheme, START, END, entries)
    practice = outcome(result, "PRA-1")
    assert practice.met is counts and result.compliant is counts


def test_rejected_entries_do_not_count_but_declared_and_verified_do(scheme: CpdScheme) -> None:
    entries = [
        line("supervision", "one_to_one", "1", status="declared"),
        line("supervision", "one_to_one", "1", status="verified"),
        line("supervision", "one_to_one", "5", status="rejected"),
    ]
    one_to_one = outcome(assess_compliance(scheme, START, END, entries), "SUP-2")
    assert (one_to_one.logged, one_to_one.counted, one_to_one.met) == (Decimal(2), Decimal(2), True)


def test_quarter_hours_add_up_exactly(scheme: CpdScheme) -> None:
    entries = [line("practice", "send_mediation", "0.25") for _ in range(39)]
    practice = outcome(assess_compliance(scheme, START, END, entries), "PRA-1")
    assert practice.counted == Decimal("9.75") and practice.remaining == Decimal("0.25")
    entries.append(line("practice", "send_mediation", "0.25"))
    practice = outcome(assess_compliance(scheme, START, END, entries), "PRA-1")
    assert practice.met and practice.remaining == 0


def test_category_requirement_counts_only_its_category(scheme: CpdScheme) -> None:
    entries = [line("supervision", "group", "6"), line("practice", "other_mediation", "20")]
    result = assess_compliance(scheme, START, END, entries)
    assert outcome(result, "SUP-1").met
    assert not outcome(result, "SUP-2").met
    assert not outcome(result, "PRA-1").met


def test_one_unmet_requirement_fails_the_overall_verdict(scheme: CpdScheme) -> None:
    entries = exactly_enough()
    entries[0] = line("cpd", "send_law_policy_practice", "2.75")
    entries.append(line("cpd", "mediation_skills", "0.25"))
    result = assess_compliance(scheme, START, END, entries)
    assert outcome(result, "CPD-1").met
    assert outcome(result, "CPD-2").remaining == Decimal("0.25")
    assert not result.compliant


def test_bad_input_is_refused(scheme: CpdScheme) -> None:
    with pytest.raises(ValueError, match="ends"):
        assess_compliance(scheme, END, START, [])
    with pytest.raises(ValueError, match="hours"):
        line("cpd", "mediation_skills", "-1")
    with pytest.raises(ValueError, match="hours"):
        LogLine("cpd", "mediation_skills", MID, 1.5, "declared")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="review_status"):
        line("cpd", "mediation_skills", "1", status="approved")


CATEGORIES = [
    ("cpd", "send_law_policy_practice"),
    ("cpd", "self_directed_reading"),
    ("cpd", "mediation_skills"),
    ("supervision", "one_to_one"),
    ("supervision", "group"),
    ("practice", "send_mediation"),
]
log_lines = st.builds(
    lambda pair, days, quarters, status: LogLine(
        pair[0], pair[1], START + timedelta(days=days), Decimal(quarters) / 4, status
    ),
    st.sampled_from(CATEGORIES),
    st.integers(min_value=-30, max_value=395),
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["declared", "verified", "rejected"]),
)


@given(st.lists(log_lines, max_size=40))
def test_results_are_consistent_for_any_log(scheme: CpdScheme, entries: list[LogLine]) -> None:
    result = assess_compliance(scheme, START, END, entries)
    for requirement in result.requirements:
        assert requirement.remaining == max(requirement.required - requirement.counted, Decimal(0))
        assert requirement.met == (requirement.remaining == 0)
        assert Decimal(0) <= requirement.counted <= requirement.logged
    assert result.compliant == all(r.met for r in result.requirements)
    assert assess_compliance(scheme, START, END, reversed(entries)) == result
