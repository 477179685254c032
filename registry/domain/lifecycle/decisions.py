"""The decisions every subject shares, and its lapse: written once, worded by the subject's lifecycle.

``change_for`` turns the answers a person gave (``Answers``) into the ``Change`` for one kind of
event, refusing a missing required answer by naming its field; ``decide`` checks and records it.
The subjects' own modules (``registry.domain.accreditation.operations``,
``registry.domain.training.decisions``) add only what is theirs: the mediator's assessment and
compliance checks, the programme's deciding body and criteria check.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict

from sqlalchemy import select

from registry.domain import clock
from registry.domain.errors import IllegalTransition
from registry.domain.lifecycle.machine import E, Lifecycle, S
from registry.domain.lifecycle.recorder import Change, check, clean_text, record, required_text
from registry.extensions import db
from registry.models import Organisation, User

BATCH = 500


class Answers(TypedDict, total=False):
    """What a person may give with a decision. ``reason`` is private (the body and oversight);
    ``public_note`` is shown to everyone; ``effective_on`` defaults to today and may be back-dated
    (``Lifecycle.date_refusal``); ``expected_version`` is the lock value the person's form was built
    from (a different current one is ConcurrentChange); ``conditions`` are public, where the decision
    sets them."""

    effective_on: date | None
    reason: str | None
    public_note: str | None
    conditions: str | None
    expected_version: int | None


# The answers each kind of decision cannot go without, and how their absence is worded.
REQUIRED = {
    ("refused", "reason"): "Give the reasons for refusing, so the {applicant} knows what to change.",
    ("suspended", "reason"): "Give the reason for suspending ({readers}).",
    ("suspended", "public_note"): "Write a note for the public register explaining the suspension.",
    ("withdrawn", "reason"): "Give the reason for withdrawing ({readers}).",
}


def change_for(lifecycle: Lifecycle[S, E], kind: str, answers: Answers) -> Change:
    """The change a decision of ``kind`` makes with these answers; a missing required one is refused by name."""
    words = {"applicant": lifecycle.applicant, "readers": lifecycle.reason_readers}
    notes: dict[str, str | None] = {}
    for name, value in (("reason", answers.get("reason")), ("public_note", answers.get("public_note"))):
        message = REQUIRED.get((kind, name))
        notes[name] = clean_text(value) if message is None else required_text(value, name, message.format(**words))
    change = Change(kind, answers.get("effective_on") or clock.today(), notes["reason"], notes["public_note"])
    if "conditions" in answers:
        change.conditions = clean_text(answers["conditions"])
    return change


def decide(
    lifecycle: Lifecycle[S, E],
    subject: S,
    actor: User | None,
    kind: str,
    answers: Answers,
    *,
    body: Organisation | None = None,
) -> E:
    """Check a decision of ``kind`` with these answers, then record it (event, cached state, audit event)."""
    change = change_for(lifecycle, kind, answers)
    check(lifecycle, subject, change, answers.get("expected_version"))
    return record(lifecycle, subject, actor, change, body=body)


def lapse(lifecycle: Lifecycle[S, E], subject: S, today: date | None = None) -> E:
    """Record that a running accreditation ran out: effective the day after ``valid_until``, and only
    once that day has come (normally by the daily job, with no actor)."""
    today = today or clock.today()
    ends = subject.valid_until
    if subject.status in lifecycle.running and (ends is None or ends >= today):
        raise IllegalTransition(f"{lifecycle.its_accreditation} has not run out yet, so it cannot lapse.")
    change = Change("lapsed", ends + timedelta(days=1) if ends else today)
    check(lifecycle, subject, change)
    return record(lifecycle, subject, None, change)


def lapse_expired(lifecycle: Lifecycle[S, E], today: date | None = None) -> list[S]:
    """The daily job for one subject: lapse everything running whose ``valid_until`` is before ``today``.

    An index scan on ``(status, valid_until)``; each lapses effective the day after its
    ``valid_until``, not the day the job runs, so running late, after missed days, or twice gives the
    same history (a lapsed subject is no longer running, so a second run finds nothing). Two hosts
    running it at once share the work: each locks the rows it takes (PostgreSQL ``FOR UPDATE SKIP
    LOCKED``; SQLite has one writer at a time anyway)."""
    today = today or clock.today()
    model = lifecycle.subject_model
    lapsed: list[S] = []
    while True:
        batch = db.session.scalars(
            select(model)
            .where(model.status.in_(lifecycle.running), model.valid_until < today)
            .order_by(model.valid_until, model.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)  # another host's daily job holds these: it lapses them
        ).all()
        if not batch:
            return lapsed
        for subject in batch:
            lapse(lifecycle, subject, today)
            lapsed.append(subject)
