"""The local authority workspace pages under /workspace/local-authority.

An officer acts for their local authority (their first, by name, if they hold the role for more
than one). The watchlist, checks and notifications belong to the LA, not to the officer.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from registry import unit_of_work
from registry.auth.access import requires
from registry.auth.policy import organisations_with
from registry.domain import checks, notifications, watchlist
from registry.domain.credentials import receipts
from registry.domain.errors import DomainError, NotFound
from registry.domain.registration_numbers import InvalidRegistrationNumber
from registry.models import Organisation
from registry.web.check.export import check_csv, csv_filename
from registry.web.find.pagination import page_links
from registry.web.la.forms import UnwatchForm, WatchForm
from registry.web.lookups import found
from registry.web.numbers import page_requested
from registry.web.refusals import show_message

bp = Blueprint("la", __name__, url_prefix="/workspace/local-authority")


def _local_authority() -> Organisation:
    ids = organisations_with(current_user, "manage_watchlist")
    return sorted((ra.organisation for ra in current_user.roles if ra.organisation_id in ids), key=lambda o: o.name)[0]


def _page(template: str, **context: object) -> str:
    la = _local_authority()
    return render_template(template, role="la_officer", organisations=[la], local_authority=la, **context)


@bp.get("/watchlist")
@requires("manage_watchlist")
def watchlist_page(form: WatchForm | None = None) -> ResponseReturnValue:
    listing = watchlist.watchlist(_local_authority(), page=page_requested())
    return _page(
        "la/watchlist.html",
        listing=listing,
        form=form or WatchForm(formdata=None),
        unwatch=UnwatchForm(formdata=None),
        pagination_params=page_links(listing, ".watchlist_page"),
    )


@bp.post("/watchlist")
@requires("manage_watchlist")
def watchlist_add() -> ResponseReturnValue:
    form = WatchForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                item, added = watchlist.add(_local_authority(), form.registration_number.data or "", current_user)
        except (InvalidRegistrationNumber, DomainError) as error:
            show_message(form, "registration_number", str(error).rstrip("."))
        else:
            name = item.mediator.display_name
            flash(f"{name} is on your watchlist" if added else f"{name} was already on your watchlist", "success")
            return redirect(_return_to(form.return_to.data, item.mediator.registration_number))
    return watchlist_page(form)


def _return_to(place: str | None, number: str) -> str:
    """Back where the officer added from: a profile, a stored check, or the watchlist."""
    if place == "profile":
        return f"/mediators/{number}"
    if place and place.startswith("check:"):
        return url_for(".check", reference=place.removeprefix("check:"))
    return url_for(".watchlist_page")


@bp.post("/watchlist/remove")
@requires("manage_watchlist")
def watchlist_remove() -> ResponseReturnValue:
    form = UnwatchForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                watchlist.remove(_local_authority(), form.registration_number.data or "", current_user)
        except (InvalidRegistrationNumber, NotFound) as error:
            flash(str(error))
        else:
            flash(f"{form.registration_number.data} is no longer on your watchlist", "success")
    return redirect(url_for(".watchlist_page"))


@bp.get("/changes")
@requires("manage_watchlist")
def changes() -> ResponseReturnValue:
    return _page("la/changes.html", changes=notifications.recent_changes(_local_authority()))


@bp.get("/checks")
@requires("run_bulk_checks")
def past_checks() -> ResponseReturnValue:
    return _page("la/checks.html", past=checks.checks_of(organisations_with(current_user, "run_bulk_checks")))


@bp.get("/checks/<reference>")
@requires("run_bulk_checks")
def check(reference: str) -> ResponseReturnValue:
    result = _stored(reference)
    found_numbers = {item.registration_number for item in result.items if item.name and item.registration_number}
    watched = watchlist.watched_numbers({_local_authority().id}, found_numbers)
    return _page(
        "la/check.html",
        result=result,
        watch={"csrf_token": generate_csrf(), "return_to": f"check:{reference}", "watched": watched},
    )


@bp.get("/checks/<reference>/results.csv")
@requires("run_bulk_checks")
def check_download(reference: str) -> ResponseReturnValue:
    """The stored results, ending with the register's detached signature over the file
    (``registry.domain.credentials.receipts``)."""
    result = _stored(reference)
    return Response(
        receipts.signed_csv(check_csv(result, with_conflicts=True)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{csv_filename(result)}"'},
    )


@bp.get("/checks/<reference>/receipt.jwt")
@requires("run_bulk_checks")
def check_receipt(reference: str) -> ResponseReturnValue:
    """The check's signed receipt, to keep or pass on; anyone can check it on /verify."""
    receipt = found(receipts.check_receipt, reference, organisations_with(current_user, "run_bulk_checks"))
    return Response(
        receipt,
        mimetype=receipts.MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="register-check-{reference[:8]}-receipt.jwt"'},
    )


def _stored(reference: str) -> checks.CheckResult:
    return found(checks.get_check, reference, organisations_with(current_user, "run_bulk_checks"))


@bp.get("/notifications")
@requires("manage_watchlist")
def notifications_page() -> ResponseReturnValue:
    listing = notifications.notifications_for(current_user, page_requested())
    return _page(
        "la/notifications.html",
        listing=listing,
        pagination_params=page_links(listing, ".notifications_page"),
    )
