"""Public pages that need no account."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from registry.auth.access import public
from registry.domain.register import count_currently_accredited
from registry.representations import cached

bp = Blueprint("public", __name__)


@bp.get("/")
@public
@cached
def home() -> ResponseReturnValue:
    return render_template("public/home.html", accredited_count=count_currently_accredited())
