"""The mediator's application (with declarations) and resignation forms."""

from __future__ import annotations

from wtforms import TextAreaField
from wtforms.validators import ValidationError

from registry.domain.accreditation import Declarations
from registry.web.fields import checkbox, long_answer, radios, submit_button, warning_button
from registry.web.forms import RegisterForm, VersionField


class DeclarationsForm(RegisterForm):
    not_employed_by_local_authority = checkbox(
        "I am not employed by a local authority",
        hint="The law says a SEND mediator must not be employed by a local authority.",
        required="The law says a SEND mediator must not be employed by a local authority, "
        "so you cannot apply while you are",
    )
    independent_of_health_bodies = checkbox(
        "I am not employed by, and have no conflict of interest with, an NHS body or integrated care board"
    )
    independence_details = long_answer(
        "If you work for or have a conflict of interest with a health body, tell us about it"
    )
    has_indemnity_insurance = checkbox(
        "I have professional indemnity insurance that covers SEND mediation",
        required="You need professional indemnity insurance to be accredited",
    )
    training_completed = long_answer(
        "Training you have completed",
        hint="For example, your foundation mediation course and approved SEND course, with dates and providers.",
        required="Tell us about the training you have completed",
    )
    practice_experience = long_answer(
        "Your mediation practice experience",
        hint="How many mediations you have held or co-mediated, and how many were about SEND.",
        required="Tell us about your mediation practice experience",
    )
    consents_to_publication = checkbox(
        "I agree to my register entry being published",
        hint="Your name, status, areas, languages and formats are public so families and local "
        "authorities can find and check you. Your private contact details never are.",
        required="Agree to your register entry being published to apply",
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
    body = radios("Which accrediting body do you want to apply to?", required="Choose the body you want to apply to")
    submit = submit_button("Send application")


class RenewalApplicationForm(DeclarationsForm):
    submit = submit_button("Apply to renew")


class ResignForm(RegisterForm):
    version = VersionField()
    reason = long_answer(
        "Why you are resigning (optional)", hint="Only your accrediting body and the oversight panel will see this."
    )
    confirm = checkbox(
        "I want to give up my accreditation. I understand I will no longer be accredited to mediate SEND disagreements",
        required="Confirm that you want to give up your accreditation",
    )
    submit = warning_button("Resign")

    def expected_version(self) -> int:
        number = self.version.number
        return -1 if number is None else number
