"""The LA workspace's mediation services (``/workspace/local-authority/services``): what the LA's
public page says about the mediation it commissions. Any officer of the LA adds, changes or removes
them, and confirms (or removes) a service a mediation provider says the LA commissions; another LA's
are not found (404). Each change is audited by the domain."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import authorise, requires
from registry.auth.policy import can_maintain_service, organisations_with
from registry.domain import commissioned_services as services
from registry.domain.errors import DomainError
from registry.models import CommissionedService, Organisation
from registry.web.la.forms import ConfirmServiceForm, RemoveServiceForm, ServiceForm
from registry.web.la.routes import bp
from registry.web.lookups import found
from registry.web.refusals import show_refusal

CAPABILITY = "maintain_commissioned_services"


def _local_authority() -> Organisation:
    """The officer's LA (their first, by name, if they are an officer of several)."""
    ids = organisations_with(current_user, CAPABILITY)
    return sorted((ra.organisation for ra in current_user.roles if ra.organisation_id in ids), key=lambda o: o.name)[0]


def _page(template: str, **context: object) -> str:
    la = _local_authority()
    return render_template(template, role="la_officer", organisations=[la], local_authority=la, **context)


def _service(service_id: int) -> CommissionedService:
    service = found(services.get_service, service_id, {_local_authority().id})
    authorise(can_maintain_service(current_user, service))
    return service


@bp.get("/services")
@requires(CAPABILITY)
def services_page() -> ResponseReturnValue:
    return _page(
        "la/services.html",
        services=services.services_of({_local_authority().id}),
        confirm_form=ConfirmServiceForm(formdata=None),
    )


@bp.route("/services/new", methods=["GET", "POST"])
@requires(CAPABILITY)
def new_service() -> ResponseReturnValue:
    form = ServiceForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                service = services.add_service(_local_authority(), form.to_input(), current_user)
        except DomainError as error:
            show_refusal(form, error, "provider_name")
        else:
            flash(f"{service.provider_name} is on your local authority’s public page.", "success")
            return redirect(url_for(".services_page"))
    return _page("la/service-form.html", form=form, service=None)


@bp.route("/services/<int:service_id>", methods=["GET", "POST"])
@requires(CAPABILITY)
def edit_service(service_id: int) -> ResponseReturnValue:
    service = _service(service_id)
    form = ServiceForm()
    if not form.is_submitted():
        form.load(service)
    elif form.validate():
        try:
            with unit_of_work.attempt():
                services.update_service(service, form.to_input(), current_user)
        except DomainError as error:
            show_refusal(form, error, "provider_name")
        else:
            flash(f"{service.provider_name} is saved.", "success")
            return redirect(url_for(".services_page"))
    return _page("la/service-form.html", form=form, service=service, remove=RemoveServiceForm(formdata=None))


@bp.post("/services/<int:service_id>/remove")
@requires(CAPABILITY)
def remove_service(service_id: int) -> ResponseReturnValue:
    service = _service(service_id)
    if RemoveServiceForm().validate_on_submit():
        services.remove_service(service, current_user)
        flash(f"{service.provider_name} is no longer on your local authority’s public page.", "success")
    return redirect(url_for(".services_page"))


@bp.post("/services/<int:service_id>/confirm")
@requires(CAPABILITY)
def confirm_service(service_id: int) -> ResponseReturnValue:
    """A mediation provider said the LA commissions it: an officer confirms it onto the public page."""
    service = _service(service_id)
    if ConfirmServiceForm().validate_on_submit():
        try:
            with unit_of_work.attempt():
                services.confirm_service(service, current_user)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(f"{service.provider_name} is on your local authority’s public page.", "success")
    return redirect(url_for(".services_page"))
