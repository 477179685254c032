"""``/check``: anyone may check registration numbers; an LA officer's checks are kept.

Downloads: a visitor's check is not stored, so its CSV is made by checking the same numbers
again (they come back in a hidden field; the file says the date they were checked as at). An LA
officer's check is stored as evidence of due diligence and redirects to the workspace, whose
CSV comes from the stored results, so it always matches what was shown.
"""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_limiter.util import get_remote_address
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import public
from registry.auth.policy import has_capability, organisations_with
from registry.domain.checks import run_check
from registry.domain.errors import DomainError
from registry.extensions import limiter
from registry.models import Organisation
from registry.web.check.export import check_csv, csv_filename
from registry.web.check.forms import CheckForm, DownloadForm
from registry.web.refusals import show_refusal

bp = Blueprint("check", __name__)

# One POST is one check of up to 1,000 numbers. Visitors are limited by address, LA officers
# (who check whole panels, often from one council network) by their own sign-in.
PUBLIC_LIMIT = "10 per minute;100 per day"
OFFICER_LIMIT = "60 per minute;2000 per day"


def check_limit() -> str:
    return OFFICER_LIMIT if has_capability(current_user, "run_bulk_checks") else PUBLIC_LIMIT


def checker() -> str:
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else f"address:{get_remote_address()}"


limited = limiter.shared_limit(check_limit, scope="check", key_func=checker, methods=["POST"])


def _checking_for() -> Organisation | None:
    """The local authority an officer checks for (their first, by name), or None for everyone else."""
    ids = organisations_with(current_user, "run_bulk_checks")
    if not ids:
        return None
    las = sorted((ra.organisation for ra in current_user.roles if ra.organisation_id in ids), key=lambda o: o.name)
    return las[0] if las else None


@bp.route("/check", methods=["GET", "POST"])
@public
@limited
def check() -> ResponseReturnValue:
    form = CheckForm()
    if form.validate_on_submit():
        organisation = _checking_for()
        try:
            numbers = form.registration_numbers()
        except DomainError as error:
            show_refusal(form, error, "file")
            return render_template("check/index.html", form=form)
        try:
            with unit_of_work.attempt():
                result = run_check(
                    numbers,
                    form.as_at.data,
                    organisation=organisation,
                    actor=current_user if organisation else None,
                    store=organisation is not None,
                )
        except DomainError as error:
            show_refusal(form, error, "numbers")
        else:
            if result.reference:
                return redirect(url_for("la.check", reference=result.reference))
            download = DownloadForm(formdata=None, numbers=json.dumps(numbers), as_at=result.as_at.isoformat())
            return render_template("check/results.html", result=result, download=download)
    return render_template("check/index.html", form=form)


@bp.post("/check/results.csv")
@public
@limited
def download() -> ResponseReturnValue:
    form = DownloadForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        result = run_check(form.registration_numbers(), _iso_date(form.as_at.data))
    except DomainError:
        abort(400)
    return Response(
        check_csv(result),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{csv_filename(result)}"'},
    )


def _iso_date(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError as error:
        raise DomainError("The date is not a date") from error
