"""The profile form: public entry first, private details after, each marked as such.

Which text field goes under which heading is the field registry's (``registry.domain.visibility``,
through ``registry.domain.profiles``); the template lays out what ``public_details`` and
``private_details`` give it."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import Field, RadioField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from registry.domain.administration import EMAIL  # the register's one email rule (the domain checks it too)
from registry.domain.profiles import PRIVATE_TEXT, PUBLIC_TEXT, TEXT, ProfileInput, Region
from registry.standards import Vocabularies
from registry.web.fields import choices
from registry.web.forms import RegisterForm

WEBSITE = Regexp(r"^https?://\S+\.\S+$", message="Enter a website address starting with https://")
PHONE = Regexp(r"^[0-9+() -]{6,40}$", message="Enter a phone number, like 01632 960 001")


class ProfileForm(RegisterForm):
    display_name = StringField(
        "Name shown on the register",
        widget=GovTextInput(),
        validators=[DataRequired("Enter the name to show on the register"), Length(max=200)],
    )
    public_email = StringField(
        "Public email address (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Regexp(EMAIL, message="Enter an email address like name@example.com"), Length(max=254)],
    )
    public_phone = StringField("Public phone number (optional)", widget=GovTextInput(), validators=[Optional(), PHONE])
    website = StringField("Website (optional)", widget=GovTextInput(), validators=[Optional(), WEBSITE])
    bio = TextAreaField(
        "About you",
        description="A few sentences for families: your experience and how you work. Up to 2000 characters.",
        widget=GovTextArea(),
        validators=[Length(max=2000, message="About you must be 2000 characters or fewer")],
    )
    areas = SelectMultipleField("Local authority areas you cover", coerce=int, validate_choice=True)
    languages = SelectMultipleField("Languages you can mediate in without an interpreter", widget=GovCheckboxesInput())
    formats = SelectMultipleField("How you can meet", widget=GovCheckboxesInput())
    specialisms = SelectMultipleField("Particular experience", widget=GovCheckboxesInput())
    # Not asked before issue 17, so a form sent without it keeps the answer "no" rather than failing.
    takes_cases_anywhere = RadioField(
        "Do you take cases from anywhere in England?",
        description=(
            "Say yes if you will mediate by video or phone for a family in any local authority. You will be "
            "listed for every local authority, after the mediators who cover it, as working by video or phone."
        ),
        choices=choices([("yes", "Yes, by video or phone"), ("no", "No, only in the areas I cover")]),
        default="no",
        widget=GovRadioInput(),
    )

    home_address = TextAreaField(
        "Home address",
        widget=GovTextArea(),
        validators=[Length(max=500, message="Keep the address under 500 characters")],
    )
    private_email = StringField(
        "Private email address",
        widget=GovTextInput(),
        validators=[Optional(), Regexp(EMAIL, message="Enter an email address like name@example.com"), Length(max=254)],
    )
    private_phone = StringField("Private phone number", widget=GovTextInput(), validators=[Optional(), PHONE])
    submit = SubmitField("Save profile", widget=GovSubmitInput())

    def set_choices(self, regions: list[Region], terms: Vocabularies) -> None:
        self.areas.choices = choices([(la.id, la.name) for region in regions for la in region.local_authorities])
        self.languages.choices = choices([(t.code, t.title) for t in terms.languages])
        self.formats.choices = choices([(t.code, t.title) for t in terms.formats])
        self.specialisms.choices = choices([(t.code, t.title) for t in terms.specialisms])

    def public_details(self) -> list[Field]:
        return [self[name] for name in PUBLIC_TEXT]

    def private_details(self) -> list[Field]:
        return [self[name] for name in PRIVATE_TEXT]

    def load(self, data: ProfileInput) -> None:
        for name in TEXT:
            self[name].data = getattr(data, name) or ""
        self.areas.data = sorted(data.area_ids)
        self.languages.data = sorted(data.languages)
        self.formats.data = sorted(data.formats)
        self.specialisms.data = sorted(data.specialisms)
        self.takes_cases_anywhere.data = "yes" if data.takes_cases_anywhere else "no"

    def to_input(self) -> ProfileInput:
        return ProfileInput(
            display_name=self.display_name.data or "",
            public_email=self.public_email.data,
            public_phone=self.public_phone.data,
            website=self.website.data,
            bio=self.bio.data or "",
            area_ids=frozenset(self.areas.data or ()),
            languages=frozenset(self.languages.data or ()),
            formats=frozenset(self.formats.data or ()),
            specialisms=frozenset(self.specialisms.data or ()),
            takes_cases_anywhere=self.takes_cases_anywhere.data == "yes",
            home_address=self.home_address.data,
            private_email=self.private_email.data,
            private_phone=self.private_phone.data,
        )
