"""Concern handling pages for registrars of the body (and oversight), and the public status by reference.

The handling pages live at ``/workspace/registrar/concerns/<reference>`` for the accrediting body the
concern was routed to, and at ``/workspace/oversight/concerns/<reference>`` for the oversight panel,
which sees every concern and handles those about mediation providers.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, public, signed_in
from registry.auth.policy import can_handle_concern, can_view_concern, has_capability
from registry.domain.declarations import declarations_of
from registry.domain.errors import NotFound
from registry.domain.oversight import concern_handling
from registry.domain.oversight.errors import Refused
from registry.models import Concern, IndependenceDeclaration
from registry.web.concern_handling.forms import FollowConcernForm, NoteForm, OutcomeForm, TriageForm
from registry.web.lookups import found
from registry.web.refusals import show_message, show_refusal

bp = Blueprint("concern_handling", __name__)

HANDLING = "/workspace/<any(registrar, oversight):workspace>/concerns/<reference>"


def _concern(workspace: str, reference: str) -> Concern:
    concern = found(concern_handling.concern_by_reference, reference)
    if workspace == "registrar":
        authorise(concern.body_id is not None and can_handle_concern(current_user, concern))
    else:
        authorise(has_capability(current_user, "view_all_concerns") and can_view_concern(current_user, concern))
    return concern


def _to_handle(workspace: str, reference: str) -> Concern:
    """The concern, when the signed-in person may also act on it (triage, notes, the outcome)."""
    concern = _concern(workspace, reference)
    authorise(can_handle_concern(current_user, concern))
    return concern


def _declarations(concern: Concern) -> list[IndependenceDeclaration]:
    """A mediator's independence declarations, for those who decide about the concern (issue 19, item 3)."""
    return declarations_of(concern.mediator_id) if concern.mediator_id is not None else []


def _page(workspace: str, concern: Concern, form: object = None, **forms: object) -> ResponseReturnValue:
    handling = concern_handling.handling_of(concern)
    failed = {"form": form} if form is not None else {}
    return render_template(
        "concern_handling/show.html",
        workspace=workspace,
        concern=concern,
        handling=handling,
        notes=concern_handling.notes_of(concern),
        can_handle=can_handle_concern(current_user, concern),
        declarations=_declarations(concern),
        triage_form=forms.get("triage_form") or TriageForm(formdata=None),
        note_form=forms.get("note_form") or NoteForm(formdata=None),
        **failed,
    )


@bp.get(HANDLING)
@signed_in
def show(workspace: str, reference: str) -> ResponseReturnValue:
    return _page(workspace, _concern(workspace, reference))


@bp.post(HANDLING + "/triage")
@signed_in
def triage(workspace: str, reference: str) -> ResponseReturnValue:
    concern = _to_handle(workspace, reference)
    form = TriageForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                concern_handling.triage(
                    concern, form.scope(), form.note.data or "", form.public_message.data or "", current_user
                )
        except Refused as refusal:
            show_refusal(form, refusal, "within_scope")
        else:
            flash("Triage saved.", "success")
            return redirect(url_for(".show", workspace=workspace, reference=concern.reference))
    return _page(workspace, concern, form, triage_form=form)


@bp.post(HANDLING + "/notes")
@signed_in
def add_note(workspace: str, reference: str) -> ResponseReturnValue:
    concern = _to_handle(workspace, reference)
    form = NoteForm()
    if form.validate_on_submit():
        concern_handling.add_note(concern, form.text.data or "", current_user)
        flash("Note added.", "success")
        return redirect(url_for(".show", workspace=workspace, reference=concern.reference) + "#notes")
    return _page(workspace, concern, form, note_form=form)


@bp.route(HANDLING + "/outcome", methods=["GET", "POST"])
@signed_in
def outcome(workspace: str, reference: str) -> ResponseReturnValue:
    concern = _to_handle(workspace, reference)
    accreditation = concern_handling.accreditation_for(concern)
    form = OutcomeForm(expected_version=str(accreditation.version) if accreditation else "0")
    if concern.subject == "provider":
        form.about_a_provider()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                concern_handling.decide(concern, form.decision(), current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "outcome")
        else:
            flash("Outcome recorded. The person who raised the concern can see it by its reference.", "success")
            return redirect(url_for(".show", workspace=workspace, reference=concern.reference))
    return render_template(
        "concern_handling/outcome.html",
        form=form,
        concern=concern,
        workspace=workspace,
        accreditation=accreditation,
        declarations=_declarations(concern),
    )


@bp.get("/concerns/follow")
@public
def follow() -> ResponseReturnValue:
    form = FollowConcernForm(request.args)
    if request.args and form.validate():
        try:
            status = concern_handling.public_status(form.reference.data or "")
        except NotFound:
            show_message(form, "reference", "There is no concern with that reference. Check it and try again")
        else:
            return redirect(url_for(".status", reference=status.reference))
    return render_template(
        "concern_handling/follow.html", form=form if request.args else FollowConcernForm(formdata=None)
    )


@bp.get("/concerns/<reference>")
@public
def status(reference: str) -> ResponseReturnValue:
    return render_template("concern_handling/status.html", status=found(concern_handling.public_status, reference))
