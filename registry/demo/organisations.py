"""The demo organisations: fictional bodies and providers, plus a few real LAs' organisations.

Found again by slug (and LA organisations also by their local authority), so loading twice
creates nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from registry.extensions import db
from registry.models import Organisation


class DemoDataError(Exception):
    """The demo data cannot be loaded into this database as it stands."""


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    slug: str
    name: str
    kind: str
    gss_code: str | None = None


DEMO_ORGANISATIONS = (
    OrganisationSpec("body1", "guild-of-education-mediators", "Guild of Education Mediators", "accrediting_body"),
    OrganisationSpec(
        "body2", "send-mediation-standards-council", "SEND Mediation Standards Council", "accrediting_body"
    ),
    OrganisationSpec("oversight", "send-mediation-oversight-panel", "SEND Mediation Oversight Panel", "oversight_body"),
    OrganisationSpec("trainer1", "kestrel-mediation-academy", "Kestrel Mediation Academy", "training_provider"),
    OrganisationSpec(
        "trainer2", "harbourside-mediation-training", "Harbourside Mediation Training", "training_provider"
    ),
    OrganisationSpec(
        "provider1", "meadowbank-mediation-services", "Meadowbank Mediation Services", "mediation_provider"
    ),
    OrganisationSpec("provider2", "bridgeway-send-mediation", "Bridgeway SEND Mediation", "mediation_provider"),
    OrganisationSpec("provider3", "three-rivers-mediation-cic", "Three Rivers Mediation CIC", "mediation_provider"),
    OrganisationSpec("la", "sheffield-city-council", "Sheffield City Council", "local_authority", "E08000039"),
    OrganisationSpec("la_leeds", "leeds-city-council", "Leeds City Council", "local_authority", "E08000035"),
    OrganisationSpec(
        "la_manchester", "manchester-city-council", "Manchester City Council", "local_authority", "E08000003"
    ),
    OrganisationSpec(
        "la_birmingham", "birmingham-city-council", "Birmingham City Council", "local_authority", "E08000025"
    ),
    OrganisationSpec("la_camden", "camden-council", "Camden Council", "local_authority", "E09000007"),
    OrganisationSpec("la_kent", "kent-county-council", "Kent County Council", "local_authority", "E10000016"),
    OrganisationSpec("la_cornwall", "cornwall-council", "Cornwall Council", "local_authority", "E06000052"),
)
PROVIDER_KEYS = ("provider1", "provider2", "provider3")


def _existing(spec: OrganisationSpec, local_authority_id: int | None) -> Organisation | None:
    found = db.session.scalars(select(Organisation).where(Organisation.slug == spec.slug)).first()
    if found is None and local_authority_id is not None:
        found = db.session.scalars(
            select(Organisation).where(Organisation.local_authority_id == local_authority_id)
        ).first()
    if found is not None and found.kind != spec.kind:
        raise DemoDataError(f"The organisation {spec.slug!r} already exists but is not a {spec.kind}")
    return found


def ensure_organisations(local_authority_ids: dict[str, int]) -> tuple[dict[str, Organisation], int]:
    """The demo organisations by key, creating those that are missing; and how many were created."""
    organisations: dict[str, Organisation] = {}
    created = 0
    for spec in DEMO_ORGANISATIONS:
        la_id = local_authority_ids.get(spec.gss_code) if spec.gss_code else None
        if spec.gss_code and la_id is None:
            raise DemoDataError("Load the local authorities first: flask --app registry setup")
        organisation = _existing(spec, la_id)
        if organisation is None:
            is_la = spec.kind == "local_authority"
            organisation = Organisation(
                slug=spec.slug,
                name=spec.name,
                kind=spec.kind,
                local_authority_id=la_id,
                website=None if is_la else f"https://{spec.slug}.example",
                public_email=None if is_la else f"hello@{spec.slug}.example",
            )
            db.session.add(organisation)
            created += 1
        organisations[spec.key] = organisation
    db.session.flush()
    return organisations, created
