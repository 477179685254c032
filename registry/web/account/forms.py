from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from registry.domain.accounts.passwords import MAX_LENGTH, MIN_LENGTH
from registry.web.fields import submit_button, text_input
from registry.web.forms import RegisterForm


def new_password_field(label: str) -> PasswordField:
    """A password someone chooses; the rule itself is the domain's (``passwords.check_new_password``)."""
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        description=f"At least {MIN_LENGTH} characters. A few unrelated words make a good, memorable password",
        validators=[
            DataRequired(message="Enter a password"),
            Length(max=MAX_LENGTH, message=f"Your password must be {MAX_LENGTH} characters or fewer"),
        ],
    )


def confirm_password_field(label: str, of: str) -> PasswordField:
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        validators=[
            DataRequired(message="Enter the password again"),
            EqualTo(of, message="The two passwords do not match"),
        ],
    )


class SignInForm(RegisterForm):
    email = text_input("Email address", required="Enter your email address", max_length=254)
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter your password"), Length(max=1000)],
    )
    submit = submit_button("Sign in")


SIX_DIGITS = "Enter the 6-digit code from your authenticator app"


class CodeForm(RegisterForm):
    code = text_input(
        "Code",
        hint="The 6-digit code from your authenticator app, or one of your recovery codes",
        required=SIX_DIGITS,
        max_length=40,  # a recovery code is longer than six digits
        too_long=SIX_DIGITS,
    )
    submit = submit_button("Continue")


class EnrolForm(RegisterForm):
    code = text_input(
        "Code from your app",
        hint="After adding the register to your app, enter the 6-digit code it shows",
        required=SIX_DIGITS,
        max_length=12,
        too_long=SIX_DIGITS,
    )
    submit = submit_button("Turn on the second factor")


class ChangePasswordForm(RegisterForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter your current password"), Length(max=MAX_LENGTH)],
    )
    new_password = new_password_field("New password")
    confirm_password = confirm_password_field("Confirm new password", "new_password")
    submit = submit_button("Change password")
