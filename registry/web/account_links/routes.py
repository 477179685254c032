"""``/account/invitation/<token>``, ``/account/forgot-password`` and ``/account/reset-password/<token>``:
the pages a person reaches from a one-time link, or when they cannot sign in.

The token pages are ``no-store`` (the address holds the token; the site-wide referrer policy sends
other sites the origin only, never the path). A link that is unknown, used or expired gets one
clear page (404), never a hint of which. Asking for a reset says the same whether or not there is
an account for the address, and is limited per address typed and per client.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from registry import unit_of_work
from registry.auth.access import public
from registry.auth.login import hash_password
from registry.domain.accounts import invitations, links, resets
from registry.domain.errors import Refused
from registry.domain.notifications import mail_configured
from registry.extensions import limiter
from registry.models import AccountLink, User
from registry.web.account_links.forms import ChoosePasswordForm, ForgotPasswordForm
from registry.web.refusals import show_refusal

bp = Blueprint("account_links", __name__, url_prefix="/account")

PRIVATE = {"Cache-Control": "no-store"}
# Enough to retry a typo; too few to flood someone's inbox. Choosing a password runs argon2, so
# those posts are limited too.
RESET_LIMIT_PER_EMAIL = "5 per hour"
RESET_LIMIT_PER_CLIENT = "20 per hour"
CHOOSE_LIMIT = "20 per minute"


def _email_typed() -> str:
    return (request.form.get("email") or "").strip().lower()[:254]


def _choose_password(
    token: str, purpose: str, use: Callable[[AccountLink, str, Callable[[str], str]], User], done: str
) -> ResponseReturnValue:
    link = links.link_for(token, purpose)
    if link is None:
        return render_template("account_links/link-unusable.html", purpose=purpose), 404, PRIVATE
    form = ChoosePasswordForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                use(link, form.password.data or "", hash_password)
        except Refused as refused:
            show_refusal(form, refused, "password")
        else:
            flash(done, "success")
            return redirect(url_for("account.sign_in"))
    page = render_template("account_links/choose-password.html", form=form, person=link.user, purpose=purpose)
    return page, 200, PRIVATE


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
@limiter.limit(CHOOSE_LIMIT, methods=["POST"])
def invitation(token: str) -> ResponseReturnValue:
    done = "Your password is saved. Sign in with your email address and your new password."
    return _choose_password(token, "invitation", invitations.accept, done)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@public
@limiter.limit(CHOOSE_LIMIT, methods=["POST"])
def reset_password(token: str) -> ResponseReturnValue:
    done = "Your password has been changed and you have been signed out everywhere. Sign in with your new password."
    return _choose_password(token, "password_reset", resets.reset, done)


@bp.route("/forgot-password", methods=["GET", "POST"])
@public
@limiter.limit(RESET_LIMIT_PER_CLIENT, methods=["POST"])
@limiter.limit(RESET_LIMIT_PER_EMAIL, methods=["POST"], key_func=_email_typed)
def forgot_password() -> ResponseReturnValue:
    """Without a mail server there is nothing to send: the page says to ask an administrator."""
    form = ForgotPasswordForm()
    if mail_configured() and form.validate_on_submit():
        resets.request_reset(form.email.data or "")
        return render_template("account_links/reset-sent.html", email=_email_typed()), 200, PRIVATE
    return render_template("account_links/forgot-password.html", form=form, can_email=mail_configured())
