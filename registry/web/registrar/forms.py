"""Forms for the registrar's workspace: the queue's filters, outcomes per criterion, and one form
per decision. Every decision form carries the accreditation's version (so a stale page is caught),
the date it takes effect, and a confirmation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, Field, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from registry.domain import statuses
from registry.domain.accreditation.queries import AGES
from registry.models.assessments import AssessmentOutcome
from registry.standards import Criterion
from registry.web.fields import GovDateField, choices
from registry.web.forms import RegisterForm, VersionField

TEXT_LIMIT = 5000
QUEUE_STATUSES = choices(
    [
        *(
            (code, statuses.ACCREDITATION[code].label)
            for code in ("applied", "accredited", "suspended", "lapsed", "refused", "withdrawn", "resigned")
        ),
        ("", "Any status"),
    ]
)


class QueueFilterForm(RegisterForm):
    """Read from the query string: no CSRF, nothing changes."""

    class Meta:
        csrf = False

    search = StringField(
        "Name or registration number",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message="Enter 200 characters or fewer")],
    )
    status = SelectField("Status", choices=QUEUE_STATUSES, widget=GovSelect(), default="applied")
    age = SelectField(
        "Waiting for",
        choices=choices([("", "Any time"), *((key, label) for key, (label, _, _) in AGES.items())]),
        widget=GovSelect(),
        default="",
    )
    submit = SubmitField("Show", widget=GovSubmitInput())


def _text(label: str, *, required: str | None = None, hint: str = "") -> TextAreaField:
    validators = [DataRequired(message=required)] if required else [Optional()]
    return TextAreaField(
        label,
        description=hint,
        widget=GovTextArea(),
        validators=[*validators, Length(max=TEXT_LIMIT, message=f"Keep it to {TEXT_LIMIT} characters or fewer")],
    )


PRIVATE_HINT = "Only your body and the oversight panel will see this."
PUBLIC_HINT = "Shown on the mediator's public register entry. Write it for families and local authorities."


def _confirm(label: str, required: str) -> BooleanField:
    """The box a registrar ticks to confirm a decision; ``required`` is the message when it is not."""
    return BooleanField(label, widget=GovCheckboxInput(), validators=[DataRequired(message=required)])


def _warning_button(label: str) -> SubmitField:
    """The red button of a decision that takes something away (refuse, suspend, withdraw)."""
    return SubmitField(label, widget=GovSubmitInput(), render_kw={"params": {"classes": "govuk-button--warning"}})


class DecisionForm(RegisterForm):
    """What every decision asks for. Subclasses add their own fields and confirmation wording."""

    version = VersionField()
    effective_on = GovDateField(
        "Date it takes effect",
        description="For example, 27 11 2026. Leave blank for today. It can be earlier than today, "
        "but not before the last change to this accreditation.",
        validators=[Optional()],
    )
    confirm = _confirm("I confirm this decision", "Confirm the decision")

    def expected_version(self) -> int:
        """The version the page was built from (a form sent without one is not valid)."""
        number = self.version.number
        return -1 if number is None else number


class AccreditForm(DecisionForm):
    conditions = _text(
        "Conditions (optional)",
        hint="Public. Leave blank to accredit without conditions. A criterion assessed as not met "
        "can only be accepted with conditions that address it.",
    )
    public_note = _text("Note for the public register (optional)", hint=PUBLIC_HINT)
    reason = _text("Private note (optional)", hint=PRIVATE_HINT)
    confirm = _confirm(
        "I confirm that this mediator is to be accredited for 12 months",
        "Confirm that you are accrediting this mediator",
    )
    submit = SubmitField("Accredit", widget=GovSubmitInput())


class RefuseForm(DecisionForm):
    reason = _text("Reasons for refusing", required="Give the reasons for refusing", hint=PRIVATE_HINT)
    confirm = _confirm("I confirm that this application is refused", "Confirm that you are refusing this application")
    submit = _warning_button("Refuse")


class RenewForm(DecisionForm):
    compliant = BooleanField(
        "The mediator's CPD, supervision and practice log for the period is compliant",
        widget=GovCheckboxInput(),
        validators=[DataRequired(message="Renew only when the mediator's log for the period is compliant")],
    )
    compliance_note = _text("How you checked the log (optional)", hint=PRIVATE_HINT)
    public_note = _text("Note for the public register (optional)", hint=PUBLIC_HINT)
    reason = _text("Private note (optional)", hint=PRIVATE_HINT)
    confirm = _confirm("I confirm that this accreditation is renewed for a further 12 months", "Confirm the renewal")
    submit = SubmitField("Renew", widget=GovSubmitInput())


class ConditionsForm(DecisionForm):
    conditions = _text("Conditions", hint="Public. Leave blank to lift all conditions.")
    public_note = _text("Note for the public register (optional)", hint=PUBLIC_HINT)
    reason = _text("Reason for the change (optional)", hint=PRIVATE_HINT)
    confirm = _confirm("I confirm the new conditions", "Confirm the new conditions")
    submit = SubmitField("Change conditions", widget=GovSubmitInput())


class SuspendForm(DecisionForm):
    reason = _text("Reason for suspending", required="Give the reason for suspending", hint=PRIVATE_HINT)
    public_note = _text(
        "Note for the public register",
        required="Write a note for the public register explaining the suspension",
        hint=PUBLIC_HINT,
    )
    confirm = _confirm(
        "I confirm that this mediator is suspended and must not take on SEND mediations", "Confirm the suspension"
    )
    submit = _warning_button("Suspend")


class ReinstateForm(DecisionForm):
    compliant = BooleanField(
        "The mediator has applied to renew and their log for the period is compliant",
        description="Needed only to reinstate a lapsed accreditation.",
        widget=GovCheckboxInput(),
    )
    compliance_note = _text("How you checked the log (optional)", hint=PRIVATE_HINT)
    public_note = _text("Note for the public register (optional)", hint=PUBLIC_HINT)
    reason = _text("Reason for reinstating (optional)", hint=PRIVATE_HINT)
    confirm = _confirm("I confirm that this accreditation is reinstated", "Confirm the reinstatement")
    submit = SubmitField("Reinstate", widget=GovSubmitInput())


class WithdrawForm(DecisionForm):
    reason = _text("Reason for withdrawing", required="Give the reason for withdrawing", hint=PRIVATE_HINT)
    public_note = _text("Note for the public register (optional)", hint=PUBLIC_HINT)
    confirm = _confirm(
        "I confirm that this accreditation is withdrawn. This cannot be undone", "Confirm the withdrawal"
    )
    submit = _warning_button("Withdraw")


class ResignForm(DecisionForm):
    reason = _text("Reason given (optional)", hint=PRIVATE_HINT)
    public_note = _text("Note for the public register (optional)", hint=PUBLIC_HINT)
    confirm = _confirm("I confirm that the mediator has resigned their accreditation", "Confirm the resignation")
    submit = SubmitField("Record resignation", widget=GovSubmitInput())


# Outcomes per criterion: one radio group and one notes box for each criterion of the version.


def _key(code: str) -> str:
    return code.replace("-", "_").replace(".", "_")


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    outcome: Field
    notes: Field
    recorded: AssessmentOutcome | None


class AssessmentForm(RegisterForm):
    submit = SubmitField("Save outcomes", widget=GovSubmitInput())

    criteria: list[Criterion] = []
    recorded: dict[str, AssessmentOutcome] = {}

    def rows(self) -> list[CriterionRow]:
        return [
            CriterionRow(c, self[f"outcome_{_key(c.code)}"], self[f"notes_{_key(c.code)}"], self.recorded.get(c.code))
            for c in self.criteria
        ]

    def chosen(self) -> list[tuple[str, str, str]]:
        """(code, outcome, notes) for every criterion given an outcome on this submission."""
        return [(row.criterion.code, row.outcome.data, row.notes.data or "") for row in self.rows() if row.outcome.data]

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        valid = super().validate(extra_validators)
        for row in self.rows():
            if (row.notes.data or "").strip() and not row.outcome.data:
                row.outcome.errors = [f"Choose met or not met for {row.criterion.code}, or clear its notes"]
                valid = False
        return valid


def assessment_form(criteria: Iterable[Criterion], recorded: dict[str, AssessmentOutcome]) -> AssessmentForm:
    """A form with a field pair per criterion, showing the outcomes already recorded."""
    listed = list(criteria)

    class Form(AssessmentForm):
        pass

    data = {}
    for criterion in listed:
        key = _key(criterion.code)
        setattr(
            Form,
            f"outcome_{key}",
            RadioField(
                f"{criterion.code} outcome",
                choices=choices([("met", "Met"), ("not_met", "Not met")]),
                widget=GovRadioInput(),
                validators=[Optional()],
            ),
        )
        setattr(
            Form,
            f"notes_{key}",
            TextAreaField(
                f"Notes on {criterion.code}", widget=GovTextArea(), validators=[Optional(), Length(max=TEXT_LIMIT)]
            ),
        )
        if criterion.code in recorded:
            data[f"outcome_{key}"] = recorded[criterion.code].outcome
            data[f"notes_{key}"] = recorded[criterion.code].notes
    Form.criteria, Form.recorded = listed, recorded
    return Form(data=data)
