"""Privileged schemas: a local authority's own data, for calls made with its API key.

They add what only the LA should see about its own work (its checks, its watchlist, conflicts
declared with it); the mediator data inside them is the public data and nothing more. Each says
what it shows (``@shows(..., to=LOCAL_AUTHORITY)``), checked against the field registry.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from registry.api.schemas.common import FlatList, PageSchema, PlainText
from registry.api.schemas.public import EXAMPLE_NUMBER, StatusSchema
from registry.api.schemas.shown import shows
from registry.domain.checks import INPUT_MAX_LENGTH, MAX_NUMBERS
from registry.domain.visibility import LOCAL_AUTHORITY
from registry.models import BulkCheck, BulkCheckResult, Mediator, WatchlistItem
from registry.models.api import CHECK_OUTCOMES


class CheckRequestSchema(ma.Schema):
    numbers = fields.List(
        PlainText(validate=validate.Length(max=INPUT_MAX_LENGTH)),
        required=True,
        validate=validate.Length(min=1, max=MAX_NUMBERS),
        metadata={
            "description": f"Up to {MAX_NUMBERS:,} registration numbers, in any form; each gets one result.",
            "example": [EXAMPLE_NUMBER, "sm 000001 x", "SM-000001-1"],
        },
    )
    as_at = fields.Date(
        load_default=None,
        metadata={"description": "Check the status on this date (not in the future). Default: today."},
    )


@shows(BulkCheckResult, to=LOCAL_AUTHORITY)
class CheckItemSchema(ma.Schema):
    position = fields.Integer(required=True, metadata={"description": "1-based, in input order.", "example": 1})
    input = fields.String(
        required=True, metadata={"description": "The input as sent (trimmed).", "example": "sm 004217 2"}
    )
    registration_number = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The number in its canonical form.", "example": EXAMPLE_NUMBER},
    )
    outcome = fields.String(required=True, validate=validate.OneOf(CHECK_OUTCOMES), metadata={"example": "accredited"})
    name = fields.String(required=True, allow_none=True)
    valid_until = fields.Date(required=True, allow_none=True)
    conditions = fields.String(required=True, allow_none=True)
    declared_conflict = fields.Boolean(
        required=True,
        allow_none=True,
        metadata={"description": "Whether the mediator had declared employment by, or a conflict with, your LA."},
    )
    declared_conflict_since = fields.Date(
        required=True,
        allow_none=True,
        metadata={"description": "The day the declared employment or conflict with your LA began."},
    )
    since = fields.Date(
        required=True,
        allow_none=True,
        metadata={"description": "The day the mediator's status began (for `suspended`, the day it took effect)."},
    )
    message = fields.String(required=True, allow_none=True, metadata={"example": None})


@shows(BulkCheck, to=LOCAL_AUTHORITY)
class CheckSchema(ma.Schema):
    id = fields.String(
        required=True, attribute="reference", metadata={"description": "Keep it: the check's evidence id."}
    )
    as_at = fields.Date(required=True)
    created_at = fields.AwareDateTime(required=True, metadata={"description": "When the check was made (UTC)."})
    counts = fields.Dict(
        keys=fields.String(validate=validate.OneOf(CHECK_OUTCOMES)),
        values=fields.Integer(),
        required=True,
        metadata={
            "description": "How many results had each outcome.",
            "example": {"accredited": 2, "invalid_number": 1},
        },
    )
    items = FlatList(CheckItemSchema, required=True)  # up to 1,000 items: see FlatList
    url = fields.String(required=True)

    @ma.pre_dump
    def with_url(self, check: Any, **kwargs: Any) -> dict[str, Any]:
        return {
            "reference": check.result.reference,
            "as_at": check.result.as_at,
            "created_at": check.result.created_at,
            "counts": check.result.counts,
            "items": check.result.items,
            "url": check.url,
        }


@shows(WatchlistItem, Mediator, to=LOCAL_AUTHORITY)
class WatchlistItemSchema(ma.Schema):
    """A watched mediator; dumps a WatchedMediator wrapped with its status view and url."""

    registration_number = fields.String(required=True, metadata={"example": EXAMPLE_NUMBER})
    name = fields.String(required=True)
    status = fields.Nested(StatusSchema, required=True)
    declared_conflict = fields.Boolean(
        required=True, metadata={"description": "Declared employment by, or a conflict with, your LA, today."}
    )
    added_at = fields.AwareDateTime(required=True)
    url = fields.String(required=True)

    @ma.pre_dump
    def from_watched(self, entry: Any, **kwargs: Any) -> dict[str, Any]:
        watched = entry.watched
        return {
            "registration_number": watched.mediator.registration_number,
            "name": watched.mediator.display_name,
            "status": entry.status,
            "declared_conflict": watched.declared_conflict,
            "added_at": watched.item.added_at,
            "url": entry.url,
        }


class WatchlistPageSchema(PageSchema):
    items = fields.List(fields.Nested(WatchlistItemSchema), required=True)
