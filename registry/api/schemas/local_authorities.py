"""What ``GET /api/v1/local-authorities/{code}`` answers: the LA, the services it commissions, and
where to find the mediators who cover it and the changes in its area."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import url_for
from marshmallow import fields

from registry.api.schemas.public import LocalAuthoritySchema
from registry.api.schemas.shown import shows
from registry.models import CommissionedService


@shows(CommissionedService)
class CommissionedServiceSchema(ma.Schema):
    provider_name = fields.String(required=True, metadata={"example": "Together Mediation"})
    email = fields.String(required=True, allow_none=True, metadata={"example": "mediation@example.org"})
    phone = fields.String(required=True, allow_none=True, metadata={"example": "0114 496 0000"})
    website = fields.String(required=True, allow_none=True, metadata={"example": "https://mediation.example.org"})
    how_to_refer = fields.String(
        required=True, metadata={"description": "What a parent or young person does to ask for mediation."}
    )
    since = fields.Date(required=True, metadata={"description": "The day the LA began to commission it."})
    local_offer_url = fields.String(
        required=True, allow_none=True, metadata={"description": "A page of the LA's SEND local offer on mediation."}
    )
    updated_at = fields.DateTime(required=True)


class LocalAuthorityDetailSchema(LocalAuthoritySchema):
    """Dumps a ``domain.local_authority_pages.AreaPage``."""

    page_url = fields.Url(required=True, metadata={"description": "The LA's page on the register."})
    feed_url = fields.Url(
        required=True, metadata={"description": "The Atom feed of accreditation changes of mediators covering it."}
    )
    services = fields.List(
        fields.Nested(CommissionedServiceSchema),
        required=True,
        metadata={"description": "The mediation services the LA commissions, as its officers keep them."},
    )
    mediators_accredited = fields.Integer(
        required=True, metadata={"description": "How many mediators accredited today cover the LA.", "example": 12}
    )
    mediators_url = fields.Url(
        required=True, metadata={"description": "The search for them: GET /api/v1/mediators?local_authority=…"}
    )

    @ma.pre_dump
    def from_local_authority(self, page: Any, **kwargs: Any) -> dict[str, Any]:
        la = page.local_authority
        return {
            **super().from_local_authority(la),
            "page_url": url_for("local_authorities.show", slug=la.slug, _external=True),
            "feed_url": url_for("local_authorities.changes", slug=la.slug, _external=True),
            "services": page.services,
            "mediators_accredited": page.mediators.total,
            "mediators_url": url_for("mediators.MediatorList", local_authority=la.gss_code, _external=True),
        }
