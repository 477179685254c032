"""Accredited training: ``/training`` (filter by level, provider, delivery mode) and ``/training/<reference>``."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from registry.auth.access import public
from registry.domain import training
from registry.domain.training import labels, queries
from registry.representations import cached
from registry.web.lookups import found
from registry.web.numbers import page_requested
from registry.web.training.forms import FilterForm

bp = Blueprint("training", __name__, url_prefix="/training")


def label_context() -> dict[str, object]:
    return {
        "level_names": labels.LEVEL_NAMES,
        "delivery_mode_names": labels.DELIVERY_MODE_NAMES,
        "assessment_method_names": labels.ASSESSMENT_METHOD_NAMES,
    }


@bp.get("")
@public
@cached
def index() -> ResponseReturnValue:
    form = FilterForm(formdata=request.args)
    form.set_choices(queries.providers_with_public_programmes())
    if request.args:
        form.check()
    filters = form.filters()
    results = queries.public_programmes(filters, page=page_requested())
    return render_template(
        "training/index.html",
        form=form,
        results=results,
        filters=filters,
        today_status=queries.public_status,
        **label_context(),
    )


@bp.get("/<reference>")
@public
@cached
def programme(reference: str) -> ResponseReturnValue:
    shown = found(queries.public_programme, reference)
    if shown.reference != reference:
        return redirect(url_for("training.programme", reference=shown.reference), 301)
    return render_template(
        "training/programme.html",
        programme=shown,
        status=queries.public_status(shown),
        details=queries.version_details(queries.current_version(shown)),
        history=training.public_history(shown),
        **label_context(),
    )


# For the pages of other areas that show a mediator's training (the public profile, the
# registrar's view of an application): they include a partial that calls one of these.


@bp.app_template_global("completed_training_for")
def completed_training_for(mediator_id: int) -> list[queries.CompletedProgramme]:
    return queries.completed_training(mediator_id)


@bp.app_template_global("applicant_training_for")
def applicant_training_for(mediator_id: int) -> list[queries.CompletedProgramme]:
    return queries.applicant_training(mediator_id)
