"""Forms of the account-link pages. The password rule itself is the domain's
(``registry.domain.accounts.passwords``), whose refusal names the field to mark."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from registry.domain.accounts.passwords import MAX_LENGTH, MIN_LENGTH
from registry.web.forms import RegisterForm


class ChoosePasswordForm(RegisterForm):
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        description=f"At least {MIN_LENGTH} characters. A few unrelated words make a good, memorable password",
        validators=[
            DataRequired(message="Enter a password"),
            Length(max=MAX_LENGTH, message=f"Your password must be {MAX_LENGTH} characters or fewer"),
        ],
    )
    confirm_password = PasswordField(
        "Confirm password",
        widget=GovPasswordInput(),
        validators=[
            DataRequired(message="Enter the password again"),
            EqualTo("password", message="The two passwords do not match"),
        ],
    )
    submit = SubmitField("Save your password", widget=GovSubmitInput())


class ForgotPasswordForm(RegisterForm):
    email = StringField(
        "Email address",
        description="The address you sign in with",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter your email address"),
            Length(max=254, message="Enter 254 characters or fewer"),
        ],
    )
    submit = SubmitField("Send me a link", widget=GovSubmitInput())
