"""The criteria an accreditation is judged against, from ``registry.domain.standards``."""

from __future__ import annotations

from registry.domain import standards


def current_version() -> str:
    return standards.current_mediator_standards().version


def criteria_for(version: str) -> list:
    """The criteria of mediator standards ``version``, in order (NotFound for an unknown version)."""
    criteria = standards.mediator_standards(version).criteria
    # MediatorStandards exposes criteria as a method (walking its standards); accept a list too.
    return list(criteria() if callable(criteria) else criteria)


def criterion_codes(version: str) -> list[str]:
    return [criterion.code for criterion in criteria_for(version)]


def term_titles(vocabulary: str, codes: list[str]) -> list[str]:
    """Plain names for vocabulary codes (``languages``, ``formats``, ``specialisms``); unknown codes as given."""
    terms = standards.vocabularies()
    return [(t.title if (t := terms.term(vocabulary, code)) is not None else code) for code in codes]
