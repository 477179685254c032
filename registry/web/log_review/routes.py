"""A registrar reviews their body's mediators' logs, and decides renewal requests beside the compliance summary."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import can_decide_renewal, can_review_log, can_view_evidence, organisations_with
from registry.domain import compliance, declarations, logbook, renewals
from registry.domain.errors import DomainError
from registry.domain.mediators import mediator_by_number
from registry.web.log_review.forms import RenewalDecisionForm, ReviewForm
from registry.web.lookups import found
from registry.web.mediator.common import evidence_response
from registry.web.mediator.log import log_labels
from registry.web.numbers import page_requested
from registry.web.refusals import show_refusal

bp = Blueprint("log_review", __name__, url_prefix="/workspace/registrar")


@bp.get("/log-review")
@requires("verify_log_entries")
def queue() -> ResponseReturnValue:
    bodies = organisations_with(current_user, "verify_log_entries")
    page = page_requested()
    rows, total = logbook.review_queue(bodies, page)
    pending = renewals.pending_for_bodies(organisations_with(current_user, "decide_accreditations"))
    return render_template("log_review/queue.html", rows=rows, total=total, page=page, renewal_count=len(pending))


@bp.get("/mediators/<registration_number>/log")
@requires("verify_log_entries")
def mediator_log(registration_number: str) -> ResponseReturnValue:
    mediator = found(mediator_by_number, registration_number)
    authorise(can_review_log(current_user, logbook.log_owner(mediator)))
    page = logbook.log_page(mediator.id, page=page_requested())
    return render_template(
        "log_review/mediator-log.html",
        mediator=mediator,
        page=page,
        overview=compliance.overview(mediator),
        percent=compliance.percent,
        declarations=declarations.declarations_of(mediator.id),
        **log_labels(),
    )


@bp.route("/log-entries/<int:entry_id>", methods=["GET", "POST"])
@requires("verify_log_entries")
def review_entry(entry_id: int) -> ResponseReturnValue:
    entry = found(logbook.entry_for_review, entry_id)
    authorise(can_review_log(current_user, logbook.log_owner(entry.mediator)))
    form = ReviewForm()
    if not form.is_submitted():
        form.expected_version.data = str(entry.version)
    elif form.validate():
        try:
            with unit_of_work.attempt():
                logbook.review(entry, current_user, verified=form.decision.data == "verify", note=form.note.data or "",
                               expected_version=form.version())  # fmt: skip
        except DomainError as error:
            show_refusal(form, error, "note")
        else:
            flash(f"Entry {'verified' if entry.review_status == 'verified' else 'rejected'}", "success")
            return redirect(url_for("log_review.mediator_log", registration_number=entry.mediator.registration_number))
    return render_template(
        "log_review/entry.html",
        entry=entry,
        form=form,
        declarations=declarations.declarations_of(entry.mediator_id),
        **log_labels(),
    )


@bp.get("/log-entries/<int:entry_id>/evidence")
@requires("view_evidence")
def evidence(entry_id: int) -> ResponseReturnValue:
    entry = found(logbook.entry_for_review, entry_id)
    authorise(can_view_evidence(current_user, logbook.log_owner(entry.mediator)))
    if entry.evidence is None:
        abort(404)
    return evidence_response(entry.evidence)


@bp.get("/renewals")
@requires("decide_accreditations")
def renewal_requests() -> ResponseReturnValue:
    pending = renewals.pending_for_bodies(organisations_with(current_user, "decide_accreditations"))
    return render_template("log_review/renewals.html", requests=pending)


@bp.route("/renewals/<int:request_id>", methods=["GET", "POST"])
@requires("decide_accreditations")
def renewal_request(request_id: int) -> ResponseReturnValue:
    renewal = found(renewals.get_request, request_id)
    authorise(can_decide_renewal(current_user, renewal))
    form = RenewalDecisionForm()
    if not form.is_submitted():
        form.expected_version.data = str(renewal.accreditation.version)
    elif form.validate():
        try:
            with unit_of_work.attempt():
                if form.decision.data == "renew":
                    renewals.renew(renewal, current_user, note=form.note.data or "", expected_version=form.version())
                else:
                    renewals.decline(renewal, current_user, note=form.note.data or "")
        except DomainError as error:
            show_refusal(form, error, "decision")
        else:
            flash("Accreditation renewed" if renewal.status == "renewed" else "Request declined", "success")
            return redirect(url_for("log_review.renewal_requests"))
    return render_template(
        "log_review/renewal.html",
        renewal=renewal,
        form=form,
        assessment=renewals.assessment_for(renewal),
        percent=compliance.percent,
        declarations=declarations.declarations_of(renewal.accreditation.mediator_id),
    )
