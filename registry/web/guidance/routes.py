"""``/routes-to-resolve``: plain-English guidance for families, written for this register."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from registry.auth.access import public

bp = Blueprint("guidance", __name__)


@bp.get("/routes-to-resolve")
@public
def routes_to_resolve() -> ResponseReturnValue:
    return render_template("guidance/routes-to-resolve.html")
