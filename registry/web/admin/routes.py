"""``/workspace/admin/…``: the register operator adds organisations and people, and reads the audit trail.

A new person's first password is made here and shown once, on the page that confirms the account,
for the administrator to pass on by a secure route; it is never stored in the clear or sent by email.
"""

from __future__ import annotations

import secrets

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry.auth.access import requires
from registry.auth.login import hash_password
from registry.auth.policy import has_capability
from registry.domain import administration
from registry.domain.errors import Refused
from registry.domain.local_authorities import all_local_authorities
from registry.extensions import db
from registry.web.admin import forms
from registry.web.layout import navigation_item
from registry.web.numbers import page_requested, whole_number
from registry.web.refusals import show_refusal

bp = Blueprint("admin", __name__, url_prefix="/workspace/admin")
# (link text, endpoint, capability): the oversight panel may read the audit trail too, so each
# person sees only the links they can follow.
PAGES = (
    ("Administration", "workspace.admin", "manage_organisations"),
    ("People", "admin.people", "manage_users"),
    ("Organisations", "admin.organisations", "manage_organisations"),
    ("Audit trail", "admin.audit_trail", "view_audit"),
)


@bp.context_processor
def _navigation() -> dict[str, object]:
    return {
        "admin_navigation": [
            navigation_item(text, url_for(endpoint))
            for text, endpoint, capability in PAGES
            if has_capability(current_user, capability)
        ]
    }


def _page(template: str, **context: object) -> str:
    return render_template(template, role="admin", organisations=[], **context)


def _person_form() -> forms.PersonForm:
    form = forms.PersonForm()
    form.set_choices(list(administration.organisation_choices()))
    return form


def _people_page(form: forms.PersonForm) -> str:
    search = forms.PeopleSearchForm(request.args)
    term = (search.search.data or "") if search.validate() else ""
    return _page(
        "admin/people.html",
        form=form,
        search=search,
        found=administration.people(term, page_requested()),
        kind_names=forms.KIND_NAMES,
    )


@bp.get("/people")
@requires("manage_users")
def people() -> ResponseReturnValue:
    return _people_page(_person_form())


@bp.post("/people")
@requires("manage_users")
def add_person() -> ResponseReturnValue:
    form = _person_form()
    if not form.validate_on_submit():
        return _people_page(form)
    password = secrets.token_urlsafe(12)
    try:
        person = administration.add_person(
            form.email.data or "", form.name.data or "", form.role.data or "", whole_number(form.organisation_id.data),
            hash_password(password), current_user,
        )  # fmt: skip
    except Refused as refused:
        db.session.rollback()
        show_refusal(form, refused, "name")
        return _people_page(form)
    db.session.commit()
    response = _page("admin/person-added.html", person=person, password=password, role_names=forms.ROLE_NAMES)
    return response, 200, {"Cache-Control": "no-store"}


def _organisations_page(form: forms.OrganisationForm) -> str:
    return _page(
        "admin/organisations.html",
        form=form,
        grouped=administration.organisations_by_kind(),
        kind_names=forms.KIND_NAMES,
    )


def _organisation_form() -> forms.OrganisationForm:
    form = forms.OrganisationForm()
    form.set_choices(all_local_authorities())
    return form


@bp.get("/organisations")
@requires("manage_organisations")
def organisations() -> ResponseReturnValue:
    return _organisations_page(_organisation_form())


@bp.post("/organisations")
@requires("manage_organisations")
def add_organisation() -> ResponseReturnValue:
    form = _organisation_form()
    if not form.validate_on_submit():
        return _organisations_page(form)
    try:
        added = administration.add_organisation(
            form.kind.data or "", form.name.data or "", form.local_authority.data or None, current_user
        )
    except Refused as refused:
        db.session.rollback()
        show_refusal(form, refused, "name")
        return _organisations_page(form)
    db.session.commit()
    flash(f"{added.name} is on the register", "success")
    return redirect(url_for("admin.organisations"))


@bp.get("/audit-trail")
@requires("view_audit")
def audit_trail() -> ResponseReturnValue:
    filters = forms.AuditFilterForm(request.args)
    filters.set_choices(administration.audit_subject_types())
    subject = (filters.subject.data or "") if filters.validate() else ""
    before = request.args.get("before", "")
    trail = administration.audit_trail(whole_number(before), subject)
    return _page("admin/audit-trail.html", filters=filters, trail=trail, subject=subject)
