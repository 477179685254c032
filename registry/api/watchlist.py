"""``/api/v1/watchlist`` (key): the mediators a local authority watches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from registry.api.auth import current_key, key_required
from registry.api.conventions import Page, paginated
from registry.api.mediators import NUMBER_PARAMETER, StatusView, body_names, status_view
from registry.api.problems import abort_mistyped, abort_not_found, responses
from registry.api.schemas.common import PageQuerySchema
from registry.api.schemas.privileged import WatchlistItemSchema, WatchlistPageSchema
from registry.domain import watchlist
from registry.domain.errors import NotFound
from registry.domain.registration_numbers import InvalidRegistrationNumber
from registry.models import Organisation

blp = Blueprint(
    "watchlist",
    __name__,
    url_prefix="/api/v1/watchlist",
    description="Your local authority's watchlist: the mediators you contract with, and their status today.",
)
SECURITY: dict[str, list[dict[str, list[str]]]] = {"security": [{"apiKey": []}]}
ACCESS = "capability:manage_watchlist"


@dataclass(frozen=True)
class WatchedView:
    watched: watchlist.WatchedMediator
    status: StatusView
    url: str


def _views(entries: list[watchlist.WatchedMediator]) -> list[WatchedView]:
    names = body_names()
    return [
        WatchedView(
            entry,
            status_view(entry.status, names),
            url_for(
                "watchlist.WatchedMediator", registration_number=entry.mediator.registration_number, _external=True
            ),
        )
        for entry in entries
    ]


def _organisation() -> Organisation:
    key = current_key()
    assert key is not None
    return key.organisation


@blp.route("")
class Watchlist(MethodView):
    access_level = ACCESS
    decorators = [key_required("manage_watchlist")]

    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, WatchlistPageSchema)
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 422, 429))
    def get(self, args: dict[str, int]) -> Any:
        """Your watched mediators, by name, with their status today"""
        page = watchlist.watchlist(_organisation(), args["page"], args["per_page"])
        return paginated(Page(_views(page.items), page.page, page.per_page, page.total))


def _one(registration_number: str) -> WatchedView:
    try:
        return _views([watchlist.watched(_organisation(), registration_number)])[0]
    except InvalidRegistrationNumber as error:
        abort_mistyped(error, registration_number)
    except NotFound as error:
        abort_not_found(str(error))


@blp.route("/<registration_number>", parameters=[NUMBER_PARAMETER])
class WatchedMediator(MethodView):
    access_level = ACCESS
    decorators = [key_required("manage_watchlist")]

    @blp.response(200, WatchlistItemSchema)
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 404, 422, 429))
    def get(self, registration_number: str) -> Any:
        """One watched mediator (404 when not on your watchlist)"""
        return _one(registration_number)

    @blp.response(200, WatchlistItemSchema, description="Already on your watchlist: nothing changed.")
    @blp.alt_response(201, schema=WatchlistItemSchema, description="Added to your watchlist.", success=True)
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 404, 422, 429))
    def put(self, registration_number: str) -> Any:
        """Watch a mediator

        Safe to repeat: adding a mediator who is already watched changes nothing."""
        key = current_key()
        assert key is not None
        try:
            _, created = watchlist.add(key.organisation, registration_number, None, api_key_id=key.id)
        except InvalidRegistrationNumber as error:
            abort_mistyped(error, registration_number)
        except NotFound as error:
            abort_not_found(str(error))
        return _one(registration_number), 201 if created else 200

    @blp.response(204, description="No longer watched.")
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 404, 422, 429))
    def delete(self, registration_number: str) -> Any:
        """Stop watching a mediator"""
        try:
            key = current_key()
            assert key is not None
            watchlist.remove(key.organisation, registration_number, None, api_key_id=key.id)
        except InvalidRegistrationNumber as error:
            abort_mistyped(error, registration_number)
        except NotFound as error:
            abort_not_found(str(error))
        return None
