"""The registrar's programme pages under /workspace/registrar/programmes.

Any registrar may read any provider's programme. Deciding follows ``programme_deciding_bodies``:
a body decides on the programmes it accredits and on those waiting for a first decision, never
on another body's (so no decision moves a programme to another body), and nobody who also works
for the programme's provider decides on it: a trainer cannot accredit their own programme.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import can_decide_programme, organisations_with, programme_deciding_bodies
from registry.domain import training
from registry.domain.errors import DomainError, NotFound
from registry.domain.training import queries
from registry.domain.training.transitions import PROGRAMME_ACCREDITATION
from registry.models import Organisation, TrainingProgramme
from registry.web.numbers import page_requested
from registry.web.programme_decisions.forms import DecisionForm, QueueFilterForm
from registry.web.refusals import show_message, show_refusal
from registry.web.training.routes import label_context

bp = Blueprint("programme_decisions", __name__, url_prefix="/workspace/registrar/programmes")


@dataclass(frozen=True)
class Decision:
    kind: str  # the event kind it records
    title: str  # "Accredit the programme"
    done: str  # "Programme accredited"
    fields: tuple[str, ...]
    operation: Any


DECISIONS = {
    "accredit": Decision("accredited", "Accredit the programme", "Programme accredited",
                         ("conditions", "public_note", "reason"), training.accredit),
    "refuse": Decision("refused", "Refuse the programme", "Programme refused", ("reason",), training.refuse),
    "suspend": Decision("suspended", "Suspend the programme", "Programme suspended",
                        ("reason", "public_note"), training.suspend),
    "reinstate": Decision("reinstated", "Reinstate the programme", "Programme reinstated",
                          ("public_note", "reason"), training.reinstate),
    "withdraw": Decision("withdrawn", "Withdraw the programme's accreditation", "Accreditation withdrawn",
                         ("reason", "public_note"), training.withdraw),
}  # fmt: skip


def _programme(reference: str) -> TrainingProgramme:
    try:
        return queries.get_programme(reference)
    except NotFound:
        abort(404)


def _bodies(programme: TrainingProgramme) -> list[Organisation]:
    """The bodies the signed-in registrar may decide on this programme for, each once."""
    ids = programme_deciding_bodies(current_user, programme)
    bodies = {ra.organisation_id: ra.organisation for ra in current_user.roles if ra.organisation_id in ids}
    return list(bodies.values())


def _why_not(programme: TrainingProgramme) -> str | None:
    """Why the signed-in registrar cannot decide on the programme, or None when they can."""
    if can_decide_programme(current_user, programme):
        return None
    deciding = programme.body
    if deciding is not None and deciding.id not in organisations_with(current_user, "decide_training_programmes"):
        return f"{deciding.name} accredits this programme, so only its registrars can decide on it."
    return "You work for this programme's provider, so another registrar must decide on it."


def available(programme: TrainingProgramme) -> list[tuple[str, Decision]]:
    kinds = PROGRAMME_ACCREDITATION.kinds_from(programme.status)
    return [(slug, d) for slug, d in DECISIONS.items() if d.kind in kinds]


@bp.get("")
@requires("decide_training_programmes")
def queue() -> ResponseReturnValue:
    form = QueueFilterForm(formdata=request.args)
    form.validate()
    results = queries.decision_queue(form.chosen(), page=page_requested())
    return render_template("programme_decisions/queue.html", form=form, results=results, **label_context())


@bp.get("/<reference>")
@requires("decide_training_programmes")
def programme(reference: str) -> ResponseReturnValue:
    found = _programme(reference)
    version = queries.current_version(found)
    why_not = _why_not(found)
    can_decide = why_not is None
    return render_template(
        "programme_decisions/programme.html",
        programme=found,
        details=queries.version_details(version),
        shortfalls=training.version_shortfalls(found, version),
        history=queries.private_history(found),
        show_reasons=True,
        can_decide=can_decide,
        why_not=why_not,
        decisions=available(found) if can_decide else [],
        **label_context(),
    )


@bp.route("/<reference>/<decision>", methods=["GET", "POST"])
@requires("decide_training_programmes")
def decide(reference: str, decision: str) -> ResponseReturnValue:
    chosen = DECISIONS.get(decision) or abort(404)
    found = _programme(reference)
    authorise(can_decide_programme(current_user, found))
    form = DecisionForm()
    form.keep_only(chosen.fields)
    bodies = _bodies(found)
    form.set_bodies(bodies)
    if not form.is_submitted():
        form.expected_version.data = str(found.row_version)
    elif form.validate():
        body = form.chosen_body(bodies)
        if body is None:
            show_message(form, "body", "Choose the accrediting body you are acting for")
        else:
            try:
                with unit_of_work.attempt():
                    chosen.operation(found, current_user, body, **_arguments(form), expected_version=form.version())
            except DomainError as error:
                show_refusal(form, error, next(name for name in _FALLBACK if name in form._fields))
            else:
                flash(chosen.done, "success")
                return redirect(url_for("programme_decisions.programme", reference=found.reference))
    return render_template(
        "programme_decisions/decide.html", form=form, programme=found, decision=chosen, **label_context()
    )


# Where a refusal that names no answer of the decision's form is shown.
_FALLBACK = ("conditions", "reason", "public_note", "effective_on")


def _arguments(form: DecisionForm) -> dict[str, Any]:
    values: dict[str, Any] = {"effective_on": form.effective_on.data}
    for name in ("conditions", "reason", "public_note"):
        field = getattr(form, name, None)
        if field is not None:
            values[name] = field.data or ""
    return values
