"""CPD audits in the oversight workspace: draw a sample, look at each mediator's log, record the outcome."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain.declarations import declarations_of
from registry.domain.oversight import audit_sampling
from registry.domain.oversight.errors import Refused
from registry.web.find.pagination import page_links
from registry.web.lookups import found
from registry.web.numbers import page_requested
from registry.web.oversight.forms import AuditOutcomeForm, DrawSampleForm
from registry.web.oversight.routes import bp
from registry.web.refusals import show_refusal


@bp.get("/audits")
@requires("run_cpd_audits")
def audit_list() -> ResponseReturnValue:
    page = audit_sampling.samples(page_requested())
    return render_template("oversight/audits.html", page=page, pagination_params=page_links(page, ".audit_list"))


@bp.route("/audits/new", methods=["GET", "POST"])
@requires("run_cpd_audits")
def draw_sample() -> ResponseReturnValue:
    form = DrawSampleForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                percentage = audit_sampling.parse_percentage(form.percentage.data)
                sample = audit_sampling.draw_sample(percentage, audit_sampling.parse_seed(form.seed.data), current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "percentage")
        else:
            flash(f"{sample.size} mediators drawn (seed {sample.seed}). Each has been asked for their log.", "success")
            return redirect(url_for(".audit", sample_id=sample.id))
    return render_template("oversight/draw-sample.html", form=form)


@bp.get("/audits/<int:sample_id>")
@requires("run_cpd_audits")
def audit(sample_id: int) -> ResponseReturnValue:
    return render_template("oversight/audit.html", sample=found(audit_sampling.sample_by_id, sample_id))


@bp.route("/audits/<int:sample_id>/members/<int:member_id>", methods=["GET", "POST"])
@requires("run_cpd_audits")
def audit_member(sample_id: int, member_id: int) -> ResponseReturnValue:
    sample = found(audit_sampling.sample_by_id, sample_id)
    member = found(audit_sampling.member_of, sample, member_id)
    form = AuditOutcomeForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                audit_sampling.record_outcome(member, form.outcome.data, form.note.data or "", current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "outcome")
        else:
            flash(f"Outcome recorded for {member.mediator.display_name}.", "success")
            return redirect(url_for(".audit", sample_id=sample.id))
    return render_template(
        "oversight/audit-member.html",
        form=form,
        sample=sample,
        member=member,
        log=audit_sampling.log_for(member),
        declarations=declarations_of(member.mediator_id),
    )
