"""Forms of the account-link pages. The password rule itself is the domain's
(``registry.domain.accounts.passwords``), whose refusal names the field to mark."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from registry.web.account.forms import confirm_password_field, new_password_field
from registry.web.forms import RegisterForm


class ChoosePasswordForm(RegisterForm):
    password = new_password_field("Password")
    confirm_password = confirm_password_field("Confirm password", "password")
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
