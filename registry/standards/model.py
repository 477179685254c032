"""Typed, immutable objects for each standards family, as handed to the domain.

Every family document shares the header fields of ``Document``, and every item a document names
by a code (a criterion, a level, a term) the fields of ``Coded``. Lists are tuples, hours are
``Decimal``, and lookups by code (``by_code``) return ``None`` when the code is not in this version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar


class _HasCode(Protocol):
    @property
    def code(self) -> str: ...


Item = TypeVar("Item", bound=_HasCode)


def by_code(items: Iterable[Item], code: str) -> Item | None:
    """The item with ``code``, or None when there is none."""
    return next((item for item in items if item.code == code), None)


@dataclass(frozen=True)
class Question:
    """A question a consultation asks besides the criteria (``Q1``), answered like a criterion."""

    code: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Consultation:
    """A draft's consultation: when responses are open (both days included), what is proposed and why,
    and the questions asked besides the criteria."""

    opens_on: date
    closes_on: date
    summary: str
    questions: tuple[Question, ...]


PUBLISHED = "published"
CONSULTATION = "consultation"


@dataclass(frozen=True, kw_only=True)
class Document:
    """The header every family file starts with. ``status`` is ``published`` (the default) or
    ``consultation``: a draft, open to comment, which nothing but the consultation pages reads.
    A draft's ``published_on`` is the day it is proposed to be published."""

    family: str
    version: str
    title: str
    published_on: date
    summary: str
    status: str = PUBLISHED
    consultation: Consultation | None = None

    @property
    def is_draft(self) -> bool:
        return self.status == CONSULTATION


@dataclass(frozen=True)
class Coded:
    """An item of a standards document: its code (``MS-3.1``, ``foundation``, ``en``) and its title."""

    code: str
    title: str


@dataclass(frozen=True)
class Statement(Coded):
    """A criterion's code, title and what it asks."""

    statement: str


# mediator-standards


@dataclass(frozen=True)
class Criterion(Statement):
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Standard(Coded):
    """One area of the mediator standards (``MS-3``) and its criteria (``MS-3.1``, ``MS-3.2``…)."""

    summary: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, kw_only=True)
class MediatorStandards(Document):
    standards: tuple[Standard, ...]

    def criteria(self) -> Iterator[Criterion]:
        for standard in self.standards:
            yield from standard.criteria

    def criterion(self, code: str) -> Criterion | None:
        return by_code(self.criteria(), code)

    @property
    def criterion_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria())


# cpd-scheme


@dataclass(frozen=True)
class LogKind(Coded):
    description: str


@dataclass(frozen=True)
class LogCategory:
    code: str
    kind: str
    title: str
    description: str


@dataclass(frozen=True)
class Requirement:
    """At least ``minimum_hours`` of ``kind`` in a period; of one ``category`` only, when it is set."""

    code: str
    label: str
    kind: str
    category: str | None
    minimum_hours: Decimal


@dataclass(frozen=True)
class Cap:
    """At most ``maximum_hours`` of one (kind, category) count in a period."""

    kind: str
    category: str
    maximum_hours: Decimal
    label: str


@dataclass(frozen=True, kw_only=True)
class CpdScheme(Document):
    period_months: int
    kinds: tuple[LogKind, ...]
    categories: tuple[LogCategory, ...]
    requirements: tuple[Requirement, ...]
    caps: tuple[Cap, ...]

    def kind(self, code: str) -> LogKind | None:
        return by_code(self.kinds, code)

    def category(self, code: str) -> LogCategory | None:
        return by_code(self.categories, code)

    def categories_for(self, kind: str) -> tuple[LogCategory, ...]:
        return tuple(c for c in self.categories if c.kind == kind)

    def cap_for(self, kind: str, category: str) -> Decimal | None:
        return next((c.maximum_hours for c in self.caps if (c.kind, c.category) == (kind, category)), None)


# training-criteria


@dataclass(frozen=True)
class TrainingCriterion(Statement):
    pass


@dataclass(frozen=True)
class TrainingLevel(Coded):
    """A programme level. ``must_cover`` holds mediator standard criterion codes; ``log_categories``
    the CPD scheme categories a completed course may be logged as (both empty when not used)."""

    summary: str
    minimum_hours: Decimal
    minimum_role_play_hours: Decimal | None
    observed_assessment_required: bool
    must_cover: tuple[str, ...]
    log_categories: tuple[str, ...]
    criteria: tuple[TrainingCriterion, ...]


@dataclass(frozen=True, kw_only=True)
class TrainingCriteria(Document):
    programme_accreditation_years: int
    mediator_standards_version: str
    cpd_scheme_version: str
    general_criteria: tuple[TrainingCriterion, ...]
    levels: tuple[TrainingLevel, ...]

    def level(self, code: str) -> TrainingLevel | None:
        return by_code(self.levels, code)


# oversight-criteria


@dataclass(frozen=True)
class Threshold:
    measure: str
    minimum: int


@dataclass(frozen=True)
class OversightCriterion(Statement):
    evidence: tuple[str, ...]
    threshold: Threshold | None


@dataclass(frozen=True)
class OversightSubject(Coded):
    prefix: str
    summary: str
    criteria: tuple[OversightCriterion, ...]


@dataclass(frozen=True, kw_only=True)
class OversightCriteria(Document):
    subjects: tuple[OversightSubject, ...]

    def subject(self, code: str) -> OversightSubject | None:
        return by_code(self.subjects, code)

    def criterion(self, code: str) -> OversightCriterion | None:
        return by_code((c for s in self.subjects for c in s.criteria), code)


# vocabularies


@dataclass(frozen=True)
class Term(Coded):
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class Vocabularies(Document):
    specialisms: tuple[Term, ...]
    formats: tuple[Term, ...]
    languages: tuple[Term, ...]

    def term(self, vocabulary: str, code: str) -> Term | None:
        """The term with ``code`` in ``vocabulary`` ("specialisms", "formats" or "languages")."""
        if vocabulary not in ("specialisms", "formats", "languages"):
            raise ValueError(f"there is no vocabulary called {vocabulary!r}")
        terms: tuple[Term, ...] = getattr(self, vocabulary)
        return by_code(terms, code)
