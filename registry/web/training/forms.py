"""The public list of programmes: its filters, and the reading of a number of hours the trainer forms share."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from wtforms import SelectField

from registry.domain.training.labels import DELIVERY_MODE_NAMES, LEVEL_NAMES
from registry.domain.training.queries import ProgrammeFilters
from registry.models import Organisation
from registry.web.fields import GovDateField as GovDateField  # programme_decisions.forms imports it from here
from registry.web.fields import select, submit_button
from registry.web.forms import QueryForm


def parse_hours(text: str | None) -> Decimal | None:
    """'7.5', '7,5' or ' 12 ' as a Decimal; None when it is not a number."""
    try:
        value = Decimal((text or "").strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class FilterForm(QueryForm):
    level = select("Level", optional=True)
    provider = select("Training provider", optional=True)
    delivery_mode = select("How it is delivered", optional=True)
    status = select("Status", [("", "Accredited now"), ("any", "Also suspended, lapsed and withdrawn")], optional=True)
    submit = submit_button("Apply filters")

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
