"""``/api/v1/watchlist`` (key): the mediators a local authority watches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from registry.api.auth import SECURITY, key_required, the_key
from registry.api.conventions import paginated, reads_query
from registry.api.mediators import NUMBER_PARAMETER, StatusView, body_names, status_view
from registry.api.problems import registration_number_problems, responses
from registry.api.schemas.common import PageQuerySchema
from registry.api.schemas.privileged import WatchlistItemSchema, WatchlistPageSchema
from registry.domain import watchlist
from registry.domain.paging import Page
from registry.models import Organisation

blp = Blueprint(
    "watchlist",
    __name__,
    url_prefix="/api/v1/watchlist",
    description="Your local authority's watchlist: the mediators you contract with, and their status today.",
)
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
            status_view(entry.status, names, entry.status_note),
            url_for(
                "watchlist.WatchedMediator", registration_number=entry.mediator.registration_number, _external=True
            ),
        )
        for entry in entries
    ]


def _organisation() -> Organisation:
    return the_key().organisation


@blp.route("")
class Watchlist(MethodView):
    access_level = ACCESS
    decorators = [key_required("manage_watchlist")]

    @reads_query(blp, PageQuerySchema, WatchlistPageSchema, 401)
    @blp.doc(**SECURITY)
    def get(self, args: dict[str, int]) -> Any:
        """Your watched mediators, by name, with their status today"""
        page = watchlist.watchlist(_organisation(), args["page"], args["per_page"])
        return paginated(Page(_views(page.items), page.total, page.page, page.page_size))


def _one(registration_number: str) -> WatchedView:
    with registration_number_problems(registration_number):
        return _views([watchlist.watched(_organisation(), registration_number)])[0]


@blp.route("/<registration_number>", parameters=[NUMBER_PARAMETER])
class WatchedMediator(MethodView):
    access_level = ACCESS
    decorators = [key_required("manage_watchlist")]

    @blp.response(200, WatchlistItemSchema)
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 404, 422))
    def get(self, registration_number: str) -> Any:
        """One watched mediator (404 when not on your watchlist)"""
        return _one(registration_number)

    @blp.response(200, WatchlistItemSchema, description="Already on your watchlist: nothing changed.")
    @blp.alt_response(201, schema=WatchlistItemSchema, description="Added to your watchlist.", success=True)
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 404, 422))
    def put(self, registration_number: str) -> Any:
        """Watch a mediator

        Safe to repeat: adding a mediator who is already watched changes nothing."""
        key = the_key()
        with registration_number_problems(registration_number):
            _, created = watchlist.add(key.organisation, registration_number, None, api_key_id=key.id)
        return _one(registration_number), 201 if created else 200

    @blp.response(204, description="No longer watched.")
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 404, 422))
    def delete(self, registration_number: str) -> Any:
        """Stop watching a mediator"""
        key = the_key()
        with registration_number_problems(registration_number):
            watchlist.remove(key.organisation, registration_number, None, api_key_id=key.id)
        return None
