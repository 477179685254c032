"""Plain-English pages written for this register: ``/what-is-send-mediation`` and ``/routes-to-resolve``
for families, the ``/accessibility`` statement and the ``/privacy`` notice (both linked from every page's footer), and
``/guidance``: the proof the register signs, and how to check it."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from registry.auth.access import public

bp = Blueprint("guidance", __name__)


@bp.get("/what-is-send-mediation")
@public
def what_is_send_mediation() -> ResponseReturnValue:
    """For a parent who has never heard the word: what mediation is, when it helps, what it costs, and
    what each status on the register means (in the register's one vocabulary)."""
    return render_template("guidance/what-is-send-mediation.html")


@bp.get("/routes-to-resolve")
@public
def routes_to_resolve() -> ResponseReturnValue:
    return render_template("guidance/routes-to-resolve.html")


@bp.get("/accessibility")
@public
def accessibility() -> ResponseReturnValue:
    """The accessibility statement: what is tested, what is known not to work, how to report a problem."""
    return render_template("guidance/accessibility.html")


@bp.get("/privacy")
@public
def privacy() -> ResponseReturnValue:
    """Who can see what on the register: public entries, private details, logs, concerns, cookies."""
    return render_template("guidance/privacy.html")


@bp.get("/guidance")
@public
def proof() -> ResponseReturnValue:
    """Proof that travels, in plain words: what the credential (and the other signed proof) is, and how
    a mediator, an LA and a family check it."""
    return render_template("guidance/proof.html")
