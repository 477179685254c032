from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from registry.domain.api_keys import NAME_MAX_LENGTH
from registry.web.forms import RegisterForm


class CreateKeyForm(RegisterForm):
    name = StringField(
        "Name the key",
        description="Say which system will use it, so you know which key to revoke. For example, Case management.",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter a name for the key"),
            Length(max=NAME_MAX_LENGTH, message=f"The name must be {NAME_MAX_LENGTH} characters or fewer"),
        ],
    )
    submit = SubmitField("Create a key", widget=GovSubmitInput())


class RevokeKeyForm(RegisterForm):
    submit = SubmitField("Revoke", widget=GovSubmitInput())
