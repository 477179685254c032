"""``/api/v1/bodies`` and ``/api/v1/local-authorities``: the reference lists, and one LA's page as data."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from registry.api.conventions import paginated, reads_query
from registry.api.problems import abort_invalid, abort_not_found, responses
from registry.api.schemas.common import LA_CODE, LA_CODE_PATTERN, ReferencePageQuerySchema
from registry.api.schemas.local_authorities import LocalAuthorityDetailSchema
from registry.api.schemas.public import BodyPageSchema, LocalAuthorityPageSchema
from registry.auth.access import PUBLIC
from registry.domain.errors import NotFound
from registry.domain.local_authorities import local_authorities_with_former_codes
from registry.domain.local_authority_pages import area_page, by_code
from registry.domain.organisations import organisations_of_kind
from registry.domain.paging import page_of
from registry.representations import cached

bodies_blp = Blueprint(
    "bodies", __name__, url_prefix="/api/v1/bodies", description="The accrediting bodies that keep the register."
)
local_authorities_blp = Blueprint(
    "local-authorities",
    __name__,
    url_prefix="/api/v1/local-authorities",
    description="The 153 English local authorities with education duties, with their GSS and DfE codes.",
)


@bodies_blp.route("")
class BodyList(MethodView):
    access_level = PUBLIC

    @reads_query(bodies_blp, ReferencePageQuerySchema, BodyPageSchema, kept=True)
    def get(self, args: dict[str, int]) -> Any:
        """The accrediting bodies, by name"""
        return paginated(page_of(organisations_of_kind("accrediting_body"), args["page"], args["per_page"]))


@local_authorities_blp.route("")
class LocalAuthorityList(MethodView):
    access_level = PUBLIC

    @reads_query(local_authorities_blp, ReferencePageQuerySchema, LocalAuthorityPageSchema, kept=True)
    def get(self, args: dict[str, int]) -> Any:
        """The local authorities, by name

        Any of an LA's codes is accepted wherever the API asks for one: current GSS code, a former
        GSS code (Barnsley and Sheffield changed theirs in May 2025) or the 3-digit DfE code."""
        return paginated(page_of(local_authorities_with_former_codes(), args["page"], args["per_page"]))


CODE_PARAMETER = {
    "in": "path",
    "name": "code",
    "required": True,
    "description": "The LA's GSS code (E08000039), a former GSS code (E08000019) or its 3-digit DfE code (373).",
    "schema": {"type": "string", "format": "local-authority-code", "pattern": LA_CODE_PATTERN},
}


@local_authorities_blp.route("/<code>", parameters=[CODE_PARAMETER])
class LocalAuthorityDetail(MethodView):
    access_level = PUBLIC

    @cached
    @local_authorities_blp.response(200, LocalAuthorityDetailSchema)
    @local_authorities_blp.doc(**responses(404, 422))
    def get(self, code: str) -> Any:
        """One local authority: the mediation services it commissions, and its mediators and changes

        A code of the right shape that names no English LA is a 404; anything else a 422."""
        if not LA_CODE.match(code):
            abort_invalid("Give a GSS code like E08000039 or a 3-digit DfE code like 373.", "#/code", location="path")
        try:
            return area_page(by_code(code))
        except NotFound as error:
            abort_not_found(str(error))
