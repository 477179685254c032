"""The independence declaration form."""

from __future__ import annotations

from registry.domain.declarations import DeclarationInput
from registry.models import IndependenceDeclaration, LocalAuthority, Organisation
from registry.web.fields import choices, date_input, radios, select, submit_button, text_area, text_input
from registry.web.forms import RegisterForm


class DeclarationForm(RegisterForm):
    kind = radios(
        "What are you declaring?",
        [
            ("employment", "An employer: you work for or are paid by this body"),
            ("conflict", "A conflict of interest: another link that could affect your independence"),
        ],
        required="Choose an employer or a conflict of interest",
    )
    body_type = radios(
        "Who is it with?",
        [
            ("local_authority", "A local authority"),
            ("organisation", "An organisation on the register, such as a mediation provider"),
            ("other", "Another body, such as an integrated care board or a school trust"),
        ],
        required="Choose who the declaration is about",
    )
    local_authority_id = select("If a local authority: which one", coerce=int, validate_choice=False)
    organisation_id = select("If an organisation: which one", coerce=int, validate_choice=False)
    other_body = text_input("If another body: its name")
    description = text_area("Details (optional)", hint="For example, your role.")
    started_on = date_input("Date it started", required="Enter the date it started")
    ended_on = date_input("Date it ended (if it has)")
    submit = submit_button("Save declaration")

    def set_choices(self, areas: list[LocalAuthority], organisations: list[Organisation]) -> None:
        self.local_authority_id.choices = choices(
            [(0, "Choose a local authority")] + [(la.id, la.name) for la in areas]
        )
        self.organisation_id.choices = choices(
            [(0, "Choose an organisation")] + [(o.id, o.name) for o in organisations]
        )

    def load(self, declaration: IndependenceDeclaration) -> None:
        self.kind.data = declaration.kind
        if declaration.local_authority_id:
            self.body_type.data, self.local_authority_id.data = "local_authority", declaration.local_authority_id
        elif declaration.organisation_id:
            self.body_type.data, self.organisation_id.data = "organisation", declaration.organisation_id
        else:
            self.body_type.data, self.other_body.data = "other", declaration.other_body
        self.description.data = declaration.description
        self.started_on.data, self.ended_on.data = declaration.started_on, declaration.ended_on

    def to_input(self) -> DeclarationInput:
        return DeclarationInput(
            kind=self.kind.data or "",
            body_type=self.body_type.data or "",
            started_on=self.started_on.data,
            ended_on=self.ended_on.data,
            local_authority_id=self.local_authority_id.data or None,
            organisation_id=self.organisation_id.data or None,
            other_body=self.other_body.data or "",
            description=self.description.data or "",
        )
