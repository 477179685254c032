from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2
from wtforms.validators import Length, Optional

from registry.domain.statuses import PROGRAMME, labels
from registry.models import Organisation
from registry.web.forms import RegisterForm, VersionField
from registry.web.training.forms import GovDateField

TEXT_LIMIT = Length(max=3000, message="Keep it to 3000 characters or fewer")


class QueueFilterForm(RegisterForm):
    class Meta:
        csrf = False

    status = SelectField(
        "Status",
        choices=[
            *(SelectChoice(code, words) for code, words in labels(PROGRAMME).items()),
            SelectChoice("all", "Any status"),
        ],
        widget=GovSelect(),
        validators=[Optional()],
    )
    submit = SubmitField("Show", widget=GovSubmitInput())

    def chosen(self) -> str | None:
        status = self.status.data if self.status.data and not self.status.errors else "submitted"
        return None if status == "all" else status


class DecisionForm(RegisterForm):
    """Every field a decision may ask for; the view drops those its decision does not use."""

    body = RadioField("Acting for", widget=GovRadioInput(), validators=[Optional()])
    conditions = TextAreaField(
        "Conditions (optional)",
        description="Public. For example, what the provider must change before the next version.",
        widget=GovTextArea(),
        validators=[TEXT_LIMIT],
    )
    reason = TextAreaField(
        "Reason",
        description="The provider, accrediting bodies and oversight see this. The public does not.",
        widget=GovTextArea(),
        validators=[TEXT_LIMIT],
    )
    public_note = TextAreaField(
        "Note for the public register",
        description="Shown on the programme's public page.",
        widget=GovTextArea(),
        validators=[TEXT_LIMIT],
    )
    effective_on = GovDateField(
        "Date it takes effect (optional)",
        description="Leave empty for today. It can be earlier, but not before the last change or in the future.",
        validators=[Optional()],
    )
    expected_version = VersionField()
    submit = SubmitField("Record the decision", widget=GovSubmitInput())

    def set_bodies(self, bodies: list[Organisation]) -> None:
        self.body.choices = [(str(b.id), b.name) for b in bodies]
        if len(bodies) == 1:
            self.body.data = str(bodies[0].id)

    def chosen_body(self, bodies: list[Organisation]) -> Organisation | None:
        return next((b for b in bodies if str(b.id) == self.body.data), None)

    def version(self) -> int | None:
        return self.expected_version.number

    def keep_only(self, names: tuple[str, ...]) -> None:
        for name in ("conditions", "reason", "public_note"):
            if name not in names:
                delattr(self, name)
