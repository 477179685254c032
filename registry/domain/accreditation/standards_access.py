"""The criteria an accreditation is judged against, from ``registry.domain.standards``."""

from __future__ import annotations

from registry.domain import standards
from registry.standards.model import Criterion


def current_version() -> str:
    return standards.current_mediator_standards().version


def criteria_for(version: str) -> list[Criterion]:
    """The criteria of mediator standards ``version``, in order (NotFound for an unknown version)."""
    return list(standards.mediator_standards(version).criteria())


def criterion_codes(version: str) -> list[str]:
    return [criterion.code for criterion in criteria_for(version)]


def term_titles(vocabulary: str, codes: list[str]) -> list[str]:
    """Plain names for vocabulary codes (``languages``, ``formats``, ``specialisms``); unknown codes as given."""
    terms = standards.vocabularies()
    return [(t.title if (t := terms.term(vocabulary, code)) is not None else code) for code in codes]
