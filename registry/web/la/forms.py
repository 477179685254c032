from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from registry.web.forms import RegisterForm


class WatchForm(RegisterForm):
    """Add a mediator to the watchlist by number (from the watchlist page, a profile or a check)."""

    registration_number = StringField(
        "Registration number",
        description="For example, SM-004217-2.",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter the registration number of the mediator to watch"),
            Length(max=40, message="Enter a registration number like SM-004217-2"),
        ],
    )
    return_to = HiddenField()
    submit = SubmitField("Add to watchlist", widget=GovSubmitInput())


class UnwatchForm(RegisterForm):
    registration_number = HiddenField(validators=[DataRequired(), Length(max=40)])
