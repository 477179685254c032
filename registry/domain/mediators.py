"""Putting a person on the register as a mediator, with a new registration number.

Numbers come from the ``mediator_numbers`` counter under its row lock (see ``sequences``), so two
registrations never get the same number. The counter is first moved past the highest number
already on the register, so numbers given out by other routes (the demo loader, an import from
the old register) are never reused.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from registry.domain import audit
from registry.domain.errors import DomainError
from registry.domain.registration_numbers import format_number, parse
from registry.domain.sequences import next_value
from registry.extensions import db
from registry.models import Mediator, SequenceCounter, User

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
