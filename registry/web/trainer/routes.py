"""The trainer's pages under /workspace/trainer: programmes, new versions and completions.

Every page is for the trainer's own provider: ``can_manage_programme`` and
``can_record_completions`` answer 403 for anyone else's programme.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import (
    can_manage_programme,
    can_record_completions,
    can_view_programme_reasons,
    organisations_with,
)
from registry.domain import standards, training
from registry.domain.csv_cells import RowProblem
from registry.domain.errors import DomainError, NotFound
from registry.domain.training import queries
from registry.models import Organisation, TrainingProgramme
from registry.web.numbers import page_requested
from registry.web.refusals import show_message, show_refusal
from registry.web.trainer.forms import CompletionForm, CompletionsUploadForm, ProgrammeForm, programme_form
from registry.web.training.routes import label_context

bp = Blueprint("trainer", __name__, url_prefix="/workspace/trainer/programmes")

MAX_UPLOAD_BYTES = 1_000_000


def _programme(reference: str) -> TrainingProgramme:
    try:
        return queries.get_programme(reference)
    except NotFound:
        abort(404)


def _providers() -> list[Organisation]:
    ids = organisations_with(current_user, "submit_training_programmes")
    return [ra.organisation for ra in current_user.roles if ra.organisation_id in ids]


def _form(new: bool) -> ProgrammeForm:
    criteria = standards.training_criteria()
    scheme = standards.cpd_scheme(criteria.cpd_scheme_version)
    level = criteria.level("cpd_course")
    categories = [c for code in (level.log_categories if level else ()) if (c := scheme.category(code))]
    form = programme_form(categories, new=new)
    form.set_choices(_providers(), list(standards.mediator_standards(criteria.mediator_standards_version).criteria()))
    return form


def _show(form: ProgrammeForm, error: DomainError) -> None:
    """The refusal beside the answer it names; one about the hours per log category goes on the first of those."""
    logs = form.log_fields()
    show_refusal(form, error, logs[0].name if error.field == "log_hours" and logs else "title")


@bp.get("")
@requires("submit_training_programmes")
def index() -> ResponseReturnValue:
    providers = organisations_with(current_user, "submit_training_programmes")
    results = queries.programmes_of_providers(providers, page=page_requested())
    return render_template("trainer/index.html", results=results, **label_context())


@bp.route("/new", methods=["GET", "POST"])
@requires("submit_training_programmes")
def new() -> ResponseReturnValue:
    form = _form(new=True)
    if form.validate_on_submit():
        provider = form.chosen_provider(_providers())
        if provider is None:
            show_message(form, "provider", "Choose the training provider")
        else:
            try:
                with unit_of_work.attempt():
                    submitted = training.submit_programme(provider, current_user, form.level.data, form.content())
            except DomainError as error:
                _show(form, error)
            else:
                flash(f"Programme submitted: {submitted.programme.reference}", "success")
                return redirect(url_for("trainer.programme", reference=submitted.programme.reference))
    return render_template("trainer/programme-form.html", form=form, programme=None, **label_context())


@bp.get("/<reference>")
@requires("submit_training_programmes")
def programme(reference: str) -> ResponseReturnValue:
    found = _programme(reference)
    authorise(can_manage_programme(current_user, found))
    version = queries.current_version(found)
    return render_template(
        "trainer/programme.html",
        programme=found,
        details=queries.version_details(version),
        shortfalls=training.version_shortfalls(found, version),
        history=queries.private_history(found),
        show_reasons=can_view_programme_reasons(current_user, found),
        **label_context(),
    )


@bp.route("/<reference>/new-version", methods=["GET", "POST"])
@requires("submit_training_programmes")
def new_version(reference: str) -> ResponseReturnValue:
    found = _programme(reference)
    authorise(can_manage_programme(current_user, found))
    form = _form(new=False)
    if not form.is_submitted():
        form.load(queries.current_version(found))
        form.expected_version.data = str(found.row_version)
    elif form.validate():
        try:
            with unit_of_work.attempt():
                training.submit_version(found, current_user, form.content(), expected_version=form.version())
        except DomainError as error:
            _show(form, error)
        else:
            flash(f"Version {found.latest_version} submitted", "success")
            return redirect(url_for("trainer.programme", reference=found.reference))
    return render_template("trainer/programme-form.html", form=form, programme=found, **label_context())


@bp.route("/<reference>/completions", methods=["GET", "POST"])
@requires("record_completions")
def completions(reference: str) -> ResponseReturnValue:
    found = _programme(reference)
    authorise(can_record_completions(current_user, found))
    form = CompletionForm()
    form.set_choices(found.versions)
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                completion = training.record_completion(
                    found,
                    current_user,
                    form.registration_number.data or "",
                    form.completed_on.data or "",
                    form.version.data or None,
                )
        except training.CompletionsRefused as refused:
            show_refusal(form, refused, "completed_on")
        else:
            flash(f"Completion recorded for {completion.mediator.registration_number}", "success")
            return redirect(url_for("trainer.completions", reference=found.reference))
    results = queries.completions_page(found, page=page_requested())
    return render_template("trainer/completions.html", programme=found, form=form, results=results)


@bp.route("/<reference>/completions/upload", methods=["GET", "POST"])
@requires("record_completions")
def upload_completions(reference: str) -> ResponseReturnValue:
    found = _programme(reference)
    authorise(can_record_completions(current_user, found))
    form = CompletionsUploadForm()
    problems: list[RowProblem] = []
    if form.validate_on_submit():
        data = form.file.data.stream.read(MAX_UPLOAD_BYTES + 1)
        try:
            with unit_of_work.attempt():
                if len(data) > MAX_UPLOAD_BYTES:
                    raise training.CompletionsRefused([RowProblem(1, None, "The file must be smaller than 1 MB.")])
                text = _decoded(data)
                recorded = training.record_completions(found, current_user, training.parse_csv(text))
        except training.CompletionsRefused as refused:
            problems = refused.problems
            show_message(form, "file", "Nothing was recorded: correct the rows listed below and upload the file again")
        else:
            flash(f"{len(recorded)} {'completion' if len(recorded) == 1 else 'completions'} recorded", "success")
            return redirect(url_for("trainer.completions", reference=found.reference))
    return render_template("trainer/upload.html", programme=found, form=form, problems=problems)


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise training.CompletionsRefused([RowProblem(1, None, "The file must be a CSV saved as text (UTF-8).")])
