"""Putting a person on the register as a mediator, with a new registration number; and taking them
off the public register at their request once their accreditation has ended.

Numbers come from the ``mediator_numbers`` counter under its row lock (see ``sequences``), so two
registrations never get the same number. The counter is first moved past the highest number
already on the register, so numbers given out by other routes (the demo loader, an import from
the old register) are never reused.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from registry.domain import audit, clock
from registry.domain.errors import DomainError, NotFound
from registry.domain.registration_numbers import InvalidRegistrationNumber, format_number, normalise, parse
from registry.domain.sequences import next_value
from registry.extensions import db
from registry.models import Accreditation, Mediator, SequenceCounter, User

COUNTER = "mediator_numbers"


def _next_serial() -> int:
    serial = next_value(COUNTER)  # takes the row lock first
    highest = db.session.scalar(select(func.max(Mediator.registration_number)))
    floor = parse(highest).serial if highest else 0
    if serial <= floor:
        serial = floor + 1
        db.session.execute(update(SequenceCounter).where(SequenceCounter.name == COUNTER).values(value=serial))
    return serial


def register_mediator(user: User, given_name: str, family_name: str, actor: User | None = None) -> Mediator:
    """Create the register entry for ``user`` (not yet accredited: they apply from their workspace)."""
    given_name, family_name = given_name.strip(), family_name.strip()
    if not given_name or not family_name:
        raise DomainError("Enter the mediator's first name and last name")
    if db.session.scalar(select(Mediator.id).where(Mediator.user_id == user.id)) is not None:
        raise DomainError(f"{user.email} already has a register entry")
    mediator = Mediator(
        registration_number=format_number("SM", _next_serial()),
        user_id=user.id,
        given_name=given_name,
        family_name=family_name,
        display_name=f"{given_name} {family_name}",
        private_email=user.email,
    )
    db.session.add(mediator)
    db.session.flush()
    audit.record(actor, "mediator.registered", "mediator", mediator.registration_number, user_id=user.id)
    return mediator


#: A mediator may leave the public register only when none of their accreditations is in one of these
#: (as recorded, not as worked out by date): each has lapsed, been resigned, or never been granted. A
#: suspension or a withdrawal for cause stays public: it is what families and LAs most need to find.
KEEP_ON_REGISTER = ("accredited", "suspended", "withdrawn")


def remove_from_register(mediator: Mediator, actor: User | None, reason: str) -> None:
    """Take the mediator off the public register from today, at their written request (retirement,
    for example): no search, profile, check, export or feed shows them after it; the change feed
    publishes that they left. Their records stay for the accrediting body and oversight. The
    ``reason`` is kept in the audit trail only."""
    if mediator.left_register_on is not None:
        raise DomainError(f"{mediator.registration_number} left the register already")
    if not reason.strip():
        raise DomainError("Give the reason, for the audit trail (for example: their written request of 1 May)")
    holding = db.session.scalars(
        select(Accreditation.status).where(
            Accreditation.mediator_id == mediator.id, Accreditation.status.in_(KEEP_ON_REGISTER)
        )
    ).first()
    if holding is not None:
        raise DomainError(
            f"{mediator.registration_number} has an accreditation that is {holding}: only a mediator whose "
            "accreditation has lapsed or who resigned may leave the public register (a suspension or "
            "withdrawal stays public)"
        )
    mediator.left_register_on = clock.today()
    db.session.flush()
    audit.record(actor, "mediator.left_register", "mediator", mediator.registration_number, reason=reason.strip())


def mediator_by_number(registration_number: str) -> Mediator:
    """The mediator with this number, in any common form (on the public register or not); NotFound
    for a number that is mistyped or that nobody has."""
    try:
        number = normalise(registration_number, "SM")
    except InvalidRegistrationNumber as error:
        raise NotFound(f"There is no mediator with that registration number: {error}") from error
    mediator = db.session.scalars(select(Mediator).where(Mediator.registration_number == number)).first()
    if mediator is None:
        raise NotFound(f"No mediator has the registration number {number}.")
    return mediator
