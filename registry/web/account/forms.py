from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from registry.domain.accounts.passwords import MAX_LENGTH, MIN_LENGTH
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
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter your email address"), Length(max=254)],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter your password"), Length(max=1000)],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class CodeForm(RegisterForm):
    code = StringField(
        "Code",
        widget=GovTextInput(),
        description="The 6-digit code from your authenticator app, or one of your recovery codes",
        validators=[
            DataRequired(message="Enter the 6-digit code from your authenticator app"),
            Length(max=40, message="Enter the 6-digit code from your authenticator app"),
        ],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class EnrolForm(RegisterForm):
    code = StringField(
        "Code from your app",
        widget=GovTextInput(),
        description="After adding the register to your app, enter the 6-digit code it shows",
        validators=[
            DataRequired(message="Enter the 6-digit code from your authenticator app"),
            Length(max=12, message="Enter the 6-digit code from your authenticator app"),
        ],
    )
    submit = SubmitField("Turn on the second factor", widget=GovSubmitInput())


class ChangePasswordForm(RegisterForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter your current password"), Length(max=MAX_LENGTH)],
    )
    new_password = new_password_field("New password")
    confirm_password = confirm_password_field("Confirm new password", "new_password")
    submit = SubmitField("Change password", widget=GovSubmitInput())


class ConfirmForm(RegisterForm):
    """A button that needs only its CSRF token (sign out everywhere, new recovery codes)."""
