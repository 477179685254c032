"""Outcome return forms: one return (new or a correction), and a CSV upload."""

from __future__ import annotations

from registry.domain.oversight.returns import FIGURE_LABELS, ReturnInput
from registry.models.oversight import RETURN_FIGURES
from registry.web.fields import csv_upload, radios, select, submit_button, text_area, text_input
from registry.web.forms import RegisterForm
from registry.web.numbers import whole_number

QUARTERS = [
    ("1", "January to March"),
    ("2", "April to June"),
    ("3", "July to September"),
    ("4", "October to December"),
]


class _ProviderForm(RegisterForm):
    """Returns sent for one of the mediation providers the signed-in person acts for."""

    provider_id = select("Mediation provider", validate_choice=False)

    def provider(self) -> int | None:
        return whole_number(self.provider_id.data)


class ReturnForm(_ProviderForm):
    """The domain checks the figures (all at once, with the consistency rules); the form only collects them."""

    local_authority = select("Local authority", validate_choice=False)
    year = text_input("Year")
    quarter = radios("Quarter", QUARTERS, validate_choice=False)
    advice_contacts = text_input(FIGURE_LABELS["advice_contacts"])
    mediation_chosen = text_input(FIGURE_LABELS["mediation_chosen"])
    certificates_issued = text_input(FIGURE_LABELS["certificates_issued"])
    mediations_held = text_input(FIGURE_LABELS["mediations_held"])
    agreements_full = text_input(FIGURE_LABELS["agreements_full"])
    agreements_partial = text_input(FIGURE_LABELS["agreements_partial"])
    agreements_none = text_input(FIGURE_LABELS["agreements_none"])
    health_social_care_cases = text_input(FIGURE_LABELS["health_social_care_cases"])
    appeals_after_mediation = text_input(FIGURE_LABELS["appeals_after_mediation"])
    appeals_without_mediation = text_input(FIGURE_LABELS["appeals_without_mediation"])
    note = text_area("Note (optional)", hint="For a correction, say what changed and why.", max_length=2000)
    submit = submit_button("Send the return")

    def to_input(self) -> ReturnInput:
        return ReturnInput(
            local_authority=self.local_authority.data or "",
            year=self.year.data,
            quarter=self.quarter.data,
            figures={name: self[name].data for name in RETURN_FIGURES},
            note=self.note.data or "",
        )


class UploadForm(_ProviderForm):
    file = csv_upload()
    submit = submit_button("Upload returns")
