"""Oversight workspace forms: plan a review, findings, actions, publication, CPD audits."""

from __future__ import annotations

from registry.domain.oversight.reviews import ReviewPlan
from registry.web.fields import date_input, radios, select, submit_button, text_area, text_input
from registry.web.forms import RegisterForm
from registry.web.numbers import whole_number

SUBJECT_KINDS = [
    ("accrediting_body", "An accrediting body"),
    ("training_provider", "A training provider"),
    ("mediation_provider", "A mediation provider"),
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
    subject_kind = radios("What are you reviewing?", SUBJECT_KINDS, required="Select what you are reviewing")
    body_id = select("Accrediting body", hint="If reviewing a body.", validate_choice=False)
    provider_id = select("Training provider", hint="If reviewing a training provider.", validate_choice=False)
    mediation_provider_id = select(
        "Mediation provider", hint="If reviewing a mediation provider.", validate_choice=False
    )
    registration_number = text_input(
        "Mediator’s registration number", hint="If reviewing a mediator, for example SM-004217-2.", max_length=40
    )
    review_type = radios("Type of review", REVIEW_TYPES, required="Select the type of review")
    title = text_input("Title", required="Enter a title for the review")
    period_start = date_input("Start of the period covered", required="Enter the start date")
    period_end = date_input("End of the period covered", required="Enter the end date")
    scope = text_area(
        "What the review will look at (optional)",
        hint="For the oversight panel and the organisation reviewed. Not published.",
        optional=True,
        max_length=5000,
    )
    submit = submit_button("Plan the review")

    def to_plan(self) -> ReviewPlan:
        kind = self.subject_kind.data or ""
        chosen = {
            "accrediting_body": self.body_id.data,
            "training_provider": self.provider_id.data,
            "mediation_provider": self.mediation_provider_id.data,
        }.get(kind)
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
    outcome = radios("Finding", FINDINGS, required="Select whether the criterion is met, partially met or not met")
    notes = text_area(
        "Notes",
        hint="Needed unless the criterion is met. Seen by the oversight panel and the organisation reviewed.",
    )
    submit = submit_button("Save finding")


class ActionForm(RegisterForm):
    owner_id = select("Organisation that must act", validate_choice=False)
    description = text_area(
        "What must they do?",
        hint="Shown with the review when it is published.",
        required="Describe what the organisation must do",
    )
    due_on = date_input("Due by", required="Enter the date the action is due")
    submit = submit_button("Set the action")

    def owner(self) -> int | None:
        return whole_number(self.owner_id.data)


class PublishForm(RegisterForm):
    summary = text_area(
        "Summary for the public",
        hint="In plain English: what you looked at, what you found and what happens next. Findings notes "
        "are not published.",
        required="Write a summary of the review in plain English",
    )
    submit = submit_button("Publish the review")


class DrawSampleForm(RegisterForm):
    percentage = text_input(
        "Percentage of eligible mediators",
        hint="Mediators accredited now and for at least a year. The number drawn is rounded up.",
        default="5",
    )
    seed = text_input(
        "Seed (optional)",
        hint="A whole number. The same seed draws the same sample from the same register. "
        "Leave blank for a random one, which is recorded.",
    )
    submit = submit_button("Draw the sample")


class AuditOutcomeForm(RegisterForm):
    outcome = radios("Outcome", AUDIT_OUTCOMES, required="Select the outcome")
    note = text_area("Note", hint="Needed unless satisfactory. Seen by the mediator and their accrediting body.")
    submit = submit_button("Record the outcome")
