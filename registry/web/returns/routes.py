"""Outcome returns in the mediation provider workspace: list, send by form or CSV, correct, see revisions."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import can_submit_return_for, organisations_with
from registry.domain.csv_cells import RowProblem
from registry.domain.local_authorities import all_local_authorities
from registry.domain.oversight import returns, returns_csv
from registry.extensions import db
from registry.models import Organisation, OutcomeReturn
from registry.web.fields import choices
from registry.web.lookups import found
from registry.web.refusals import show_message, show_refusal
from registry.web.returns.forms import ReturnForm, UploadForm

bp = Blueprint("returns", __name__, url_prefix="/workspace/provider/returns")

CHANGES = {
    "new": "Return saved.",
    "corrected": "Correction saved as a new revision. The earlier figures are kept.",
    "unchanged": "Those figures are the same as the latest revision, so nothing changed.",
}


def _providers() -> list[Organisation]:
    ids = organisations_with(current_user, "submit_outcome_returns")
    return [ra.organisation for ra in current_user.roles if ra.organisation_id in ids]


def _set_choices(form: ReturnForm | UploadForm) -> None:
    providers = _providers()
    form.provider_id.choices = choices((str(p.id), p.name) for p in providers)
    if not form.provider_id.data and providers:
        form.provider_id.data = str(providers[0].id)
    if isinstance(form, ReturnForm):
        form.local_authority.choices = choices(
            [("", "Choose a local authority")] + [(la.gss_code, la.name) for la in all_local_authorities()]
        )


def _chosen_provider(form: ReturnForm | UploadForm) -> Organisation:
    provider_id = form.provider()
    authorise(can_submit_return_for(current_user, provider_id))
    return db.session.get_one(Organisation, provider_id)


def _own_return(return_id: int) -> OutcomeReturn:
    found_return = found(returns.return_by_id, return_id)
    authorise(can_submit_return_for(current_user, found_return.provider_id))
    return found_return


@bp.get("")
@requires("submit_outcome_returns")
def index() -> ResponseReturnValue:
    provider_ids = organisations_with(current_user, "submit_outcome_returns")
    return render_template("returns/index.html", returns=returns.returns_of(provider_ids))


def _send(form: ReturnForm, template: str, **context: object) -> ResponseReturnValue:
    if form.validate_on_submit():
        provider = _chosen_provider(form)
        try:
            with unit_of_work.attempt():
                saved = returns.submit(provider, form.to_input(), current_user)
        except returns.ReturnRefused as refusal:
            for problem in refusal.problems:
                show_message(form, problem.field, problem.message)
        else:
            flash(CHANGES[saved.change], "success")
            return redirect(url_for(".show", return_id=saved.outcome_return.id))
    return render_template(template, form=form, **context)


@bp.route("/new", methods=["GET", "POST"])
@requires("submit_outcome_returns")
def new() -> ResponseReturnValue:
    form = ReturnForm()
    _set_choices(form)
    return _send(form, "returns/form.html", correcting=None)


@bp.route("/<int:return_id>/correct", methods=["GET", "POST"])
@requires("submit_outcome_returns")
def correct(return_id: int) -> ResponseReturnValue:
    current = _own_return(return_id)
    prefilled = {name: str(value) for name, value in current.figures().items()}
    form = ReturnForm(
        provider_id=str(current.provider_id),
        local_authority=current.local_authority.gss_code,
        year=str(current.year),
        quarter=str(current.quarter),
        **prefilled,
    )
    _set_choices(form)
    return _send(form, "returns/form.html", correcting=current)


@bp.get("/<int:return_id>")
@requires("submit_outcome_returns")
def show(return_id: int) -> ResponseReturnValue:
    return render_template(
        "returns/show.html", outcome_return=_own_return(return_id), figure_labels=returns.FIGURE_LABELS
    )


@bp.route("/upload", methods=["GET", "POST"])
@requires("submit_outcome_returns")
def upload() -> ResponseReturnValue:
    form = UploadForm()
    _set_choices(form)
    problems: list[RowProblem] = []
    if form.validate_on_submit():
        provider = _chosen_provider(form)
        file = form.file.data
        try:
            with unit_of_work.attempt():
                if file is None or not file.filename:
                    raise returns_csv.ImportRefused([], "Choose a CSV file to upload")
                report = returns_csv.import_returns(provider, file.read(), current_user)
        except returns_csv.ImportRefused as refusal:
            problems = refusal.problems
            show_refusal(form, refusal, "file")
        else:
            flash(f"Returns uploaded: {report}", "success")
            return redirect(url_for(".index"))
    return render_template("returns/upload.html", form=form, problems=problems, columns=returns_csv.COLUMNS)


@bp.get("/template.csv")
@requires("submit_outcome_returns")
def template() -> ResponseReturnValue:
    return Response(
        returns_csv.template_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="outcome-returns-template.csv"'},
    )
