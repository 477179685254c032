"""Trainer forms. The criteria themselves are checked by ``registry.domain.training``; these forms
only read what was typed, in plain English, and hand it over as ProgrammeContent."""

from __future__ import annotations

from decimal import Decimal

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput
from wtforms import Field, SelectMultipleField, ValidationError
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2
from wtforms.validators import InputRequired, Length, Optional

from registry.domain.training import ProgrammeContent
from registry.domain.training.labels import ASSESSMENT_METHOD_NAMES, DELIVERY_MODE_NAMES, LEVEL_NAMES
from registry.models import Organisation, ProgrammeVersion
from registry.standards import Criterion, LogCategory
from registry.web.fields import csv_upload, date_input, radios, submit_button, text_area, text_input
from registry.web.forms import RegisterForm, VersionField
from registry.web.training.forms import parse_hours


class Hours:
    """A number of hours, 0 or more, like 12 or 7.5."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, form: FlaskForm, field: Field) -> None:
        value = parse_hours(field.data)
        if value is None or value < 0:
            raise ValidationError(f"Enter the {self.what} as a number, like 12 or 7.5")


LOG_PREFIX = "log_"


def _hours_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


class ProgrammeForm(RegisterForm):
    """A version's content. ``provider`` and ``level`` are asked only for a new programme."""

    provider = radios("Training provider", optional=True)
    level = radios("Level", LEVEL_NAMES.items(), required="Choose the level of the programme")
    title = text_input(
        "Title",
        validators=[
            InputRequired("Enter the programme's title"),
            Length(max=200, message="The title must be 200 characters or fewer"),
        ],
    )
    summary = text_area(
        "What the programme covers (optional)",
        hint="A short description for the public register: who it is for and its learning outcomes.",
        max_length=3000,
        too_long="The description must be 3000 characters or fewer",
    )
    total_hours = text_input(
        "Total hours",
        hint="Contact hours, for example 40 or 12.5.",
        validators=[InputRequired("Enter the total hours"), Hours("total hours")],
    )
    practical_hours = text_input(
        "Hours of practical role-play",
        hint="0 if there is none.",
        validators=[InputRequired("Enter the hours of practical role-play, or 0"), Hours("hours of role-play")],
    )
    delivery_mode = radios(
        "How is it delivered?", DELIVERY_MODE_NAMES.items(), required="Choose how the programme is delivered"
    )
    assessment_method = radios(
        "How are participants assessed?",
        ASSESSMENT_METHOD_NAMES.items(),
        required="Choose how participants are assessed",
    )
    criteria_covered = SelectMultipleField(
        "Criteria of the mediator standards its learning outcomes cover",
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    expected_version = VersionField()
    submit = submit_button("Submit for accreditation")

    def set_choices(self, providers: list[Organisation], criteria: list[Criterion]) -> None:
        if self.provider is not None:
            self.provider.choices = [SelectChoice(str(p.id), p.name) for p in providers]
            if len(providers) == 1 and not self.provider.data:
                self.provider.data = str(providers[0].id)
        self.criteria_covered.choices = [SelectChoice(c.code, f"{c.code} {c.title}") for c in criteria]

    def chosen_provider(self, providers: list[Organisation]) -> Organisation | None:
        return next((p for p in providers if str(p.id) == self.provider.data), None)

    def log_fields(self) -> list[Field]:
        """The hours fields for each CPD log category (made by ``programme_form``)."""
        return [field for name, field in self._fields.items() if name.startswith(LOG_PREFIX)]

    def load(self, version: ProgrammeVersion) -> None:
        for name in ("title", "summary", "delivery_mode", "assessment_method"):
            self._fields[name].data = getattr(version, name)
        self.total_hours.data = _hours_text(version.total_hours)
        self.practical_hours.data = _hours_text(version.practical_hours)
        self.criteria_covered.data = list(version.criteria_covered)
        for code, hours in version.log_hours.items():
            if LOG_PREFIX + code in self._fields:
                self._fields[LOG_PREFIX + code].data = _hours_text(Decimal(hours))

    def log_hours(self) -> dict[str, Decimal]:
        return {
            field.name.removeprefix(LOG_PREFIX): hours
            for field in self.log_fields()
            if (hours := parse_hours(field.data)) is not None and hours > 0
        }

    def content(self) -> ProgrammeContent:
        return ProgrammeContent(
            title=self.title.data or "",
            summary=self.summary.data or "",
            total_hours=parse_hours(self.total_hours.data) or Decimal(0),
            practical_hours=parse_hours(self.practical_hours.data) or Decimal(0),
            delivery_mode=self.delivery_mode.data or "",
            assessment_method=self.assessment_method.data or "",
            criteria_covered=tuple(self.criteria_covered.data or ()),
            log_hours=self.log_hours(),
        )

    def version(self) -> int | None:
        return self.expected_version.number


def programme_form(categories: list[LogCategory], *, new: bool) -> ProgrammeForm:
    """A ProgrammeForm with an hours field for each CPD log category a course may be logged in.

    For a new version ``provider`` and ``level`` are dropped: they belong to the programme. A new
    programme has no version yet, so it has no ``expected_version`` either.
    """
    fields: dict[str, object] = {
        LOG_PREFIX + category.code: text_input(
            category.title, optional=True, validators=[Hours(f"hours for {category.title}")]
        )
        for category in categories
    }
    form_class = type("ProgrammeFormWithCategories", (ProgrammeForm,), fields)
    form = form_class()
    if new:
        del form.expected_version
    else:
        del form.provider, form.level
        form.submit.label.text = "Submit the new version"
    return form


class CompletionForm(RegisterForm):
    registration_number = text_input(
        "Mediator's registration number",
        hint="For example, SM-004217-2.",
        validators=[InputRequired("Enter the mediator's registration number")],
    )
    completed_on = date_input(
        "Date they completed the programme",
        hint="For example, 14 3 2026.",
        required="Enter the date they completed the programme",
    )
    version = radios("Version completed", optional=True)
    submit = submit_button("Record completion")

    def set_choices(self, versions: list[ProgrammeVersion]) -> None:
        self.version.choices = [SelectChoice("", "The version current on that date")] + [
            SelectChoice(str(v.number), f"Version {v.number}: {v.title}") for v in reversed(versions)
        ]
        if self.version.data is None:
            self.version.data = ""


class CompletionsUploadForm(RegisterForm):
    file = csv_upload(
        hint=(
            "The first row must be headings: 'registration number' and 'completed on', and 'version' if you "
            "want to say which version. Dates like 2026-03-14 or 14/3/2026. Up to 1,000 rows."
        ),
        required="Choose a CSV file to upload",
    )
    submit = submit_button("Upload and record completions")
