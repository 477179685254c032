"""Sign in (password, then the second factor where the person has or needs one) and sign out.

Between the password and the code, the cookie session holds only a *pending* sign-in (who, when,
where to go next) for ``PENDING_SECONDS``; the person is not signed in until the code is right.
Staff whose role requires a second factor but who have none set it up here before they get in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from registry import unit_of_work
from registry.auth.access import public
from registry.auth.login import begin_session, client_address, end_this_session, is_staff, password_matches
from registry.domain.accounts import attempts, second_factor
from registry.domain.errors import Refused
from registry.domain.users import find_user_by_email, record_sign_in
from registry.extensions import db, limiter
from registry.models import User
from registry.web.account.forms import CodeForm, EnrolForm, SignInForm
from registry.web.account.qr import enrolment_qr
from registry.web.refusals import show_message, show_refusal

bp = Blueprint("account", __name__)

WRONG_CREDENTIALS = "Enter a correct email address and password"
PENDING_KEY = "pending_sign_in"
ENROL_SECRET_KEY = "enrol_secret"
PENDING_SECONDS = 300
NO_STORE = {"Cache-Control": "no-store"}


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so a crafted link cannot send someone elsewhere after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("workspace.index")


def _signed_in(user: User, next_path: str) -> str:
    """Let ``user`` in on this browser; where they go next."""
    session.pop(PENDING_KEY, None)
    begin_session(user)
    record_sign_in(user)
    attempts.record_attempt(user.email, user, client_address(), "signed_in")
    return _safe_next(next_path)


def _complete(user: User, next_path: str) -> ResponseReturnValue:
    return redirect(_signed_in(user, next_path))


def enrolment_page(
    user: User, *, during_sign_in: bool, staff: bool, enrolled: Callable[[], str]
) -> ResponseReturnValue:
    """Setting up the second factor, at sign-in or from the account page: the QR code and key, then
    the recovery codes once a code proves the app has the secret (``enrolled`` says where next)."""
    secret = session.get(ENROL_SECRET_KEY) or second_factor.new_secret()
    session[ENROL_SECRET_KEY] = secret
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                codes = second_factor.confirm_enrolment(user, secret, form.code.data or "")
        except Refused as refused:
            show_refusal(form, refused, "code")
        else:
            session.pop(ENROL_SECRET_KEY, None)
            page = render_template("account/recovery-codes.html", codes=codes, next_path=enrolled())
            return page, 200, NO_STORE
    page = render_template(
        "account/set-up-code.html", form=form, secret=secret, qr=enrolment_qr(user, secret),
        during_sign_in=during_sign_in, staff=staff,
    )  # fmt: skip
    return page, 200, NO_STORE


def _refuse(form: SignInForm, email: str, user: User | None, outcome: str, message: str) -> ResponseReturnValue:
    attempts.record_attempt(email, user, client_address(), outcome)
    show_message(form, "email", message)
    return render_template("account/sign-in.html", form=form)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute", methods=["POST"])
def sign_in() -> ResponseReturnValue:
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("account/sign-in.html", form=form)
    email = form.email.data or ""
    user = find_user_by_email(email)
    throttle = attempts.throttle_for(user, client_address())
    if throttle is not None:
        return _refuse(form, email, user, "throttled", throttle.message)
    if user is None or not password_matches(user, form.password.data or ""):
        return _refuse(form, email, user, "wrong_password", WRONG_CREDENTIALS)  # never say which was wrong
    if not user.is_active:
        return _refuse(form, email, user, "deactivated", WRONG_CREDENTIALS)
    next_path = _safe_next(request.args.get("next"))
    needs_code = user.totp_secret is not None
    if not needs_code and not is_staff(user):
        return _complete(user, next_path)
    session.clear()
    session[PENDING_KEY] = {"user_id": user.id, "at": int(time.time()), "next": next_path}
    return redirect(url_for("account.sign_in_code" if needs_code else "account.sign_in_set_up_code"))


def _pending_user() -> tuple[User, str] | None:
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - int(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user = db.session.get(User, int(pending.get("user_id", 0)))
    if user is None or not user.is_active:
        return None
    return user, str(pending.get("next", ""))


def _start_again() -> ResponseReturnValue:
    session.pop(PENDING_KEY, None)
    return redirect(url_for("account.sign_in"))


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute", methods=["POST"])
def sign_in_code() -> ResponseReturnValue:
    pending = _pending_user()
    if pending is None or pending[0].totp_secret is None:
        return _start_again()
    user, next_path = pending
    form = CodeForm()
    if form.validate_on_submit():
        throttle = attempts.throttle_for(user, client_address())
        if throttle is not None:
            attempts.record_attempt(user.email, user, client_address(), "throttled")
            show_message(form, "code", throttle.message)
        elif second_factor.verify(user, form.code.data or ""):
            return _complete(user, next_path)
        else:
            attempts.record_attempt(user.email, user, client_address(), "wrong_code")
            show_message(form, "code", second_factor.WRONG_CODE)
    return render_template("account/sign-in-code.html", form=form)


@bp.route("/sign-in/set-up-code", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute", methods=["POST"])
def sign_in_set_up_code() -> ResponseReturnValue:
    """Staff who must have a second factor and have none yet set it up before they are let in."""
    pending = _pending_user()
    if pending is None or pending[0].totp_secret is not None:
        return _start_again()
    user, next_path = pending
    return enrolment_page(user, during_sign_in=True, staff=is_staff(user), enrolled=lambda: _signed_in(user, next_path))


@bp.route("/sign-out", methods=["GET", "POST"])
@public
def sign_out() -> ResponseReturnValue:
    """GET asks for confirmation; only a POST (with its CSRF token) signs out, ending this session
    on the server, so a copy of the cookie no longer works either."""
    if request.method == "POST":
        end_this_session()
        return redirect(url_for("public.home"))
    return render_template("account/sign-out.html")
