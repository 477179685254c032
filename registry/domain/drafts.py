"""What importing the standards does with drafts and with the published version that follows one.

**A draft** (``status: consultation``) is recorded as a ``Consultation`` with its text, never as a
``StandardsVersion``: the library, the rule engine, the forms, the API and the public standards pages
read published versions only (``StandardsLibrary.versions``), so a draft changes none of them. Its
file may be replaced until the consultation opens (a typo found before anyone has read it); once
open, responses are about its words, so a changed draft is refused and needs a new version number.

**The published version** of a consulted draft (the same ``<family>/<version>.yaml``, now
``status: published``) is checked against the draft it followed before it is recorded: the
consultation must have closed, and every criterion whose wording differs between the draft and the
published version must have the working group's decision about it in the consultation response
(and there must be a response at all), so nobody reads a final text the response does not explain.
Publishing it makes the response public (``published_at``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.domain import audit, clock, events
from registry.domain.errors import DomainError
from registry.extensions import db
from registry.models import Consultation, ConsultationDecision, User
from registry.standards import MediatorStandards, ParsedStandard, diff_versions, load_family_text


class ConsultationRefused(DomainError):
    pass


def recorded() -> dict[tuple[str, str], Consultation]:
    return {(c.family, c.version): c for c in db.session.scalars(select(Consultation))}


def draft_of(consultation: Consultation) -> MediatorStandards:
    """The draft as it was consulted on, read from the text kept when it was imported."""
    parsed = load_family_text(consultation.family, consultation.version, consultation.source)
    if not isinstance(parsed.document, MediatorStandards):
        raise ConsultationRefused(f"The draft of {consultation.family} {consultation.version} cannot be read")
    return parsed.document


def record_draft(
    item: ParsedStandard, text: str, known: Consultation | None, actor: User | None, today: date
) -> str | None:
    """Record (or, before it opens, replace) a draft whose file holds ``text``; returns its label, None
    when it was already recorded as it is."""
    document = item.document
    assert document is not None and document.consultation is not None  # load_all admits valid drafts only
    label = f"{item.family} {item.version}"
    if known is not None and known.content_hash == item.content_hash:
        return None
    if known is not None and (known.published_at is not None or known.opens_on <= today):
        raise ConsultationRefused(
            f"The draft {label} ({item.file}) has changed since its consultation opened on {known.opens_on}. "
            "Responses are about the words people read: give the changed draft a new version number."
        )
    consultation = known or Consultation(family=item.family, version=item.version)
    consultation.title = document.title
    consultation.opens_on = document.consultation.opens_on
    consultation.closes_on = document.consultation.closes_on
    consultation.content_hash = item.content_hash
    consultation.source = text
    db.session.add(consultation)
    audit.record(actor, "standards.consultation_recorded", "standards", label, content_hash=item.content_hash)
    return label


def check_publishable(consultation: Consultation, item: ParsedStandard, today: date) -> None:
    """Refuse to publish ``item`` while its consultation is open or its response does not explain it."""
    label = f"{item.family} {item.version}"
    if today <= consultation.closes_on:
        raise ConsultationRefused(
            f"{label} is in consultation until {consultation.closes_on}: publish it once the consultation "
            "has closed and the working group has written its response."
        )
    decided = {d.topic for d in consultation.decisions}
    if not decided:
        raise ConsultationRefused(
            f"The working group has not written its response to the consultation on {label}: write it "
            "(per criterion, what was decided and why) before publishing."
        )
    final = item.document
    assert isinstance(final, MediatorStandards)  # only mediator standards are consulted on
    unexplained = [c.code for c in diff_versions(draft_of(consultation), final) if c.code not in decided]
    if unexplained:
        raise ConsultationRefused(
            f"{label} differs from the draft consulted on at {', '.join(unexplained)}, and the consultation "
            "response says nothing about it: add the working group's decision on each before publishing."
        )


def mark_published(consultation: Consultation, takes_effect_on: date, actor: User | None) -> None:
    """The response is public from now on; the change feed and the inboxes are told
    (``events.StandardsPublished``: ``publication`` and ``role_notifications`` subscribe)."""
    consultation.published_at = clock.now()
    label = f"{consultation.family} {consultation.version}"
    audit.record(actor, "standards.consultation_response_published", "standards", label)
    db.session.flush()
    events.publish(events.StandardsPublished(consultation, takes_effect_on))


def decisions_of(consultation: Consultation) -> dict[str, ConsultationDecision]:
    return {d.topic: d for d in consultation.decisions}
