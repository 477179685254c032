"""``/api/v1/bodies`` and ``/api/v1/local-authorities``: the reference lists."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from registry.api.conventions import page_of, paginated
from registry.api.problems import responses
from registry.api.schemas.common import ReferencePageQuerySchema
from registry.api.schemas.public import BodyPageSchema, LocalAuthorityPageSchema
from registry.auth.access import PUBLIC
from registry.domain.local_authorities import local_authorities_with_former_codes
from registry.domain.organisations import organisations_of_kind

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

    @bodies_blp.arguments(ReferencePageQuerySchema, location="query")
    @bodies_blp.response(200, BodyPageSchema)
    @bodies_blp.doc(**responses(422, 429))
    def get(self, args: dict[str, int]) -> Any:
        """The accrediting bodies, by name"""
        return paginated(page_of(organisations_of_kind("accrediting_body"), args["page"], args["per_page"]))


@local_authorities_blp.route("")
class LocalAuthorityList(MethodView):
    access_level = PUBLIC

    @local_authorities_blp.arguments(ReferencePageQuerySchema, location="query")
    @local_authorities_blp.response(200, LocalAuthorityPageSchema)
    @local_authorities_blp.doc(**responses(422, 429))
    def get(self, args: dict[str, int]) -> Any:
        """The local authorities, by name

        Any of an LA's codes is accepted wherever the API asks for one: current GSS code, a former
        GSS code (Barnsley and Sheffield changed theirs in May 2025) or the 3-digit DfE code."""
        return paginated(page_of(local_authorities_with_former_codes(), args["page"], args["per_page"]))
