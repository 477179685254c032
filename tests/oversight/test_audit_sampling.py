"""CPD audit samples: only eligible mediators, size rounded up from the percentage, reproducible by
seed; each sampled mediator is asked for evidence; an unsatisfactory outcome becomes an action for
their body."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from registry.domain.oversight import actions, audit_sampling
from registry.domain.oversight.errors import Refused
from registry.extensions import db
from registry.models import AuditSample, Notification
from tests.oversight.conftest import full_log


@pytest.fixture
def established(frozen_clock, body, accredited):
    """``established(n)``: n mediators accredited for two years with ``body``."""

    def make(count: int, **options):
        since = frozen_clock.today - timedelta(days=730)
        return [accredited(body, since=since, with_user=False, **options) for _ in range(count)]

    return make


def test_only_mediators_accredited_for_at_least_a_year_and_current_are_eligible(
    frozen_clock, body, accredited, factories
) -> None:
    today = frozen_clock.today
    exactly_a_year = accredited(body, since=today - timedelta(days=365))
    a_day_short = accredited(body, since=today - timedelta(days=364))
    suspended = accredited(body, since=today - timedelta(days=800), status="suspended")
    ran_out = accredited(body, since=today - timedelta(days=800), until=today - timedelta(days=1))
    withdrawn = accredited(body, since=today - timedelta(days=800), status="withdrawn")
    # Accredited long ago with another body (since run out), and again recently: first accredited
    # more than a year ago, so eligible.
    returning = accredited(body, since=today - timedelta(days=30))
    factories.accreditation(returning, valid_from=today - timedelta(days=900), valid_until=today - timedelta(days=536))
    db.session.flush()
    eligible = audit_sampling.eligible_mediators(today)
    assert exactly_a_year.id in eligible and returning.id in eligible
    for mediator in (a_day_short, suspended, ran_out, withdrawn):
        assert mediator.id not in eligible
    assert eligible[exactly_a_year.id] == body.id


@pytest.mark.parametrize(
    ("percentage", "eligible", "size"),
    [("5", 41, 3), ("5", 40, 2), ("5", 1, 1), ("5", 20, 1), ("12.5", 8, 1), ("100", 7, 7), ("0.01", 3, 1)],
)
def test_the_size_rounds_up_from_the_percentage(percentage, eligible, size) -> None:
    assert audit_sampling.sample_size(Decimal(percentage), eligible) == size


def test_the_same_seed_draws_the_same_sample_from_the_sorted_eligible_ids() -> None:
    ids = [88, 3, 41, 17, 5, 23, 64, 12, 90, 31, 7, 55]
    first = audit_sampling.choose(ids, Decimal(25), seed=42)
    assert first == audit_sampling.choose(list(reversed(ids)), Decimal(25), seed=42)
    assert first == random.Random(42).sample(sorted(ids), 3)
    assert audit_sampling.choose(ids, Decimal(25), seed=43) != first or len(set(ids)) < 4


def test_drawing_stores_the_sample_asks_each_mediator_and_is_reproducible(
    frozen_clock, oversight_user, established, body, accredited
) -> None:
    eligible = established(21)
    asked = accredited(body, since=frozen_clock.today - timedelta(days=500))  # signs in, so gets a notice
    too_new = accredited(body, since=frozen_clock.today - timedelta(days=10))
    sample = audit_sampling.draw_sample(Decimal(10), 42, oversight_user)
    again = audit_sampling.draw_sample(Decimal(10), 42, oversight_user)
    drawn = [m.mediator_id for m in sample.members]
    assert sample.eligible_count == 22 and sample.size == 3 == len(drawn)
    assert drawn == [m.mediator_id for m in again.members]
    assert drawn == random.Random(42).sample(sorted([m.id for m in eligible] + [asked.id]), 3)
    assert too_new.id not in drawn
    assert (sample.period_start, sample.period_end) == (
        frozen_clock.today.replace(year=2025) + timedelta(days=1),
        frozen_clock.today,
    )
    notices = db.session.scalars(select(Notification).where(Notification.kind == "cpd_audit")).all()
    assert all(n.recipient_id == asked.user_id for n in notices)
    assert all(n.subject == "You have been selected for a CPD audit" for n in notices)
    assert all(n.link == "/workspace/mediator/log" for n in notices)


def test_nobody_eligible_is_refused(frozen_clock, oversight_user) -> None:
    with pytest.raises(Refused, match="nobody to audit"):
        audit_sampling.draw_sample(Decimal(5), 1, oversight_user)
    assert db.session.scalars(select(AuditSample)).all() == []


@pytest.mark.parametrize(("value", "field"), [("0", "percentage"), ("101", "percentage"), ("five", "percentage")])
def test_a_bad_percentage_is_refused(value, field) -> None:
    with pytest.raises(Refused) as refusal:
        audit_sampling.parse_percentage(value)
    assert refusal.value.field == field


def test_a_blank_percentage_means_five_and_a_blank_seed_is_chosen_for_you() -> None:
    assert audit_sampling.parse_percentage("") == Decimal(5)
    assert isinstance(audit_sampling.parse_seed(""), int)
    with pytest.raises(Refused):
        audit_sampling.parse_seed("-1")


def test_an_unsatisfactory_outcome_becomes_an_action_for_the_body(
    frozen_clock, oversight_user, body, registrar, accredited
) -> None:
    accredited(body, since=frozen_clock.today - timedelta(days=500))
    member = audit_sampling.draw_sample(Decimal(100), 7, oversight_user).members[0]
    with pytest.raises(Refused) as refusal:
        audit_sampling.record_outcome(member, "unsatisfactory", "", oversight_user)
    assert refusal.value.field == "note"
    audit_sampling.record_outcome(member, "unsatisfactory", "No supervision logged at all", oversight_user)
    [action] = actions.actions_for_owners({body.id})
    assert action.audit_member_id == member.id and "No supervision logged at all" in action.description
    assert action.due_on == frozen_clock.today + timedelta(days=28)
    with pytest.raises(Refused, match="already been recorded"):
        audit_sampling.record_outcome(member, "satisfactory", "", oversight_user)


def test_further_information_asks_the_mediator_and_allows_a_final_outcome_later(
    frozen_clock, oversight_user, body, accredited
) -> None:
    mediator = accredited(body, since=frozen_clock.today - timedelta(days=500))
    member = audit_sampling.draw_sample(Decimal(100), 7, oversight_user).members[0]
    audit_sampling.record_outcome(member, "further_information", "Evidence missing for two courses", oversight_user)
    asked = db.session.scalars(
        select(Notification).where(Notification.kind == "cpd_audit", Notification.subject.contains("more information"))
    ).one()
    assert asked.recipient_id == mediator.user_id and "two courses" in (asked.detail or "")
    assert "two courses" not in asked.body, "the email holds the link, not the panel's note"
    assert actions.actions_for_owners({body.id}) == []
    full_log(mediator, member.sample.period_end)
    audit_sampling.record_outcome(member, "satisfactory", "", oversight_user)
    assert member.outcome == "satisfactory"


def test_a_log_that_does_not_meet_the_rule_cannot_be_satisfactory(
    frozen_clock, oversight_user, body, accredited
) -> None:
    mediator = accredited(body, since=frozen_clock.today - timedelta(days=500))
    member = audit_sampling.draw_sample(Decimal(100), 7, oversight_user).members[0]
    with pytest.raises(Refused) as empty:  # a log of 0 hours
        audit_sampling.record_outcome(member, "satisfactory", "", oversight_user)
    assert empty.value.field == "outcome"
    assert "At least 10 hours of continuing professional development: 0 of 10 hours (10 hours short)" in str(
        empty.value
    )
    assert member.outcome is None
    full_log(mediator, member.sample.period_end, cpd_hours=7)
    with pytest.raises(Refused) as short:
        audit_sampling.record_outcome(member, "satisfactory", "", oversight_user)
    message = str(short.value)
    assert "7 of 10 hours (3 hours short)" in message and "supervision" not in message
    full_log(mediator, member.sample.period_start - timedelta(days=1))  # before the period: does not count
    with pytest.raises(Refused):
        audit_sampling.record_outcome(member, "satisfactory", "", oversight_user)
    full_log(mediator, member.sample.period_start, cpd_hours=3)
    audit_sampling.record_outcome(member, "satisfactory", "", oversight_user)
    assert member.outcome == "satisfactory"


def test_the_command_draws_a_sample(app, frozen_clock, established) -> None:
    established(3)
    result = app.test_cli_runner().invoke(args=["audit-sample", "--percentage", "50", "--seed", "42"])
    assert result.exit_code == 0, result.output
    assert "2 of 3 eligible mediators" in result.output and "seed 42" in result.output
    sample = db.session.scalars(select(AuditSample)).one()
    assert (sample.seed, sample.size, sample.percentage) == (42, 2, Decimal(50))
