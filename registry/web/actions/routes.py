"""An organisation's oversight actions and reviews, for anyone acting for it (registrars, trainers, providers, LAs)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import can_respond_to_action, can_view_review, organisations_with
from registry.domain import clock
from registry.domain.oversight import actions, notices, reviews
from registry.domain.oversight.errors import Refused
from registry.web.actions.forms import ResponseForm
from registry.web.lookups import found
from registry.web.refusals import show_refusal

bp = Blueprint("actions", __name__, url_prefix="/workspace/actions")


@bp.get("")
@requires("respond_to_oversight_actions")
def index() -> ResponseReturnValue:
    owners = organisations_with(current_user, "respond_to_oversight_actions")
    return render_template(
        "actions/index.html",
        actions=actions.actions_for_owners(owners),
        reviews=reviews.reviews_of(owners),
        notices=notices.recent_for(current_user),
        today=clock.today(),
    )


@bp.route("/<int:action_id>", methods=["GET", "POST"])
@requires("respond_to_oversight_actions")
def respond(action_id: int) -> ResponseReturnValue:
    action = found(actions.action_by_id, action_id)
    authorise(can_respond_to_action(current_user, action))
    form = ResponseForm(response=action.response or None)
    if action.status == "open" and form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                actions.respond(action, form.response.data or "", form.done.data, current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "response")
        else:
            flash("Response sent to the oversight panel.", "success")
            return redirect(url_for(".index"))
    return render_template("actions/respond.html", form=form, action=action, today=clock.today())


@bp.get("/reviews/<reference>")
@requires("respond_to_oversight_actions")
def review(reference: str) -> ResponseReturnValue:
    found_review = found(reviews.review_by_reference, reference)
    authorise(can_view_review(current_user, found_review))
    return render_template(
        "actions/review.html",
        review=found_review,
        findings=reviews.findings_by_criterion(found_review),
        today=clock.today(),
    )
