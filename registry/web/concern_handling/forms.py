"""Concern handling forms: triage, a note, the outcome; and the public 'follow your concern' lookup."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from registry.domain.oversight.concern_handling import OutcomeDecision
from registry.web.forms import RegisterForm, VersionField
from registry.web.mediator.forms.fields import choices

OUTCOMES = [
    ("no_further_action", "No further action"),
    ("advice", "Advice to the mediator"),
    ("conditions", "Conditions on their accreditation"),
    ("suspension", "Suspend their accreditation"),
    ("withdrawal", "Withdraw their accreditation"),
]
PUBLIC_MESSAGE = (
    "Shown to anyone with the concern’s reference, including the person who raised it. "
    "Do not include names or private details."
)


class TriageForm(RegisterForm):
    within_scope = RadioField(
        "Is the concern within scope?",
        description="Within scope: it is about the mediator’s SEND mediation practice or conduct, which your body can "
        "look into under the standards.",
        choices=choices([("yes", "Yes, investigate it"), ("no", "No, it is not something we can look into")]),
        widget=GovRadioInput(),
        validators=[InputRequired("Select whether the concern is within scope")],
    )
    note = TextAreaField("Triage note", description="Private. Needed if it is not within scope.", widget=GovTextArea())
    public_message = TextAreaField(
        "Message to the person who raised it (optional)",
        description=PUBLIC_MESSAGE,
        widget=GovTextArea(),
        validators=[Length(max=5000)],
    )
    submit = SubmitField("Save triage", widget=GovSubmitInput())

    def scope(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.within_scope.data or "")


class NoteForm(RegisterForm):
    text = TextAreaField(
        "Add an investigation note",
        description="Private to your body and the oversight panel.",
        widget=GovTextArea(),
        validators=[InputRequired("Write the note")],
    )
    submit = SubmitField("Add note", widget=GovSubmitInput())


class OutcomeForm(RegisterForm):
    outcome = RadioField(
        "Outcome",
        choices=choices(OUTCOMES),
        widget=GovRadioInput(),
        validators=[InputRequired("Select the outcome")],
    )
    reason = TextAreaField(
        "Reasons for the outcome",
        description="Private to your body and the oversight panel.",
        widget=GovTextArea(),
        validators=[InputRequired("Give the reasons for the outcome")],
    )
    conditions = TextAreaField(
        "Conditions", description="Only for conditions. Shown on the mediator’s public profile.", widget=GovTextArea()
    )
    public_note = TextAreaField(
        "Note for the public register",
        description="Needed to suspend; optional for conditions and withdrawal. Shown on the mediator’s profile.",
        widget=GovTextArea(),
    )
    public_message = TextAreaField(
        "Message to the person who raised it (optional)",
        description=PUBLIC_MESSAGE,
        widget=GovTextArea(),
        validators=[Length(max=5000)],
    )
    # The accreditation's version, or 0 when the page showed none: one that appears since is a change too.
    expected_version = VersionField()
    submit = SubmitField("Record the outcome", widget=GovSubmitInput())

    def decision(self) -> OutcomeDecision:
        return OutcomeDecision(
            outcome=self.outcome.data or "",
            reason=self.reason.data or "",
            public_message=self.public_message.data or "",
            conditions=self.conditions.data or "",
            public_note=self.public_note.data or "",
            expected_version=self.expected_version.number,
        )


class FollowConcernForm(RegisterForm):
    class Meta:
        csrf = False

    reference = StringField(
        "Your concern’s reference",
        description="It starts CN-, for example CN-7K3M-Q9XD.",
        widget=GovTextInput(),
        validators=[InputRequired("Enter your concern’s reference"), Length(max=20)],
    )
    submit = SubmitField("Find my concern", widget=GovSubmitInput())
