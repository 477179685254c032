"""How the mediator's log measures up against the CPD scheme, this period and before."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from registry.auth.access import requires
from registry.domain import compliance as domain
from registry.web.mediator.blueprint import bp
from registry.web.mediator.common import this_mediator


@bp.get("/compliance")
@requires("keep_own_log")
def compliance() -> ResponseReturnValue:
    overview = domain.overview(this_mediator())
    return render_template("mediator/compliance.html", overview=overview, percent=domain.percent)
