"""The criteria check for each level, at and just below each threshold the training criteria set."""

from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain import standards
from registry.domain.errors import DomainError
from registry.domain.training import CheckedContent, shortfalls, submit_programme
from tests.training.conftest import SEND_SPECIALIST_CRITERIA, content


def check(level: str, **changes: object) -> list[str]:
    c = content(level, **changes)
    return [
        s.message
        for s in shortfalls(
            CheckedContent(
                level, c.total_hours, c.practical_hours, c.assessment_method, c.criteria_covered, c.log_hours
            )
        )
    ]


def level(code: str):  # type: ignore[no-untyped-def]
    return standards.training_criteria().level(code)


def test_thresholds_come_from_the_standards_file(app) -> None:
    assert level("foundation").minimum_hours == 40
    assert level("foundation").minimum_role_play_hours == 20
    assert level("foundation").observed_assessment_required is True
    assert level("send_specialist").minimum_hours == 12
    assert set(level("send_specialist").must_cover) == set(SEND_SPECIALIST_CRITERIA)
    assert "send_law_policy_practice" in level("cpd_course").log_categories


# foundation


def test_foundation_at_every_threshold_has_no_shortfall(app) -> None:
    assert check("foundation") == []


def test_foundation_just_below_total_hours(app) -> None:
    assert check("foundation", total_hours=Decimal("39.75")) == [
        "Foundation programmes need at least 40 hours in total; this one has 39.75"
    ]


def test_foundation_just_below_role_play_hours(app) -> None:
    assert check("foundation", practical_hours=Decimal("19.75")) == [
        "Foundation programmes need at least 20 hours of practical role-play; this one has 19.75"
    ]


def test_foundation_role_play_in_the_issue_example(app) -> None:
    assert "Foundation programmes need at least 20 hours of practical role-play; this one has 12" in check(
        "foundation", practical_hours=Decimal(12)
    )


def test_foundation_without_an_observed_assessment(app) -> None:
    assert check("foundation", assessment_method="written") == [
        "Foundation programmes need an observed assessment; this one is assessed by a written assessment"
    ]


def test_foundation_lists_every_shortfall_at_once(app) -> None:
    found = check(
        "foundation", total_hours=Decimal(30), practical_hours=Decimal(10), assessment_method="attendance_only"
    )
    assert len(found) == 3


# send_specialist


def test_send_specialist_at_every_threshold_has_no_shortfall(app) -> None:
    assert check("send_specialist") == []


def test_send_specialist_just_below_total_hours(app) -> None:
    assert check("send_specialist", total_hours=Decimal("11.75")) == [
        "SEND specialist programmes need at least 12 hours in total; this one has 11.75"
    ]


def test_send_specialist_needs_no_role_play_or_observed_assessment(app) -> None:
    assert check("send_specialist", practical_hours=Decimal(0), assessment_method="attendance_only") == []


def test_send_specialist_missing_one_listed_criterion(app) -> None:
    covered = tuple(code for code in SEND_SPECIALIST_CRITERIA if code != "MS-2.4")
    assert check("send_specialist", criteria_covered=covered) == [
        "SEND specialist programmes must cover 15 listed criteria of the mediator standards; "
        "this one does not cover MS-2.4 (Preparing for adulthood and young people's rights)"
    ]


def test_send_specialist_missing_several_names_each(app) -> None:
    covered = tuple(code for code in SEND_SPECIALIST_CRITERIA if code not in ("MS-1.1", "MS-8.1"))
    (message,) = check("send_specialist", criteria_covered=covered)
    assert "does not cover MS-1.1 (The legal framework for SEND in England) or MS-8.1" in message


# cpd_course


def test_cpd_course_with_one_category_has_no_shortfall(app) -> None:
    assert check("cpd_course") == []


def test_cpd_course_any_length_counts(app) -> None:
    assert check("cpd_course", total_hours=Decimal("0.25"), log_hours={"mediation_skills": Decimal("0.25")}) == []


def test_cpd_course_without_a_log_category(app) -> None:
    assert check("cpd_course", log_hours={}) == [
        "CPD courses must say which CPD log category they count towards; this one names none"
    ]


def test_cpd_course_in_a_category_the_criteria_do_not_list(app) -> None:
    assert check("cpd_course", log_hours={"self_directed_reading": Decimal(1)}) == [
        "CPD courses cannot be logged as Self-directed reading; choose from the listed categories"
    ]


def test_cpd_course_log_hours_at_and_above_its_length(app) -> None:
    split = {"send_law_policy_practice": Decimal(2), "mediation_skills": Decimal(1)}
    assert check("cpd_course", log_hours=split) == []
    over = {"send_law_policy_practice": Decimal(2), "mediation_skills": Decimal("1.25")}
    assert check("cpd_course", log_hours=over) == [
        "CPD courses can be logged for at most their own length (3 hours); this one allows 3.25"
    ]


# input, as opposed to shortfalls


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "Enter the programme's title"),
        ({"total_hours": Decimal(0)}, "more than 0"),
        ({"practical_hours": Decimal(41)}, "cannot be more than the total hours"),
        ({"delivery_mode": "carrier_pigeon"}, "Choose how the programme is delivered"),
        ({"criteria_covered": ("MS-99.9",)}, "not criteria of the mediator standards: MS-99.9"),
        ({"total_hours": "forty"}, "as a number of hours"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(world, db_session, changes, message) -> None:
    from sqlalchemy import func, select

    from registry.models import TrainingProgramme

    with pytest.raises(DomainError, match=message):
        submit_programme(world.provider, world.trainer, "foundation", content("foundation", **changes))
    assert db_session.scalar(select(func.count()).select_from(TrainingProgramme)) == 0


def test_submission_returns_the_shortfalls(world) -> None:
    submitted = submit_programme(
        world.provider, world.trainer, "foundation", content("foundation", practical_hours=Decimal(12))
    )
    assert submitted.programme.status == "submitted"
    assert [s.rule for s in submitted.shortfalls] == ["minimum_role_play_hours"]
