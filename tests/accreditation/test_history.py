"""Status at a date, from the events: valid time, record time, lapses the job has not caught up with."""

from __future__ import annotations

from datetime import date

from registry.domain import accreditation as lifecycle
from registry.domain.accreditation.history import public_timeline
from tests.accreditation.conftest import DECLARATIONS, assess_all


def test_a_back_dated_suspension_changes_the_past_in_valid_time_but_not_as_known_then(world, frozen_clock):
    accreditation = lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)  # 4 March 2026
    assess_all(accreditation, world.registrar)
    lifecycle.accredit(accreditation, world.registrar)
    frozen_clock.advance(47)  # recorded on 20 April, effective a week earlier
    assert frozen_clock.today == date(2026, 4, 20)
    lifecycle.suspend(
        accreditation, world.registrar, reason="Complaint", public_note="Under review", effective_on=date(2026, 4, 13)
    )

    def status(on: date, as_known_on: date | None = None) -> str | None:
        return lifecycle.status_on(world.mediator, on, as_known_on).status

    # Valid time: the register now says the mediator was suspended from 13 April.
    assert status(date(2026, 4, 12)) == "accredited"
    assert status(date(2026, 4, 13)) == "suspended"
    assert status(date(2026, 4, 15)) == "suspended"
    # Record time: what the register said on 15 April about 15 April (it did not know yet) ...
    assert status(date(2026, 4, 15), as_known_on=date(2026, 4, 15)) == "accredited"
    assert status(date(2026, 4, 15), as_known_on=date(2026, 4, 19)) == "accredited"
    # ... and from the day it was recorded.
    assert status(date(2026, 4, 15), as_known_on=date(2026, 4, 20)) == "suspended"
    # Before the application there is no status at all; an application is not an accreditation.
    assert status(date(2026, 3, 3)) is None
    assert lifecycle.status_on(world.mediator, date(2026, 3, 3)).code == "not_accredited"
    assert lifecycle.status_on(world.mediator, date(2026, 4, 13)).state.since == date(2026, 4, 13)


def test_status_lapses_the_day_after_valid_until_even_before_the_daily_job_runs(
    world, frozen_clock, make_accreditation
):
    make_accreditation(world, "accredited")  # valid until 3 March 2027
    assert lifecycle.status_on(world.mediator, date(2027, 3, 3)).status == "accredited"
    after = lifecycle.status_on(world.mediator, date(2027, 3, 4))
    assert (after.status, after.state.since, after.code) == ("lapsed", date(2027, 3, 4), "lapsed")


def test_conditions_show_in_the_status_code(world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    lifecycle.change_conditions(accreditation, world.registrar, conditions="Supervision monthly")
    status = lifecycle.status_on(world.mediator, date.today())
    assert status.code == "accredited_with_conditions" and status.state.conditions == "Supervision monthly"


def test_accredited_by_either_body_counts_as_accredited(world, factories, frozen_clock, make_accreditation):
    first = make_accreditation(world, "accredited")
    other_body = factories.organisation(kind="accrediting_body")
    second = lifecycle.apply(world.mediator, other_body, world.mediator_user, DECLARATIONS)
    assess_all(second, world.registrar)
    lifecycle.accredit(second, world.registrar)
    lifecycle.suspend(first, world.registrar, reason="r", public_note="n")
    assert lifecycle.status_on(world.mediator, frozen_clock.today).status == "accredited"
    lifecycle.withdraw(second, world.registrar, reason="r")
    assert lifecycle.status_on(world.mediator, frozen_clock.today).status == "suspended"


def test_statuses_on_answers_for_many_mediators_at_once(world, factories, make_accreditation):
    make_accreditation(world, "suspended")
    nobody = factories.mediator()
    statuses = lifecycle.statuses_on([world.mediator.id, nobody.id], date.today())
    assert statuses[world.mediator.id].code == "suspended" and statuses[nobody.id].code == "not_accredited"


def test_public_timeline_has_public_events_only_and_never_the_reason(world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    lifecycle.suspend(accreditation, world.registrar, reason="PRIVATE-REASON", public_note="Paused for review")
    timeline = public_timeline(world.mediator)
    assert [event.kind for event in timeline] == ["suspended", "accredited"]  # not "applied"
    assert timeline[0].public_note == "Paused for review"
    assert not hasattr(timeline[0], "reason")
    assert "PRIVATE-REASON" not in repr(timeline)
