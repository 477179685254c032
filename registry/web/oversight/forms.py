"""Oversight workspace forms: plan a review, findings, actions, publication, CPD audits."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from registry.domain.oversight.reviews import ReviewPlan
from registry.web.forms import RegisterForm
from registry.web.mediator.forms.fields import GovDateField, choices
from registry.web.numbers import whole_number

SUBJECT_KINDS = [
    ("accrediting_body", "An accrediting body"),
    ("training_provider", "A training provider"),
    ("mediator", "A mediator"),
]
REVIEW_TYPES = [
    ("annual", "Annual review"),
    ("thematic", "Thematic review"),
    ("cpd_audit", "CPD audit review"),
    ("concern", "Review following a concern"),
]
FINDINGS = [("met", "Met"), ("partially_met", "Partially met"), ("not_met", "Not met")]
AUDIT_OUTCOMES = [
    ("satisfactory", "Satisfactory: the log and evidence meet the scheme"),
    ("further_information", "Further information needed from the mediator"),
    ("unsatisfactory", "Unsatisfactory: their accrediting body must act"),
]


class PlanReviewForm(RegisterForm):
    subject_kind = RadioField(
        "What are you reviewing?",
        choices=choices(SUBJECT_KINDS),
        widget=GovRadioInput(),
        validators=[InputRequired("Select what you are reviewing")],
    )
    body_id = SelectField(
        "Accrediting body", widget=GovSelect(), validate_choice=False, description="If reviewing a body."
    )
    provider_id = SelectField(
        "Training provider", widget=GovSelect(), validate_choice=False, description="If reviewing a training provider."
    )
    registration_number = StringField(
        "Mediator’s registration number",
        description="If reviewing a mediator, for example SM-004217-2.",
        widget=GovTextInput(),
        validators=[Length(max=40)],
    )
    review_type = RadioField(
        "Type of review",
        choices=choices(REVIEW_TYPES),
        widget=GovRadioInput(),
        validators=[InputRequired("Select the type of review")],
    )
    title = StringField("Title", widget=GovTextInput(), validators=[InputRequired("Enter a title for the review")])
    period_start = GovDateField("Start of the period covered", validators=[InputRequired("Enter the start date")])
    period_end = GovDateField("End of the period covered", validators=[InputRequired("Enter the end date")])
    scope = TextAreaField(
        "What the review will look at (optional)",
        description="For the oversight panel and the organisation reviewed. Not published.",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=5000)],
    )
    submit = SubmitField("Plan the review", widget=GovSubmitInput())

    def to_plan(self) -> ReviewPlan:
        kind = self.subject_kind.data or ""
        chosen = {"accrediting_body": self.body_id.data, "training_provider": self.provider_id.data}.get(kind)
        return ReviewPlan(
            subject_kind=kind,
            review_type=self.review_type.data or "",
            title=self.title.data or "",
            period_start=self.period_start.data,
            period_end=self.period_end.data,
            organisation_id=whole_number(chosen),
            registration_number=self.registration_number.data if kind == "mediator" else None,
            scope=self.scope.data or "",
        )


class FindingForm(RegisterForm):
    outcome = RadioField(
        "Finding",
        choices=choices(FINDINGS),
        widget=GovRadioInput(),
        validators=[InputRequired("Select whether the criterion is met, partially met or not met")],
    )
    notes = TextAreaField(
        "Notes",
        description="Needed unless the criterion is met. Seen by the oversight panel and the organisation reviewed.",
        widget=GovTextArea(),
    )
    submit = SubmitField("Save finding", widget=GovSubmitInput())


class ActionForm(RegisterForm):
    owner_id = SelectField("Organisation that must act", widget=GovSelect(), validate_choice=False)
    description = TextAreaField(
        "What must they do?",
        description="Shown with the review when it is published.",
        widget=GovTextArea(),
        validators=[InputRequired("Describe what the organisation must do")],
    )
    due_on = GovDateField("Due by", validators=[InputRequired("Enter the date the action is due")])
    submit = SubmitField("Set the action", widget=GovSubmitInput())

    def owner(self) -> int | None:
        return whole_number(self.owner_id.data)


class PublishForm(RegisterForm):
    summary = TextAreaField(
        "Summary for the public",
        description="In plain English: what you looked at, what you found and what happens next. Findings notes "
        "are not published.",
        widget=GovTextArea(),
        validators=[InputRequired("Write a summary of the review in plain English")],
    )
    submit = SubmitField("Publish the review", widget=GovSubmitInput())


class DrawSampleForm(RegisterForm):
    percentage = StringField(
        "Percentage of eligible mediators",
        description="Mediators accredited now and for at least a year. The number drawn is rounded up.",
        default="5",
        widget=GovTextInput(),
    )
    seed = StringField(
        "Seed (optional)",
        description="A whole number. The same seed draws the same sample from the same register. "
        "Leave blank for a random one, which is recorded.",
        widget=GovTextInput(),
    )
    submit = SubmitField("Draw the sample", widget=GovSubmitInput())


class AuditOutcomeForm(RegisterForm):
    outcome = RadioField(
        "Outcome",
        choices=choices(AUDIT_OUTCOMES),
        widget=GovRadioInput(),
        validators=[InputRequired("Select the outcome")],
    )
    note = TextAreaField(
        "Note",
        description="Needed unless satisfactory. Seen by the mediator and their accrediting body.",
        widget=GovTextArea(),
    )
    submit = SubmitField("Record the outcome", widget=GovSubmitInput())
