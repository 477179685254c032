"""Forms of the admin workspace. They only read what was typed; the checks that matter are in
``registry.domain.administration``, whose refusals name the field to mark."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2
from wtforms.validators import InputRequired, Length, Optional

from registry.domain.accounts import attempts
from registry.models import LocalAuthority, Organisation
from registry.models.organisations import ORGANISATION_KINDS
from registry.web.forms import RegisterForm

KIND_NAMES = {
    "accrediting_body": "Accrediting body",
    "training_provider": "Training provider",
    "mediation_provider": "Mediation provider",
    "local_authority": "Local authority",
    "oversight_body": "Oversight body",
}
ROLE_NAMES = {
    "registrar": "Registrar of an accrediting body",
    "trainer": "Staff of a training provider",
    "provider": "Staff of a mediation provider",
    "la_officer": "Local authority officer",
    "oversight": "Member of the oversight panel",
    "mediator": "Mediator (gets a register entry and a registration number)",
    "admin": "Register administrator",
}


class RoleForm(RegisterForm):
    """A role and the organisation it is held for: a new person's first role, or one more."""

    role = RadioField(
        "Role",
        choices=[SelectChoice(code, words) for code, words in ROLE_NAMES.items()],
        widget=GovRadioInput(),
        validators=[InputRequired("Select the person’s role")],
    )
    organisation_id = SelectField(
        "Organisation they act for",
        description="Leave as it is for a mediator or an administrator.",
        widget=GovSelect(),
        validators=[Optional()],
    )
    submit = SubmitField("Give them the role", widget=GovSubmitInput())

    def set_choices(self, organisations: list[Organisation]) -> None:
        self.organisation_id.choices = [SelectChoice("", "None")] + [
            SelectChoice(str(o.id), f"{o.name} ({KIND_NAMES[o.kind].lower()})") for o in organisations
        ]


class PersonForm(RoleForm):
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the person’s full name"),
            Length(max=200, message="Enter 200 characters or fewer"),
        ],
    )
    email = StringField(
        "Email address",
        description="They sign in with it, and their invitation is sent to it.",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the person’s email address"),
            Length(max=254, message="Enter 254 characters or fewer"),
        ],
    )
    submit = SubmitField("Invite the person", widget=GovSubmitInput())


class ActionForm(RegisterForm):
    """A button that needs only its CSRF token (deactivate, reactivate, remove a role, re-send)."""


class RenameForm(RegisterForm):
    name = StringField(
        "New name",
        description="Its short name stays the same: addresses and commands use it.",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the organisation’s name"),
            Length(max=200, message="Enter 200 characters or fewer"),
        ],
    )
    submit = SubmitField("Rename", widget=GovSubmitInput())


class OrganisationForm(RegisterForm):
    kind = RadioField(
        "Kind of organisation",
        choices=[SelectChoice(kind, KIND_NAMES[kind]) for kind in ORGANISATION_KINDS],
        widget=GovRadioInput(),
        validators=[InputRequired("Select what kind of organisation it is")],
    )
    name = StringField(
        "Name",
        description="Not needed for a local authority: it takes the authority’s own name.",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message="Enter 200 characters or fewer")],
    )
    local_authority = SelectField("Local authority", widget=GovSelect(), validators=[Optional()])
    submit = SubmitField("Add the organisation", widget=GovSubmitInput())

    def set_choices(self, local_authorities: list[LocalAuthority]) -> None:
        self.local_authority.choices = [SelectChoice("", "Not a local authority")] + [
            SelectChoice(la.gss_code, la.name) for la in local_authorities
        ]


class PeopleSearchForm(RegisterForm):
    class Meta:
        csrf = False

    search = StringField("Name or email", widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    submit = SubmitField("Search", widget=GovSubmitInput())


class AuditFilterForm(RegisterForm):
    class Meta:
        csrf = False

    subject = SelectField("What changed", widget=GovSelect(), validators=[Optional()])
    submit = SubmitField("Show", widget=GovSubmitInput())

    def set_choices(self, subject_types: list[str]) -> None:
        self.subject.choices = [SelectChoice("", "Everything")] + [
            SelectChoice(kind, kind.replace("_", " ").capitalize()) for kind in subject_types
        ]


class SignInFilterForm(RegisterForm):
    class Meta:
        csrf = False

    email = StringField("Email address typed", widget=GovTextInput(), validators=[Optional(), Length(max=254)])
    outcome = SelectField(
        "What happened",
        choices=[SelectChoice("", "Anything")]
        + [SelectChoice(code, words) for code, words in attempts.OUTCOME_WORDS.items()],
        widget=GovSelect(),
        validators=[Optional()],
    )
    submit = SubmitField("Show", widget=GovSubmitInput())
