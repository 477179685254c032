"""Anyone may raise a concern; registrars see the concerns routed to their body."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import public, requires
from registry.auth.policy import organisations_with
from registry.domain.concerns import ConcernRefused, concerns_for_bodies, raise_concern
from registry.domain.search import mediation_providers
from registry.extensions import limiter
from registry.web.concerns.forms import RELATIONSHIPS, ConcernForm
from registry.web.fields import choices
from registry.web.find.pagination import page_links
from registry.web.numbers import page_requested
from registry.web.refusals import show_refusal

bp = Blueprint("concerns", __name__)

# Per address: enough for a family to correct and resend, too few to flood a body's list.
CONCERN_LIMIT = "5 per minute;30 per day"


@bp.route("/concerns/new", methods=["GET", "POST"])
@public
@limiter.limit(CONCERN_LIMIT, methods=["POST"])
def new() -> ResponseReturnValue:
    prefilled = request.args.get("mediator", "")[:40]
    providers = mediation_providers()
    # From a provider's page (?provider=<slug>): that provider chosen.
    provider = next((p for p in providers if p.slug == request.args.get("provider")), None)
    form = ConcernForm(
        registration_number=prefilled,
        subject="mediator" if prefilled else "provider" if provider else None,
        provider_id=str(provider.id) if provider else None,
    )
    form.provider_id.choices = choices([("", "Choose a provider"), *((str(p.id), p.name) for p in providers)])
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                concern = raise_concern(form.to_input(), actor=current_user if current_user.is_authenticated else None)
        except ConcernRefused as refusal:
            show_refusal(form, refusal, "description")
        else:
            session["concern_reference"] = concern.reference
            return redirect(url_for(".received"))
    return render_template("concerns/new.html", form=form)


@bp.get("/concerns/received")
@public
def received() -> ResponseReturnValue:
    reference = session.get("concern_reference")
    if not reference:
        return redirect(url_for(".new"))
    return render_template("concerns/received.html", reference=reference)


@bp.get("/workspace/registrar/concerns")
@requires("handle_concerns")
def registrar_list() -> ResponseReturnValue:
    body_ids = organisations_with(current_user, "handle_concerns")
    page = concerns_for_bodies(body_ids, page=page_requested())
    organisations = [ra.organisation for ra in current_user.roles if ra.organisation_id in body_ids]
    return render_template(
        "concerns/registrar-list.html",
        page=page,
        pagination_params=page_links(page, ".registrar_list"),
        relationship_names=RELATIONSHIPS,
        role="registrar",
        organisations=organisations,
    )
