"""A mediation provider's public page (``/providers/<slug>``): what its own staff keep, and what the
register knows about it.

Its staff keep the description, website, email and phone (checked by the same rules as an LA's
commissioned services, so one address or number is good or bad everywhere); its name is the
register operator's (renaming republishes every entry that names it). The page adds what the
provider does not write itself: the local authorities that confirmed they commission it, the
mediators who confirmed they work for it (with their status today), and the oversight panel's
published reviews of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock
from registry.domain.accreditation.history import MediatorStatus, statuses_on
from registry.domain.administration import EMAIL
from registry.domain.commissioned_services import PHONE, WEB_ADDRESS
from registry.domain.errors import NotFound, Refused
from registry.extensions import db
from registry.models import CommissionedService, Mediator, Organisation, OversightReview, PanelMembership, User

MAX_DESCRIPTION = 2000
ON_PUBLIC_REGISTER = ("accredited", "suspended", "lapsed", "withdrawn", "resigned")
KIND = "mediation_provider"


@dataclass(frozen=True)
class ProviderDetails:
    description: str = ""
    website: str = ""
    public_email: str = ""
    public_phone: str = ""


@dataclass(frozen=True)
class PanelMediator:
    mediator: Mediator
    status: MediatorStatus


@dataclass(frozen=True)
class ProviderPage:
    provider: Organisation
    services: list[CommissionedService]
    panel: list[PanelMediator]
    reviews: list[OversightReview]


def _checked(given: ProviderDetails) -> dict[str, str | None]:
    values = {name: (getattr(given, name) or "").strip() or None for name in ("description", "website")}
    values |= {name: (getattr(given, name) or "").strip() or None for name in ("public_email", "public_phone")}
    if values["description"] and len(values["description"]) > MAX_DESCRIPTION:
        raise Refused("description", f"The description must be {MAX_DESCRIPTION:,} characters or fewer")
    if values["website"] and (len(values["website"]) > 300 or not WEB_ADDRESS.match(values["website"])):
        raise Refused("website", "The website address must be a whole web address starting with https://")
    if values["public_email"] and (len(values["public_email"]) > 254 or not EMAIL.match(values["public_email"])):
        raise Refused("public_email", "Enter an email address like mediation@example.org")
    if values["public_phone"] and not PHONE.match(values["public_phone"]):
        raise Refused("public_phone", "Enter a phone number, like 0114 496 0000")
    if not (values["website"] or values["public_email"] or values["public_phone"]):
        raise Refused("public_email", "Give at least one way for families to contact you: email, phone or website")
    return values


def update_details(provider: Organisation, given: ProviderDetails, actor: User | None) -> dict[str, object]:
    """Save the provider's public details; returns what changed (audited)."""
    if provider.kind != KIND:
        raise Refused("description", "Only a mediation provider has a provider page")
    values = _checked(given)
    changed: dict[str, object] = {name: value for name, value in values.items() if getattr(provider, name) != value}
    for name, value in changed.items():
        setattr(provider, name, value)
    if changed:
        db.session.flush()
        audit.record(actor, "organisation.details_changed", "organisation", provider.id, **changed)
    return changed


def providers() -> list[Organisation]:
    """Every mediation provider on the register, by name."""
    return list(db.session.scalars(select(Organisation).where(Organisation.kind == KIND).order_by(Organisation.name)))


def provider_page(slug: str) -> ProviderPage:
    provider = db.session.scalars(
        select(Organisation).where(Organisation.slug == slug, Organisation.kind == KIND)
    ).first()
    if provider is None:
        raise NotFound("There is no mediation provider at this address")
    services = db.session.scalars(
        select(CommissionedService)
        .where(CommissionedService.provider_id == provider.id, CommissionedService.confirmed_at.is_not(None))
        .options(joinedload(CommissionedService.organisation).joinedload(Organisation.local_authority))
    )
    reviews = db.session.scalars(
        select(OversightReview)
        .where(OversightReview.organisation_id == provider.id, OversightReview.subject_kind == KIND)
        .where(OversightReview.published_at.is_not(None))
        .order_by(OversightReview.published_at.desc())
    )
    return ProviderPage(
        provider=provider,
        services=sorted(services, key=lambda s: s.organisation.name),
        panel=_public_panel(provider),
        reviews=list(reviews),
    )


def _public_panel(provider: Organisation) -> list[PanelMediator]:
    """The mediators who confirmed they work for the provider and are on the public register today."""
    mediators = list(
        db.session.scalars(
            select(Mediator)
            .join(PanelMembership, PanelMembership.mediator_id == Mediator.id)
            .where(PanelMembership.provider_id == provider.id, PanelMembership.status == "confirmed")
            .where(Mediator.left_register_on.is_(None))
            .order_by(Mediator.family_name, Mediator.given_name, Mediator.id)
        )
    )
    statuses = statuses_on([m.id for m in mediators], clock.today())
    return [PanelMediator(m, statuses[m.id]) for m in mediators if statuses[m.id].status in ON_PUBLIC_REGISTER]
