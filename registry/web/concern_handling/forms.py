"""Concern handling forms: triage, a note, the outcome; and the public 'follow your concern' lookup."""

from __future__ import annotations

from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from registry.domain.oversight.concern_handling import OutcomeDecision
from registry.web.fields import choices, radios, submit_button, text_area, text_input
from registry.web.forms import QueryForm, RegisterForm, VersionField

OUTCOMES = [
    ("no_further_action", "No further action"),
    ("advice", "Advice to the mediator"),
    ("conditions", "Conditions on their accreditation"),
    ("suspension", "Suspend their accreditation"),
    ("withdrawal", "Withdraw their accreditation"),
]
# A concern about a mediation provider has no accreditation to change (concern_handling.decide).
PROVIDER_OUTCOMES = [("no_further_action", "No further action"), ("advice", "Advice to the provider")]
PRIVATE = "Private to your body and the oversight panel."


def public_message_field() -> TextAreaField:
    """What the person who raised the concern is told, beside a step of its handling."""
    return text_area(
        "Message to the person who raised it (optional)",
        hint="Shown to anyone with the concern’s reference, including the person who raised it. "
        "Do not include names or private details.",
        max_length=5000,
    )


class TriageForm(RegisterForm):
    within_scope = radios(
        "Is the concern within scope?",
        [("yes", "Yes, investigate it"), ("no", "No, it is not something we can look into")],
        hint="Within scope: it is about the mediator’s SEND mediation practice or conduct, which your body can "
        "look into under the standards.",
        required="Select whether the concern is within scope",
    )
    note = text_area("Triage note", hint="Private. Needed if it is not within scope.")
    public_message = public_message_field()
    submit = submit_button("Save triage")

    def scope(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.within_scope.data or "")


class NoteForm(RegisterForm):
    text = text_area("Add an investigation note", hint=PRIVATE, required="Write the note")
    submit = submit_button("Add note")


class OutcomeForm(RegisterForm):
    outcome = radios("Outcome", OUTCOMES, required="Select the outcome")
    reason = text_area("Reasons for the outcome", hint=PRIVATE, required="Give the reasons for the outcome")
    conditions = text_area("Conditions", hint="Only for conditions. Shown on the mediator’s public profile.")
    public_note = text_area(
        "Note for the public register",
        hint="Needed to suspend; optional for conditions and withdrawal. Shown on the mediator’s profile.",
    )
    public_message = public_message_field()
    # The accreditation's version, or 0 when the page showed none: one that appears since is a change too.
    expected_version = VersionField()
    submit = submit_button("Record the outcome")

    def about_a_provider(self) -> None:
        """Offer only what a concern about a provider can end in; the domain refuses anything else too."""
        self.outcome.choices = choices(PROVIDER_OUTCOMES)
        self.outcome.validate_choice = False  # the domain's refusal says why, not "Not a valid choice"

    def decision(self) -> OutcomeDecision:
        return OutcomeDecision(
            outcome=self.outcome.data or "",
            reason=self.reason.data or "",
            public_message=self.public_message.data or "",
            conditions=self.conditions.data or "",
            public_note=self.public_note.data or "",
            expected_version=self.expected_version.number,
        )


class FollowConcernForm(QueryForm):
    reference = text_input(
        "Your concern’s reference",
        hint="It starts CN-, for example CN-7K3M-Q9XD.",
        validators=[InputRequired("Enter your concern’s reference"), Length(max=20)],
    )
    submit = submit_button("Find my concern")
