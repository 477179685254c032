"""The mediator's side of accreditation: their accreditations, applying to a body, applying to
renew a lapsed accreditation, and resigning. Each page acts only on the signed-in mediator's own
record (404 without one, 403 for someone else's accreditation)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import is_own_accreditation
from registry.domain import accreditation as lifecycle
from registry.domain.accreditation import queries
from registry.domain.errors import ConcurrentChange, DomainError, NotFound
from registry.domain.organisations import organisations_of_kind
from registry.models import Accreditation, Mediator
from registry.web.applications import forms
from registry.web.fields import choices
from registry.web.refusals import show_refusal

bp = Blueprint("applications", __name__, url_prefix="/workspace/mediator/accreditation")


def _own_mediator() -> Mediator:
    mediator = queries.mediator_for_user(current_user)
    if mediator is None:
        abort(404)
    return mediator


def _own_accreditation(accreditation_id: int) -> Accreditation:
    try:
        accreditation = queries.get_accreditation(accreditation_id)
    except NotFound:
        abort(404)
    authorise(is_own_accreditation(current_user, accreditation))
    return accreditation


def _index() -> ResponseReturnValue:
    return redirect(url_for("applications.index"))


@bp.get("")
@requires("apply_for_accreditation")
def index() -> ResponseReturnValue:
    mediator = _own_mediator()
    return render_template(
        "applications/index.html", mediator=mediator, accreditations=queries.accreditations_of_mediator(mediator)
    )


@bp.route("/apply", methods=["GET", "POST"])
@requires("apply_for_accreditation")
def apply() -> ResponseReturnValue:
    mediator = _own_mediator()
    bodies = {str(body.id): body for body in organisations_of_kind("accrediting_body")}
    form = forms.ApplyForm()
    form.body.choices = choices((key, body.name) for key, body in bodies.items())
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                lifecycle.apply(mediator, bodies[form.body.data], current_user, form.declarations())
        except DomainError as error:
            show_refusal(form, error, "body")
        else:
            flash(f"Your application has been sent to {bodies[form.body.data].name}", "success")
            return _index()
    return render_template("applications/apply.html", form=form, accreditation=None)


@bp.route("/<int:accreditation_id>/renewal-application", methods=["GET", "POST"])
@requires("apply_for_accreditation")
def renewal_application(accreditation_id: int) -> ResponseReturnValue:
    accreditation = _own_accreditation(accreditation_id)
    if accreditation.status != "lapsed":  # a current accreditation is renewed from the renewal page
        return redirect(url_for("mediator.renewal"))
    form = forms.RenewalApplicationForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                lifecycle.apply_for_renewal(accreditation, current_user, form.declarations())
        except DomainError as error:
            show_refusal(form, error, "training_completed")
        else:
            flash(f"Your application to renew has been sent to {accreditation.body.name}", "success")
            return _index()
    return render_template("applications/apply.html", form=form, accreditation=accreditation)


@bp.route("/<int:accreditation_id>/resign", methods=["GET", "POST"])
@requires("apply_for_accreditation")
def resign(accreditation_id: int) -> ResponseReturnValue:
    accreditation = _own_accreditation(accreditation_id)
    form = forms.ResignForm(version=str(accreditation.version))
    status = 200
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                lifecycle.resign(
                    accreditation, current_user, reason=form.reason.data, expected_version=form.expected_version()
                )
        except DomainError as error:
            show_refusal(form, error, "confirm")
            status = 409 if isinstance(error, ConcurrentChange) else 200
            accreditation = _own_accreditation(accreditation_id)
        else:
            flash("You have resigned your accreditation", "success")
            return _index()
    return render_template("applications/resign.html", form=form, accreditation=accreditation), status
