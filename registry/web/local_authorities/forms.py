"""The email alert form, and the buttons that confirm and end an alert."""

from __future__ import annotations

from wtforms import StringField
from wtforms.widgets import TextInput

from registry.web.fields import submit_button, text_input
from registry.web.forms import RegisterForm


class AlertForm(RegisterForm):
    email = text_input(
        "Email address",
        hint="We will send a link to confirm it. Nothing else is sent until you use it.",
        required="Enter your email address",
        max_length=254,
        too_long="Enter an email address of 254 characters or fewer",
    )
    # A honeypot: hidden from people (register.scss), left empty by them, filled in by form-filling bots.
    homepage = StringField("Leave this empty", widget=TextInput(), render_kw={"autocomplete": "off", "tabindex": "-1"})
    submit = submit_button("Send me alerts")

    @property
    def from_a_bot(self) -> bool:
        return bool((self.homepage.data or "").strip())


class ConfirmAlertForm(RegisterForm):
    submit = submit_button("Confirm email alerts")


class UnsubscribeForm(RegisterForm):
    """The button on the unsubscribe page (a mail client's one-click POST is read by the view)."""

    submit = submit_button("Stop these emails")
