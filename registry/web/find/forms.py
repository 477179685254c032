from __future__ import annotations

from collections.abc import Iterable

from wtforms import StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2

from registry.models import LocalAuthority
from registry.standards.model import Term, Vocabularies
from registry.web.fields import choices, select, text_input
from registry.web.forms import QueryForm


def _choices(any_text: str, pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return choices([("", any_text), *pairs])


class SearchForm(QueryForm):
    """The search filters."""

    where = text_input(
        "Where the child or young person lives",
        hint="A postcode, a town or city, or the council – for example S10 2TN, Cambridge or Sheffield City Council.",
        max_length=100,
    )
    q = text_input("Name or registration number", max_length=200)
    specialism = select("Experience of", validate_choice=False)
    language = select("Language", validate_choice=False)
    format = select("How you can meet", validate_choice=False)
    status = StringField("Status")  # drawn by the template as one checkbox; here to carry its error

    def offer(self, vocabularies: Vocabularies) -> None:
        """Fill the lists: the vocabularies of the current standards."""
        self.specialism.choices = _choices("Any", _terms(vocabularies.specialisms))
        self.language.choices = _choices("Any language", _terms(vocabularies.languages))
        self.format.choices = _choices("Any way", _terms(vocabularies.formats))


def _terms(terms: Iterable[Term]) -> list[tuple[str, str]]:
    return [(term.code, term.title) for term in terms]


def local_authority_code(value: str, local_authorities: list[LocalAuthority]) -> str:
    """A code as given, or the GSS code of an LA typed by its exact name (the typeahead sends a name
    it could not match, so the page can say which name it did not know)."""
    wanted = " ".join(value.split()).casefold()
    for la in local_authorities:
        if la.name.casefold() == wanted:
            return la.gss_code
    return value.strip()
