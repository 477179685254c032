"""The standards working group's pages (``run_consultations``): each consultation's topics with their
counts, the answers on one topic (tag themes, hide a response), the CSV export, and the decisions
that make up the consultation response."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain.consultations import reading, working_group
from registry.domain.errors import Refused
from registry.domain.standards import library
from registry.models import Consultation
from registry.web.consultations.forms import DecisionForm, HideForm, ThemeForm
from registry.web.lookups import found
from registry.web.refusals import show_refusal

bp = Blueprint("consultation_work", __name__, url_prefix="/workspace/consultations")


def _page(template: str, **context: object) -> str:
    return render_template(f"standards/{template}", role="standards_group", organisations=[], **context)


@bp.get("")
@requires("run_consultations")
def index() -> ResponseReturnValue:
    return _page("consultation-work.html", consultations=working_group.every())


@bp.get("/<int:consultation_id>")
@requires("run_consultations")
def topics(consultation_id: int) -> ResponseReturnValue:
    consultation = found(working_group.consultation, consultation_id)
    proposal = reading.proposal(consultation, library())
    return _page(
        "consultation-topics.html",
        proposal=proposal,
        consultation=consultation,
        counts=reading.counts(consultation),
        decided={d.topic for d in consultation.decisions},
    )


def _topic_page(
    consultation: Consultation, topic: str, failed_on: int | None = None, **forms: object
) -> ResponseReturnValue:
    """The answers on one topic, each with its own theme and hide forms. ``failed_on``: the answer whose
    form was sent with a problem; only its card shows the form as sent (and the ids the error summary
    links to), every other card a blank one."""
    proposal = reading.proposal(consultation, library())
    topics = proposal.topics()
    if topic not in topics:
        abort(404)
    written = next((d for d in consultation.decisions if d.topic == topic), None)
    decision_form = forms.pop("decision_form", None) or DecisionForm(decision=written.decision if written else None)
    return _page(
        "consultation-topic.html",
        consultation=consultation,
        proposal=proposal,
        topic=topic,
        label=topics[topic],
        answers=working_group.answers_on(consultation, topic),
        count=reading.counts(consultation).get(topic, reading.Count()),
        theme_form=forms.pop("theme_form", None) or ThemeForm(formdata=None),
        hide_form=forms.pop("hide_form", None) or HideForm(formdata=None),
        blank_theme=ThemeForm(formdata=None),
        blank_hide=HideForm(formdata=None),
        failed_on=failed_on,
        decision_form=decision_form,
    )


@bp.get("/<int:consultation_id>/topics/<topic>")
@requires("run_consultations")
def topic(consultation_id: int, topic: str) -> ResponseReturnValue:
    return _topic_page(found(working_group.consultation, consultation_id), topic)


@bp.post("/<int:consultation_id>/answers/<int:answer_id>/themes")
@requires("run_consultations")
def tag(consultation_id: int, answer_id: int) -> ResponseReturnValue:
    consultation = found(working_group.consultation, consultation_id)
    answer = found(working_group.answer, consultation, answer_id)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                working_group.tag(answer, form.theme.data or "", current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "theme")
        else:
            return redirect(url_for(".topic", consultation_id=consultation.id, topic=answer.topic) + f"#a{answer.id}")
    return _topic_page(consultation, answer.topic, answer.id, theme_form=form)


@bp.post("/<int:consultation_id>/responses/<int:response_id>/hide")
@requires("run_consultations")
def hide(consultation_id: int, response_id: int) -> ResponseReturnValue:
    consultation = found(working_group.consultation, consultation_id)
    response = found(working_group.response, consultation, response_id)
    first = response.answers[0]  # a response that counts has at least one answer
    form = HideForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                working_group.hide(response, form.reason.data or "", current_user)
        except Refused as refusal:
            show_refusal(form, refusal, "reason")
        else:
            return redirect(url_for(".topic", consultation_id=consultation.id, topic=first.topic))
    return _topic_page(consultation, first.topic, first.id, hide_form=form)


@bp.post("/<int:consultation_id>/topics/<topic>/decision")
@requires("run_consultations")
def decide(consultation_id: int, topic: str) -> ResponseReturnValue:
    consultation = found(working_group.consultation, consultation_id)
    form = DecisionForm()
    if form.validate_on_submit():
        topics = list(reading.proposal(consultation, library()).topics())
        try:
            with unit_of_work.attempt():
                found(working_group.decide, consultation, topic, form.decision.data or "", current_user, topics)
        except Refused as refusal:
            show_refusal(form, refusal, "decision")
        else:
            return redirect(url_for(".topics", consultation_id=consultation.id))
    return _topic_page(consultation, topic, decision_form=form)


@bp.get("/<int:consultation_id>/responses.csv")
@requires("run_consultations")
def export(consultation_id: int) -> ResponseReturnValue:
    consultation = found(working_group.consultation, consultation_id)
    name = f"consultation-{consultation.family}-{consultation.version}-responses.csv"
    return Response(
        working_group.export_csv(consultation),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )
