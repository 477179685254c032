"""``/api/v1/bodies`` and ``/api/v1/local-authorities``: the reference lists."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from registry.api.conventions import paginated, reads_query
from registry.api.schemas.common import ReferencePageQuerySchema
from registry.api.schemas.public import BodyPageSchema, LocalAuthorityPageSchema
from registry.auth.access import PUBLIC
from registry.domain.local_authorities import local_authorities_with_former_codes
from registry.domain.organisations import organisations_of_kind
from registry.domain.paging import page_of

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
