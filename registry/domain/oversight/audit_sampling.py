"""CPD audit samples: a reproducible random sample of established mediators, and the outcome for each.

Eligible on the draw date D: a mediator who is currently accredited (an accreditation with
status ``accredited``, with or without conditions, whose ``valid_until`` is D or later) and was
first accredited at least 365 days before D (the earliest effective date of any event that made
one of their accreditations ``accredited`` is on or before D − 365 days). Suspended, lapsed and
withdrawn mediators, and anyone accredited for less than a year, are never drawn.

The draw: the eligible mediator ids sorted ascending, then ``random.Random(seed).sample(ids, k)``
with k = ceil(percentage × eligible ÷ 100) (5% of 41 is 3). The same seed over the same eligible
list always gives the same sample; the seed is stored with the sample. Each sampled mediator is
asked for their log and evidence for the 12 months ending on D. An ``unsatisfactory`` outcome
becomes an action for the mediator's accrediting body (shown in its registrar workspace); a
``further_information`` outcome asks the mediator for more and may be followed by a final one.
A ``satisfactory`` outcome is refused while the log for the period does not meet the CPD scheme
(the same rule engine as the mediator's own compliance page), naming each requirement short.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock, standards
from registry.domain.errors import NotFound
from registry.domain.oversight import actions, notices
from registry.domain.oversight.errors import Refused, clean
from registry.domain.paging import Page, paginate
from registry.extensions import db
from registry.models import (
    Accreditation,
    AccreditationEvent,
    AuditSample,
    AuditSampleMember,
    LogEntry,
    Mediator,
    User,
)
from registry.models.oversight import AUDIT_OUTCOMES
from registry.standards import ComplianceResult, LogLine, assess_compliance

ESTABLISHED_DAYS = 365
DEFAULT_PERCENTAGE = Decimal(5)
MAX_SEED = 2**63 - 1
FINAL_OUTCOMES = ("satisfactory", "unsatisfactory")


def _current_accreditations(on: date) -> Select[int, int]:
    return select(Accreditation.mediator_id, Accreditation.body_id).where(
        Accreditation.status == "accredited",
        or_(Accreditation.valid_until.is_(None), Accreditation.valid_until >= on),
    )


def eligible_mediators(on: date) -> dict[int, int]:
    """Eligible mediator id → the accrediting body that answers for them (lowest body id if several)."""
    current = _current_accreditations(on).subquery()
    first_accredited = (
        select(Accreditation.mediator_id)
        .join(AccreditationEvent, AccreditationEvent.accreditation_id == Accreditation.id)
        .where(AccreditationEvent.to_status == "accredited")
        .group_by(Accreditation.mediator_id)
        .having(func.min(AccreditationEvent.effective_on) <= on - timedelta(days=ESTABLISHED_DAYS))
    )
    rows = db.session.execute(
        select(current.c.mediator_id, func.min(current.c.body_id))
        .where(current.c.mediator_id.in_(first_accredited))
        .group_by(current.c.mediator_id)
    )
    return {mediator_id: body_id for mediator_id, body_id in rows}


def sample_size(percentage: Decimal, eligible: int) -> int:
    """ceil(percentage × eligible ÷ 100), in exact decimal arithmetic."""
    return int((percentage * eligible / 100).to_integral_value(rounding=ROUND_CEILING))


def choose(eligible_ids: list[int], percentage: Decimal, seed: int) -> list[int]:
    """The sample, in the order drawn: the same ids, percentage and seed always give the same list."""
    ids = sorted(eligible_ids)
    return random.Random(seed).sample(ids, sample_size(percentage, len(ids)))


def parse_percentage(value: object) -> Decimal:
    try:
        percentage = Decimal(str(value if value not in (None, "") else DEFAULT_PERCENTAGE).strip().rstrip("%"))
    except InvalidOperation as error:
        raise Refused("percentage", "Enter the percentage as a number, like 5") from error
    if not percentage.is_finite() or not 0 < percentage <= 100:
        raise Refused("percentage", "The percentage must be more than 0 and no more than 100")
    if percentage != percentage.quantize(Decimal("0.01")):
        raise Refused("percentage", "Give the percentage to no more than 2 decimal places")
    return percentage


def parse_seed(value: object) -> int:
    """A seed chosen by the person, or a new random one when left blank (stored either way)."""
    if value in (None, ""):
        return secrets.randbelow(2**31)
    try:
        seed = int(str(value).strip())
    except ValueError as error:
        raise Refused("seed", "Enter the seed as a whole number, like 42, or leave it blank") from error
    if not 0 <= seed <= MAX_SEED:
        raise Refused("seed", "The seed must be a whole number of 0 or more")
    return seed


def period_ending(on: date) -> tuple[date, date]:
    """The 12 months ending on ``on``: from the day after the same date a year earlier."""
    try:
        year_before = on.replace(year=on.year - 1)
    except ValueError:  # 29 February
        year_before = on.replace(year=on.year - 1, day=28)
    return year_before + timedelta(days=1), on


def draw_sample(percentage: Decimal, seed: int, actor: User | None, on: date | None = None) -> AuditSample:
    """Draw, store and notify a sample. Raises Refused when nobody is eligible."""
    on = on or clock.today()
    eligible = eligible_mediators(on)
    if not eligible:
        raise Refused(
            "percentage", "No mediators have been accredited for at least a year, so there is nobody to audit"
        )
    chosen = choose(list(eligible), percentage, seed)
    start, end = period_ending(on)
    sample = AuditSample(
        drawn_on=on,
        percentage=percentage,
        seed=seed,
        eligible_count=len(eligible),
        size=len(chosen),
        period_start=start,
        period_end=end,
        drawn_by_id=actor.id if actor else None,
    )
    sample.members = [AuditSampleMember(mediator_id=mid, body_id=eligible[mid]) for mid in chosen]
    db.session.add(sample)
    db.session.flush()
    audit.record(
        actor,
        "cpd_audit.drawn",
        "audit_sample",
        sample.id,
        drawn_on=on,
        percentage=str(percentage),
        seed=seed,
        eligible=len(eligible),
        mediator_ids=chosen,
    )
    _ask_for_evidence(sample)
    return sample


def _ask_for_evidence(sample: AuditSample) -> None:
    mediators = db.session.scalars(
        select(Mediator).where(Mediator.id.in_([m.mediator_id for m in sample.members]))
    ).all()
    users = {m.id: m.user_id for m in mediators}
    period = f"{clock.long_date(sample.period_start)} to {clock.long_date(sample.period_end)}"
    for member in sample.members:
        user_id = users.get(member.mediator_id)
        if user_id is None:
            continue
        notices.to_user(
            user_id,
            "audit_requested",
            "You have been selected for a CPD audit",
            f"The oversight panel has selected you at random for its audit of continuing professional development. "
            f"Please make sure your log for {period} is complete and that evidence is attached to each entry. "
            "The panel will look at your log on the register and may ask you for more.",
            audit_member_id=member.id,
        )


def record_outcome(member: AuditSampleMember, outcome: str, note: str, actor: User) -> AuditSampleMember:
    """Record the outcome for one sampled mediator; a final outcome cannot then be changed."""
    if member.outcome in FINAL_OUTCOMES:
        raise Refused("outcome", "The outcome for this mediator has already been recorded")
    if outcome not in AUDIT_OUTCOMES:
        raise Refused("outcome", "Select satisfactory, further information needed or unsatisfactory")
    note = clean(note)
    if outcome != "satisfactory" and not note:
        raise Refused("note", "Explain what is missing or wrong, for the mediator and their accrediting body")
    if outcome == "satisfactory":
        _refuse_unless_compliant(member)
    member.outcome, member.outcome_note = outcome, note
    member.outcome_recorded_at, member.outcome_recorded_by_id = clock.now(), actor.id
    db.session.flush()
    audit.record(actor, "cpd_audit.outcome_recorded", "audit_sample_member", member.id, outcome=outcome)
    _follow_up(member, actor)
    return member


def _hours_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def shortfalls(result: ComplianceResult) -> list[str]:
    """Each requirement the log does not meet, in words: "Supervision: 2 of 6 hours (4 hours short)"."""
    return [
        f"{r.label}: {_hours_text(r.counted)} of {_hours_text(r.required)} hours "
        f"({_hours_text(r.remaining)} hours short)"
        for r in result.requirements
        if not r.met
    ]


def _refuse_unless_compliant(member: AuditSampleMember) -> None:
    """A log that does not meet the CPD rule for the audited period cannot be found satisfactory: the panel
    records "further information needed" (the mediator may have left entries out) or "unsatisfactory"."""
    result = log_for(member).result
    if result.compliant:
        return
    period = f"{clock.long_date(member.sample.period_start)} to {clock.long_date(member.sample.period_end)}"
    raise Refused(
        "outcome",
        f"The log for {period} does not meet the CPD rule, so it cannot be satisfactory. "
        f"{'; '.join(shortfalls(result))}. Select further information needed or unsatisfactory",
    )


def _follow_up(member: AuditSampleMember, actor: User) -> None:
    mediator = member.mediator
    if member.outcome == "unsatisfactory":
        actions.add_audit_follow_up(
            member,
            f"The CPD audit of {mediator.display_name} ({mediator.registration_number}) found their log for "
            f"{clock.long_date(member.sample.period_start)} to {clock.long_date(member.sample.period_end)} "
            f"unsatisfactory: {member.outcome_note}\n\nDecide what to do about their accreditation and tell the "
            "oversight panel what you did.",
            actor,
            clock.today(),
        )
    if member.outcome == "further_information" and mediator.user_id is not None:
        notices.to_user(
            mediator.user_id,
            "audit_outcome",
            "The CPD audit panel needs more information",
            f"The oversight panel looked at your log for its CPD audit and needs more:\n\n{member.outcome_note}\n\n"
            "Please add the missing entries or evidence to your log on the register.",
            audit_member_id=member.id,
        )


@dataclass(frozen=True)
class AuditedLog:
    """What oversight looks at for one sampled mediator: their log for the period and how it measures up."""

    entries: list[LogEntry]
    result: ComplianceResult


def log_for(member: AuditSampleMember) -> AuditedLog:
    sample = member.sample
    entries = list(
        db.session.scalars(
            select(LogEntry)
            .where(
                LogEntry.mediator_id == member.mediator_id,
                LogEntry.occurred_on.between(sample.period_start, sample.period_end),
            )
            .options(joinedload(LogEntry.evidence))
            .order_by(LogEntry.occurred_on, LogEntry.id)
        ).unique()
    )
    lines = [LogLine(e.kind, e.category, e.occurred_on, e.hours, e.review_status) for e in entries]
    return AuditedLog(entries, assess_compliance(standards.cpd_scheme(), sample.period_start, sample.period_end, lines))


def samples(page: int = 1) -> Page[AuditSample]:
    return paginate(select(AuditSample).order_by(AuditSample.drawn_at.desc(), AuditSample.id.desc()), page)


def sample_by_id(sample_id: int) -> AuditSample:
    sample = (
        db.session.scalars(
            select(AuditSample)
            .where(AuditSample.id == sample_id)
            .options(joinedload(AuditSample.members).joinedload(AuditSampleMember.mediator))
        )
        .unique()
        .first()
    )
    if sample is None:
        raise NotFound("There is no such CPD audit sample")
    return sample


def member_of(sample: AuditSample, member_id: int) -> AuditSampleMember:
    member = next((m for m in sample.members if m.id == member_id), None)
    if member is None:
        raise NotFound("That mediator is not in this sample")
    return member
