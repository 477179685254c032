"""The register's questions: a WTForms field on its GOV.UK widget, with the messages in plain English.

One factory for each kind of question, so a form says only what is its own: the label, the hint,
the message when a needed answer is missing, and how long an answer may be. Whether an answer is
needed is asked the same way everywhere: an answer or choice of only spaces is no answer
(``DataRequired``); a date or file must be sent at all (``InputRequired``, ``FileRequired``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypedDict, Unpack

from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2
from wtforms.validators import DataRequired, InputRequired, Length, Optional

INVALID_DATE = "Enter a real date, for example 14 3 2026"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LONG_ANSWER = 5000  # characters: the most a reason, note or account may have
Validator = Any  # a WTForms validator: a callable (form, field), or an object with __call__


class GovDateField(DateField):
    """Day, month and year boxes (GOV.UK date input) read as one date. One value in ISO form, as a
    link says it (``?recorded_as_at=2026-03-01``, the API's spelling), is read as that date too."""

    widget = GovDateInput()

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(label, validators, format="%d %m %Y", **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if len(valuelist) == 1 and _ISO_DATE.fullmatch(valuelist[0].strip()):
            year, month, day = valuelist[0].strip().split("-")
            valuelist = [day, month, year]
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


class Answer(TypedDict, total=False):
    """What a typed answer's question may say besides its label."""

    hint: str
    required: str | None  # the message when it is left blank (or only spaces); without it, it may be
    optional: bool  # a blank answer is checked no further
    max_length: int
    too_long: str  # the message when it is longer than max_length
    validators: Sequence[Validator]  # further checks, after the length


class Choice(TypedDict, total=False):
    """What a choice's question may say besides its label and options."""

    hint: str
    required: str  # the message when nothing is chosen
    optional: bool
    validate_choice: bool  # False when the view checks the choice itself


def _needed(required: str | None, optional: bool | None) -> list[Validator]:
    return [DataRequired(required)] if required else [Optional()] if optional else []


def _typed(answer: Answer) -> dict[str, Any]:
    checks = _needed(answer.get("required"), answer.get("optional"))
    if "max_length" in answer:
        checks.append(Length(max=answer["max_length"], message=answer.get("too_long")))
    return {"description": answer.get("hint", ""), "validators": [*checks, *answer.get("validators", ())]}


def _chosen(options: Iterable[tuple[object, str]] | None, choice: Choice) -> dict[str, Any]:
    return {
        "description": choice.get("hint", ""),
        "choices": None if options is None else choices(options),  # None: the view fills them
        "validators": _needed(choice.get("required"), choice.get("optional")),
        "validate_choice": choice.get("validate_choice", True),
    }


def text_input(label: str, *, default: str | None = None, **answer: Unpack[Answer]) -> StringField:
    """A one-line answer."""
    return StringField(label, widget=GovTextInput(), default=default, **_typed(answer))


def text_area(label: str, **answer: Unpack[Answer]) -> TextAreaField:
    """An answer of any number of lines."""
    return TextAreaField(label, widget=GovTextArea(), **_typed(answer))


def long_answer(label: str, *, hint: str = "", required: str | None = None) -> TextAreaField:
    """A reason, note or account of up to 5,000 characters; optional unless ``required`` says what to write."""
    return text_area(
        label,
        hint=hint,
        required=required,
        optional=not required,
        max_length=LONG_ANSWER,
        too_long=f"Keep it to {LONG_ANSWER} characters or fewer",
    )


def radios(label: str, options: Iterable[tuple[object, str]] | None = None, **choice: Unpack[Choice]) -> RadioField:
    """One of a few options."""
    return RadioField(label, widget=GovRadioInput(), **_chosen(options, choice))


def select(
    label: str,
    options: Iterable[tuple[object, str]] | None = None,
    *,
    default: str | None = None,
    coerce: Any = str,
    **choice: Unpack[Choice],
) -> SelectField:
    """One of a long list."""
    return SelectField(label, widget=GovSelect(), default=default, coerce=coerce, **_chosen(options, choice))


def checkbox(label: str, *, hint: str = "", required: str | None = None) -> BooleanField:
    """A single box to tick; ``required`` is the message when it must be ticked and is not."""
    checks = [DataRequired(message=required)] if required else []
    return BooleanField(label, description=hint, widget=GovCheckboxInput(), validators=checks)


def date_input(label: str, *, hint: str = "", required: str | None = None, optional: bool = False) -> GovDateField:
    """A date in three boxes. A needed date must be sent at all (``InputRequired``): one that is sent but
    not a real date keeps its own message."""
    checks = [InputRequired(required)] if required else [Optional()] if optional else []
    return GovDateField(label, description=hint, validators=checks)


def file_upload(
    label: str, *, hint: str = "", required: str | None = None, validators: Sequence[Validator] = ()
) -> FileField:
    checks = [FileRequired(required)] if required else []
    return FileField(label, description=hint, widget=GovFileInput(), validators=[*checks, *validators])


def csv_upload(hint: str = "", *, required: str | None = None) -> FileField:
    """The one file of an upload page that reads rows from a CSV file."""
    return file_upload("CSV file", hint=hint, required=required)


def submit_button(label: str) -> SubmitField:
    return SubmitField(label, widget=GovSubmitInput())


def warning_button(label: str) -> SubmitField:
    """The red button of a step that takes something away (refuse, suspend, withdraw, resign)."""
    return SubmitField(label, widget=GovSubmitInput(), render_kw={"params": {"classes": "govuk-button--warning"}})
