"""``/account``: a person's own account — who they are, their second factor, their recent
sign-ins and open sessions — and changing their password or signing out everywhere."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import signed_in
from registry.auth.login import end_this_session, hash_password, is_staff, password_matches, this_session_token
from registry.domain.accounts import attempts, passwords, second_factor, sessions
from registry.domain.errors import Refused
from registry.domain.tokens import token_hash
from registry.web.account.forms import ChangePasswordForm
from registry.web.account.routes import NO_STORE, bp, enrolment_page
from registry.web.forms import ConfirmForm
from registry.web.refusals import show_refusal


@bp.get("/account")
@signed_in
def account() -> ResponseReturnValue:
    return render_template(
        "account/account.html",
        form=ConfirmForm(),
        second_factor_required=is_staff(current_user),
        recovery_codes_left=second_factor.recovery_codes_left(current_user),
        recent_sign_ins=attempts.recent_attempts_of(current_user),
        open_sessions=sessions.live_sessions_of(current_user),
        this_session=token_hash(this_session_token() or ""),
        outcome_words=attempts.OUTCOME_WORDS,
    )


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                if not password_matches(current_user, form.current_password.data or ""):
                    raise Refused("current_password", "Your current password is not right")
                passwords.check_new_password(form.new_password.data or "", current_user.email, field="new_password")
                passwords.set_password(
                    current_user, hash_password(form.new_password.data or ""), current_user, "password_changed",
                    keep_token=this_session_token(),
                )  # fmt: skip
        except Refused as refused:
            show_refusal(form, refused, "new_password")
        else:
            flash("Your password has been changed. You have been signed out everywhere else.", "success")
            return redirect(url_for("account.account"))
    return render_template("account/change-password.html", form=form)


@bp.route("/account/second-factor", methods=["GET", "POST"])
@signed_in
def set_up_second_factor() -> ResponseReturnValue:
    if current_user.totp_secret is not None:
        return redirect(url_for("account.account"))
    return enrolment_page(
        current_user, during_sign_in=False, staff=is_staff(current_user), enrolled=lambda: url_for("account.account")
    )


@bp.post("/account/second-factor/remove")
@signed_in
def remove_second_factor() -> ResponseReturnValue:
    if ConfirmForm().validate_on_submit() and not is_staff(current_user) and current_user.totp_secret is not None:
        second_factor.remove(current_user, current_user)
        flash("The second factor is off. You can turn it on again at any time.", "success")
    return redirect(url_for("account.account"))


@bp.post("/account/recovery-codes")
@signed_in
def new_recovery_codes() -> ResponseReturnValue:
    if not ConfirmForm().validate_on_submit() or current_user.totp_secret is None:
        return redirect(url_for("account.account"))
    codes = second_factor.new_recovery_codes(current_user)
    page = render_template("account/recovery-codes.html", codes=codes, next_path=url_for("account.account"))
    return page, 200, NO_STORE


@bp.post("/account/sign-out-everywhere")
@signed_in
def sign_out_everywhere() -> ResponseReturnValue:
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("account.account"))
    sessions.end_all_sessions(current_user, "signed_out_everywhere")
    end_this_session()
    flash("You have been signed out on every device.", "success")
    return redirect(url_for("account.sign_in"))
