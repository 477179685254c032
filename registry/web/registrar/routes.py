"""The registrar's workspace: the applications queue, assessing an application criterion by
criterion, the accreditation's record with its full history, and a page for every decision.

Every page loads through the domain, then checks scope with a policy predicate: a registrar acts
only for their own body (403 otherwise); oversight may read a record but not decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import (
    can_assess_application,
    can_decide_accreditation,
    can_view_private_history,
    organisations_with,
)
from registry.domain import accreditation as lifecycle
from registry.domain.accreditation import queries
from registry.domain.accreditation.applications import outcomes_by_code
from registry.domain.accreditation.standards_access import criteria_for
from registry.domain.declarations import declarations_of
from registry.domain.errors import ConcurrentChange, DomainError, NotFound
from registry.domain.registration_numbers import InvalidRegistrationNumber
from registry.models import Accreditation, User
from registry.web.numbers import page_requested
from registry.web.refusals import show_message
from registry.web.registrar import forms

bp = Blueprint("registrar", __name__, url_prefix="/workspace/registrar")


def _load(accreditation_id: int, loader: Callable[[int], Accreditation] = queries.get_accreditation) -> Accreditation:
    try:
        return loader(accreditation_id)
    except NotFound:
        abort(404)


@bp.get("/applications")
@requires("assess_applications")
def applications() -> ResponseReturnValue:
    """The body's applications and accreditations; searching by name or number looks across every status
    unless a status is chosen, since a registrar looking someone up rarely knows their status."""
    form = forms.QueueFilterForm(request.args)
    valid = form.validate()
    search = (form.search.data or "").strip() if valid else ""
    if search and "status" not in request.args:
        form.status.data = ""
    status = form.status.data if valid else "applied"
    try:
        queue = queries.applications_queue(
            organisations_with(current_user, "assess_applications"),
            status=status or None,
            age=(form.age.data if valid else "") or None,
            search=search,
            page=page_requested(),
        )
    except InvalidRegistrationNumber as error:
        show_message(form, "search", str(error))
        queue = queries.QueuePage([], 0, 1, queries.PAGE_SIZE)
    return render_template("registrar/applications.html", form=form, queue=queue, ages=queries.AGES)


@bp.route("/applications/<int:accreditation_id>", methods=["GET", "POST"])
@requires("assess_applications")
def application(accreditation_id: int) -> ResponseReturnValue:
    accreditation = _load(accreditation_id)
    authorise(can_assess_application(current_user, accreditation))
    pending = lifecycle.open_application(accreditation)
    if pending is None:
        flash("There is no application waiting for a decision on this accreditation.", "info")
        return redirect(url_for("registrar.accreditation", accreditation_id=accreditation.id))
    form = forms.assessment_form(criteria_for(pending.standards_version), outcomes_by_code(pending))
    if form.validate_on_submit():
        outcomes = [lifecycle.OutcomeInput(code, outcome, notes) for code, outcome, notes in form.chosen()]
        lifecycle.record_assessment(accreditation, current_user, outcomes)
        flash("Outcomes saved", "success")
        return redirect(url_for("registrar.application", accreditation_id=accreditation.id))
    return render_template(
        "registrar/application.html",
        accreditation=accreditation,
        mediator=accreditation.mediator,
        application=pending,
        form=form,
        missing=lifecycle.missing_criteria(pending),
        declarations=declarations_of(accreditation.mediator_id),
    )


@bp.get("/accreditations/<int:accreditation_id>")
@requires("view_private_history")
def accreditation(accreditation_id: int) -> ResponseReturnValue:
    found = _load(accreditation_id, queries.get_accreditation_with_history)
    authorise(can_view_private_history(current_user, found))
    may_decide = can_decide_accreditation(current_user, found)
    return render_template(
        "registrar/accreditation.html",
        accreditation=found,
        applications=queries.applications_of(found),
        declarations=declarations_of(found.mediator_id),
        actions=[a for a in ACTIONS if found.status in a.statuses] if may_decide else [],
        may_decide=may_decide,
        may_assess=can_assess_application(current_user, found),
    )


# One page per decision, all with the same shape: load, authorise, form, one domain call, redirect.


@dataclass(frozen=True)
class Action:
    slug: str
    title: str
    form: type[forms.DecisionForm]
    perform: Callable[[Accreditation, User, Any], object]
    done: str
    statuses: tuple[str, ...]  # offered on the record page while the accreditation is in one of these


def _common(form: forms.DecisionForm) -> dict[str, Any]:
    return {"effective_on": form.effective_on.data, "expected_version": form.expected_version()}


def _notes(form: Any) -> dict[str, Any]:
    """The private reason and the public note, with the common answers."""
    return {"reason": form.reason.data, "public_note": form.public_note.data, **_common(form)}


def _compliance(form: Any) -> dict[str, Any]:
    """A renewal's or reinstatement's compliance check, with the notes."""
    return {"compliant": form.compliant.data, "compliance_note": form.compliance_note.data or "", **_notes(form)}


ACTIONS = (
    Action(
        "accredit",
        "Accredit",
        forms.AccreditForm,
        lambda a, u, f: lifecycle.accredit(a, u, conditions=f.conditions.data, **_notes(f)),
        "Accredited",
        ("applied",),
    ),
    Action(
        "refuse",
        "Refuse the application",
        forms.RefuseForm,
        lambda a, u, f: lifecycle.refuse(a, u, reason=f.reason.data, **_common(f)),
        "Application refused",
        ("applied",),
    ),
    Action(
        "renew",
        "Renew",
        forms.RenewForm,
        lambda a, u, f: lifecycle.renew(a, u, **_compliance(f)),
        "Accreditation renewed",
        ("accredited",),
    ),
    Action(
        "conditions",
        "Change the conditions",
        forms.ConditionsForm,
        lambda a, u, f: lifecycle.change_conditions(a, u, conditions=f.conditions.data, **_notes(f)),
        "Conditions changed",
        ("accredited",),
    ),
    Action(
        "suspend",
        "Suspend",
        forms.SuspendForm,
        lambda a, u, f: lifecycle.suspend(a, u, **_notes(f)),
        "Accreditation suspended",
        ("accredited",),
    ),
    Action(
        "reinstate",
        "Reinstate",
        forms.ReinstateForm,
        lambda a, u, f: lifecycle.reinstate(a, u, **_compliance(f)),
        "Accreditation reinstated",
        ("suspended", "lapsed"),
    ),
    Action(
        "withdraw",
        "Withdraw",
        forms.WithdrawForm,
        lambda a, u, f: lifecycle.withdraw(a, u, **_notes(f)),
        "Accreditation withdrawn",
        ("accredited", "suspended"),
    ),
    Action(
        "resign",
        "Record a resignation",
        forms.ResignForm,
        lambda a, u, f: lifecycle.resign(a, u, **_notes(f)),
        "Resignation recorded",
        ("accredited",),
    ),
)


def _decision_view(action: Action) -> Callable[[int], ResponseReturnValue]:
    def view(accreditation_id: int) -> ResponseReturnValue:
        found = _load(accreditation_id)
        authorise(can_decide_accreditation(current_user, found))
        form = action.form(version=str(found.version))
        problem, status = None, 200
        if form.validate_on_submit():
            try:
                with unit_of_work.attempt():
                    action.perform(found, current_user, form)
            except DomainError as error:
                problem, status = str(error), 409 if isinstance(error, ConcurrentChange) else 200
                found = _load(accreditation_id)
            else:
                flash(action.done, "success")
                return redirect(url_for("registrar.accreditation", accreditation_id=found.id))
        return (
            render_template(
                "registrar/decision.html",
                action=action,
                accreditation=found,
                declarations=declarations_of(found.mediator_id),
                form=form,
                problem=problem,
                page_has_errors=problem is not None,
            ),
            status,
        )

    view.__name__ = action.slug
    return view


for _action in ACTIONS:
    bp.add_url_rule(
        f"/accreditations/<int:accreditation_id>/{_action.slug}",
        endpoint=_action.slug,
        view_func=requires("decide_accreditations")(_decision_view(_action)),
        methods=["GET", "POST"],
    )
