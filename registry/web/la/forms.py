from __future__ import annotations

from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from registry.domain.commissioned_services import ServiceInput
from registry.models import CommissionedService
from registry.web.fields import date_input, submit_button, text_area, text_input, warning_button
from registry.web.forms import RegisterForm


class WatchForm(RegisterForm):
    """Add a mediator to the watchlist by number (from the watchlist page, a profile or a check)."""

    registration_number = text_input(
        "Registration number",
        hint="For example, SM-004217-2.",
        required="Enter the registration number of the mediator to watch",
        max_length=40,
        too_long="Enter a registration number like SM-004217-2",
    )
    return_to = HiddenField()
    submit = submit_button("Add to watchlist")


class UnwatchForm(RegisterForm):
    registration_number = HiddenField(validators=[DataRequired(), Length(max=40)])


class ServiceForm(RegisterForm):
    """A mediation service the LA commissions, as its public page will show it. The rules (a way to
    contact it, whole web addresses, the date) are the domain's: registry.domain.commissioned_services."""

    provider_name = text_input(
        "Name of the mediation service",
        hint="As families will know it, for example ‘Together Mediation’.",
        required="Enter the name of the mediation service",
        max_length=200,
        too_long="The name must be 200 characters or fewer",
    )
    email = text_input("Email address (optional)", max_length=254, too_long="Enter 254 characters or fewer")
    phone = text_input("Phone number (optional)", max_length=40, too_long="Enter 40 characters or fewer")
    website = text_input(
        "Website (optional)",
        hint="The service’s own page, starting with https://",
        max_length=500,
        too_long="Enter 500 characters or fewer",
    )
    how_to_refer = text_area(
        "How to ask for mediation",
        hint="What a parent or young person does: who to contact, what to say, and what happens next.",
        required="Say how a family or young person asks for mediation",
        max_length=2000,
        too_long="Keep it to 2000 characters or fewer",
    )
    since = date_input(
        "Commissioned since",
        hint="The day your local authority began to commission this service, for example 1 4 2024.",
        required="Enter the date your local authority began to commission this service",
    )
    local_offer_url = text_input(
        "Your local offer’s page on mediation (optional)",
        hint="A page of your SEND local offer, starting with https://",
        max_length=500,
        too_long="Enter 500 characters or fewer",
    )
    submit = submit_button("Save service")

    def to_input(self) -> ServiceInput:
        assert self.since.data is not None  # required
        return ServiceInput(
            provider_name=self.provider_name.data or "",
            how_to_refer=self.how_to_refer.data or "",
            since=self.since.data,
            email=self.email.data or "",
            phone=self.phone.data or "",
            website=self.website.data or "",
            local_offer_url=self.local_offer_url.data or "",
        )

    def load(self, service: CommissionedService) -> None:
        for name in ("provider_name", "email", "phone", "website", "how_to_refer", "local_offer_url"):
            self[name].data = getattr(service, name) or ""
        self.since.data = service.since


class RemoveServiceForm(RegisterForm):
    submit = warning_button("Remove this service")


class ConfirmServiceForm(RegisterForm):
    """Confirm that a mediation provider's proposed service is one the LA commissions."""

    submit = submit_button("Confirm")
