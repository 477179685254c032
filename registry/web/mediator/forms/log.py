"""Log entry forms: one per kind, so each shows only what that kind records.

The rules (dates, quarter hours, categories, practice fields) live in
``registry.domain.logbook.rules``; these forms only read what was typed and show the problems
the domain finds, so the form, the CSV import and the API all apply the same rules.
"""

from __future__ import annotations

from typing import Any

from registry.domain.logbook import EntryDraft, parse_hours
from registry.domain.logbook.vocabulary import ISSUE_TYPES, OUTCOME_BANDS
from registry.models import LocalAuthority, LogEntry
from registry.standards import CpdScheme, Vocabularies
from registry.web.fields import (
    checkbox,
    choices,
    date_input,
    file_upload,
    radios,
    select,
    submit_button,
    text_area,
    text_input,
)
from registry.web.forms import RegisterForm, VersionField

KIND_CHOICES = [
    ("cpd", "CPD: a course, seminar, reading or other learning"),
    ("supervision", "Supervision: one-to-one or in a group"),
    ("practice", "Practice: a SEND mediation you prepared for or held"),
]


class ChooseKindForm(RegisterForm):
    kind = radios("What do you want to log?", KIND_CHOICES, required="Choose what you want to log")
    submit = submit_button("Continue")


class EntryForm(RegisterForm):
    """Fields every kind has."""

    kind = ""
    expected_version = VersionField()  # the new-entry page deletes it: a new entry has no version yet
    occurred_on = date_input("Date", hint="For example, 14 3 2026. It cannot be in the future.")
    hours = text_input(
        "Hours", hint="In quarter hours, for example 1.5 for an hour and a half. Up to 40 hours in one entry."
    )
    evidence = file_upload(
        "Evidence (optional)",
        hint="A certificate, attendance record or notes: PDF, PNG, JPEG or Word (DOCX), up to 10 MB.",
    )
    remove_evidence = checkbox("Remove the evidence file")
    submit = submit_button("Save entry")

    def set_choices(self, scheme: CpdScheme, terms: Vocabularies, areas: list[LocalAuthority]) -> None:
        if hasattr(self, "category"):
            self.category.choices = choices([(c.code, c.title) for c in scheme.categories_for(self.kind)])

    def load(self, entry: LogEntry) -> None:
        self.expected_version.data = str(entry.version)
        self.occurred_on.data = entry.occurred_on
        self.hours.data = f"{entry.hours.normalize():f}"
        for name in ("category", "title", "provider", "reflection", "local_authority_id", "issue_type", "format",
                     "outcome_band"):  # fmt: skip
            if name in self._fields:
                self._fields[name].data = getattr(entry, name)

    def _value(self, name: str) -> Any:
        field = self._fields.get(name)
        return field.data if field is not None else None

    def to_draft(self) -> EntryDraft:
        return EntryDraft(
            kind=self.kind,
            category=self._value("category") or "",
            occurred_on=self.occurred_on.data,
            hours=parse_hours(self.hours.data or ""),
            title=self._value("title") or "",
            provider=self._value("provider") or "",
            reflection=self._value("reflection") or "",
            local_authority_id=self._value("local_authority_id") or None,
            issue_type=self._value("issue_type") or None,
            format=self._value("format") or None,
            outcome_band=self._value("outcome_band") or None,
        )

    def version(self) -> int | None:
        return self.expected_version.number


class LearningFields:
    """Title, provider and private reflection: CPD and supervision."""

    title = text_input("Title", hint="For example, the course or session name.")
    provider = text_input("Provider (optional)", hint="Who ran it, or the accredited programme.")
    reflection = text_area(
        "Reflection (private)",
        hint="What you learned and how you will use it. Only you, your accrediting body and oversight see this.",
    )


class CpdEntryForm(LearningFields, EntryForm):
    kind = "cpd"
    category = select("Category", validate_choice=False)


class SupervisionEntryForm(LearningFields, EntryForm):
    kind = "supervision"
    category = radios("Type of supervision", validate_choice=False)


class PracticeEntryForm(EntryForm):
    kind = "practice"
    category = radios("Type of mediation", validate_choice=False)
    title = text_input(
        "Short title",
        hint="For example, 'Mediation about a refusal to assess'. Do not write names or anything that could "
        "identify the child, young person or family. Up to 80 characters.",
    )
    provider = text_input("Mediation provider (optional)", hint="The service you mediated for.")
    local_authority_id = select("Local authority", coerce=int, validate_choice=False)
    issue_type = radios("What the disagreement was about", ISSUE_TYPES.items(), validate_choice=False)
    format = radios("How the mediation was held", validate_choice=False)
    outcome_band = radios("Outcome", OUTCOME_BANDS.items(), validate_choice=False)

    def set_choices(self, scheme: CpdScheme, terms: Vocabularies, areas: list[LocalAuthority]) -> None:
        super().set_choices(scheme, terms, areas)
        self.local_authority_id.choices = choices(
            [(0, "Choose a local authority")] + [(la.id, la.name) for la in areas]
        )
        self.format.choices = choices([(t.code, t.title) for t in terms.formats])


FORMS: dict[str, type[EntryForm]] = {"cpd": CpdEntryForm, "supervision": SupervisionEntryForm,
                                     "practice": PracticeEntryForm}  # fmt: skip


class AnnotateForm(RegisterForm):
    annotation = text_area("Your note", hint="Add context to this entry. Your accrediting body will see it.")
    submit = submit_button("Save note")


class ConfirmForm(RegisterForm):
    """A button with a CSRF token, for a confirmation page."""

    submit = submit_button("Delete entry")
