"""The mediator's application (with declarations) and resignation forms."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import BooleanField, RadioField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from registry.domain.accreditation import Declarations
from registry.web.forms import RegisterForm, VersionField

TEXT_LIMIT = 5000


def _limit() -> Length:
    return Length(max=TEXT_LIMIT, message=f"Keep it to {TEXT_LIMIT} characters or fewer")


class DeclarationsForm(RegisterForm):
    not_employed_by_local_authority = BooleanField(
        "I am not employed by a local authority",
        description="The law says a SEND mediator must not be employed by a local authority.",
        widget=GovCheckboxInput(),
        validators=[
            DataRequired(
                message="The law says a SEND mediator must not be employed by a local authority, "
                "so you cannot apply while you are"
            )
        ],
    )
    independent_of_health_bodies = BooleanField(
        "I am not employed by, and have no conflict of interest with, an NHS body or integrated care board",
        widget=GovCheckboxInput(),
    )
    independence_details = TextAreaField(
        "If you work for or have a conflict of interest with a health body, tell us about it",
        widget=GovTextArea(),
        validators=[Optional(), _limit()],
    )
    has_indemnity_insurance = BooleanField(
        "I have professional indemnity insurance that covers SEND mediation",
        widget=GovCheckboxInput(),
        validators=[DataRequired(message="You need professional indemnity insurance to be accredited")],
    )
    training_completed = TextAreaField(
        "Training you have completed",
        description="For example, your foundation mediation course and approved SEND course, with dates and providers.",
        widget=GovTextArea(),
        validators=[DataRequired(message="Tell us about the training you have completed"), _limit()],
    )
    practice_experience = TextAreaField(
        "Your mediation practice experience",
        description="How many mediations you have held or co-mediated, and how many were about SEND.",
        widget=GovTextArea(),
        validators=[DataRequired(message="Tell us about your mediation practice experience"), _limit()],
    )
    consents_to_publication = BooleanField(
        "I agree to my register entry being published",
        description="Your name, status, areas, languages and formats are public so families and local "
        "authorities can find and check you. Your private contact details never are.",
        widget=GovCheckboxInput(),
        validators=[DataRequired(message="Agree to your register entry being published to apply")],
    )

    def declarations(self) -> Declarations:
        return Declarations(
            not_employed_by_local_authority=bool(self.not_employed_by_local_authority.data),
            independent_of_health_bodies=bool(self.independent_of_health_bodies.data),
            independence_details=self.independence_details.data or "",
            has_indemnity_insurance=bool(self.has_indemnity_insurance.data),
            training_completed=self.training_completed.data or "",
            practice_experience=self.practice_experience.data or "",
            consents_to_publication=bool(self.consents_to_publication.data),
        )

    def validate_independence_details(self, field: TextAreaField) -> None:
        if not self.independent_of_health_bodies.data and not (field.data or "").strip():
            raise ValidationError("Tell us about the health bodies you work for or have a conflict with")


class ApplyForm(DeclarationsForm):
    body = RadioField(
        "Which accrediting body do you want to apply to?",
        widget=GovRadioInput(),
        validators=[DataRequired(message="Choose the body you want to apply to")],
        validate_choice=True,
    )
    submit = SubmitField("Send application", widget=GovSubmitInput())


class RenewalApplicationForm(DeclarationsForm):
    submit = SubmitField("Apply to renew", widget=GovSubmitInput())


class ResignForm(RegisterForm):
    version = VersionField()
    reason = TextAreaField(
        "Why you are resigning (optional)",
        description="Only your accrediting body and the oversight panel will see this.",
        widget=GovTextArea(),
        validators=[Optional(), _limit()],
    )
    confirm = BooleanField(
        "I want to give up my accreditation. I understand I will no longer be accredited to mediate SEND disagreements",
        widget=GovCheckboxInput(),
        validators=[DataRequired(message="Confirm that you want to give up your accreditation")],
    )
    submit = SubmitField("Resign", widget=GovSubmitInput(), render_kw={"params": {"classes": "govuk-button--warning"}})

    def expected_version(self) -> int:
        number = self.version.number
        return -1 if number is None else number
