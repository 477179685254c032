"""Mediation provider workspace forms. The rules (addresses, numbers, who may be asked) are the domain's."""

from __future__ import annotations

from registry.domain.providers.page import MAX_DESCRIPTION, ProviderDetails
from registry.models import Organisation
from registry.web.fields import date_input, select, submit_button, text_area, text_input, warning_button
from registry.web.forms import RegisterForm
from registry.web.la.forms import ServiceForm
from registry.web.numbers import whole_number


class DetailsForm(RegisterForm):
    description = text_area(
        "About your service (optional)",
        hint="What families and young people should know: the areas you cover, how you work, "
        "the adjustments you can make.",
        max_length=MAX_DESCRIPTION,
        too_long=f"Keep it to {MAX_DESCRIPTION:,} characters or fewer",
    )
    public_email = text_input("Email address", max_length=254, too_long="Enter 254 characters or fewer")
    public_phone = text_input("Phone number", max_length=40, too_long="Enter 40 characters or fewer")
    website = text_input(
        "Website",
        hint="Your own page, starting with https://",
        max_length=300,
        too_long="Enter 300 characters or fewer",
    )
    submit = submit_button("Save your page")

    def load(self, provider: Organisation) -> None:
        for name in ("description", "public_email", "public_phone", "website"):
            self[name].data = getattr(provider, name) or ""

    def to_details(self) -> ProviderDetails:
        return ProviderDetails(
            description=self.description.data or "",
            website=self.website.data or "",
            public_email=self.public_email.data or "",
            public_phone=self.public_phone.data or "",
        )


class AskForm(RegisterForm):
    registration_number = text_input(
        "Mediator’s registration number",
        hint="It looks like SM-004217-2. The mediator confirms in their own workspace before the link is public.",
        required="Enter the mediator’s registration number",
        max_length=40,
        too_long="Enter 40 characters or fewer",
    )
    submit = submit_button("Ask the mediator")


class EndForm(RegisterForm):
    """A button with a CSRF token: end a link, or withdraw a request or a proposal."""

    submit = warning_button("End")


class ProposalForm(ServiceForm):
    """The LA's own service form, for a provider telling the register that an LA commissions it."""

    local_authority = select("Local authority", validate_choice=False)
    since = date_input(
        "Commissioned since",
        hint="The day the local authority began to commission your service, for example 1 4 2024.",
        required="Enter the date the local authority began to commission your service",
    )
    local_offer_url = text_input(
        "The local authority’s local offer page on mediation (optional)",
        hint="A page of its SEND local offer, starting with https://",
        max_length=500,
        too_long="Enter 500 characters or fewer",
    )
    submit = submit_button("Send to the local authority to confirm")

    def local_authority_id(self) -> int | None:
        return whole_number(self.local_authority.data)
