"""Outcome return forms: one return (new or a correction), and a CSV upload."""

from __future__ import annotations

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length

from registry.domain.oversight.returns import FIGURE_LABELS, ReturnInput
from registry.models.oversight import RETURN_FIGURES
from registry.web.forms import RegisterForm
from registry.web.mediator.forms.fields import choices
from registry.web.numbers import whole_number

QUARTERS = [
    ("1", "January to March"),
    ("2", "April to June"),
    ("3", "July to September"),
    ("4", "October to December"),
]


class ReturnForm(RegisterForm):
    """The domain checks the figures (all at once, with the consistency rules); the form only collects them."""

    provider_id = SelectField("Mediation provider", widget=GovSelect(), validate_choice=False)
    local_authority = SelectField("Local authority", widget=GovSelect(), validate_choice=False)
    year = StringField("Year", widget=GovTextInput())
    quarter = RadioField("Quarter", choices=choices(QUARTERS), widget=GovRadioInput(), validate_choice=False)
    advice_contacts = StringField(FIGURE_LABELS["advice_contacts"], widget=GovTextInput())
    certificates_issued = StringField(FIGURE_LABELS["certificates_issued"], widget=GovTextInput())
    mediations_held = StringField(FIGURE_LABELS["mediations_held"], widget=GovTextInput())
    agreements_full = StringField(FIGURE_LABELS["agreements_full"], widget=GovTextInput())
    agreements_partial = StringField(FIGURE_LABELS["agreements_partial"], widget=GovTextInput())
    agreements_none = StringField(FIGURE_LABELS["agreements_none"], widget=GovTextInput())
    health_social_care_cases = StringField(FIGURE_LABELS["health_social_care_cases"], widget=GovTextInput())
    appeals_after_mediation = StringField(FIGURE_LABELS["appeals_after_mediation"], widget=GovTextInput())
    appeals_without_mediation = StringField(FIGURE_LABELS["appeals_without_mediation"], widget=GovTextInput())
    note = TextAreaField(
        "Note (optional)",
        description="For a correction, say what changed and why.",
        widget=GovTextArea(),
        validators=[Length(max=2000)],
    )
    submit = SubmitField("Send the return", widget=GovSubmitInput())

    def provider(self) -> int | None:
        return whole_number(self.provider_id.data)

    def to_input(self) -> ReturnInput:
        return ReturnInput(
            local_authority=self.local_authority.data or "",
            year=self.year.data,
            quarter=self.quarter.data,
            figures={name: self[name].data for name in RETURN_FIGURES},
            note=self.note.data or "",
        )


class UploadForm(RegisterForm):
    provider_id = SelectField("Mediation provider", widget=GovSelect(), validate_choice=False)
    file = FileField("CSV file", widget=GovFileInput())
    submit = SubmitField("Upload returns", widget=GovSubmitInput())

    def provider(self) -> int | None:
        return whole_number(self.provider_id.data)
