from __future__ import annotations

from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from registry.web.fields import submit_button, text_input
from registry.web.forms import RegisterForm


class WatchForm(RegisterForm):
    """Add a mediator to the watchlist by number (from the watchlist page, a profile or a check)."""

    registration_number = text_input(
        "Registration number",
        hint="For example, SM-004217-2.",
        required="Enter the registration number of the mediator to watch",
        max_length=40,
        too_long="Enter a registration number like SM-004217-2",
    )
    return_to = HiddenField()
    submit = submit_button("Add to watchlist")


class UnwatchForm(RegisterForm):
    registration_number = HiddenField(validators=[DataRequired(), Length(max=40)])
