"""Mediation provider workspace pages (``/workspace/provider/...``): the provider's public page, its
panel of mediators, the LAs that commission it and the concerns about it.

A person acts for their provider (the first by name, if they are on the staff of several, as an LA
officer acts for their LA). Records are found among that provider's own, so another provider's panel
link or service is not found (404); the policy predicate is checked as well.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import can_keep_panel_membership, can_keep_provider, organisations_with
from registry.domain import commissioned_services as services
from registry.domain.errors import DomainError
from registry.domain.organisations import organisations_of_kind
from registry.domain.oversight import concern_handling
from registry.domain.providers import page, panel
from registry.models import CommissionedService, Organisation, PanelMembership
from registry.web.fields import choices
from registry.web.lookups import found
from registry.web.provider.forms import AskForm, DetailsForm, EndForm, ProposalForm
from registry.web.refusals import show_refusal

bp = Blueprint("provider", __name__, url_prefix="/workspace/provider")

CAPABILITY = "manage_provider_details"


def _provider() -> Organisation:
    ids = organisations_with(current_user, CAPABILITY)
    provider = sorted(
        (ra.organisation for ra in current_user.roles if ra.organisation_id in ids), key=lambda o: o.name
    )[0]
    authorise(can_keep_provider(current_user, provider.id))
    return provider


def _page(template: str, **context: object) -> str:
    provider = _provider()
    return render_template(template, role="provider", organisations=[provider], provider=provider, **context)


@bp.route("/page", methods=["GET", "POST"])
@requires(CAPABILITY)
def details() -> ResponseReturnValue:
    provider = _provider()
    form = DetailsForm()
    if not form.is_submitted():
        form.load(provider)
    elif form.validate():
        try:
            with unit_of_work.attempt():
                page.update_details(provider, form.to_details(), current_user)
        except DomainError as error:
            show_refusal(form, error, "description")
        else:
            flash("Your public page is saved.", "success")
            return redirect(url_for(".details"))
    return _page("provider/details.html", form=form)


@bp.route("/mediators", methods=["GET", "POST"])
@requires(CAPABILITY)
def panel_page() -> ResponseReturnValue:
    provider = _provider()
    form = AskForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                asked = panel.ask(provider, form.registration_number.data or "", current_user)
        except DomainError as error:
            show_refusal(form, error, "registration_number")
        else:
            flash(f"{asked.mediator.display_name} has been asked. They confirm in their own workspace.", "success")
            return redirect(url_for(".panel_page"))
    return _page("provider/panel.html", form=form, panel=panel.panel_of({provider.id}), end_form=EndForm(formdata=None))


def _membership(membership_id: int) -> PanelMembership:
    membership = found(panel.membership_of_provider, membership_id, {_provider().id})
    authorise(can_keep_panel_membership(current_user, membership))
    return membership


@bp.post("/mediators/<int:membership_id>/end")
@requires(CAPABILITY)
def end_membership(membership_id: int) -> ResponseReturnValue:
    membership = _membership(membership_id)
    if EndForm().validate_on_submit():
        try:
            with unit_of_work.attempt():
                panel.end(membership, current_user)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(f"{membership.mediator.display_name} is no longer on your panel.", "success")
    return redirect(url_for(".panel_page"))


@bp.get("/local-authorities")
@requires(CAPABILITY)
def services_page() -> ResponseReturnValue:
    provider = _provider()
    return _page(
        "provider/services.html", services=services.services_run_by({provider.id}), end_form=EndForm(formdata=None)
    )


@bp.route("/local-authorities/new", methods=["GET", "POST"])
@requires(CAPABILITY)
def propose_service() -> ResponseReturnValue:
    provider = _provider()
    form = ProposalForm(provider_name=provider.name, email=provider.public_email or "", website=provider.website or "")
    form.local_authority.choices = choices(
        [("", "Choose a local authority")] + [(str(o.id), o.name) for o in organisations_of_kind("local_authority")]
    )
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                service = services.propose_service(provider, form.local_authority_id(), form.to_input(), current_user)
        except DomainError as error:
            show_refusal(form, error, "local_authority")
        else:
            flash(f"Sent to {service.organisation.name}. It appears on their page once they confirm.", "success")
            return redirect(url_for(".services_page"))
    return _page("provider/service-form.html", form=form)


def _service(service_id: int) -> CommissionedService:
    service = found(services.service_run_by, service_id, {_provider().id})
    authorise(can_keep_provider(current_user, service.provider_id))
    return service


@bp.post("/local-authorities/<int:service_id>/end")
@requires(CAPABILITY)
def end_service(service_id: int) -> ResponseReturnValue:
    service = _service(service_id)
    if EndForm().validate_on_submit():
        services.remove_service(service, current_user)
        flash(f"{service.organisation.name} no longer lists your service.", "success")
    return redirect(url_for(".services_page"))


@bp.get("/concerns")
@requires(CAPABILITY)
def concerns() -> ResponseReturnValue:
    provider = _provider()
    rows = concern_handling.concerns_about_providers({provider.id})
    _, outcome_words = concern_handling.words_for("provider")
    return _page("provider/concerns.html", rows=rows, outcome_words=outcome_words)
