"""A year of professional log entries for the demo mediator (mediator@demo.test).

Deterministic (a fixed list, dated back from today) and idempotent: nothing is written when the
demo mediator's log already has entries. Older entries are verified by a registrar of the body
that accredits the demo mediator; the most recent wait for review, and one reading entry has been
rejected with a note, so every state of the log shows in the workspace. Each earlier period of the
demo mediator's accreditation (one that ended in a renewal) gets the year of verified entries that
earned it, so its compliance page never shows a renewed period as not compliant.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from registry.domain import compliance
from registry.extensions import db
from registry.models import Accreditation, LocalAuthority, LogEntry, Mediator, RoleAssignment, User
from registry.models.base import utcnow

# days ago, kind, category, hours, title, provider, review status
ENTRIES: tuple[tuple[int, str, str, str, str, str, str], ...] = (
    (15, "cpd", "send_law_policy_practice", "2", "SEND Tribunal case law update", "Council for Disabled Children",
     "declared"),
    (120, "cpd", "send_law_policy_practice", "3", "EHC plans: what good looks like", "IPSEA", "verified"),
    (250, "cpd", "send_law_policy_practice", "2.5", "SEND Code of Practice refresher", "SEND Law Network", "verified"),
    (40, "cpd", "mediation_skills", "6", "Advanced mediation skills workshop", "Civil Mediation Council", "verified"),
    (75, "cpd", "children_young_people_participation", "2", "Hearing the voice of the young person",
     "Young People's Voice", "verified"),
    (190, "cpd", "equality_accessibility", "1.5", "Reasonable adjustments in mediation", "Access Matters", "verified"),
    (300, "cpd", "safeguarding_data_protection", "1.5", "Safeguarding refresher", "Local Safeguarding Partnership",
     "verified"),
    (210, "cpd", "health_social_care", "2", "Health provision in EHC plans", "NHS England learning hub", "verified"),
    (60, "cpd", "self_directed_reading", "2", "Reading: the SEND and alternative provision improvement plan", "",
     "declared"),
    (160, "cpd", "self_directed_reading", "2", "Reading: tribunal decisions", "", "rejected"),
    (20, "supervision", "one_to_one", "1.5", "Supervision with my practice supervisor", "", "declared"),
    (80, "supervision", "one_to_one", "1.5", "Supervision with my practice supervisor", "", "verified"),
    (140, "supervision", "group", "2", "Peer supervision group", "Northern Mediators Group", "verified"),
    (200, "supervision", "one_to_one", "1", "Supervision with my practice supervisor", "", "verified"),
    (270, "supervision", "group", "2", "Peer supervision group", "Northern Mediators Group", "verified"),
    (330, "supervision", "one_to_one", "1.5", "Supervision with my practice supervisor", "", "verified"),
)  # fmt: skip

# days ago, hours, issue type, format, outcome band, review status
PRACTICE: tuple[tuple[int, str, str, str, str, str], ...] = (
    (10, "4", "refusal_to_assess", "video", "partial_agreement", "declared"),
    (35, "3.5", "plan_contents", "in_person", "full_agreement", "verified"),
    (95, "5", "placement", "video", "no_agreement", "verified"),
    (130, "3", "health_social_care", "phone", "full_agreement", "verified"),
    (175, "4.5", "refusal_to_issue", "in_person", "partial_agreement", "verified"),
    (230, "3", "review_amendments", "video", "full_agreement", "verified"),
    (290, "2.5", "ceasing_plan", "video", "not_concluded", "verified"),
    (340, "4", "placement", "in_person", "partial_agreement", "verified"),
)
PRACTICE_TITLES = {
    "refusal_to_assess": "Mediation about a refusal to assess",
    "refusal_to_issue": "Mediation about a refusal to issue a plan",
    "plan_contents": "Mediation about the provision in a plan",
    "placement": "Mediation about the school named in a plan",
    "health_social_care": "Mediation about health provision",
    "review_amendments": "Mediation after an annual review",
    "ceasing_plan": "Mediation about ceasing a plan",
}
REFLECTION = "What I took from it and how it will change my practice (demo text)."
REJECTION_NOTE = "Please say which decisions you read: reading counts when it is specific."


def _reviewer(mediator: Mediator) -> User | None:
    bodies = select(Accreditation.body_id).where(Accreditation.mediator_id == mediator.id)
    return db.session.scalars(
        select(User)
        .join(RoleAssignment)
        .where(RoleAssignment.role == "registrar", RoleAssignment.organisation_id.in_(bodies))
        .order_by(User.id)
    ).first()


def _areas(mediator: Mediator) -> list[LocalAuthority]:
    areas = sorted(mediator.areas, key=lambda la: la.name)
    return areas or list(db.session.scalars(select(LocalAuthority).order_by(LocalAuthority.name).limit(3)))


def _entry(mediator: Mediator, today: date, days_ago: int, status: str, reviewer: User | None, **fields) -> LogEntry:
    reviewer_id = reviewer.id if reviewer is not None and status != "declared" else None
    reviewed = reviewer_id is not None
    return LogEntry(
        mediator_id=mediator.id,
        occurred_on=today - timedelta(days=days_ago),
        review_status=status if reviewed else "declared",
        review_note=REJECTION_NOTE if reviewed and status == "rejected" else "",
        reviewed_by_id=reviewer_id,
        reviewed_at=utcnow() if reviewed else None,
        annotation="",
        **fields,
    )


def write_demo_log(user: User) -> int:
    """Give the mediator linked to ``user`` a year of log entries, unless their log has some; how many were added."""
    mediator = db.session.scalars(select(Mediator).where(Mediator.user_id == user.id)).first()
    if mediator is None:
        return 0
    if db.session.scalar(select(func.count()).select_from(LogEntry).where(LogEntry.mediator_id == mediator.id)):
        return 0
    today, reviewer, areas = utcnow().date(), _reviewer(mediator), _areas(mediator)
    entries = [
        _entry(mediator, today, days, status, reviewer, kind=kind, category=category,
               quarter_hours=int(Decimal(hours) * 4), title=title, provider=provider,
               reflection=REFLECTION)
        for days, kind, category, hours, title, provider, status in ENTRIES
    ]  # fmt: skip
    entries += [
        _entry(mediator, today, days, status, reviewer, kind="practice", category="send_mediation",
               quarter_hours=int(Decimal(hours) * 4), title=PRACTICE_TITLES[issue], provider="",
               reflection="", local_authority_id=areas[index % len(areas)].id, issue_type=issue,
               format=meeting, outcome_band=outcome)
        for index, (days, hours, issue, meeting, outcome, status) in enumerate(PRACTICE)
    ]  # fmt: skip
    for period in _renewed_periods(mediator, today):
        entries += _verified_year(mediator, period, reviewer, areas)
    db.session.add_all(entries)
    db.session.flush()
    return len(entries)


def _renewed_periods(mediator: Mediator, today: date) -> list[compliance.Period]:
    """The periods of the mediator's current accreditation that ended before the current one began: each
    ended in a renewal (the accreditation is still current)."""
    accreditation = compliance.current_accreditation(mediator.id)
    if accreditation is None:
        return []
    scheme = compliance.scheme_for(accreditation)
    current = compliance.current_period(accreditation, scheme, today)
    return [p for p in compliance.periods_of(accreditation, scheme, today) if p.end < current.start]


def _verified_year(
    mediator: Mediator, period: compliance.Period, reviewer: User | None, areas: list[LocalAuthority]
) -> list[LogEntry]:
    """The demo year again, dated back from the period's last day (never before its first), all verified."""

    def day(days_ago: int) -> int:
        return min(days_ago, (period.end - period.start).days)

    entries = [
        _entry(mediator, period.end, day(days), "verified", reviewer, kind=kind, category=category,
               quarter_hours=int(Decimal(hours) * 4), title=title, provider=provider, reflection=REFLECTION)
        for days, kind, category, hours, title, provider, status in ENTRIES
        if status != "rejected"
    ]  # fmt: skip
    entries += [
        _entry(mediator, period.end, day(days), "verified", reviewer, kind="practice", category="send_mediation",
               quarter_hours=int(Decimal(hours) * 4), title=PRACTICE_TITLES[issue], provider="", reflection="",
               local_authority_id=areas[index % len(areas)].id, issue_type=issue, format=meeting,
               outcome_band=outcome)
        for index, (days, hours, issue, meeting, outcome, _status) in enumerate(PRACTICE)
    ]  # fmt: skip
    return entries
