"""Field types with the register's plain-English messages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import DateField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2

INVALID_DATE = "Enter a real date, for example 14 3 2026"


class GovDateField(DateField):
    """Day, month and year boxes (GOV.UK date input) read as one date."""

    widget = GovDateInput()

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(label, validators, format="%d %m %Y", **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        # GOV.UK's date widget redisplays exactly three boxes: pad a missing or odd submission.
        self.raw_data = (list(valuelist) + ["", "", ""])[:3]
        if not any(value.strip() for value in self.raw_data):
            self.data = None
            return
        try:
            self.data = datetime.strptime(" ".join(value.strip() for value in self.raw_data), "%d %m %Y").date()
        except ValueError as error:
            self.data = None
            raise ValueError(INVALID_DATE) from error


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """Options for a select, radios or checkboxes, from (value, label) pairs."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]
