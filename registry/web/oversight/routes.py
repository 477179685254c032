"""The oversight workspace: reviews (plan, findings, actions, publication), all actions, CPD audits, all concerns."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain import clock
from registry.domain.oversight import actions, concern_handling, reviews
from registry.domain.oversight.errors import Refused
from registry.web.fields import SelectChoice, choices
from registry.web.find.pagination import page_links
from registry.web.lookups import found
from registry.web.numbers import page_requested
from registry.web.oversight.forms import ActionForm, FindingForm, PlanReviewForm, PublishForm
from registry.web.refusals import show_refusal

bp = Blueprint("oversight", __name__, url_prefix="/workspace/oversight")


def _organisation_choices(kind: str, prompt: str) -> list[SelectChoice]:
    return choices([("", prompt)] + [(str(o.id), o.name) for o in reviews.review_subjects(kind)])


@bp.get("/reviews")
@requires("run_oversight_reviews")
def review_list() -> ResponseReturnValue:
    page = reviews.all_reviews(page_requested())
    return render_template("oversight/reviews.html", page=page, pagination_params=page_links(page, ".review_list"))


@bp.route("/reviews/new", methods=["GET", "POST"])
@requires("run_oversight_reviews")
def plan_review() -> ResponseReturnValue:
    form = PlanReviewForm()
    form.body_id.choices = _organisation_choices("accrediting_body", "Choose a body")
    form.provider_id.choices = _organisation_choices("training_provider", "Choose a provider")
    form.mediation_provider_id.choices = _organisation_choices("mediation_provider", "Choose a provider")
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                review = reviews.plan_review(form.to_plan(), current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "subject_kind")
        else:
            flash(f"Review {review.reference} planned. Record a finding for each criterion.", "success")
            return redirect(url_for(".review", reference=review.reference))
    return render_template("oversight/plan-review.html", form=form)


@bp.get("/reviews/<reference>")
@requires("run_oversight_reviews")
def review(reference: str) -> ResponseReturnValue:
    found_review = found(reviews.review_by_reference, reference)
    return render_template(
        "oversight/review.html",
        review=found_review,
        findings=reviews.findings_by_criterion(found_review),
        today=clock.today(),
    )


@bp.route("/reviews/<reference>/findings/<code>", methods=["GET", "POST"])
@requires("run_oversight_reviews")
def finding(reference: str, code: str) -> ResponseReturnValue:
    found_review = found(reviews.review_by_reference, reference)
    item = next((i for i in reviews.findings_by_criterion(found_review) if i.criterion.code == code), None)
    if item is None:
        abort(404)
    form = FindingForm(obj=item.finding)
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                reviews.record_finding(found_review, code, form.outcome.data, form.notes.data or "", current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "outcome")
        else:
            flash(f"Finding for {code} saved.", "success")
            return redirect(url_for(".review", reference=found_review.reference) + "#findings")
    return render_template("oversight/finding.html", form=form, review=found_review, item=item)


@bp.route("/reviews/<reference>/actions/new", methods=["GET", "POST"])
@requires("run_oversight_reviews")
def add_action(reference: str) -> ResponseReturnValue:
    found_review = found(reviews.review_by_reference, reference)
    form = ActionForm(owner_id=str(found_review.organisation_id))
    owners = actions.possible_owners()
    form.owner_id.choices = choices([("", "Choose an organisation")] + [(str(o.id), o.name) for o in owners])
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                actions.add_action(
                    found_review, form.owner(), form.description.data or "", form.due_on.data, current_user
                )
        except Refused as refusal:
            show_refusal(form, refusal, "description")
        else:
            flash("Action set. The organisation has been told.", "success")
            return redirect(url_for(".review", reference=found_review.reference) + "#actions")
    return render_template("oversight/action-form.html", form=form, review=found_review)


@bp.route("/reviews/<reference>/publish", methods=["GET", "POST"])
@requires("run_oversight_reviews")
def publish(reference: str) -> ResponseReturnValue:
    found_review = found(reviews.review_by_reference, reference)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                reviews.publish_review(found_review, form.summary.data or "", current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "summary")
        else:
            flash("Review published.", "success")
            return redirect(url_for("published.review", reference=found_review.reference))
    return render_template("oversight/publish.html", form=form, review=found_review)


@bp.get("/actions")
@requires("run_oversight_reviews")
def action_list() -> ResponseReturnValue:
    status = request.args.get("status") if request.args.get("status") in ("open", "done") else None
    return render_template(
        "oversight/actions.html", actions=actions.all_actions(status), status=status, today=clock.today()
    )


@bp.get("/concerns")
@requires("view_all_concerns")
def concern_list() -> ResponseReturnValue:
    stage = request.args.get("stage")
    stage = stage if stage in ("received", "investigating", "not_in_scope", "closed") else None
    page = concern_handling.all_concerns(page_requested(), stage)
    links = page_links(page, ".concern_list", stage=stage)
    return render_template("oversight/concerns.html", page=page, stage=stage, pagination_params=links)
