from __future__ import annotations

import json
import re

from flask_wtf.file import FileAllowed, FileSize
from wtforms import Field, HiddenField
from wtforms.validators import ValidationError

from registry.domain import clock
from registry.domain.checks import MAX_NUMBERS, numbers_from_csv
from registry.domain.errors import DomainError
from registry.web.fields import date_input, file_upload, submit_button, text_area
from registry.web.forms import RegisterForm

MAX_UPLOAD_BYTES = 1024 * 1024  # 1,000 numbers fit in a few kilobytes, even with other columns
_SEPARATORS = re.compile(r"[\n,;\t]+")


class CheckForm(RegisterForm):
    numbers = text_area(
        "Registration numbers",
        hint="Enter one number, or paste up to 1,000, one on each line. For example, SM-004217-2.",
        max_length=MAX_NUMBERS * 100,
        too_long="Paste up to 1,000 numbers at a time",
    )
    file = file_upload(
        "Or upload a CSV file",
        hint="Up to 1,000 numbers: a column headed registration_number, or one number at the start of "
        "each line. A spreadsheet saved as CSV works.",
        validators=[
            FileAllowed(["csv", "txt"], "The file must be a CSV file"),
            FileSize(MAX_UPLOAD_BYTES, message="The file must be smaller than 1 MB"),
        ],
    )
    as_at = date_input(
        "Check as at a past date (optional)",
        hint="Leave this blank to check today. For example, 31 3 2026.",
        optional=True,
    )
    submit = submit_button("Check numbers")

    def validate_as_at(self, field: Field) -> None:
        if field.data is not None and field.data > clock.today():
            raise ValidationError("The date to check as at must be today or in the past")

    def registration_numbers(self) -> list[str]:
        """The pasted numbers, then the uploaded file's; raises DomainError for an unreadable file."""
        pasted = [part.strip() for part in _SEPARATORS.split(self.numbers.data or "") if part.strip()]
        upload = self.file.data
        if not upload:
            return pasted
        raw = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # as Excel saves "CSV" on Windows
        return pasted + numbers_from_csv(text)


class DownloadForm(RegisterForm):
    """The numbers just checked, sent back to download the same check as CSV (checked again)."""

    numbers = HiddenField()
    as_at = HiddenField()
    submit = submit_button("Download the results (CSV)")

    def registration_numbers(self) -> list[str]:
        try:
            numbers = json.loads(self.numbers.data or "[]")
        except ValueError:
            numbers = None
        if not isinstance(numbers, list) or not all(isinstance(n, str) for n in numbers):
            raise DomainError("Check the numbers again, then download the results")
        return numbers
