"""What every page form shares: the base class of them all, and the version field of the optimistic lock.

``QueryForm`` is the base of a form read from the query string, ``ConfirmForm`` of a button with
nothing to ask; the questions themselves are made in ``registry.web.fields``.

``RegisterForm`` refuses control characters (``registry.domain.control_characters``) in any
answer, as an error of the field it was typed in ("Remove the control character from Name"),
so none reaches the database; line breaks and tabs may stand only in a text area. A form that
does not derive from it fails a test.

``VersionField`` carries the version of the record a page was built from. A form sent without
it is an error of the form, not a change applied unchecked.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, TextAreaField
from wtforms.validators import ValidationError

from registry.domain.control_characters import control_character_in, refusal
from registry.web.numbers import whole_number

UNNAMED_FIELD_TYPES = frozenset({"CSRFTokenField", "HiddenField", "VersionField", "SubmitField"})
MISSING_VERSION = (
    "This form was sent without the version of the record it changes, so nothing was changed. "
    "Reload the page and try again."
)


def _holds_control_character(field: Field) -> bool:
    multi_line = isinstance(field, TextAreaField)
    return any(
        isinstance(answer, str) and control_character_in(answer, multi_line=multi_line)
        for answer in field.raw_data or ()
    )


def _name(field: Field) -> str:
    return str(field.label.text).removesuffix(" (optional)")


class RegisterForm(FlaskForm):
    """The base of every page form."""

    class Meta:
        def render_field(self, field: Field, render_kw: dict[str, Any]) -> Any:
            """Hidden values (the CSRF token, a record's version) and buttons are drawn without an id: no
            label or link points at them, and a page of several forms would otherwise use ``csrf_token``
            and ``submit`` more than once (unique ids, issue 20). A template may still give one."""
            if field.type in UNNAMED_FIELD_TYPES:
                render_kw = {"id": False, **render_kw}
            return super().render_field(field, render_kw)  # type: ignore[misc]  # WTForms' DefaultMeta, mixed in

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if field.type != "CSRFTokenField" and _holds_control_character(field):
                field.errors = [refusal(_name(field))]  # the one thing to fix: other errors follow from it
                valid = False
        return valid


class QueryForm(RegisterForm):
    """A form read from the query string (search, filters): nothing changes, so no CSRF token."""

    class Meta:
        csrf = False


class ConfirmForm(RegisterForm):
    """A button that needs only its CSRF token: a confirmation page, or a step with nothing to ask."""


class VersionField(HiddenField):
    """The version of the record the page shows, sent back with the answers (the optimistic lock).

    Required once the form is sent: a missing value is never filled in from the record as it
    stands now (as a plain field's default would be), which would let a stale change through.
    """

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = valuelist[0] if valuelist else ""

    def pre_validate(self, form: Any) -> None:
        if not self.raw_data or self.number is None:  # not sent (raw_data [] or, for an empty body, None)
            raise ValidationError(MISSING_VERSION)

    @property
    def number(self) -> int | None:
        return whole_number(self.data)
