"""The mediation services a local authority commissions: kept by its own officers, shown on its page.

Only officers of the LA that owns a service change it (``registry.auth.policy.can_maintain_service``,
checked by the caller; ``services_of`` finds only an organisation's own). Each change is audited with
what it changed. A service needs a provider's name, at least one way to contact it, how to refer, and
the date the LA began commissioning it (not before Part 3 of the Children and Families Act 2014 came
in, 1 September 2014, and not in the future). Addresses must be whole web addresses (``https://`` or
``http://``); they are shown as links that leave the register.

A service may be linked to the mediation provider on the register that runs it. The provider proposes
the link (``propose_service``: which LA, and the same answers an LA gives); it waits in the LA's list,
not on any public page, until an officer of that LA confirms it (``confirm_service``) or removes it.
Either side can end it: the LA removes the service, or the provider withdraws it (``remove_service``
for both; the provider finds only its own through ``services_run_by``). A service the LA adds itself is
confirmed as it is added. An LA's officers may change a linked service's answers like any other; the
link to the provider stays.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock, events
from registry.domain.administration import EMAIL
from registry.domain.errors import NotFound, Refused
from registry.extensions import db
from registry.models import CommissionedService, LocalAuthority, Organisation, User
from registry.models import commissioned_services as limits

FIRST_DAY = date(2014, 9, 1)  # Part 3 of the Children and Families Act 2014 came into force
PHONE = re.compile(r"^[0-9+() -]{6,40}$")
WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)
LENGTHS = {
    "provider_name": limits.NAME_LENGTH,
    "email": limits.EMAIL_LENGTH,
    "phone": limits.PHONE_LENGTH,
    "website": limits.URL_LENGTH,
    "how_to_refer": limits.HOW_TO_REFER_LENGTH,
    "local_offer_url": limits.URL_LENGTH,
}
WORDS = {
    "provider_name": "The provider’s name",
    "email": "The email address",
    "phone": "The phone number",
    "website": "The website address",
    "how_to_refer": "How to refer",
    "local_offer_url": "The local offer address",
}


@dataclass(frozen=True)
class ServiceInput:
    provider_name: str
    how_to_refer: str
    since: date
    email: str = ""
    phone: str = ""
    website: str = ""
    local_offer_url: str = ""


def _checked(given: ServiceInput) -> dict[str, object]:
    """The answers, trimmed (a blank optional answer is None), after every rule; raises Refused."""
    values = _trimmed(given)
    if not values["provider_name"]:
        raise Refused("provider_name", "Enter the name of the mediation service")
    if not values["how_to_refer"]:
        raise Refused("how_to_refer", "Say how a family or young person asks for mediation")
    _check_contact(values)
    if given.since < FIRST_DAY:
        raise Refused("since", "The date must be on or after 1 September 2014, when the SEND mediation duties began")
    if given.since > clock.today():
        raise Refused("since", "The date must be today or in the past")
    return values


def _trimmed(given: ServiceInput) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in asdict(given).items():
        if isinstance(value, str):
            value = value.strip()
            if len(value) > LENGTHS[name]:
                raise Refused(name, f"{WORDS[name]} must be {LENGTHS[name]} characters or fewer")
            value = value or None
        values[name] = value
    return values


def _check_contact(values: dict[str, object]) -> None:
    if not (values["email"] or values["phone"] or values["website"]):
        raise Refused("email", "Give at least one way to contact the service: email, phone or website")
    if values["email"] and not EMAIL.match(str(values["email"])):
        raise Refused("email", "Enter an email address like mediation@example.org")
    if values["phone"] and not PHONE.match(str(values["phone"])):
        raise Refused("phone", "Enter a phone number, like 0114 496 0000")
    for name in ("website", "local_offer_url"):
        if values[name] and not WEB_ADDRESS.match(str(values[name])):
            raise Refused(name, f"{WORDS[name]} must be a whole web address starting with https://")


def add_service(organisation: Organisation, given: ServiceInput, actor: User | None) -> CommissionedService:
    """A new service commissioned by the LA ``organisation``."""
    if organisation.local_authority_id is None:
        raise Refused("provider_name", "Only a local authority commissions mediation services")
    service = CommissionedService(organisation=organisation, confirmed_at=clock.now(), **_checked(given))
    db.session.add(service)
    db.session.flush()
    audit.record(actor, "commissioned_service.added", "commissioned_service", service.id, **_audited(service))
    return service


def propose_service(
    provider: Organisation, local_authority_id: int | None, given: ServiceInput, actor: User | None
) -> CommissionedService:
    """The provider says that an LA commissions it; the LA's officers confirm it before it is public."""
    if provider.kind != "mediation_provider":
        raise Refused("local_authority", "Only a mediation provider proposes a commissioned service")
    organisation = db.session.get(Organisation, local_authority_id) if local_authority_id else None
    if organisation is None or organisation.local_authority_id is None:
        raise Refused("local_authority", "Select the local authority that commissions you")
    existing = db.session.scalar(
        select(CommissionedService.id).where(
            CommissionedService.organisation_id == organisation.id, CommissionedService.provider_id == provider.id
        )
    )
    if existing is not None:
        raise Refused("local_authority", f"{organisation.name} already lists your service, or has still to confirm it")
    service = CommissionedService(organisation=organisation, provider=provider, **_checked(given))
    db.session.add(service)
    db.session.flush()
    audit.record(
        actor, "commissioned_service.proposed", "commissioned_service", service.id, provider_id=provider.id,
        **_audited(service),
    )  # fmt: skip
    events.publish(events.CommissioningChanged(service, "proposed", actor))
    return service


def confirm_service(service: CommissionedService, actor: User | None) -> CommissionedService:
    """An officer of the LA confirms a provider's proposal: it goes on the LA's and the provider's pages."""
    if service.confirmed_at is not None:
        raise Refused("provider_name", "This service is already confirmed")
    service.confirmed_at = service.updated_at = clock.now()
    db.session.flush()
    audit.record(
        actor, "commissioned_service.confirmed", "commissioned_service", service.id, provider_id=service.provider_id
    )
    events.publish(events.CommissioningChanged(service, "confirmed", actor))
    return service


def update_service(service: CommissionedService, given: ServiceInput, actor: User | None) -> CommissionedService:
    values = _checked(given)
    before = _audited(service)
    for name, value in values.items():
        setattr(service, name, value)
    after = _audited(service)
    changed = {name: after[name] for name in after if after[name] != before[name]}
    if changed:
        service.updated_at = clock.now()
        db.session.flush()
        audit.record(actor, "commissioned_service.changed", "commissioned_service", service.id, **changed)
    return service


def remove_service(service: CommissionedService, actor: User | None) -> None:
    audit.record(actor, "commissioned_service.removed", "commissioned_service", service.id, **_audited(service))
    if service.provider_id is not None:
        events.publish(events.CommissioningChanged(service, "removed", actor))
    db.session.delete(service)
    db.session.flush()


def _audited(service: CommissionedService) -> dict[str, object]:
    return {name: getattr(service, name) for name in ("organisation_id", *LENGTHS, "since")}


def services_of(organisation_ids: set[int]) -> list[CommissionedService]:
    """The services of these LA organisations (an officer's own), by provider name."""
    query = (
        select(CommissionedService)
        .where(CommissionedService.organisation_id.in_(organisation_ids))
        .order_by(CommissionedService.provider_name, CommissionedService.id)
    )
    return list(db.session.scalars(query))


def get_service(service_id: int, organisation_ids: set[int]) -> CommissionedService:
    """One of these organisations' services; another organisation's is not found (404, not 403)."""
    service = db.session.get(CommissionedService, service_id)
    if service is None or service.organisation_id not in organisation_ids:
        raise NotFound("There is no such service")
    return service


def services_run_by(provider_ids: set[int]) -> list[CommissionedService]:
    """The services these mediation providers proposed or run (their staff's view), by LA."""
    query = (
        select(CommissionedService)
        .join(Organisation, Organisation.id == CommissionedService.organisation_id)
        .where(CommissionedService.provider_id.in_(provider_ids))
        .options(joinedload(CommissionedService.organisation))
        .order_by(Organisation.name, CommissionedService.id)
    )
    return list(db.session.scalars(query))


def service_run_by(service_id: int, provider_ids: set[int]) -> CommissionedService:
    """One of these providers' services; any other is not found (404, not 403)."""
    service = db.session.get(CommissionedService, service_id)
    if service is None or service.provider_id not in provider_ids:
        raise NotFound("There is no such service")
    return service


def services_for(local_authority: LocalAuthority) -> list[CommissionedService]:
    """What the public page shows: the confirmed services the LA commissions, longest-standing first."""
    query = (
        select(CommissionedService)
        .join(Organisation, Organisation.id == CommissionedService.organisation_id)
        .where(Organisation.local_authority_id == local_authority.id, CommissionedService.confirmed_at.is_not(None))
        .options(joinedload(CommissionedService.organisation), joinedload(CommissionedService.provider))
        .order_by(CommissionedService.since, CommissionedService.provider_name, CommissionedService.id)
    )
    return list(db.session.scalars(query))
