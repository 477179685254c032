"""Concerns raised by anyone about a mediator on the register or a mediation provider.

A concern about a mediator is routed to the accrediting body whose accreditation decides the
mediator's status today (the body that accredits them now, or last did); its registrars list it
in their workspace. A concern about a provider is not routed to a body: it waits for the
oversight panel, whose handling workflow arrives with the oversight work.

References look like ``CN-7K3M-Q9XD``: eight random characters from Crockford's base 32 (no I, L,
O or U, so nothing is misread over the phone). Anyone holding a reference can follow the concern's
progress at ``/concerns/<reference>``, so references must not be guessable: a counter would let
anyone walk through every concern's stage and outcome. 32^8 is about a trillion.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock, events
from registry.domain.accreditation.history import status_on
from registry.domain.errors import Refused
from registry.domain.paging import Page, paginate
from registry.domain.registration_numbers import InvalidRegistrationNumber, normalise
from registry.extensions import db
from registry.models import Concern, Mediator, Organisation, User
from registry.models.concerns import CONCERN_SUBJECTS, RAISER_RELATIONSHIPS

REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})
MAX_DESCRIPTION = 5000
ON_PUBLIC_REGISTER = ("accredited", "suspended", "lapsed", "withdrawn", "resigned")


class ConcernRefused(Refused):
    """The concern cannot be recorded as given; ``field`` names the answer to correct."""


@dataclass(frozen=True)
class ConcernInput:
    subject: str  # "mediator" or "provider"
    description: str
    registration_number: str | None = None
    provider_id: int | None = None
    raised_by_name: str | None = None
    raised_by_email: str | None = None
    raised_by_relationship: str | None = None


def _mediator_and_body(registration_number: str | None, today: date) -> tuple[Mediator, int]:
    """The mediator on the public register with that number, and the body that decides their status."""
    try:
        number = normalise(registration_number or "", "SM")
    except InvalidRegistrationNumber as error:
        raise ConcernRefused("registration_number", str(error)) from error
    mediator = db.session.scalars(select(Mediator).where(Mediator.registration_number == number)).first()
    status = status_on(mediator, today) if mediator is not None else None
    if mediator is None or status is None or status.state is None or status.status not in ON_PUBLIC_REGISTER:
        raise ConcernRefused(
            "registration_number",
            f"There is no mediator on the register with the number {number}. Check the number on the mediator’s "
            "profile or letters",
        )
    return mediator, status.state.body_id


def _provider(provider_id: int | None) -> Organisation:
    provider = db.session.get(Organisation, provider_id) if provider_id else None
    if provider is None or provider.kind != "mediation_provider":
        raise ConcernRefused("provider_id", "Select the mediation provider your concern is about")
    return provider


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _new_reference() -> str:
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"CN-{code[:4]}-{code[4:]}"
        if db.session.scalar(select(Concern.id).where(Concern.reference == reference)) is None:
            return reference


def normalise_reference(typed: str | None) -> str:
    """A reference as typed (any case, spaces or hyphens, O for 0, I or L for 1) in its stored form.

    Anything that does not fit the pattern is returned upper-cased, so a lookup simply finds nothing."""
    compact = "".join((typed or "").upper().split()).replace("-", "")
    code = compact[2:].translate(MISREAD) if compact.startswith("CN") else ""
    if len(code) == 8 and all(c in REFERENCE_ALPHABET for c in code):
        return f"CN-{code[:4]}-{code[4:]}"
    return (typed or "").strip().upper()


def raise_concern(details: ConcernInput, actor: User | None = None, today: date | None = None) -> Concern:
    """Record the concern and route it; raises ConcernRefused naming the answer to correct."""
    if details.subject not in CONCERN_SUBJECTS:
        raise ConcernRefused("subject", "Select whether your concern is about a mediator or a mediation provider")
    description = (details.description or "").strip()
    if not description:
        raise ConcernRefused("description", "Describe your concern")
    if len(description) > MAX_DESCRIPTION:
        raise ConcernRefused("description", f"Your description must be {MAX_DESCRIPTION:,} characters or fewer")
    relationship = _clean(details.raised_by_relationship)
    if relationship is not None and relationship not in RAISER_RELATIONSHIPS:
        raise ConcernRefused("raised_by_relationship", "Select who you are, or leave it blank")
    concern = Concern(
        subject=details.subject,
        description=description,
        raised_by_name=_clean(details.raised_by_name),
        raised_by_email=(_clean(details.raised_by_email) or "").lower() or None,
        raised_by_relationship=relationship,
    )
    if details.subject == "mediator":
        concern.mediator, concern.body_id = _mediator_and_body(details.registration_number, today or clock.today())
    else:
        concern.provider = _provider(details.provider_id)
    concern.reference = _new_reference()
    db.session.add(concern)
    db.session.flush()
    # The description and the contact details are private: the audit trail records only the routing.
    audit.record(
        actor,
        "concern.raised",
        "concern",
        concern.id,
        reference=concern.reference,
        subject=concern.subject,
        mediator_id=concern.mediator_id,
        provider_id=concern.provider_id,
        body_id=concern.body_id,
    )
    events.publish(events.ConcernRaised(concern))
    return concern


def concerns_for_bodies(body_ids: Collection[int], page: int = 1) -> Page[Concern]:
    """Concerns routed to the given accrediting bodies, newest first, with their mediators."""
    query = (
        select(Concern)
        .where(Concern.body_id.in_(list(body_ids)))
        .options(joinedload(Concern.mediator), joinedload(Concern.body))
        .order_by(Concern.received_at.desc(), Concern.id.desc())
    )
    return paginate(query, page)
