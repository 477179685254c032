"""Actions: what an organisation must do, by when, after a review or a CPD audit.

Oversight sets an action with an owner organisation and a due date; anyone acting for the owner
responds and marks it done. The daily job flags each open action the first day it is found past
its due date, and notifies the owner's people then: ``overdue_flagged_at`` is set once, so a
second run the same day (or any later day) neither flags nor notifies it again.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock
from registry.domain.errors import NotFound
from registry.domain.oversight import notices
from registry.domain.oversight.errors import Refused, require_text
from registry.extensions import db
from registry.models import AuditSampleMember, Organisation, OversightReview, ReviewAction, User

MAX_TEXT = 5000
FOLLOW_UP_DAYS = 28


def _check_due(due_on: date | None, today: date) -> date:
    if due_on is None:
        raise Refused("due_on", "Enter the date the action is due")
    if due_on < today:
        raise Refused("due_on", "The due date must be today or in the future")
    return due_on


def add_action(
    review: OversightReview,
    owner_id: int | None,
    description: str,
    due_on: date | None,
    actor: User,
    today: date | None = None,
) -> ReviewAction:
    """An action from a review, owned by any organisation on the register."""
    owner = db.session.get(Organisation, owner_id) if owner_id else None
    if owner is None:
        raise Refused("owner_id", "Select the organisation that must act")
    action = ReviewAction(
        review=review,
        owner=owner,
        description=require_text(description, "description", "Describe what the organisation must do", MAX_TEXT),
        due_on=_check_due(due_on, today or clock.today()),
        status="open",
        created_by_id=actor.id,
    )
    return _set(action, actor, f"A new oversight action for {owner.name}", review=review.reference)


def _set(action: ReviewAction, actor: User | None, subject: str, **source: object) -> ReviewAction:
    """Save a new action, audit it with what it comes from (``source``: a review or an audit), and
    tell its owner (``subject``: the message's subject)."""
    db.session.add(action)
    db.session.flush()
    audit.record(
        actor, "review_action.set", "review_action", action.id, **source, owner_id=action.owner_id, due_on=action.due_on
    )
    _tell_owner(action, subject)
    return action


def _tell_owner(action: ReviewAction, subject: str) -> None:
    notices.to_organisation(
        action.owner_id,
        "action_set",
        subject,
        f"Due by {clock.long_date(action.due_on)}:\n\n{action.description}\n\n"
        f"Respond on the SEND Mediation Register: {notices.public_url('/workspace/actions')}",
        action_id=action.id,
    )


def add_audit_follow_up(member: AuditSampleMember, description: str, actor: User | None, today: date) -> ReviewAction:
    """The action a CPD audit outcome gives the mediator's accrediting body (one per sampled mediator)."""
    existing = db.session.scalars(select(ReviewAction).where(ReviewAction.audit_member_id == member.id)).first()
    if existing is not None:
        return existing
    action = ReviewAction(
        audit_member=member,
        owner_id=member.body_id,
        description=description,
        due_on=today + timedelta(days=FOLLOW_UP_DAYS),
        status="open",
        created_by_id=actor.id if actor else None,
    )
    return _set(action, actor, "A CPD audit result needs your action", audit_member_id=member.id)


def possible_owners() -> list[Organisation]:
    """Every organisation that can be given an action (all but the oversight body), by name."""
    query = select(Organisation).where(Organisation.kind != "oversight_body").order_by(Organisation.name)
    return list(db.session.scalars(query))


def action_by_id(action_id: int) -> ReviewAction:
    action = db.session.scalars(
        select(ReviewAction)
        .where(ReviewAction.id == action_id)
        .options(joinedload(ReviewAction.owner), joinedload(ReviewAction.review))
    ).first()
    if action is None:
        raise NotFound("There is no such action")
    return action


def respond(action: ReviewAction, response: str, done: bool, actor: User) -> ReviewAction:
    """The owner's response; ``done`` closes the action. A closed action takes no more responses."""
    if action.status == "done":
        raise Refused("response", "This action is already done")
    action.response = require_text(response, "response", "Say what your organisation has done or will do", MAX_TEXT)
    action.responded_at, action.responded_by_id = clock.now(), actor.id
    if done:
        action.status, action.completed_at = "done", action.responded_at
    db.session.flush()
    audit.record(actor, "review_action.responded", "review_action", action.id, status=action.status)
    notices.to_panel(
        f"{action.owner.name} has {'completed' if done else 'responded to'} an oversight action",
        action.response,
        "/workspace/oversight/actions",
    )
    return action


def flag_overdue_actions(today: date | None = None) -> list[ReviewAction]:
    """Flag and notify every open action past its due date that has not been flagged before."""
    today = today or clock.today()
    overdue = db.session.scalars(
        select(ReviewAction)
        .where(
            ReviewAction.status == "open",
            ReviewAction.due_on < today,
            ReviewAction.overdue_flagged_at.is_(None),
        )
        .options(joinedload(ReviewAction.review), joinedload(ReviewAction.owner))
        .order_by(ReviewAction.id)
    ).all()
    now = clock.now()
    for action in overdue:
        action.overdue_flagged_at = now
        audit.record(None, "review_action.overdue", "review_action", action.id, due_on=action.due_on)
        notices.to_organisation(
            action.owner_id,
            "action_overdue",
            f"An oversight action for {action.owner.name} is overdue",
            f"This action was due on {clock.long_date(action.due_on)} and is still open:\n\n{action.description}\n\n"
            f"Respond on the SEND Mediation Register: {notices.public_url('/workspace/actions')}",
            action_id=action.id,
        )
    db.session.flush()
    return list(overdue)


def _listing() -> Select[ReviewAction]:
    return select(ReviewAction).options(
        joinedload(ReviewAction.owner),
        joinedload(ReviewAction.review),
        joinedload(ReviewAction.audit_member).joinedload(AuditSampleMember.mediator),
    )


def actions_for_owners(owner_ids: set[int]) -> list[ReviewAction]:
    """An organisation's actions: open first, soonest due first."""
    query = _listing().where(ReviewAction.owner_id.in_(owner_ids))
    return list(db.session.scalars(query.order_by(ReviewAction.status.desc(), ReviewAction.due_on, ReviewAction.id)))


def all_actions(status: str | None = None) -> list[ReviewAction]:
    """Every action (oversight), open first, soonest due first."""
    query = _listing()
    if status:
        query = query.where(ReviewAction.status == status)
    return list(db.session.scalars(query.order_by(ReviewAction.status.desc(), ReviewAction.due_on, ReviewAction.id)))
