"""The inbox's buttons and the email preferences form."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput
from wtforms import SelectMultipleField, SubmitField

from registry.web.forms import RegisterForm


class MarkReadForm(RegisterForm):
    """Mark one notification (or all of them) read: a button and its CSRF token."""

    submit = SubmitField("Mark as read", widget=GovSubmitInput())


class EmailChoicesForm(RegisterForm):
    """Which kinds of notification are also emailed; the choices are the kinds the person can receive."""

    emailed = SelectMultipleField(
        "Email me when",
        widget=GovCheckboxesInput(),
        description="Everything still arrives in your inbox on the register. Untick a kind to stop its emails.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
