"""The public side of consultations: the list, each draft's page with its changes, the response form,
the verification link, and (once the final version is published) the working group's response.

The verification link's page holds a token in its address: ``no-store``, and a link that does not
work gets one page that says so (404). The form is limited per client; its honeypot field, when
filled, gets the same "check your email" page and records nothing.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from registry import unit_of_work
from registry.auth.access import public
from registry.domain import clock, notifications
from registry.domain.consultations import reading, responses
from registry.domain.errors import Refused
from registry.domain.standards import FAMILY_TITLES, library
from registry.extensions import limiter
from registry.models import Consultation
from registry.web.consultations.forms import PUBLICATION, response_form
from registry.web.forms import ConfirmForm
from registry.web.lookups import found
from registry.web.refusals import show_refusal

bp = Blueprint("consultations", __name__, url_prefix="/standards")

PRIVATE = {"Cache-Control": "no-store"}
RESPONDED = "consultation_responded"  # the session's note of the consultation just responded to
# Per client: enough to correct and resend, or to respond for a few organisations; too few to flood.
# Per address typed: a few verification emails an hour at most, whoever asks (as for email alerts).
RESPONSE_LIMIT_PER_CLIENT = "5 per minute;20 per day"
RESPONSE_LIMIT_PER_EMAIL = "3 per hour"


def _email_typed() -> str:
    return (request.form.get("email") or "").strip().lower()[:254]


def _consultation(family: str, version: str) -> Consultation:
    return found(lambda: reading.find(family, version, clock.today()))


@bp.get("/consultations")
@public
def index() -> ResponseReturnValue:
    open_now, closed = reading.listing(clock.today())
    return render_template("standards/consultations.html", open_now=open_now, closed=closed, titles=FAMILY_TITLES)


@bp.get("/<family>/<version>/consultation")
@public
def consultation(family: str, version: str) -> ResponseReturnValue:
    proposal = reading.proposal(_consultation(family, version), library())
    return render_template(
        "standards/consultation.html",
        proposal=proposal,
        consultation=proposal.consultation,
        is_open=proposal.consultation.is_open(clock.today()),
        closed_message=responses.closed_message(proposal.consultation),
        family_title=FAMILY_TITLES[family],
    )


def _offered(proposal: reading.Proposal) -> list[tuple[str, str]]:
    """The topics the form asks about: the proposal as a whole, each changed criterion, each question."""
    changed = [(c.code, f"{c.code} {c.new.title}") for c in proposal.changes if c.new is not None]
    questions = [(q.code, f"{q.code}: {q.text}") for q in proposal.questions]
    return [("overall", "The proposal as a whole"), *changed, *questions]


@bp.route("/<family>/<version>/consultation/respond", methods=["GET", "POST"])
@public
@limiter.limit(RESPONSE_LIMIT_PER_CLIENT, methods=["POST"])
@limiter.limit(RESPONSE_LIMIT_PER_EMAIL, methods=["POST"], key_func=_email_typed)
def respond(family: str, version: str) -> ResponseReturnValue:
    proposal = reading.proposal(_consultation(family, version), library())
    if not proposal.consultation.is_open(clock.today()):
        message = responses.closed_message(proposal.consultation)
        return render_template("standards/consultation-closed.html", proposal=proposal, message=message), 410
    form = response_form(_offered(proposal))()
    if form.validate_on_submit():
        if form.from_a_bot:
            session[RESPONDED] = proposal.consultation.id
            return redirect(url_for(".responded", family=family, version=version))
        try:
            with unit_of_work.attempt():
                responses.respond(proposal, form.to_input())
        except Refused as refusal:
            show_refusal(form, refusal, "email")
        else:
            session[RESPONDED] = proposal.consultation.id
            return redirect(url_for(".responded", family=family, version=version))
    return render_template("standards/consultation-respond.html", proposal=proposal, form=form)


@bp.get("/<family>/<version>/consultation/responded")
@public
def responded(family: str, version: str) -> ResponseReturnValue:
    consultation = _consultation(family, version)
    if session.get(RESPONDED) != consultation.id:
        return redirect(url_for(".consultation", family=family, version=version))
    page = render_template(
        "standards/consultation-responded.html", consultation=consultation, can_email=notifications.mail_configured()
    )
    return page, 200, PRIVATE


@bp.route("/consultations/verify/<token>", methods=["GET", "POST"])
@public
def verify(token: str) -> ResponseReturnValue:
    """The link from the verification email: a page with a button, so that a mail scanner that opens
    links does not verify for the person."""
    response = responses.pending(token)
    if response is None:
        return render_template("standards/consultation-link-unusable.html"), 404, PRIVATE
    consultation = response.consultation
    if not consultation.is_open(clock.today()):
        message = responses.closed_message(consultation)
        return render_template("standards/consultation-link-unusable.html", message=message), 410, PRIVATE
    form = ConfirmForm()
    if form.validate_on_submit():
        responses.verify(response)
        return render_template("standards/consultation-verified.html", consultation=consultation), 200, PRIVATE
    return render_template("standards/consultation-verify.html", consultation=consultation, form=form), 200, PRIVATE


@bp.get("/<family>/<version>/consultation/response")
@public
def response(family: str, version: str) -> ResponseReturnValue:
    """The working group's response, public once the final version is published."""
    proposal = reading.proposal(_consultation(family, version), library())
    decisions = found(reading.published_decisions, proposal.consultation)
    return render_template(
        "standards/consultation-response.html",
        proposal=proposal,
        consultation=proposal.consultation,
        decisions=decisions,
        published=reading.published_responses(proposal.consultation),
        counts=reading.counts(proposal.consultation),
        publication_names=PUBLICATION,
        family_title=FAMILY_TITLES[family],
    )
