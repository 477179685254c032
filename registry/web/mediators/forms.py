"""The profile's one question: which past day to read the register as it was recorded then."""

from __future__ import annotations

from wtforms import Field
from wtforms.validators import ValidationError

from registry.domain import clock
from registry.web.fields import date_input
from registry.web.forms import QueryForm


class RecordedAsAtForm(QueryForm):
    """``?recorded_as_at=``: three boxes from the page's form, or one ISO date from a link."""

    recorded_as_at = date_input(
        "See what the register said on a past date",
        hint="For example, 1 3 2026. You will see their status as the register recorded it at the end of that day.",
        optional=True,
    )

    def validate_recorded_as_at(self, field: Field) -> None:
        if field.data is not None and field.data > clock.today():
            raise ValidationError("The date must be today or in the past")
