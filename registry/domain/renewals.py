"""Renewal requests: the mediator asks, the registrar decides beside the compliance summary.

A request is for the current period of a current (``accredited``) accreditation that ends at
its ``valid_until``. The rule engine's verdict is recorded with it; a request made while the log
is not compliant needs the mediator's explanation and shows as flagged.

Renewing goes through ``registry.domain.accreditation.operations.renew`` (the one place the
transition is written), passing the engine's verdict for the request's period measured again at
decision time, so entries rejected since the request count against it. Declining needs a note
for the mediator.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock, compliance, events, standards
from registry.domain.accreditation import operations
from registry.domain.errors import DomainError, NotFound
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, Mediator, RenewalRequest, User

EXPLANATION_NEEDED = (
    "Your log for this period does not meet every requirement yet. "
    "Explain why you are asking to renew now, or add the missing entries first."
)


def pending_request(accreditation: Accreditation) -> RenewalRequest | None:
    return db.session.scalars(
        select(RenewalRequest).where(
            RenewalRequest.accreditation_id == accreditation.id, RenewalRequest.status == "pending"
        )
    ).first()


def requests_of(mediator: Mediator) -> list[RenewalRequest]:
    return list(
        db.session.scalars(
            select(RenewalRequest)
            .join(Accreditation)
            .where(Accreditation.mediator_id == mediator.id)
            .order_by(RenewalRequest.requested_at.desc())
        )
    )


def renewable(mediator: Mediator) -> Accreditation | None:
    """The accreditation the mediator could ask to renew now, if any."""
    accreditation = compliance.current_accreditation(mediator.id)
    return accreditation if accreditation is not None and accreditation.status == "accredited" else None


def request_renewal(mediator: Mediator, actor: User | None, *, explanation: str = "") -> RenewalRequest:
    """Ask the accrediting body to renew; the verdict now is kept, and a non-compliant log needs an explanation."""
    accreditation = renewable(mediator)
    if accreditation is None:
        raise DomainError("You can only ask to renew an accreditation that is current.")
    if pending_request(accreditation) is not None:
        raise DomainError("You have already asked to renew this accreditation. Your accrediting body will decide.")
    today = clock.today()
    scheme = compliance.scheme_for(accreditation)
    period = compliance.current_period(accreditation, scheme, today)
    assert accreditation.valid_until is not None, "compliance.current_accreditation returns one with dates"
    if period.end != accreditation.valid_until:
        raise DomainError(
            f"Your accreditation already runs until {clock.long_date(accreditation.valid_until)}: "
            "ask to renew it during its last period."
        )
    assessment = compliance.assess(mediator.id, scheme, period, today)
    explanation = (explanation or "").strip()
    if not assessment.compliant and not explanation:
        raise DomainError(EXPLANATION_NEEDED)
    if len(explanation) > 5000:
        raise DomainError("The explanation must be 5000 characters or fewer.")
    request = RenewalRequest(
        accreditation=accreditation,
        requested_by_id=actor.id if actor else None,
        requested_at=clock.now(),
        period_start=period.start,
        period_end=period.end,
        scheme_version=scheme.version,
        compliant=assessment.compliant,
        explanation=explanation,
        status="pending",
        decision_note="",
    )
    db.session.add(request)
    db.session.flush()
    audit.record(
        actor,
        "renewal.requested",
        "accreditation",
        accreditation.id,
        request_id=request.id,
        compliant=request.compliant,
    )
    events.publish(events.RenewalRequested(request))
    return request


def pending_for_bodies(body_ids: Collection[int]) -> list[RenewalRequest]:
    """Requests waiting for these bodies: flagged (not compliant) first, then oldest first."""
    return list(
        db.session.scalars(
            select(RenewalRequest)
            .join(Accreditation)
            .where(RenewalRequest.status == "pending", Accreditation.body_id.in_(list(body_ids)))
            .options(joinedload(RenewalRequest.accreditation).joinedload(Accreditation.mediator))
            .order_by(RenewalRequest.compliant, RenewalRequest.requested_at, RenewalRequest.id)
        )
    )


def get_request(request_id: int) -> RenewalRequest:
    request = db.session.scalars(
        select(RenewalRequest)
        .where(RenewalRequest.id == request_id)
        .options(
            joinedload(RenewalRequest.accreditation).joinedload(Accreditation.mediator),
            joinedload(RenewalRequest.accreditation).joinedload(Accreditation.body),
        )
    ).first()
    if request is None:
        raise NotFound("There is no such renewal request.")
    return request


def assessment_for(request: RenewalRequest) -> compliance.PeriodAssessment:
    """The request's period measured now, by the scheme version it was judged by."""
    scheme = standards.cpd_scheme(request.scheme_version)
    period = compliance.Period(request.period_start, request.period_end)
    return compliance.assess(request.accreditation.mediator_id, scheme, period)


def _close(request: RenewalRequest, actor: User, status: str, note: str) -> None:
    request.status, request.decided_by_id, request.decided_at, request.decision_note = (
        status,
        actor.id,
        clock.now(),
        note,
    )
    db.session.flush()


def renew(
    request: RenewalRequest, actor: User, *, note: str = "", expected_version: int | None = None
) -> AccreditationEvent:
    """Renew the accreditation through the lifecycle operation, with the engine's verdict as its compliance hook."""
    accreditation = request.accreditation
    if request.status != "pending":
        raise DomainError("This renewal request has already been decided.")
    if accreditation.valid_until != request.period_end:
        raise DomainError("The accreditation's dates have changed since this request was made: decline it instead.")
    assessment = assessment_for(request)
    event: AccreditationEvent = operations.renew(
        accreditation,
        actor,
        compliant=assessment.compliant,
        compliance_note=compliance.summary(assessment),
        reason=(note or "").strip() or None,
        expected_version=expected_version,
    )
    _close(request, actor, "renewed", "")  # the note is the event's private reason, never shown to the mediator
    return event


def decline(request: RenewalRequest, actor: User, *, note: str) -> None:
    """Turn the request down with a note the mediator will see (the accreditation is unchanged)."""
    if request.status != "pending":
        raise DomainError("This renewal request has already been decided.")
    note = (note or "").strip()
    if not note:
        raise DomainError("Tell the mediator why their request is declined.")
    _close(request, actor, "declined", note)
    audit.record(actor, "renewal.declined", "accreditation", request.accreditation_id, request_id=request.id)
