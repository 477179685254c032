"""``/api/v1/mediators``: find mediators; one mediator's profile, status on a date, and history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NoReturn, TypedDict

import marshmallow as ma
from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from registry.api.conventions import paginated, reads_query
from registry.api.problems import abort_invalid, abort_problem, registration_number_problems, responses
from registry.api.schemas.common import (
    REGISTRATION_NUMBER_DESCRIPTION,
    ChoiceSchema,
    PageQuerySchema,
    PlainText,
    local_authority_code,
    number_pattern,
)
from registry.api.schemas.public import (
    HistoryPageSchema,
    MediatorPageSchema,
    MediatorProfileSchema,
    StatusReportSchema,
)
from registry.auth.access import PUBLIC
from registry.domain.accreditation.history import FutureDate, MediatorStatus
from registry.domain.accreditation.queries import PublicProfile, public_profile
from registry.domain.checks import status_report
from registry.domain.organisations import organisations_of_kind
from registry.domain.paging import Page, page_of
from registry.domain.places.where import Understood, WhereNotUnderstood, searched_area
from registry.domain.search import (
    SEARCHABLE_STATUSES,
    MediatorSearch,
    UnknownFilterValue,
    UnknownLocalAuthority,
    search_mediators,
)
from registry.models import LocalAuthority, Mediator
from registry.models.mediators import FORMATS
from registry.representations import cached

blp = Blueprint(
    "mediators",
    __name__,
    url_prefix="/api/v1/mediators",
    description="Find accredited SEND mediators, and check a mediator's status today or on a past date.",
)

NUMBER_PARAMETER = {
    "in": "path",
    "name": "registration_number",
    "required": True,
    "description": REGISTRATION_NUMBER_DESCRIPTION,
    # The pattern is the shape; no pattern can say which check character is right (see the description).
    "schema": {"type": "string", "format": "registration-number", "pattern": number_pattern("SM")},
}
CODE = validate.Regexp(r"^[a-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class StatusView:
    """What ``StatusSchema`` shows: the status, the name of the body whose accreditation decides it
    and the public note of a suspension."""

    status: MediatorStatus
    body_name: str | None
    note: str | None = None


@dataclass(frozen=True)
class Independence:
    """What ``IndependenceSchema`` shows for a search result: the LA searched and what the mediator
    declared with it (kind → the day it began)."""

    local_authority: LocalAuthority
    declared: dict[str, date]


@dataclass(frozen=True)
class Listed:
    mediator: Mediator
    status: StatusView
    url: str
    body_names: list[str] = field(default_factory=list)
    history_url: str = ""
    coverage: str | None = None  # for the LA searched: registry.domain.coverage's LOCAL or REMOTE
    independence: Independence | None = None


def mediator_url(number: str) -> str:
    return url_for("mediators.MediatorDetail", registration_number=number, _external=True)


def status_view(status: MediatorStatus, body_names: dict[int, str], note: str | None = None) -> StatusView:
    return StatusView(status, body_names.get(status.state.body_id) if status.state else None, note)


def body_names() -> dict[int, str]:
    return {body.id: body.name for body in organisations_of_kind("accrediting_body")}


class MediatorSearchQuerySchema(PageQuerySchema):
    where = PlainText(
        validate=validate.Length(max=100),
        metadata={
            "description": "Where the family lives: a postcode (`S10 2TN`), postcode district (`S10`), town or "
            "city, or council (`Sheffield City Council`), misspellings forgiven. It is read as the one LA that "
            "runs SEND services there and searched as `local_authority` is; the answer's `where` says which. "
            "One it cannot settle on is a 422 problem with the `choices` (`where-ambiguous`), suggestions "
            "(`where-not-found`) or none (`where-outside-england`). Not with `local_authority`.",
            "example": "CB2 1TN",
            "format": "place",  # no schema can say which text names one English LA: a 422 says so
        },
    )
    q = PlainText(
        load_default="",
        validate=validate.Length(max=100),
        metadata={"description": "Part of a name, or a registration number."},
    )
    local_authority = local_authority_code(
        description="An area served: the LA's GSS code (current or former) or 3-digit DfE code.", example="E08000039"
    )
    specialism = fields.String(
        validate=CODE, metadata={"description": "A specialism code (see the vocabularies).", "example": "autism"}
    )
    language = fields.String(
        validate=CODE, metadata={"description": "An ISO 639 language code; `bfi` is BSL.", "example": "bfi"}
    )
    format = fields.String(validate=validate.OneOf(FORMATS), metadata={"description": "How they can meet."})
    status = fields.String(
        load_default="current",
        validate=validate.OneOf(SEARCHABLE_STATUSES),
        metadata={"description": "`current` (default): accredited today. `any`: everyone on the register."},
    )


class StatusQuery(TypedDict, total=False):
    """What StatusQuerySchema loads."""

    as_at: date
    recorded_as_at: date
    local_authority: str


class StatusQuerySchema(ma.Schema):
    as_at = fields.Date(
        metadata={
            "description": "The date to answer for (not in the future). Default: `recorded_as_at` when that is "
            "given (what the register said that day), else today."
        }
    )
    recorded_as_at = fields.Date(
        metadata={"description": "Answer as the register knew it at the end of this day (record time)."}
    )
    local_authority = local_authority_code(
        description="Also say whether the mediator declared employment by, or a conflict with, this LA (any code)."
    )


@dataclass(frozen=True)
class SearchAnswer(Page[Listed]):
    """A page of results, and what its ``where`` was understood as."""

    where: Understood | None = None


def abort_where(error: WhereNotUnderstood) -> NoReturn:
    """A ``where`` that names no one LA: 422, naming ``where``, with the LAs to choose from."""
    abort_problem(
        422,
        "`where` is not one local authority the register knows",
        str(error),
        type_slug=f"where-{error.reason.replace('_', '-')}",
        errors=[{"location": "query", "pointer": "#/where", "detail": str(error)}],
        extra={"choices": ChoiceSchema(many=True).dump(error.options)},
    )


def _search(args: dict[str, Any]) -> Page:
    where = args.pop("where", None)
    try:
        understood = searched_area(where, args.get("local_authority"))
        if understood is not None:
            args["local_authority"] = understood.area.gss_code
        page = search_mediators(MediatorSearch(**args))
    except WhereNotUnderstood as error:
        abort_where(error)
    except UnknownLocalAuthority as error:
        abort_invalid(str(error), "#/local_authority")
    except UnknownFilterValue as error:
        abort_invalid(str(error), f"#/{error.field}")
    names = body_names()
    la = page.local_authority
    listed = [
        Listed(
            r.mediator,
            status_view(r.status, names, r.status_note),
            mediator_url(r.mediator.registration_number),
            coverage=r.coverage,
            independence=Independence(la, r.declared) if la is not None else None,
        )
        for r in page.results
    ]
    return SearchAnswer(listed, page.total, page.search.page, page.search.per_page, where=understood)


@blp.route("")
class MediatorList(MethodView):
    access_level = PUBLIC

    @reads_query(blp, MediatorSearchQuerySchema, MediatorPageSchema, kept=True)
    def get(self, args: dict[str, Any]) -> Any:
        """Find mediators

        Filters combine. By default only mediators accredited today are listed, in name order."""
        return paginated(_search(args))


def _profile(registration_number: str) -> PublicProfile:
    with registration_number_problems(registration_number):
        return public_profile(registration_number)


@blp.route("/<registration_number>", parameters=[NUMBER_PARAMETER])
class MediatorDetail(MethodView):
    access_level = PUBLIC

    @cached
    @blp.response(200, MediatorProfileSchema)
    @blp.doc(**responses(404, 422))
    def get(self, registration_number: str) -> Any:
        """A mediator's public profile and current status"""
        profile = _profile(registration_number)
        number = profile.mediator.registration_number
        return Listed(
            profile.mediator,
            status_view(profile.status, profile.body_names, profile.status_note),
            mediator_url(number),
            sorted(set(profile.body_names.values())),
            url_for("mediators.MediatorHistory", registration_number=number, _external=True),
        )


@blp.route("/<registration_number>/status", parameters=[NUMBER_PARAMETER])
class MediatorStatusOnDate(MethodView):
    access_level = PUBLIC

    @reads_query(blp, StatusQuerySchema, StatusReportSchema, 404, kept=True)
    def get(self, args: StatusQuery, registration_number: str) -> Any:
        """A mediator's status on a date

        `as_at` is valid time: the date it took effect in the world. `recorded_as_at` is record
        time: what the register said at the end of that day (a suspension recorded later, with an
        earlier effective date, changes the answer for that date but not the answer as known then).
        With `local_authority`, it also says whether the mediator had declared employment by, or a
        conflict with, that LA on `as_at`."""
        with registration_number_problems(registration_number):
            try:
                return status_report(
                    registration_number, args.get("as_at"), args.get("recorded_as_at"), args.get("local_authority")
                )
            except FutureDate as error:
                abort_invalid(str(error), f"#/{error.field}")
            except UnknownLocalAuthority as error:
                abort_invalid(str(error), "#/local_authority")


@blp.route("/<registration_number>/history", parameters=[NUMBER_PARAMETER])
class MediatorHistory(MethodView):
    access_level = PUBLIC

    @reads_query(blp, PageQuerySchema, HistoryPageSchema, 404, kept=True)
    def get(self, args: dict[str, int], registration_number: str) -> Any:
        """A mediator's public accreditation history, newest first"""
        profile = _profile(registration_number)
        return paginated(page_of(profile.timeline, args["page"], args["per_page"]))
