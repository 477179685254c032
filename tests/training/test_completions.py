"""Completions: by registration number and date, one at a time or all-or-nothing from a CSV,
and a completed CPD course counted in the mediator's log and compliance figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from registry.domain import compliance, training
from registry.domain.registration_numbers import format_number
from registry.domain.training.queries import applicant_training, completed_training
from registry.extensions import db
from registry.models import AuditEvent, LogEntry, TrainingCompletion
from tests.training.conftest import content


def completion_count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(TrainingCompletion))


def mistyped(number: str) -> str:
    """The same number with a wrong check character."""
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


def test_one_completion_records_the_latest_version_by_then(world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme()
    frozen_clock.advance(10)
    completion = training.record_completion(programme, world.trainer, world.mediator.registration_number, "2026-03-10")
    assert (completion.mediator, completion.completed_on, completion.version.number) == (
        world.mediator,
        date(2026, 3, 10),
        1,
    )
    audit = db_session.scalars(select(AuditEvent).order_by(AuditEvent.sequence.desc()).limit(1)).one()
    assert audit.action == "training_programme.completion_recorded"
    assert audit.data["registration_number"] == world.mediator.registration_number


def test_completions_record_the_version_completed(world, make_programme, frozen_clock) -> None:
    programme = make_programme()
    frozen_clock.advance(10)
    training.submit_version(programme, world.trainer, content(title="Second edition"))
    frozen_clock.advance(1)
    number = world.mediator.registration_number
    assert training.record_completion(programme, world.trainer, number, "2026-03-15").version.number == 2
    assert training.record_completion(programme, world.trainer, number, "2026-03-12", version="1").version.number == 1
    with pytest.raises(training.CompletionsRefused, match="Version 2 was submitted on 14 March 2026, after that date"):
        training.record_completion(programme, world.trainer, number, "2026-03-13", version=2)
    with pytest.raises(training.CompletionsRefused, match="no version 7"):
        training.record_completion(programme, world.trainer, number, "2026-03-13", version=7)


def test_a_mistyped_number_is_reported_as_mistyped(world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme()
    wrong = mistyped(world.mediator.registration_number)
    with pytest.raises(training.CompletionsRefused) as refused:
        training.record_completion(programme, world.trainer, wrong, "2026-03-04")
    assert str(refused.value) == f"{wrong} looks mistyped — check the registration number."
    assert "not found" not in str(refused.value).lower() and "No mediator" not in str(refused.value)
    assert completion_count(db_session) == 0


def test_an_unknown_number_is_reported_as_not_found(world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme()
    unknown = format_number("SM", 123)
    with pytest.raises(training.CompletionsRefused) as refused:
        training.record_completion(programme, world.trainer, unknown.lower().replace("-", " "), "2026-03-04")
    assert str(refused.value) == f"No mediator has the registration number {unknown}."
    assert completion_count(db_session) == 0


@pytest.mark.parametrize(
    ("completed_on", "message"),
    [
        ("", "Enter the date"),
        ("31/02/2026", "is not a date"),
        ("2026-03-05", "cannot be in the future"),
        ("2026-03-03", "was not accredited on 3 March 2026"),
    ],
)
def test_dates_are_checked(world, make_programme, db_session, frozen_clock, completed_on, message) -> None:
    programme = make_programme()
    with pytest.raises(training.CompletionsRefused, match=message):
        training.record_completion(programme, world.trainer, world.mediator.registration_number, completed_on)
    assert completion_count(db_session) == 0


def test_only_while_accredited(world, make_programme, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    with pytest.raises(training.CompletionsRefused, match="was not accredited on 4 March 2026"):
        training.record_completion(programme, world.trainer, world.mediator.registration_number, "2026-03-04")


def test_the_same_completion_twice_is_refused(world, make_programme, frozen_clock) -> None:
    programme = make_programme()
    number = world.mediator.registration_number
    training.record_completion(programme, world.trainer, number, "4/3/2026")
    with pytest.raises(training.CompletionsRefused, match="already has a completion of this programme on 4 March 2026"):
        training.record_completion(programme, world.trainer, number, "2026-03-04")


def csv_for(*rows: str, heading: str = "Registration number,Completed on") -> str:
    return "\n".join((heading, *rows)) + "\n"


def test_a_csv_records_every_row(world, make_programme, factories, db_session, frozen_clock) -> None:
    programme = make_programme()
    frozen_clock.advance(5)
    others = [factories.mediator() for _ in range(3)]
    text = csv_for(
        *(f"{m.registration_number},2026-03-0{i + 5}" for i, m in enumerate(others)),
        heading="\ufeffRegistration number,Completed on,Version",
    )
    recorded = training.record_completions(programme, world.trainer, training.parse_csv(text))
    assert [c.mediator for c in recorded] == others
    assert completion_count(db_session) == 3


def test_a_csv_with_one_bad_row_records_nothing_and_names_the_row(
    world, make_programme, factories, db_session, frozen_clock
) -> None:
    programme = make_programme()
    good = [factories.mediator() for _ in range(3)]
    wrong = mistyped(good[1].registration_number)
    text = csv_for(
        f"{good[0].registration_number},2026-03-04",
        f"{wrong},2026-03-04",
        "",  # a blank line keeps the row numbers people see in their spreadsheet
        f"{good[2].registration_number},2026-03-04",
    )
    with pytest.raises(training.CompletionsRefused) as refused:
        training.record_completions(programme, world.trainer, training.parse_csv(text))
    expected = f"Row 3: {wrong} looks mistyped — check the registration number."
    assert [str(p) for p in refused.value.problems] == [expected]
    assert completion_count(db_session) == 0


def test_a_csv_names_every_bad_row(world, make_programme, factories, db_session, frozen_clock) -> None:
    programme = make_programme()
    mediator = factories.mediator()
    unknown = format_number("SM", 7)
    text = csv_for(
        f"{mediator.registration_number},2026-03-04",
        f"{unknown},2026-03-04",
        f"{mediator.registration_number},2026-03-04",
        f"{mediator.registration_number},yesterday",
    )
    with pytest.raises(training.CompletionsRefused) as refused:
        training.record_completions(programme, world.trainer, training.parse_csv(text))
    assert [p.row for p in refused.value.problems] == [3, 4, 5]
    assert "No mediator has the registration number" in refused.value.problems[0].message
    assert "also in row 2" in refused.value.problems[1].message
    assert completion_count(db_session) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("name,date\nA,2026-03-04\n", "The first row must be headings"),
        ("Registration number,Completed on\n", "no completions to record"),
    ],
)
def test_files_that_are_not_completions(world, make_programme, frozen_clock, text, message) -> None:
    programme = make_programme()
    with pytest.raises(training.CompletionsRefused, match=message):
        training.record_completions(programme, world.trainer, training.parse_csv(text))


def test_a_cpd_course_completion_is_a_verified_log_entry_that_counts_for_compliance(
    world, make_programme, factories, frozen_clock
) -> None:
    factories.accreditation(world.mediator, valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31))
    before = compliance.overview(world.mediator).current.result.requirement("CPD-2")
    programme = make_programme(
        "cpd_course",
        total_hours=Decimal(4),
        log_hours={"send_law_policy_practice": Decimal(3), "mediation_skills": Decimal(1)},
    )
    completion = training.record_completion(programme, world.trainer, world.mediator.registration_number, "2026-03-04")
    logged = db.session.scalars(select(LogEntry).where(LogEntry.mediator_id == world.mediator.id)).all()
    assert sorted((e.category, e.hours, e.review_status, e.kind) for e in logged) == [
        ("mediation_skills", Decimal(1), "verified", "cpd"),
        ("send_law_policy_practice", Decimal(3), "verified", "cpd"),
    ]
    assert completion.log_entry_id in {e.id for e in logged}
    after = compliance.overview(world.mediator).current.result
    assert after.requirement("CPD-2").counted == before.counted + 3
    assert after.requirement("CPD-1").counted == 4


def test_other_levels_make_no_log_entries(world, make_programme, frozen_clock) -> None:
    programme = make_programme("send_specialist")
    completion = training.record_completion(programme, world.trainer, world.mediator.registration_number, "2026-03-04")
    assert completion.log_entry_id is None
    assert db.session.scalar(select(func.count()).select_from(LogEntry)) == 0


def test_completed_training_for_the_profile_and_the_registrar(world, make_programme, frozen_clock) -> None:
    foundation = make_programme("foundation")
    cpd = make_programme("cpd_course")
    number = world.mediator.registration_number
    training.record_completion(foundation, world.trainer, number, "2026-03-04")
    training.record_completion(cpd, world.trainer, number, "2026-03-04")
    assert {c.reference for c in completed_training(world.mediator.id)} == {foundation.reference, cpd.reference}
    (shown,) = applicant_training(world.mediator.id)
    assert (shown.reference, shown.version, shown.completed_on.year, shown.programme_status) == (
        foundation.reference,
        1,
        2026,
        "accredited",
    )


def test_the_partials_for_the_profile_and_the_application(app, world, make_programme, frozen_clock) -> None:
    from flask import render_template_string

    foundation = make_programme("foundation", title="Foundation in SEND mediation")
    cpd = make_programme("cpd_course", title="Adulthood update")
    number = world.mediator.registration_number
    training.record_completion(foundation, world.trainer, number, "2026-03-04")
    training.record_completion(cpd, world.trainer, number, "2026-03-04")
    with app.test_request_context("/"):
        profile = render_template_string('{% include "training/_completed-training.html" %}', mediator=world.mediator)
        application = render_template_string(
            '{% include "programme_decisions/_applicant-training.html" %}', mediator=world.mediator
        )
    assert "Foundation in SEND mediation</a>, version 1, 2026" in profile and "Adulthood update" in profile
    assert f"/training/{foundation.reference}" in profile
    assert "Foundation in SEND mediation" in application and "Adulthood update" not in application
    assert "4 March 2026" in application


def test_a_mediator_without_training_shows_nothing_on_the_profile(app, factories) -> None:
    from flask import render_template_string

    with app.test_request_context("/"):
        html = render_template_string(
            '{% include "training/_completed-training.html" %}', mediator=factories.mediator()
        )
    assert html.strip() == ""


def test_a_csv_cell_with_a_control_character_names_its_row_and_column(world, factories) -> None:
    mediator = factories.mediator()
    text = csv_for(f"{mediator.registration_number},2026-03-04", f"{mediator.registration_number}\x00,2026-03-05")
    with pytest.raises(training.CompletionsRefused) as refused:
        training.parse_csv(text)
    assert [p.row for p in refused.value.problems] == [3]
    assert "Remove the control character" in refused.value.problems[0].message
    assert "\x00" not in refused.value.problems[0].message
