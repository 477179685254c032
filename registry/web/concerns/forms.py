from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from registry.domain.concerns import MAX_DESCRIPTION, ConcernInput
from registry.web.forms import RegisterForm
from registry.web.numbers import whole_number

RELATIONSHIPS = {
    "parent_or_carer": "A parent or carer",
    "young_person": "A young person",
    "professional": "Someone who works with families, such as an advocate or a local authority officer",
    "other": "Someone else",
}


def choices(pairs: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs.items()]


class ConcernForm(RegisterForm):
    subject = RadioField(
        "Who is your concern about?",
        choices=choices({"mediator": "A mediator", "provider": "A mediation provider"}),
        widget=GovRadioInput(),
        validators=[DataRequired(message="Select whether your concern is about a mediator or a mediation provider")],
    )
    registration_number = StringField(
        "Mediator’s registration number",
        description="If your concern is about a mediator. It looks like SM-004217-2 and is on their profile.",
        widget=GovTextInput(),
        validators=[Length(max=40, message="Enter a registration number like SM-004217-2")],
    )
    provider_id = SelectField(
        "Mediation provider",
        description="If your concern is about a mediation provider.",
        choices=[],
        widget=GovSelect(),
        validate_choice=False,
    )
    description = TextAreaField(
        "Describe your concern",
        description="Say what happened and when. Do not include medical details unless they matter to your concern.",
        widget=GovTextArea(),
        validators=[
            DataRequired(message="Describe your concern"),
            Length(max=MAX_DESCRIPTION, message=f"Your description must be {MAX_DESCRIPTION:,} characters or fewer"),
        ],
    )
    raised_by_relationship = RadioField(
        "Who are you? (optional)",
        choices=choices(RELATIONSHIPS),
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,
    )
    raised_by_name = StringField(
        "Your name (optional)", widget=GovTextInput(), validators=[Optional(), Length(max=200)]
    )
    raised_by_email = StringField(
        "Your email address (optional)",
        description="If you would like the accrediting body to reply to you.",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254),
            Email(message="Enter an email address in the correct format, like name@example.com"),
        ],
    )
    submit = SubmitField("Send your concern", widget=GovSubmitInput())

    def validate_registration_number(self, field: Any) -> None:
        if self.subject.data == "mediator" and not (field.data or "").strip():
            raise ValidationError("Enter the mediator’s registration number")

    def validate_provider_id(self, field: Any) -> None:
        if self.subject.data == "provider" and not field.data:
            raise ValidationError("Select the mediation provider your concern is about")

    def to_input(self) -> ConcernInput:
        provider = self.provider_id.data
        return ConcernInput(
            subject=self.subject.data or "",
            description=self.description.data or "",
            registration_number=self.registration_number.data if self.subject.data == "mediator" else None,
            provider_id=whole_number(provider) if self.subject.data == "provider" else None,
            raised_by_name=self.raised_by_name.data,
            raised_by_email=self.raised_by_email.data,
            raised_by_relationship=self.raised_by_relationship.data,
        )
