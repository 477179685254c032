"""A mediator's public profile, at the stable address ``/mediators/<registration number>``.

Loosely typed numbers (``sm 004217 2``) redirect to the canonical address; a number whose check
character is wrong says it looks mistyped; an unknown number, or someone never accredited, is
not found. The page shows public fields only.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry.auth.access import public
from registry.auth.policy import organisations_with
from registry.domain import certificates, clock, watchlist
from registry.domain.accreditation.queries import public_profile
from registry.domain.errors import NotFound
from registry.domain.local_authorities import find_local_authority
from registry.domain.registration_numbers import InvalidRegistrationNumber, normalise
from registry.models import LocalAuthority
from registry.representations import cached
from registry.web.find.qr import verification_qr_svg, verification_url
from registry.web.mediators.certificate import certificate_pdf
from registry.web.mediators.forms import RecordedAsAtForm

bp = Blueprint("mediator_profile", __name__)


@bp.get("/mediators/<registration_number>")
@public
@cached
def profile(registration_number: str) -> ResponseReturnValue:
    """The entry today, or with ``?recorded_as_at=`` as the register recorded it at the end of that day
    (a date that is not one, or is in the future, is said at the top and the entry is shown as today)."""
    form = RecordedAsAtForm(formdata=request.args)
    recorded_as_at = form.recorded_as_at.data if form.validate() else None
    try:
        number = normalise(registration_number, "SM")
        if number != registration_number:
            return redirect(_same_query(url_for("mediator_profile.profile", registration_number=number)), 301)
        local_authority, unknown = _local_authority()
        found = public_profile(number, local_authority=local_authority, as_known_on=recorded_as_at)
    except InvalidRegistrationNumber as error:
        return _not_found(registration_number, str(error), mistyped=True)
    except NotFound as error:
        return _not_found(registration_number, str(error), mistyped=False)
    page = render_template(
        "mediators/profile.html",
        profile=found,
        problem=None,
        mistyped=False,
        number=number,
        unknown_la=unknown,
        form=form,
        recorded_as_at=recorded_as_at,
        watched=bool(watchlist.watched_numbers(_watching_organisations(), {number})),
    )
    return page, 400 if unknown or form.errors else 200


def _watching_organisations() -> set[int]:
    """The LAs whose watchlist the signed-in officer keeps (none for anyone else)."""
    return organisations_with(current_user, "manage_watchlist") if current_user.is_authenticated else set()


@bp.get("/mediators/<registration_number>/certificate.pdf")
@public
def certificate(registration_number: str) -> ResponseReturnValue:
    """The dated certificate (one A4 page), now or ``?recorded_as_at=``. Never kept by the register's
    caches or the browser's: it states the moment it was made, so each download is made afresh."""
    form = RecordedAsAtForm(formdata=request.args)
    if not form.validate():
        return _not_found(registration_number, form.recorded_as_at.errors[0], mistyped=False, status=400)
    try:
        number = normalise(registration_number, "SM")
        if number != registration_number:
            return redirect(_same_query(url_for("mediator_profile.certificate", registration_number=number)), 301)
        found = certificates.certificate(number, form.recorded_as_at.data)
    except InvalidRegistrationNumber as error:
        return _not_found(registration_number, str(error), mistyped=True)
    except NotFound as error:
        return _not_found(registration_number, str(error), mistyped=False)
    filename = f"{number}-certificate-{found.recorded_at.astimezone(clock.UK):%Y-%m-%d}.pdf"
    response = Response(certificate_pdf(found), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.cache_control.no_store = True
    return response


def _same_query(path: str) -> str:
    """``path`` with the query this request came with (a canonical redirect keeps what was asked)."""
    query = request.query_string.decode("utf-8", "replace")
    return f"{path}?{query}" if query else path


def _local_authority() -> tuple[LocalAuthority | None, str | None]:
    """The LA the profile is read for (``?local_authority=``, any of its codes, as the search sends
    it): the page then says how the mediator covers it and what they declared with it. An unknown
    code is said at the top of the profile (status 400), which is shown without it."""
    code = request.args.get("local_authority", "").strip()[:20]
    if not code:
        return None, None
    found = find_local_authority(code)
    if found is None:
        return (
            None,
            f"There is no English local authority with the code {code}, "
            "so this page cannot say how this mediator covers it",
        )
    return found, None


@bp.get("/mediators/<registration_number>/qr.svg")
@public
@cached
def qr_code(registration_number: str) -> ResponseReturnValue:
    """The profile's QR code: the same for ever for a number, so browsers may keep it a week."""
    try:
        number = normalise(registration_number, "SM")
    except InvalidRegistrationNumber:
        abort(404)
    response = Response(verification_qr_svg(verification_url(number)), mimetype="image/svg+xml")
    response.cache_control.public, response.cache_control.max_age = True, 7 * 24 * 3600
    return response


def _not_found(number: str, problem: str, *, mistyped: bool, status: int = 404) -> ResponseReturnValue:
    """404, saying whether the number looks mistyped or is simply not on the register (400 for an
    unknown ``local_authority``)."""
    return render_template(
        "mediators/profile.html",
        profile=None,
        problem=problem,
        mistyped=mistyped,
        number=number,
        unknown_la=None,
    ), status
