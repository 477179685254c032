from __future__ import annotations

from typing import Any

from wtforms.validators import Email, ValidationError

from registry.domain.concerns import MAX_DESCRIPTION, ConcernInput
from registry.web.fields import radios, select, submit_button, text_area, text_input
from registry.web.forms import RegisterForm
from registry.web.numbers import whole_number

RELATIONSHIPS = {
    "parent_or_carer": "A parent or carer",
    "young_person": "A young person",
    "professional": "Someone who works with families, such as an advocate or a local authority officer",
    "other": "Someone else",
}


class ConcernForm(RegisterForm):
    subject = radios(
        "Who is your concern about?",
        [("mediator", "A mediator"), ("provider", "A mediation provider")],
        required="Select whether your concern is about a mediator or a mediation provider",
    )
    # Needed for the subject chosen: validate_registration_number and validate_provider_id ask for it.
    registration_number = text_input(
        "Mediator’s registration number",
        hint="If your concern is about a mediator. It looks like SM-004217-2 and is on their profile.",
        max_length=40,
        too_long="Enter a registration number like SM-004217-2",
    )
    provider_id = select(
        "Mediation provider", [], hint="If your concern is about a mediation provider.", validate_choice=False
    )
    description = text_area(
        "Describe your concern",
        hint="Say what happened and when. Do not include medical details unless they matter to your concern.",
        required="Describe your concern",
        max_length=MAX_DESCRIPTION,
        too_long=f"Your description must be {MAX_DESCRIPTION:,} characters or fewer",
    )
    raised_by_relationship = radios(
        "Who are you? (optional)", RELATIONSHIPS.items(), optional=True, validate_choice=False
    )
    raised_by_name = text_input("Your name (optional)", optional=True, max_length=200)
    raised_by_email = text_input(
        "Your email address (optional)",
        hint="If you would like the accrediting body to reply to you.",
        optional=True,
        max_length=254,
        validators=[Email(message="Enter an email address in the correct format, like name@example.com")],
    )
    submit = submit_button("Send your concern")

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
