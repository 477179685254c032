"""The consultations as the public pages show them: the list, one draft with its diff against the
version it would replace, and (once published) the working group's response.

The diff is ``registry.standards.diff_versions`` between the published version below the draft (the
one in force when it was drafted) and the draft as it was consulted on (``recording.draft_of``), so
the page reads the same after the draft's file has been replaced by the published version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from registry.domain.drafts import draft_of
from registry.domain.errors import NotFound
from registry.extensions import db
from registry.models import Consultation, ConsultationAnswer, ConsultationDecision, ConsultationResponse
from registry.models.consultations import OVERALL
from registry.standards import Change, Criterion, MediatorStandards, Question, StandardsLibrary, diff_versions


@dataclass(frozen=True)
class Proposal:
    """A draft and what it would change."""

    consultation: Consultation
    draft: MediatorStandards
    previous: MediatorStandards | None
    changes: list[Change]

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.draft.consultation.questions if self.draft.consultation else ()

    @property
    def summary(self) -> str:
        return self.draft.consultation.summary if self.draft.consultation else ""

    def topics(self) -> dict[str, str]:
        """What may be answered, code -> label: overall, every criterion of the draft, every question."""
        found = {OVERALL: "The proposal as a whole"}
        found |= {c.code: f"{c.code} {c.title}" for c in self.draft.criteria()}
        found |= {q.code: f"{q.code} {q.text}" for q in self.questions}
        return found

    def criterion(self, code: str) -> Criterion | None:
        return self.draft.criterion(code)


def listing(today: date) -> tuple[list[Consultation], list[Consultation]]:
    """(open, closed) consultations, newest first; a consultation not yet open is in neither."""
    every = db.session.scalars(select(Consultation).order_by(Consultation.opens_on.desc(), Consultation.id)).all()
    return [c for c in every if c.is_open(today)], [c for c in every if not c.is_open(today) and c.opens_on <= today]


def find(family: str, version: str, today: date) -> Consultation:
    """A consultation that has opened (a recorded draft is not public before its opening day)."""
    found = db.session.scalars(
        select(Consultation).where(Consultation.family == family, Consultation.version == version)
    ).first()
    if found is None or found.opens_on > today:
        raise NotFound(f"There is no consultation on version {version} of {family}")
    return found


def proposal(consultation: Consultation, library: StandardsLibrary) -> Proposal:
    draft = draft_of(consultation)
    before = library.published_before(consultation.family, consultation.version)
    previous = library.mediator_standards(before) if before else None
    changes = diff_versions(previous, draft) if previous else []
    return Proposal(consultation, draft, previous, changes)


def published_decisions(consultation: Consultation) -> list[ConsultationDecision]:
    """The working group's response, in the order written; refused until the version is published."""
    if consultation.published_at is None:
        raise NotFound("The consultation response is published with the final version")
    return list(consultation.decisions)


@dataclass(frozen=True)
class Count:
    agree: int = 0
    disagree: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree


def counting() -> list[ColumnElement[bool]]:
    """The responses that count: verified and not hidden."""
    return [ConsultationResponse.verified_at.is_not(None), ConsultationResponse.hidden_at.is_(None)]


def counts(consultation: Consultation) -> dict[str, Count]:
    """Agree and disagree per topic, of the responses that count (one grouped query)."""
    rows = db.session.execute(
        select(ConsultationAnswer.topic, ConsultationAnswer.view, func.count())
        .join(ConsultationResponse)
        .where(ConsultationResponse.consultation_id == consultation.id, *counting())
        .group_by(ConsultationAnswer.topic, ConsultationAnswer.view)
    )
    found: dict[str, dict[str, int]] = {}
    for topic, view, number in rows:
        found.setdefault(topic, {})[view] = number
    return {topic: Count(**views) for topic, views in found.items()}


def published_responses(consultation: Consultation) -> list[ConsultationResponse]:
    """The responses whose authors allowed publication, once the response is published (never before)."""
    if consultation.published_at is None:
        return []
    return list(
        db.session.scalars(
            select(ConsultationResponse)
            .where(
                ConsultationResponse.consultation_id == consultation.id,
                ConsultationResponse.publication != "private",
                *counting(),
            )
            .options(selectinload(ConsultationResponse.answers))
            .order_by(ConsultationResponse.id)
        )
    )


@dataclass(frozen=True)
class VersionConsultations:
    """What a published version's page links to: the consultation it followed, and those of the
    versions that replaced it (each with its published response)."""

    followed: Consultation | None
    replaced_by: list[Consultation]


def about_version(family: str, version: str, library: StandardsLibrary) -> VersionConsultations:
    published = db.session.scalars(
        select(Consultation).where(Consultation.family == family, Consultation.published_at.is_not(None))
    ).all()
    followed = next((c for c in published if c.version == version), None)
    replaced_by = [c for c in published if library.published_before(family, c.version) == version]
    return VersionConsultations(followed, replaced_by)
