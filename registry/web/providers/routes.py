"""``/providers`` and ``/providers/<slug>``: every mediation provider's public page."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from registry.auth.access import public
from registry.domain.providers import page
from registry.representations import cached
from registry.web.lookups import found

bp = Blueprint("providers", __name__, url_prefix="/providers")


@bp.get("")
@public
@cached
def index() -> ResponseReturnValue:
    return render_template("providers/index.html", providers=page.providers())


@bp.get("/<slug>")
@public
@cached
def show(slug: str) -> ResponseReturnValue:
    return render_template("providers/show.html", page=found(page.provider_page, slug))
