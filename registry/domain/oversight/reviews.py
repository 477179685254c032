"""Oversight reviews: plan one, record a finding per criterion, publish a plain-English summary.

A review is of an accrediting body, a training provider, a mediation provider or a mediator (see
``criteria``). Its ``organisation_id`` is the organisation that answers for it: the body or provider itself, or the
accrediting body that accredits the mediator on the day the review is planned. Until published,
a review is seen by oversight and that organisation only. Publishing needs a finding for every
criterion and a summary, and freezes the findings; actions can still be added afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from registry.domain import audit, clock
from registry.domain.accreditation.history import status_on
from registry.domain.errors import NotFound
from registry.domain.oversight.criteria import ReviewCriterion, criteria, current_criteria_for
from registry.domain.oversight.errors import Refused, clean, require_text
from registry.domain.paging import Page, paginate
from registry.domain.registration_numbers import InvalidRegistrationNumber, normalise
from registry.domain.sequences import next_value
from registry.extensions import db
from registry.models import Mediator, Organisation, OversightReview, ReviewFinding, User
from registry.models.oversight import FINDING_OUTCOMES, REVIEW_SUBJECTS, REVIEW_TYPES

MAX_SUMMARY = 5000
# What a review of an organisation calls it, in a refusal.
ORGANISATION_WORDS = {
    "accrediting_body": "accrediting body",
    "training_provider": "training provider",
    "mediation_provider": "mediation provider",
}


@dataclass(frozen=True)
class ReviewPlan:
    subject_kind: str
    review_type: str
    title: str
    period_start: date | None
    period_end: date | None
    organisation_id: int | None = None
    registration_number: str | None = None
    scope: str = ""


@dataclass(frozen=True)
class CriterionFinding:
    criterion: ReviewCriterion
    finding: ReviewFinding | None


def _subject(plan: ReviewPlan, today: date) -> tuple[Organisation, Mediator | None]:
    if plan.subject_kind == "mediator":
        try:
            number = normalise(plan.registration_number or "", "SM")
        except InvalidRegistrationNumber as error:
            raise Refused("registration_number", str(error)) from error
        mediator = db.session.scalars(select(Mediator).where(Mediator.registration_number == number)).first()
        state = status_on(mediator, today).state if mediator is not None else None
        if mediator is None or state is None:
            raise Refused("registration_number", f"There is no accredited or formerly accredited mediator {number}")
        return db.session.get_one(Organisation, state.body_id), mediator
    organisation = db.session.get(Organisation, plan.organisation_id) if plan.organisation_id else None
    if organisation is None or organisation.kind != plan.subject_kind:
        raise Refused("organisation_id", f"Select the {ORGANISATION_WORDS[plan.subject_kind]} to review")
    return organisation, None


def plan_review(plan: ReviewPlan, actor: User, today: date | None = None) -> OversightReview:
    """Create a review against the current criteria for its subject; raises Refused."""
    today = today or clock.today()
    if plan.subject_kind not in REVIEW_SUBJECTS:
        raise Refused("subject_kind", "Select what you are reviewing")
    if plan.review_type not in REVIEW_TYPES:
        raise Refused("review_type", "Select the type of review")
    title = require_text(plan.title, "title", "Enter a title for the review", limit=200)
    if plan.period_start is None or plan.period_end is None:
        raise Refused("period_start", "Enter the start and end of the period the review covers")
    if plan.period_end < plan.period_start:
        raise Refused("period_end", "The end of the period must be the same as or after its start")
    organisation, mediator = _subject(plan, today)
    family, version = current_criteria_for(plan.subject_kind)
    review = OversightReview(
        reference=f"OR-{next_value('oversight_reviews'):06d}",
        subject_kind=plan.subject_kind,
        organisation=organisation,
        mediator=mediator,
        review_type=plan.review_type,
        title=title,
        scope=clean(plan.scope),
        period_start=plan.period_start,
        period_end=plan.period_end,
        criteria_family=family,
        criteria_version=version,
        created_by_id=actor.id,
    )
    db.session.add(review)
    db.session.flush()
    audit.record(
        actor,
        "oversight_review.planned",
        "oversight_review",
        review.id,
        reference=review.reference,
        subject_kind=review.subject_kind,
        organisation_id=organisation.id,
        mediator_id=mediator.id if mediator else None,
        review_type=review.review_type,
        criteria=f"{family} {version}",
    )
    return review


def review_by_reference(reference: str) -> OversightReview:
    review = db.session.scalars(
        select(OversightReview)
        .where(OversightReview.reference == (reference or "").upper())
        .options(
            joinedload(OversightReview.organisation),
            joinedload(OversightReview.mediator),
            selectinload(OversightReview.findings),
            selectinload(OversightReview.actions),
        )
    ).first()
    if review is None:
        raise NotFound(f"There is no oversight review {reference}")
    return review


def review_criteria(review: OversightReview) -> list[ReviewCriterion]:
    return criteria(review.subject_kind, review.criteria_family, review.criteria_version)


def findings_by_criterion(review: OversightReview) -> list[CriterionFinding]:
    """Every criterion of the review in the standards' order, with its finding if recorded."""
    recorded = {f.criterion_code: f for f in review.findings}
    return [CriterionFinding(c, recorded.get(c.code)) for c in review_criteria(review)]


def record_finding(
    review: OversightReview, criterion_code: str, outcome: str, notes: str, actor: User
) -> ReviewFinding:
    """Record (or replace) the finding for one criterion of an unpublished review."""
    if review.is_published:
        raise Refused("outcome", "This review has been published, so its findings can no longer change")
    if criterion_code not in {c.code for c in review_criteria(review)}:
        raise NotFound(f"{criterion_code} is not one of the criteria of review {review.reference}")
    if outcome not in FINDING_OUTCOMES:
        raise Refused("outcome", "Select whether the criterion is met, partially met or not met")
    notes = clean(notes)
    if outcome != "met" and not notes:
        raise Refused("notes", "Explain what falls short, so the organisation knows what to put right")
    if len(notes) > MAX_SUMMARY:
        raise Refused("notes", f"Keep the notes to {MAX_SUMMARY:,} characters or fewer")
    finding = next((f for f in review.findings if f.criterion_code == criterion_code), None)
    if finding is None:
        finding = ReviewFinding(criterion_code=criterion_code)
        review.findings.append(finding)
    finding.outcome, finding.notes = outcome, notes
    finding.recorded_at, finding.recorded_by_id = clock.now(), actor.id
    db.session.flush()
    audit.record(
        actor,
        "oversight_review.finding_recorded",
        "oversight_review",
        review.id,
        criterion=criterion_code,
        outcome=outcome,
    )
    return finding


def publish_review(review: OversightReview, summary: str, actor: User) -> OversightReview:
    """Publish with a plain-English summary once every criterion has a finding."""
    if review.is_published:
        raise Refused("summary", "This review has already been published")
    missing = [item.criterion.code for item in findings_by_criterion(review) if item.finding is None]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise Refused("summary", f"Record a finding for every criterion before publishing. Still to record: {shown}")
    review.summary = require_text(summary, "summary", "Write a summary of the review in plain English", MAX_SUMMARY)
    review.published_at, review.published_by_id = clock.now(), actor.id
    db.session.flush()
    audit.record(actor, "oversight_review.published", "oversight_review", review.id, reference=review.reference)
    return review


def _listing() -> Select[OversightReview]:
    return select(OversightReview).options(
        joinedload(OversightReview.organisation), joinedload(OversightReview.mediator)
    )


def all_reviews(page: int = 1) -> Page[OversightReview]:
    """Every review, newest first (oversight)."""
    return paginate(_listing().order_by(OversightReview.created_at.desc(), OversightReview.id.desc()), page)


def published_reviews(page: int = 1) -> Page[OversightReview]:
    query = _listing().where(OversightReview.published_at.is_not(None))
    return paginate(query.order_by(OversightReview.published_at.desc(), OversightReview.id.desc()), page)


def reviews_of(organisation_ids: set[int]) -> list[OversightReview]:
    """Reviews an organisation answers for, published or not, newest first."""
    query = _listing().where(OversightReview.organisation_id.in_(organisation_ids))
    return list(db.session.scalars(query.order_by(OversightReview.created_at.desc(), OversightReview.id.desc())))


def review_subjects(kind: str) -> list[Organisation]:
    """Organisations a review of this kind may be about, by name."""
    query = select(Organisation).where(Organisation.kind == kind).order_by(Organisation.name)
    return list(db.session.scalars(query))
