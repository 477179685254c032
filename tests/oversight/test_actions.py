"""Actions: set for an owner organisation, answered by it, and flagged overdue by the daily job
exactly once, with one notice to each of the owner's people."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from registry.domain.notifications import DeliveryReport, deliver_queued, queued_count
from registry.domain.oversight import actions, reviews
from registry.domain.oversight.errors import Refused
from registry.extensions import db
from registry.models import AuditEvent, Notification


@pytest.fixture
def review(oversight_user, body):
    plan = reviews.ReviewPlan(
        subject_kind="accrediting_body",
        review_type="thematic",
        title="Concern handling",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        organisation_id=body.id,
    )
    return reviews.plan_review(plan, oversight_user)


def _notices(kind: str) -> list[Notification]:
    """The owners' inbox notifications of an action set, or of an action overdue."""
    found = db.session.scalars(select(Notification).where(Notification.kind == "oversight_action"))
    return [n for n in found if ("overdue" in n.subject) == (kind == "action_overdue")]


def test_an_action_is_set_for_its_owner_who_is_told(frozen_clock, review, oversight_user, body, registrar) -> None:
    action = actions.add_action(review, body.id, "Publish a complaints procedure", frozen_clock.today, oversight_user)
    assert action.status == "open" and action.owner_id == body.id
    assert [n.recipient_id for n in _notices("action_set")] == [registrar.id]
    assert actions.actions_for_owners({body.id}) == [action]


def test_the_panel_is_told_when_an_owner_responds(frozen_clock, review, oversight_user, body, registrar) -> None:
    action = actions.add_action(review, body.id, "Publish a complaints procedure", frozen_clock.today, oversight_user)
    actions.respond(action, "Published on our website.", True, registrar)
    [told] = db.session.scalars(select(Notification).where(Notification.recipient_id == oversight_user.id)).all()
    assert (told.kind, told.link) == ("oversight_action", "/workspace/oversight/actions")
    assert told.subject == f"{body.name} has completed an oversight action"
    assert told.detail == "Published on our website." and "Published" not in told.body


@pytest.mark.parametrize(
    ("owner", "description", "due", "field"),
    [(None, "Do it", 1, "owner_id"), ("body", " ", 1, "description"), ("body", "Do it", -1, "due_on")],
)
def test_an_action_with_a_problem_is_refused(
    frozen_clock, review, oversight_user, body, owner, description, due, field
):
    with pytest.raises(Refused) as refusal:
        actions.add_action(
            review, body.id if owner else None, description, frozen_clock.today + timedelta(days=due), oversight_user
        )
    assert refusal.value.field == field


def test_the_owner_responds_and_marks_it_done(frozen_clock, review, oversight_user, body, registrar) -> None:
    action = actions.add_action(review, body.id, "Train two more assessors", frozen_clock.today, oversight_user)
    actions.respond(action, "One trained, one booked for May", False, registrar)
    assert action.status == "open" and action.responded_by_id == registrar.id
    actions.respond(action, "Both trained", True, registrar)
    assert action.status == "done" and action.completed_at is not None
    with pytest.raises(Refused, match="already done"):
        actions.respond(action, "Again", True, registrar)


def test_daily_flags_an_overdue_action_exactly_once_and_notifies_the_owner(
    frozen_clock, review, oversight_user, body, registrar, factories
) -> None:
    colleague = factories.person_with_role("registrar", body)
    due = frozen_clock.today + timedelta(days=3)
    late = actions.add_action(review, body.id, "Late one", due, oversight_user)
    on_time = actions.add_action(review, body.id, "Due later", due + timedelta(days=30), oversight_user)
    done = actions.add_action(review, body.id, "Done already", due, oversight_user)
    actions.respond(done, "Finished", True, registrar)

    frozen_clock.advance(3)
    assert actions.flag_overdue_actions() == []  # due today is not overdue yet

    frozen_clock.advance(1)
    assert actions.flag_overdue_actions() == [late]
    assert late.overdue_flagged_at is not None and on_time.overdue_flagged_at is None
    overdue = _notices("action_overdue")
    assert sorted(n.recipient_id for n in overdue) == sorted([registrar.id, colleague.id])
    assert all(n.link == f"/workspace/actions/{late.id}" and "Late one" in (n.detail or "") for n in overdue)
    assert all("Late one" not in n.body for n in overdue), "the email holds the link, not the action's words"

    frozen_clock.advance(1)
    assert actions.flag_overdue_actions() == []
    assert len(_notices("action_overdue")) == 2
    flagged = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "review_action.overdue")
    )
    assert flagged == 1


def test_the_daily_command_flags_overdue_actions(app, frozen_clock, review, oversight_user, body, registrar) -> None:
    actions.add_action(review, body.id, "Late one", frozen_clock.today, oversight_user)
    frozen_clock.advance(1)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["daily"])
    assert first.exit_code == 0, first.output
    assert "1 oversight action(s) newly overdue." in first.output
    second = runner.invoke(args=["daily"])
    assert "0 oversight action(s) newly overdue." in second.output
    assert len(_notices("action_overdue")) == 1


class FakeMailer:
    def __init__(self, fail_for: str = "") -> None:
        self.sent: list[tuple[str, str]] = []
        self.fail_for = fail_for

    def send(self, to: str, subject: str, body: str, headers: object = None) -> None:
        if to == self.fail_for:
            raise OSError("connection refused")
        self.sent.append((to, subject))


def test_queued_notices_are_sent_once_and_failures_stay_queued(frozen_clock, review, oversight_user, body, factories):
    first, second = factories.person_with_role("registrar", body), factories.person_with_role("registrar", body)
    actions.add_action(review, body.id, "Do it", frozen_clock.today, oversight_user)
    mailer = FakeMailer(fail_for=second.email)
    assert deliver_queued(mailer) == DeliveryReport(1, 1)
    assert mailer.sent == [(first.email, f"A new oversight action for {body.name}")]
    failed = db.session.scalars(select(Notification).where(Notification.recipient_id == second.id)).one()
    assert failed.sent_at is None and failed.attempts == 1 and "connection refused" in (failed.last_error or "")
    assert deliver_queued(FakeMailer()) == DeliveryReport(1, 0)
    assert queued_count() == 0
