"""Small forms: the renewal request and the CSV import."""

from __future__ import annotations

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField

from registry.web.forms import RegisterForm


class RenewalRequestForm(RegisterForm):
    explanation = TextAreaField(
        "Why are you asking to renew now?",
        description="Your log does not meet every requirement yet. Tell your accrediting body why, "
        "for example time away from practice. Only your body and oversight will see this.",
        widget=GovTextArea(),
    )
    submit = SubmitField("Ask to renew", widget=GovSubmitInput())


class ImportForm(RegisterForm):
    csv_file = FileField(
        "CSV file",
        description="Up to 5,000 entries, with the same columns as the download.",
        widget=GovFileInput(),
    )
    submit = SubmitField("Import entries", widget=GovSubmitInput())
