"""The signed-in person's workspace: one page per role they hold."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry.auth.access import requires, signed_in
from registry.auth.capabilities import WORKSPACES
from registry.auth.policy import roles_of
from registry.domain.accreditation import queries
from registry.domain.errors import NotFound
from registry.domain.providers import panel

bp = Blueprint("workspace", __name__, url_prefix="/workspace")


@bp.get("")
@signed_in
def index() -> ResponseReturnValue:
    roles = roles_of(current_user)
    if not roles:
        abort(403)
    return redirect(url_for(WORKSPACES[roles[0]]))


def _workspace(role: str, **context: object) -> ResponseReturnValue:
    organisations = [ra.organisation for ra in current_user.roles if ra.role == role]
    return render_template(
        f"workspace/{role.replace('_', '-')}.html", role=role, organisations=organisations, **context
    )


@bp.get("/admin")
@requires("manage_organisations")
def admin() -> ResponseReturnValue:
    return _workspace("admin")


@bp.get("/oversight")
@requires("run_oversight_reviews")
def oversight() -> ResponseReturnValue:
    return _workspace("oversight")


@bp.get("/registrar")
@requires("decide_accreditations")
def registrar() -> ResponseReturnValue:
    return _workspace("registrar")


@bp.get("/trainer")
@requires("submit_training_programmes")
def trainer() -> ResponseReturnValue:
    return _workspace("trainer")


@bp.get("/provider")
@requires("manage_provider_details")
def provider() -> ResponseReturnValue:
    return _workspace("provider")


@bp.get("/local-authority")
@requires("manage_watchlist")
def la_officer() -> ResponseReturnValue:
    return _workspace("la_officer")


@bp.get("/mediator")
@requires("keep_own_log")
def mediator() -> ResponseReturnValue:
    """Links to the mediator's public entry (their proof of accreditation) once they are on the register."""
    own = queries.mediator_for_user(current_user)
    try:
        public_entry = queries.public_profile(own.registration_number) if own is not None else None
    except NotFound:
        public_entry = None
    waiting = panel.waiting_for(own) if own is not None else 0
    return _workspace("mediator", own=own, public_entry=public_entry, providers_waiting=waiting)
