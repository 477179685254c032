"""The public list's filters, and fields the trainer and registrar forms share."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSelect, GovSubmitInput
from wtforms import DateField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2
from wtforms.validators import Optional

from registry.domain.training.labels import DELIVERY_MODE_NAMES, LEVEL_NAMES
from registry.domain.training.queries import ProgrammeFilters
from registry.models import Organisation
from registry.web.forms import RegisterForm

INVALID_DATE = "Enter a real date, for example 14 3 2026"


class GovDateField(DateField):
    """Day, month and year boxes (GOV.UK date input) read as one date."""

    widget = GovDateInput()

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(label, validators, format="%d %m %Y", **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        # The widget renders three boxes from raw_data: keep it to exactly three values, or None.
        self.raw_data = (list(valuelist) + ["", "", ""])[:3] if valuelist else None
        valuelist = self.raw_data or []
        if not any(value.strip() for value in valuelist):
            self.data = None
            return
        try:
            self.data = datetime.strptime(" ".join(value.strip() for value in valuelist), "%d %m %Y").date()
        except ValueError as error:
            self.data = None
            raise ValueError(INVALID_DATE) from error


def parse_hours(text: str | None) -> Decimal | None:
    """'7.5', '7,5' or ' 12 ' as a Decimal; None when it is not a number."""
    try:
        value = Decimal((text or "").strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class FilterForm(RegisterForm):
    """Read from the query string: no CSRF, nothing changes."""

    class Meta:
        csrf = False

    level = SelectField("Level", widget=GovSelect(), validators=[Optional()], validate_choice=True)
    provider = SelectField("Training provider", widget=GovSelect(), validators=[Optional()])
    delivery_mode = SelectField("How it is delivered", widget=GovSelect(), validators=[Optional()])
    status = SelectField(
        "Status",
        choices=[SelectChoice("", "Accredited now"), SelectChoice("any", "Also suspended, lapsed and withdrawn")],
        widget=GovSelect(),
        validators=[Optional()],
    )
    submit = SubmitField("Apply filters", widget=GovSubmitInput())

    def set_choices(self, providers: list[Organisation]) -> None:
        self.level.choices = [("", "Any level"), *LEVEL_NAMES.items()]
        self.provider.choices = [("", "Any provider"), *((p.slug, p.name) for p in providers)]
        self.delivery_mode.choices = [("", "Any way"), *DELIVERY_MODE_NAMES.items()]

    def check(self) -> None:
        """Validate, with a plain message for a value that is not one of the choices."""
        self.validate()
        for field in (self.level, self.provider, self.delivery_mode, self.status):
            if field.errors:
                field.errors = [f"Choose {field.label.text.lower()} from the list"]

    def filters(self) -> ProgrammeFilters:
        """The filters, leaving out any value that is not one of the choices (its error is shown)."""

        def valid(field: SelectField) -> str | None:
            return field.data or None if not field.errors else None

        return ProgrammeFilters(
            level=valid(self.level),
            provider=valid(self.provider),
            delivery_mode=valid(self.delivery_mode),
            status="any" if valid(self.status) == "any" else "accredited",
        )


def add_error(form: FlaskForm, field_name: str, message: str) -> None:
    """Show a problem the domain found on one of the form's fields (and so in the error summary)."""
    field = form._fields[field_name]
    field.errors = [*field.errors, message]
