"""Forms of the account-link pages. The password rule itself is the domain's
(``registry.domain.accounts.passwords``), whose refusal names the field to mark."""

from __future__ import annotations

from registry.web.account.forms import confirm_password_field, new_password_field
from registry.web.fields import submit_button, text_input
from registry.web.forms import RegisterForm


class ChoosePasswordForm(RegisterForm):
    password = new_password_field("Password")
    confirm_password = confirm_password_field("Confirm password", "password")
    submit = submit_button("Save your password")


class ForgotPasswordForm(RegisterForm):
    email = text_input(
        "Email address",
        hint="The address you sign in with",
        required="Enter your email address",
        max_length=254,
        too_long="Enter 254 characters or fewer",
    )
    submit = submit_button("Send me a link")
