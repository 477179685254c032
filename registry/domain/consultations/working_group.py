"""The standards working group's side of a consultation (``run_consultations``): reading the responses
topic by topic with their counts, tagging themes, hiding a response, the CSV export and writing the
consultation response.

- Everything here reads the responses that count (verified, not hidden). The working group never
  sees a respondent's email address: it is for verification only (the export leaves it out too).
- Hiding a response (abuse, spam, personal details of a child) needs a reason, recorded on the
  response and in the audit trail with who hid it; a hidden response leaves every count, view, export
  and the published page.
- The consultation response is written per topic (the proposal as a whole, a criterion, a question):
  what was decided and why. It can be rewritten until the final version is published; from then on it
  is the public record and stays as published.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.domain import audit, clock, csv_cells
from registry.domain.consultations.reading import counting
from registry.domain.errors import NotFound, Refused
from registry.extensions import db
from registry.models import (
    Consultation,
    ConsultationAnswer,
    ConsultationDecision,
    ConsultationResponse,
    ConsultationTheme,
    User,
)

MAX_THEME = 60
MAX_DECISION = 5000
CSV_COLUMNS = ("response", "received", "from", "may_publish", "topic", "view", "reason", "themes")


def every() -> Sequence[Consultation]:
    return db.session.scalars(select(Consultation).order_by(Consultation.opens_on.desc(), Consultation.id)).all()


def consultation(consultation_id: int) -> Consultation:
    found = db.session.get(Consultation, consultation_id)
    if found is None:
        raise NotFound("There is no such consultation")
    return found


def answers_on(consultation: Consultation, topic: str) -> list[ConsultationAnswer]:
    return list(
        db.session.scalars(
            select(ConsultationAnswer)
            .join(ConsultationResponse)
            .where(ConsultationResponse.consultation_id == consultation.id, ConsultationAnswer.topic == topic)
            .where(*counting())
            .options(selectinload(ConsultationAnswer.response))
            .order_by(ConsultationAnswer.id)
        )
    )


def answer(consultation: Consultation, answer_id: int) -> ConsultationAnswer:
    found = db.session.get(ConsultationAnswer, answer_id)
    if found is None or found.response.consultation_id != consultation.id or not found.response.counts:
        raise NotFound("There is no such answer")
    return found


def response(consultation: Consultation, response_id: int) -> ConsultationResponse:
    found = db.session.get(ConsultationResponse, response_id)
    if found is None or found.consultation_id != consultation.id or not found.counts:
        raise NotFound("There is no such response")
    return found


def tag(answer: ConsultationAnswer, theme: str, actor: User) -> ConsultationTheme | None:
    """Tag an answer with a theme (``None`` when it already has it)."""
    words = " ".join(theme.split()).lower()
    if not words:
        raise Refused("theme", "Enter a theme, like ‘training needed’")
    if len(words) > MAX_THEME:
        raise Refused("theme", f"Enter a theme of {MAX_THEME} characters or fewer")
    if any(t.theme == words for t in answer.themes):
        return None
    tagged = ConsultationTheme(theme=words, tagged_by_id=actor.id, tagged_at=clock.now())
    answer.themes.append(tagged)
    db.session.flush()
    return tagged


def hide(response: ConsultationResponse, reason: str, actor: User) -> None:
    reason = reason.strip()
    if not reason:
        raise Refused("reason", "Say why you are hiding this response")
    response.hidden_at = clock.now()
    response.hidden_reason = reason
    response.hidden_by = actor
    audit.record(actor, "consultation.response_hidden", "consultation_response", response.id, reason=reason)
    db.session.flush()


def decide(consultation: Consultation, topic: str, decision: str, actor: User, topics: Sequence[str]) -> None:
    """Write (or rewrite, until publication) the working group's decision on one topic."""
    if consultation.published_at is not None:
        raise Refused("decision", "The consultation response was published with the final version and stays as it is")
    if topic not in topics:
        raise NotFound(f"{topic} is not a criterion or question of this draft")
    decision = decision.strip()
    if not decision:
        raise Refused("decision", "Write what was decided and why")
    if len(decision) > MAX_DECISION:
        raise Refused("decision", f"Write {MAX_DECISION:,} characters or fewer")
    written = next((d for d in consultation.decisions if d.topic == topic), None)
    if written is None:
        written = ConsultationDecision(topic=topic, decision=decision)
        consultation.decisions.append(written)
    written.decision, written.written_by_id, written.written_at = decision, actor.id, clock.now()
    audit.record(actor, "consultation.decision_written", "consultation", consultation.id, topic=topic)
    db.session.flush()


def export_csv(consultation: Consultation) -> str:
    """Every answer of every response that counts, one a row, cells neutralised (``csv_cells``).
    No email address: the working group never sees it; an anonymous response has no name either."""
    answers = db.session.scalars(
        select(ConsultationAnswer)
        .join(ConsultationResponse)
        .where(ConsultationResponse.consultation_id == consultation.id, *counting())
        .options(selectinload(ConsultationAnswer.response))
        .order_by(ConsultationResponse.id, ConsultationAnswer.id)
    )
    out = io.StringIO()
    writer = csv_cells.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in answers:
        given = item.response
        received = given.created_at.date().isoformat()
        themes = "; ".join(t.theme for t in item.themes)
        row = (given.id, received, given.signed, given.publication, item.topic, item.view)
        writer.writerow((*row, item.reason, themes))
    return out.getvalue()
