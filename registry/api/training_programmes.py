"""``/api/v1/training-programmes``: accredited training programmes, and one programme in full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from registry.api.conventions import paginated, reads_query
from registry.api.problems import programme_reference_problems, responses
from registry.api.schemas.common import PageQuerySchema, number_pattern
from registry.api.schemas.public import PROGRAMME_LEVELS, ProgrammePageSchema, ProgrammeSchema
from registry.auth.access import PUBLIC
from registry.domain import training
from registry.domain.paging import Page
from registry.domain.training import queries
from registry.models import TrainingProgramme
from registry.representations import cached

blp = Blueprint(
    "training-programmes",
    __name__,
    url_prefix="/api/v1/training-programmes",
    description="Training programmes for SEND mediators, accredited against the training criteria.",
)

REFERENCE_PARAMETER = {
    "in": "path",
    "name": "reference",
    "required": True,
    "description": "The programme's reference, e.g. `TP-000001-X` (any case; hyphens optional).",
    # The pattern is the shape; no pattern can say which check character is right.
    "schema": {"type": "string", "format": "programme-reference", "pattern": number_pattern("TP")},
}


@dataclass(frozen=True)
class ListedProgramme:
    programme: TrainingProgramme
    status: str
    url: str
    web_url: str
    details: Any = None
    history: Any = None


def _listed(programme: TrainingProgramme, **extra: Any) -> ListedProgramme:
    return ListedProgramme(
        programme,
        queries.public_status(programme),
        url_for("training-programmes.ProgrammeDetail", reference=programme.reference, _external=True),
        url_for("training.programme", reference=programme.reference, _external=True),
        **extra,
    )


class ProgrammeQuerySchema(PageQuerySchema):
    level = fields.String(validate=validate.OneOf(PROGRAMME_LEVELS))
    provider = fields.String(
        validate=validate.Regexp(r"^[a-z0-9-]{1,80}$"),
        metadata={"description": "A training provider's slug.", "example": "kestrel-mediation-academy"},
    )
    delivery_mode = fields.String(validate=validate.OneOf(("in_person", "online", "blended")))
    status = fields.String(
        load_default="current",
        validate=validate.OneOf(("current", "any")),
        metadata={"description": "`current` (default): accredited today. `any`: also suspended, lapsed and withdrawn."},
    )


@blp.route("")
class ProgrammeList(MethodView):
    access_level = PUBLIC

    @reads_query(blp, ProgrammeQuerySchema, ProgrammePageSchema, kept=True)
    def get(self, args: dict[str, Any]) -> Any:
        """Find training programmes

        Filters combine. By default only programmes accredited today are listed, by title."""
        filters = queries.ProgrammeFilters(
            level=args.get("level"),
            provider=args.get("provider"),
            delivery_mode=args.get("delivery_mode"),
            status="any" if args["status"] == "any" else "accredited",
        )
        found = queries.public_programmes(filters, page=args["page"], page_size=args["per_page"])
        return paginated(Page([_listed(p) for p in found.items], found.total, found.page, found.page_size))


@blp.route("/<reference>", parameters=[REFERENCE_PARAMETER])
class ProgrammeDetail(MethodView):
    access_level = PUBLIC

    @cached
    @blp.response(200, ProgrammeSchema)
    @blp.doc(**responses(404, 422))
    def get(self, reference: str) -> Any:
        """A programme: its status, content, criteria covered, history and versions

        Programmes that were only submitted or refused are not on the register (404)."""
        with programme_reference_problems(reference):
            queries.programme_reference(reference)
            programme = queries.public_programme(reference)
        return _listed(
            programme,
            details=queries.version_details(queries.current_version(programme)),
            history=training.public_history(programme),
        )
