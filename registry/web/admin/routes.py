"""``/workspace/admin/…``: the register operator invites people and looks after them (roles,
deactivation, a new invitation), adds and renames organisations, and reads the sign-in attempts and
the audit trail.

A new person chooses their own password through a single-use invitation link: emailed when the
register has a mail server, otherwise shown once on the confirmation page (``no-store``) for the
administrator to pass on. No one ever sees or sends a password.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.auth.policy import has_capability
from registry.domain import administration, notifications
from registry.domain.accounts import attempts, invitations, links, second_factor
from registry.domain.errors import Refused
from registry.domain.local_authorities import all_local_authorities
from registry.domain.users import deactivate_user, reactivate_user, revoke_role
from registry.models import User
from registry.web import shown_once
from registry.web.admin import forms
from registry.web.forms import ConfirmForm
from registry.web.numbers import page_requested, whole_number
from registry.web.refusals import show_refusal

bp = Blueprint("admin", __name__, url_prefix="/workspace/admin")
# (link text, endpoint, capability): the oversight panel may read the audit trail too, so each
# person sees only the links they can follow (``admin_pages``, for admin/_layout.html).
PAGES = (
    ("Administration", "workspace.admin", "manage_organisations"),
    ("People", "admin.people", "manage_users"),
    ("Organisations", "admin.organisations", "manage_organisations"),
    ("Sign-ins", "admin.sign_ins", "manage_users"),
    ("Audit trail", "admin.audit_trail", "view_audit"),
)
NO_STORE = {"Cache-Control": "no-store"}


@bp.context_processor
def _navigation() -> dict[str, object]:
    return {
        "admin_pages": [
            (text, endpoint) for text, endpoint, capability in PAGES if has_capability(current_user, capability)
        ]
    }


def _page(template: str, **context: object) -> str:
    return render_template(template, role="admin", organisations=[], **context)


def _person_form() -> forms.PersonForm:
    form = forms.PersonForm()
    form.set_choices(list(administration.organisation_choices()))
    return form


def _sent(sent: invitations.SentLink) -> ResponseReturnValue:
    """After an invitation is made: POST/redirect/GET to the page that confirms it (a reload sends none)."""
    shown_once.keep("invitation", sent.user.id, sent.address or "")
    return redirect(url_for(".invitation_sent", person_id=sent.user.id), 303)


@bp.get("/people/<int:person_id>/invitation-sent")
@requires("manage_users")
def invitation_sent(person_id: int) -> ResponseReturnValue:
    """Where the newest invitation went, or (without email) its link, the first time this page opens."""
    person = _person(person_id)
    link = links.latest_link(person, invitations.PURPOSE)
    if link is None:
        return redirect(url_for(".person", person_id=person.id))
    address = shown_once.take("invitation", person.id) or None
    sent = invitations.SentLink(person, link.expires_at, emailed=notifications.mail_configured(), address=address)
    return _page("admin/invitation-sent.html", sent=sent, role_names=forms.ROLE_NAMES), 200, NO_STORE


def _people_page(form: forms.PersonForm) -> str:
    search = forms.PeopleSearchForm(request.args)
    term = (search.search.data or "") if search.validate() else ""
    return _page(
        "admin/people.html",
        form=form,
        search=search,
        found=administration.people(term, page_requested()),
        kind_names=forms.KIND_NAMES,
        has_password=links.has_chosen_password,
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
    try:
        with unit_of_work.attempt():
            sent = invitations.invite(
                form.email.data or "", form.name.data or "", form.role.data or "",
                whole_number(form.organisation_id.data), current_user,
            )  # fmt: skip
    except Refused as refused:
        show_refusal(form, refused, "name")
        return _people_page(form)
    return _sent(sent)


# One person


def _person(person_id: int) -> User:
    person = administration.find_person(person_id)
    if person is None:
        abort(404)
    return person


def _role_form() -> forms.RoleForm:
    form = forms.RoleForm()
    form.set_choices(list(administration.organisation_choices()))
    return form


def _person_page(person: User, role_form: forms.RoleForm | None = None, problem: str = "") -> str:
    """The person's page; ``problem`` is a refused button's message, shown in the error summary."""
    return _page(
        "admin/person.html",
        record=administration.person_record(person),
        form=role_form or _role_form(),
        problems=[{"text": problem, "href": "#actions"}] if problem else [],
        role_names=forms.ROLE_NAMES,
        outcome_words=attempts.OUTCOME_WORDS,
    )


@bp.get("/people/<int:person_id>")
@requires("manage_users")
def person(person_id: int) -> ResponseReturnValue:
    return _person_page(_person(person_id))


@bp.post("/people/<int:person_id>/roles")
@requires("manage_users")
def give_role(person_id: int) -> ResponseReturnValue:
    person = _person(person_id)
    form = _role_form()
    if not form.validate_on_submit():
        return _person_page(person, role_form=form)
    organisation_id = whole_number(form.organisation_id.data)
    try:
        with unit_of_work.attempt():
            administration.give_role(person, form.role.data or "", organisation_id, current_user)
    except Refused as refused:
        show_refusal(form, refused, "role")
        return _person_page(person, role_form=form)
    flash(f"{person.name} has the new role", "success")
    return redirect(url_for("admin.person", person_id=person.id))


def _act(person: User, change: Callable[[], object], done: str) -> ResponseReturnValue:
    """Run one change on a person from a CSRF-only form; a refusal shows on their page."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        with unit_of_work.attempt():
            change()
    except Refused as refused:
        return _person_page(person, problem=str(refused))
    flash(done, "success")
    return redirect(url_for("admin.person", person_id=person.id))


@bp.post("/people/<int:person_id>/roles/<int:assignment_id>/remove")
@requires("manage_users")
def remove_role(person_id: int, assignment_id: int) -> ResponseReturnValue:
    person = _person(person_id)
    assignment = administration.role_of(person, assignment_id)
    if assignment is None:
        abort(404)
    return _act(person, lambda: revoke_role(assignment, current_user), f"The role was taken away from {person.name}")


@bp.post("/people/<int:person_id>/deactivate")
@requires("manage_users")
def deactivate(person_id: int) -> ResponseReturnValue:
    person = _person(person_id)
    done = f"{person.name} can no longer sign in, and has been signed out everywhere"
    return _act(person, lambda: deactivate_user(person, current_user), done)


@bp.post("/people/<int:person_id>/second-factor/remove")
@requires("manage_users")
def remove_second_factor(person_id: int) -> ResponseReturnValue:
    """For a lost phone: they set up a new second factor at their next sign-in."""
    person = _person(person_id)
    done = f"{person.name}'s second factor is removed and they have been signed out everywhere"
    return _act(person, lambda: second_factor.remove(person, current_user), done)


@bp.post("/people/<int:person_id>/reactivate")
@requires("manage_users")
def reactivate(person_id: int) -> ResponseReturnValue:
    person = _person(person_id)
    return _act(person, lambda: reactivate_user(person, current_user), f"{person.name} can sign in again")


@bp.post("/people/<int:person_id>/invitation")
@requires("manage_users")
def send_invitation(person_id: int) -> ResponseReturnValue:
    person = _person(person_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        with unit_of_work.attempt():
            sent = invitations.send_invitation(person, current_user)
    except Refused as refused:
        return _person_page(person, problem=str(refused))
    return _sent(sent)


def _organisations_page(form: forms.OrganisationForm) -> str:
    return _page(
        "admin/organisations.html",
        form=form,
        grouped=administration.organisations_by_kind(),
        kind_plurals=forms.KIND_PLURALS,
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
        with unit_of_work.attempt():
            added = administration.add_organisation(
                form.kind.data or "", form.name.data or "", form.local_authority.data or None, current_user
            )
    except Refused as refused:
        show_refusal(form, refused, "name")
        return _organisations_page(form)
    flash(f"{added.name} is on the register", "success")
    return redirect(url_for("admin.organisations"))


@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@requires("manage_organisations")
def organisation(organisation_id: int) -> ResponseReturnValue:
    found = administration.find_organisation(organisation_id)
    if found is None:
        abort(404)
    form = forms.RenameForm(name=found.name) if request.method == "GET" else forms.RenameForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                administration.rename_organisation(found, form.name.data or "", current_user)
        except Refused as refused:
            show_refusal(form, refused, "name")
        else:
            flash(f"The organisation is now called {found.name}", "success")
            return redirect(url_for("admin.organisations"))
    return _page("admin/organisation.html", organisation=found, form=form, kind_names=forms.KIND_NAMES)


@bp.get("/sign-ins")
@requires("manage_users")
def sign_ins() -> ResponseReturnValue:
    filters = forms.SignInFilterForm(request.args)
    valid = filters.validate()
    email, outcome = (filters.email.data or "", filters.outcome.data or "") if valid else ("", "")
    found = administration.sign_in_attempts(email, outcome, page_requested())
    return _page("admin/sign-ins.html", filters=filters, found=found, email=email, outcome=outcome,
                 outcome_words=attempts.OUTCOME_WORDS)  # fmt: skip


@bp.get("/audit-trail")
@requires("view_audit")
def audit_trail() -> ResponseReturnValue:
    filters = forms.AuditFilterForm(request.args)
    filters.set_choices(administration.audit_subject_types())
    subject = (filters.subject.data or "") if filters.validate() else ""
    before = request.args.get("before", "")
    trail = administration.audit_trail(whole_number(before), subject)
    return _page("admin/audit-trail.html", filters=filters, trail=trail, subject=subject)
