"""The owner's response to an action."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput, GovTextArea
from wtforms import BooleanField, SubmitField, TextAreaField
from wtforms.validators import InputRequired

from registry.web.forms import RegisterForm


class ResponseForm(RegisterForm):
    response = TextAreaField(
        "Your response",
        description="What your organisation has done, or will do and by when. The oversight panel sees it.",
        widget=GovTextArea(),
        validators=[InputRequired("Say what your organisation has done or will do")],
    )
    done = BooleanField("The action is done", widget=GovCheckboxInput())
    submit = SubmitField("Send response", widget=GovSubmitInput())
