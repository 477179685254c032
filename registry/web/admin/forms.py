"""Forms of the admin workspace. They only read what was typed; the checks that matter are in
``registry.domain.administration``, whose refusals name the field to mark."""

from __future__ import annotations

from wtforms import StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2
from wtforms.validators import InputRequired, Length

from registry.domain.accounts import attempts
from registry.models import LocalAuthority, Organisation
from registry.models.organisations import ORGANISATION_KINDS
from registry.web.fields import radios, select, submit_button, text_input
from registry.web.forms import QueryForm, RegisterForm

KIND_NAMES = {
    "accrediting_body": "Accrediting body",
    "training_provider": "Training provider",
    "mediation_provider": "Mediation provider",
    "local_authority": "Local authority",
    "oversight_body": "Oversight body",
}
KIND_PLURALS = {  # headings over a list of organisations of one kind
    "accrediting_body": "Accrediting bodies",
    "training_provider": "Training providers",
    "mediation_provider": "Mediation providers",
    "local_authority": "Local authorities",
    "oversight_body": "Oversight bodies",
}
ROLE_NAMES = {
    "registrar": "Registrar of an accrediting body",
    "trainer": "Staff of a training provider",
    "provider": "Staff of a mediation provider",
    "la_officer": "Local authority officer",
    "oversight": "Member of the oversight panel",
    "mediator": "Mediator (gets a register entry and a registration number)",
    "admin": "Register administrator",
    "standards_group": "Member of the standards working group (reads consultation responses, writes the response)",
}
TOO_LONG = "Enter 200 characters or fewer"


class RoleForm(RegisterForm):
    """A role and the organisation it is held for: a new person's first role, or one more."""

    role = radios("Role", ROLE_NAMES.items(), required="Select the person’s role")
    organisation_id = select(
        "Organisation they act for", hint="Leave as it is for a mediator or an administrator.", optional=True
    )
    submit = submit_button("Give them the role")

    def set_choices(self, organisations: list[Organisation]) -> None:
        self.organisation_id.choices = [SelectChoice("", "None")] + [
            SelectChoice(str(o.id), f"{o.name} ({KIND_NAMES[o.kind].lower()})") for o in organisations
        ]


def _name(label: str, hint: str = "", *, required: str | None = None) -> StringField:
    """An organisation's or a person's name: up to 200 characters, like the domain allows."""
    return text_input(label, hint=hint, required=required, optional=not required, max_length=200, too_long=TOO_LONG)


class PersonForm(RoleForm):
    name = _name("Full name", required="Enter the person’s full name")
    email = text_input(
        "Email address",
        hint="They sign in with it, and their invitation is sent to it.",
        # Only a missing answer: one of spaces gets the domain's "in the correct format".
        validators=[
            InputRequired("Enter the person’s email address"),
            Length(max=254, message="Enter 254 characters or fewer"),
        ],
    )
    submit = submit_button("Invite the person")


class RenameForm(RegisterForm):
    name = _name(
        "New name",
        "Its short name stays the same: addresses and commands use it.",
        required="Enter the organisation’s name",
    )
    submit = submit_button("Rename")


class OrganisationForm(RegisterForm):
    kind = radios(
        "Kind of organisation",
        ((kind, KIND_NAMES[kind]) for kind in ORGANISATION_KINDS),
        required="Select what kind of organisation it is",
    )
    name = _name("Name", "Not needed for a local authority: it takes the authority’s own name.")
    local_authority = select("Local authority", optional=True)
    submit = submit_button("Add the organisation")

    def set_choices(self, local_authorities: list[LocalAuthority]) -> None:
        self.local_authority.choices = [SelectChoice("", "Not a local authority")] + [
            SelectChoice(la.gss_code, la.name) for la in local_authorities
        ]


class PeopleSearchForm(QueryForm):
    search = text_input("Name or email", optional=True, max_length=200)
    submit = submit_button("Search")


class AuditFilterForm(QueryForm):
    subject = select("What changed", optional=True)
    submit = submit_button("Show")

    def set_choices(self, subject_types: list[str]) -> None:
        self.subject.choices = [SelectChoice("", "Everything")] + [
            SelectChoice(kind, kind.replace("_", " ").capitalize()) for kind in subject_types
        ]


class SignInFilterForm(QueryForm):
    email = text_input("Email address typed", optional=True, max_length=254)
    outcome = select("What happened", [("", "Anything"), *attempts.OUTCOME_WORDS.items()], optional=True)
    submit = submit_button("Show")
