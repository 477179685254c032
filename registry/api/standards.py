"""``/api/v1/standards``: the standards as data, every published version of every family."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from registry.api.conventions import paginated, reads_query
from registry.api.problems import abort_not_found, responses
from registry.api.schemas.common import ReferencePageQuerySchema
from registry.api.schemas.public import StandardsDocumentSchema, StandardsPageSchema
from registry.auth.access import PUBLIC
from registry.domain.paging import page_of
from registry.domain.standards import FAMILY_TITLES, library
from registry.representations import cached

blp = Blueprint(
    "standards-data",
    __name__,
    url_prefix="/api/v1/standards",
    description="The quality standards, CPD scheme, training and oversight criteria and vocabularies, as data.",
)


@dataclass(frozen=True)
class StandardsEntry:
    family: str
    family_title: str
    version: str
    title: str
    published_on: date
    current: bool
    content_hash: str
    url: str
    content: Any = None


def _entry(family: str, version: str) -> StandardsEntry:
    lib = library()
    parsed = lib.parsed(family, version)
    document = lib.get(family, version)
    return StandardsEntry(
        family=family,
        family_title=FAMILY_TITLES.get(family, family),
        version=version,
        title=document.title,
        published_on=document.published_on,
        current=lib.current_version(family) == version,
        content_hash=parsed.content_hash,
        url=url_for("standards-data.StandardsVersion", family=family, version=version, _external=True),
        content=parsed.data,
    )


@blp.route("")
class StandardsList(MethodView):
    access_level = PUBLIC

    @reads_query(blp, ReferencePageQuerySchema, StandardsPageSchema, kept=True)
    def get(self, args: dict[str, int]) -> Any:
        """Every published version of every standards family"""
        lib = library()
        entries = [_entry(family, version) for family in lib.families() for version in lib.versions(family)]
        return paginated(page_of(entries, args["page"], args["per_page"]))


@blp.route(
    "/<family>/<version>",
    parameters=[
        {"in": "path", "name": "family", "required": True, "schema": {"type": "string", "enum": sorted(FAMILY_TITLES)}},
        {"in": "path", "name": "version", "required": True, "schema": {"type": "string", "example": "1.0"}},
    ],
)
class StandardsVersion(MethodView):
    access_level = PUBLIC

    @cached
    @blp.response(200, StandardsDocumentSchema)
    @blp.doc(**responses(404))
    def get(self, family: str, version: str) -> Any:
        """One published version, as data

        `content` is the published YAML file read as data; `content_hash` is the SHA-256 of that file."""
        if version not in library().versions(family):
            abort_not_found(f"There is no version {version} of {FAMILY_TITLES.get(family, family)!r}.")
        return _entry(family, version)
