"""A mediation provider's panel: the mediators it deploys, each link made with the mediator's consent.

The provider asks for a mediator by registration number; the mediator confirms or declines in their
own workspace; either may end a confirmed link, and the provider may withdraw a request not yet
answered. Only a confirmed link is public: confirming adds the provider to ``Mediator.providers``
(which the profile, search, API, export and change feed show, and publication picks up from the
flush) and ending removes it. This module is the only writer of those links.

Decisions:

- A provider may ask only a mediator who is accredited today (with or without conditions): a
  provider must deploy accredited mediators only (oversight criterion OP-2), and a suspended,
  lapsed or withdrawn mediator must not take on SEND mediations. A link already confirmed stays
  until one side ends it: the public entry shows the mediator's status beside it.
- The mediator must have an account on the register, since only they can confirm.
- Asking again after a decline or an end re-opens the one row for that provider and mediator; the
  audit trail keeps every step, with who took it.
- Each step is audited with the provider, the mediator's number and the new status.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock, events
from registry.domain.accreditation.history import status_on
from registry.domain.errors import NotFound, Refused
from registry.domain.registration_numbers import InvalidRegistrationNumber, normalise
from registry.extensions import db
from registry.models import Mediator, Organisation, PanelMembership, User

OPEN = ("asked", "confirmed")


def _mediator_to_ask(registration_number: str, today: date) -> Mediator:
    try:
        number = normalise(registration_number or "", "SM")
    except InvalidRegistrationNumber as error:
        raise Refused("registration_number", str(error)) from error
    mediator = db.session.scalars(select(Mediator).where(Mediator.registration_number == number)).first()
    if mediator is None or status_on(mediator, today).status != "accredited":
        raise Refused(
            "registration_number",
            f"There is no mediator accredited today with the number {number}. A provider can add only "
            "accredited mediators to its panel",
        )
    if mediator.user_id is None:
        raise Refused(
            "registration_number",
            f"{mediator.display_name} ({number}) has no account on the register, so they cannot confirm. Ask them "
            "to contact their accrediting body",
        )
    return mediator


def ask(
    provider: Organisation, registration_number: str, actor: User | None, today: date | None = None
) -> PanelMembership:
    """Ask a mediator to join the provider's panel; the link is not public until they confirm."""
    if provider.kind != "mediation_provider":
        raise Refused("registration_number", "Only a mediation provider keeps a panel of mediators")
    mediator = _mediator_to_ask(registration_number, today or clock.today())
    membership = db.session.scalars(
        select(PanelMembership).where(
            PanelMembership.provider_id == provider.id, PanelMembership.mediator_id == mediator.id
        )
    ).first()
    if membership is not None and membership.status in OPEN:
        already = "is already on your panel" if membership.status == "confirmed" else "has already been asked"
        raise Refused("registration_number", f"{mediator.display_name} ({mediator.registration_number}) {already}")
    if membership is None:
        membership = PanelMembership(provider=provider, mediator=mediator)
        db.session.add(membership)
    membership.status, membership.asked_at, membership.asked_by_id = "asked", clock.now(), actor.id if actor else None
    membership.answered_at = membership.ended_at = membership.ended_by_id = None
    db.session.flush()
    _audit(membership, actor, "panel.asked")
    return membership


def confirm(membership: PanelMembership, actor: User | None) -> PanelMembership:
    """The mediator agrees: the link becomes public."""
    _require(membership, "asked", "This request has already been answered or withdrawn")
    membership.status, membership.answered_at = "confirmed", clock.now()
    if membership.provider not in membership.mediator.providers:
        membership.mediator.providers.append(membership.provider)
    db.session.flush()
    _audit(membership, actor, "panel.confirmed")
    return membership


def decline(membership: PanelMembership, actor: User | None) -> PanelMembership:
    """The mediator says no: nothing is published, and the provider sees that they declined."""
    _require(membership, "asked", "This request has already been answered or withdrawn")
    membership.status, membership.answered_at = "declined", clock.now()
    db.session.flush()
    _audit(membership, actor, "panel.declined")
    return membership


def end(membership: PanelMembership, actor: User | None) -> PanelMembership:
    """Either side ends a confirmed link (or the provider withdraws its request): it leaves the public entry."""
    if membership.status not in OPEN:
        raise Refused("membership", "This link has already ended")
    membership.status, membership.ended_at = "ended", clock.now()
    membership.ended_by_id = actor.id if actor else None
    if membership.provider in membership.mediator.providers:
        membership.mediator.providers.remove(membership.provider)
    db.session.flush()
    _audit(membership, actor, "panel.ended")
    return membership


def _require(membership: PanelMembership, status: str, message: str) -> None:
    if membership.status != status:
        raise Refused("membership", message)


def _audit(membership: PanelMembership, actor: User | None, action: str) -> None:
    """Record the step in the audit trail, and tell whoever it concerns (``events.PanelChanged``)."""
    events.publish(events.PanelChanged(membership, actor))
    audit.record(
        actor,
        action,
        "panel_membership",
        membership.id,
        provider_id=membership.provider_id,
        registration_number=membership.mediator.registration_number,
        status=membership.status,
    )


def _memberships() -> Select[PanelMembership]:
    return select(PanelMembership).options(joinedload(PanelMembership.mediator), joinedload(PanelMembership.provider))


def panel_of(provider_ids: Collection[int]) -> list[PanelMembership]:
    """A provider's panel and requests (its staff's view): open ones first, then by the mediator's name."""
    query = _memberships().where(PanelMembership.provider_id.in_(list(provider_ids)))
    rows = list(db.session.scalars(query))
    return sorted(rows, key=lambda m: (m.status not in OPEN, m.status != "confirmed", m.mediator.display_name, m.id))


def providers_of(mediator: Mediator) -> list[PanelMembership]:
    """The requests and links of one mediator (their own view): waiting requests first, then by provider."""
    rows = list(db.session.scalars(_memberships().where(PanelMembership.mediator_id == mediator.id)))
    order = {"asked": 0, "confirmed": 1, "declined": 2, "ended": 3}
    return sorted(rows, key=lambda m: (order[m.status], m.provider.name, m.id))


def waiting_for(mediator: Mediator) -> int:
    """How many requests wait for the mediator's answer."""
    return sum(1 for m in providers_of(mediator) if m.status == "asked")


def membership_of_provider(membership_id: int, provider_ids: Collection[int]) -> PanelMembership:
    """One of these providers' memberships; another provider's is not found (404, not 403)."""
    membership = db.session.get(PanelMembership, membership_id)
    if membership is None or membership.provider_id not in provider_ids:
        raise NotFound("There is no such mediator on your panel")
    return membership


def membership_of_mediator(membership_id: int, mediator: Mediator | None) -> PanelMembership:
    """One of this mediator's requests or links; anyone else's is not found."""
    membership = db.session.get(PanelMembership, membership_id)
    if membership is None or mediator is None or membership.mediator_id != mediator.id:
        raise NotFound("There is no such request")
    return membership
