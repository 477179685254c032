"""The standards, readable by anyone: each family and version, and what changed between versions."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask.typing import ResponseReturnValue

from registry.auth.access import public
from registry.domain.consultations import reading
from registry.domain.standards import FAMILY_TITLES, library
from registry.representations import cached
from registry.standards import Document, diff_versions

bp = Blueprint("standards", __name__, url_prefix="/standards")


@bp.get("")
@public
@cached
def index() -> ResponseReturnValue:
    lib = library()
    families = [
        {"code": family, "title": FAMILY_TITLES.get(family, family), "versions": list(reversed(lib.versions(family)))}
        for family in FAMILY_TITLES
        if lib.versions(family)
    ]
    return render_template("standards/index.html", families=families)


def _version_or_404(family: str, version: str) -> Document:
    lib = library()
    if version not in lib.versions(family):
        abort(404)
    return lib.get(family, version)


@bp.get("/<family>/<version>")
@public
@cached
def version(family: str, version: str) -> ResponseReturnValue:
    document = _version_or_404(family, version)
    lib = library()
    versions = lib.versions(family)
    previous = versions[versions.index(version) - 1] if versions.index(version) > 0 else None
    return render_template(
        f"standards/{family}.html",
        document=document,
        family_title=FAMILY_TITLES[family],
        is_current=lib.current_version(family) == version,
        current_version=lib.current_version(family),
        previous_version=previous,
        consultations=reading.about_version(family, version, lib),
    )


@bp.get("/<family>/<version>/changes")
@public
@cached
def changes(family: str, version: str) -> ResponseReturnValue:
    """What changed in ``version`` since the version before it (mediator standards only)."""
    document = _version_or_404(family, version)
    versions = library().versions(family)
    position = versions.index(version)
    if family != "mediator-standards" or position == 0:
        abort(404)
    previous = library().mediator_standards(versions[position - 1])
    return render_template(
        "standards/changes.html",
        document=document,
        previous=previous,
        changes=diff_versions(previous, library().mediator_standards(version)),
        family_title=FAMILY_TITLES[family],
    )
