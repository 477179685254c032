"""Sign in and sign out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_user, logout_user

from registry.auth.access import public
from registry.auth.login import password_matches
from registry.domain.users import find_user_by_email, record_sign_in
from registry.extensions import db, limiter
from registry.web.account.forms import SignInForm

bp = Blueprint("account", __name__)

WRONG_CREDENTIALS = "Enter a correct email address and password"


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so a crafted link cannot send someone elsewhere after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("workspace.index")


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute", methods=["POST"])
def sign_in() -> ResponseReturnValue:
    form = SignInForm()
    if form.validate_on_submit():
        user = find_user_by_email(form.email.data or "")
        if password_matches(user, form.password.data or "") and user is not None and user.is_active:
            login_user(user)
            record_sign_in(user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        # Never say which of the two was wrong.
        form.email.errors = [WRONG_CREDENTIALS]
    return render_template("account/sign-in.html", form=form)


@bp.route("/sign-out", methods=["GET", "POST"])
@public
def sign_out() -> ResponseReturnValue:
    """GET asks for confirmation; only a POST (with its CSRF token) signs out."""
    if request.method == "POST":
        logout_user()
        return redirect(url_for("public.home"))
    return render_template("account/sign-out.html")
