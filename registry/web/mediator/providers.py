"""The mediation providers a mediator works for: answer a provider's request, end a link.

A provider asks (``registry.domain.providers.panel``); only the mediator confirms, declines or ends it,
here. Another mediator's request is not found (404).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import can_answer_panel_request
from registry.domain.errors import DomainError
from registry.domain.providers import panel
from registry.web.lookups import found
from registry.web.mediator.blueprint import bp
from registry.web.mediator.common import this_mediator
from registry.web.mediator.forms.log import ConfirmForm

ANSWERS = {
    "confirm": (panel.confirm, "{provider} is on your public entry as a provider you work for."),
    "decline": (panel.decline, "You declined {provider}’s request."),
    "end": (panel.end, "{provider} is no longer on your public entry."),
}


@bp.get("/providers")
@requires("edit_own_profile")
def providers() -> ResponseReturnValue:
    mediator = this_mediator()
    return render_template(
        "mediator/providers.html", memberships=panel.providers_of(mediator), form=ConfirmForm(formdata=None)
    )


@bp.post("/providers/<int:membership_id>/<any(confirm, decline, end):answer>")
@requires("edit_own_profile")
def answer_provider(membership_id: int, answer: str) -> ResponseReturnValue:
    membership = found(panel.membership_of_mediator, membership_id, this_mediator())
    authorise(can_answer_panel_request(current_user, membership))
    if ConfirmForm().validate_on_submit():
        step, message = ANSWERS[answer]
        try:
            with unit_of_work.attempt():
                step(membership, current_user)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(message.format(provider=membership.provider.name), "success")
    return redirect(url_for(".providers"))
