"""Small forms: the renewal request and the CSV import."""

from __future__ import annotations

from registry.web.fields import csv_upload, submit_button, text_area
from registry.web.forms import RegisterForm


class RenewalRequestForm(RegisterForm):
    explanation = text_area(
        "Why are you asking to renew now?",
        hint="Your log does not meet every requirement yet. Tell your accrediting body why, "
        "for example time away from practice. Only your body and oversight will see this.",
    )
    submit = submit_button("Ask to renew")


class ImportForm(RegisterForm):
    csv_file = csv_upload("Up to 5,000 entries, with the same columns as the download.")
    submit = submit_button("Import entries")
