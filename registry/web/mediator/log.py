"""The mediator's professional log: list, add, change, delete, annotate, evidence download."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain import logbook, standards
from registry.domain.errors import DomainError
from registry.domain.local_authorities import all_local_authorities
from registry.domain.logbook.vocabulary import ISSUE_TYPES, KIND_NAMES, OUTCOME_BANDS, REVIEW_STATUS_NAMES
from registry.models import LogEntry, Mediator
from registry.web.lookups import found
from registry.web.mediator.blueprint import bp
from registry.web.mediator.common import (
    discard_after_commit,
    discard_unless_committed,
    evidence_response,
    this_mediator,
    upload_from,
    upload_root,
)
from registry.web.mediator.forms.log import FORMS, AnnotateForm, ChooseKindForm, ConfirmForm, EntryForm
from registry.web.numbers import page_requested
from registry.web.refusals import show_problems, show_refusal


def log_labels() -> dict[str, object]:
    """Plain names for the codes an entry stores, for templates."""
    scheme = standards.cpd_scheme()
    return {
        "kind_names": KIND_NAMES,
        "status_names": REVIEW_STATUS_NAMES,
        "category_titles": {category.code: category.title for category in scheme.categories},
        "issue_types": ISSUE_TYPES,
        "outcome_bands": OUTCOME_BANDS,
        "format_titles": {term.code: term.title for term in standards.vocabularies().formats},
    }


def _own(mediator: Mediator, entry_id: int) -> LogEntry:
    return found(logbook.own_entry, mediator, entry_id)


def _entry_form(kind: str) -> EntryForm:
    if kind not in FORMS:
        abort(404)
    form = FORMS[kind]()
    form.set_choices(standards.cpd_scheme(), standards.vocabularies(), all_local_authorities())
    return form


def _show_form_problems(form: EntryForm) -> None:
    """After the form's own checks failed, show the domain's findings on the other fields too."""
    show_problems(form, logbook.check_draft(form.to_draft().cleaned()), "title")


@bp.get("/log")
@requires("keep_own_log")
def log() -> ResponseReturnValue:
    mediator = this_mediator()
    kind = request.args.get("kind") if request.args.get("kind") in KIND_NAMES else None
    page = logbook.log_page(mediator.id, kind=kind, page=page_requested())
    return render_template("mediator/log.html", mediator=mediator, page=page, kind=kind, **log_labels())


@bp.route("/log/new", methods=["GET", "POST"])
@requires("keep_own_log")
def choose_kind() -> ResponseReturnValue:
    this_mediator()
    form = ChooseKindForm()
    if form.validate_on_submit():
        return redirect(url_for("mediator.new_entry", kind=form.kind.data))
    return render_template("mediator/choose-kind.html", form=form)


@bp.route("/log/new/<kind>", methods=["GET", "POST"])
@requires("keep_own_log")
def new_entry(kind: str) -> ResponseReturnValue:
    mediator = this_mediator()
    form = _entry_form(kind)
    del form.expected_version  # a new entry has no version yet
    if form.is_submitted() and not form.validate():
        _show_form_problems(form)
    elif form.is_submitted():
        upload = upload_from(form.evidence.data)
        try:
            with unit_of_work.attempt():
                entry = logbook.add_entry(
                    mediator, current_user, form.to_draft(), upload=upload, upload_root=upload_root()
                )
        except logbook.InvalidEntry as error:
            show_problems(form, error.problems, "title")
        else:
            discard_unless_committed([entry.evidence.stored_name] if entry.evidence else [])
            flash("The entry has been added to your log", "success")
            return redirect(url_for("mediator.log"))
    return render_template("mediator/entry-form.html", form=form, entry=None, **log_labels())


@bp.get("/log/<int:entry_id>")
@requires("keep_own_log")
def entry(entry_id: int) -> ResponseReturnValue:
    entry = _own(this_mediator(), entry_id)
    return render_template("mediator/entry.html", entry=entry, **log_labels())


@bp.route("/log/<int:entry_id>/edit", methods=["GET", "POST"])
@requires("keep_own_log")
def edit_entry(entry_id: int) -> ResponseReturnValue:
    entry = _own(this_mediator(), entry_id)
    if entry.review_status == "verified":
        flash(logbook.entries.VERIFIED_IS_FIXED)
        return redirect(url_for("mediator.entry", entry_id=entry.id))
    form = _entry_form(entry.kind)
    if not form.is_submitted():
        form.load(entry)
    elif not form.validate():
        _show_form_problems(form)
    else:
        upload = upload_from(form.evidence.data)
        try:
            with unit_of_work.attempt():
                discarded = logbook.edit_entry(
                    entry,
                    current_user,
                    form.to_draft(),
                    upload=upload,
                    remove_evidence=form.remove_evidence.data,
                    upload_root=upload_root(),
                    expected_version=form.version(),
                )
        except logbook.InvalidEntry as error:
            show_problems(form, error.problems, "title")
        except DomainError as error:
            show_refusal(form, error, "title")
        else:
            discard_unless_committed([entry.evidence.stored_name] if upload and entry.evidence else [])
            discard_after_commit(discarded)
            flash("The entry has been changed", "success")
            return redirect(url_for("mediator.entry", entry_id=entry.id))
    return render_template("mediator/entry-form.html", form=form, entry=entry, **log_labels())


@bp.route("/log/<int:entry_id>/delete", methods=["GET", "POST"])
@requires("keep_own_log")
def delete_entry(entry_id: int) -> ResponseReturnValue:
    entry = _own(this_mediator(), entry_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                discarded = logbook.delete_entry(entry, current_user)
        except DomainError as error:
            flash(str(error))
            return redirect(url_for("mediator.entry", entry_id=entry.id))
        discard_after_commit(discarded)
        flash("The entry has been deleted", "success")
        return redirect(url_for("mediator.log"))
    return render_template("mediator/entry-delete.html", form=form, entry=entry, **log_labels())


@bp.route("/log/<int:entry_id>/annotate", methods=["GET", "POST"])
@requires("keep_own_log")
def annotate_entry(entry_id: int) -> ResponseReturnValue:
    entry = _own(this_mediator(), entry_id)
    form = AnnotateForm()
    if not form.is_submitted():
        form.annotation.data = entry.annotation
    elif form.validate():
        try:
            with unit_of_work.attempt():
                logbook.annotate(entry, current_user, form.annotation.data or "")
        except DomainError as error:
            show_refusal(form, error, "annotation")
        else:
            flash("Your note has been saved", "success")
            return redirect(url_for("mediator.entry", entry_id=entry.id))
    return render_template("mediator/entry-annotate.html", form=form, entry=entry, **log_labels())


@bp.get("/log/<int:entry_id>/evidence")
@requires("view_own_evidence")
def evidence(entry_id: int) -> ResponseReturnValue:
    entry = _own(this_mediator(), entry_id)
    if entry.evidence is None:
        abort(404)
    return evidence_response(entry.evidence)
