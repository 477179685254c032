"""Ask the accrediting body to renew: compliant logs go straight in, others need an explanation."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain import compliance, renewals
from registry.domain.errors import DomainError
from registry.web.mediator.blueprint import bp
from registry.web.mediator.common import this_mediator
from registry.web.mediator.forms.misc import RenewalRequestForm
from registry.web.refusals import show_refusal


@bp.route("/renewal", methods=["GET", "POST"])
@requires("apply_for_accreditation")
def renewal() -> ResponseReturnValue:
    mediator = this_mediator()
    form = RenewalRequestForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                renewals.request_renewal(mediator, current_user, explanation=form.explanation.data or "")
        except DomainError as error:
            show_refusal(form, error, "explanation")
        else:
            flash("Your request to renew has been sent to your accrediting body", "success")
            return redirect(url_for("mediator.renewal"))
    accreditation = renewals.renewable(mediator)
    return render_template(
        "mediator/renewal.html",
        form=form,
        accreditation=accreditation,
        pending=renewals.pending_request(accreditation) if accreditation else None,
        overview=compliance.overview(mediator),
        requests=renewals.requests_of(mediator),
    )
