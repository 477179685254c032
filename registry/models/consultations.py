"""Consultations on draft standards (issue 21): the draft as recorded, the public's responses, and the
working group's answer to them.

- ``Consultation``: one draft version (``status: consultation`` in its file) as imported, with its
  dates and the draft's own text (``source``), kept because the file is replaced by the published
  version at the end. ``published_at`` is set when that published version is imported, which is
  also when the working group's response (its ``ConsultationDecision`` rows) becomes public.
- ``ConsultationResponse``: one person's response. ``email`` is only for verifying that a person is
  behind it (``verified_at``); it is never shown to anyone, the working group included. Until
  verified it does not count and nobody sees it. ``publication`` is what its author allowed:
  ``private`` (the working group only), ``anonymous`` (anonymous to the working group too: ``signed``)
  or ``named``. ``hidden_at`` with its reason
  takes it out of every count and view but the record of hiding it.
- ``ConsultationAnswer``: agree or disagree, and why, about one ``topic``: ``overall``, a criterion
  code (``MS-3.2``) or a question code (``Q1``). ``ConsultationTheme``: the working group's tags.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, one_of, utcnow
from registry.models.users import User

PUBLICATION_CHOICES = ("private", "anonymous", "named")
VIEWS = ("agree", "disagree")
OVERALL = "overall"


class Consultation(Base):
    __tablename__ = "consultations"
    __table_args__ = (UniqueConstraint("family", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    content_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)  # the draft file's text, as imported
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]  # when the published version was imported

    responses: Mapped[list[ConsultationResponse]] = relationship(back_populates="consultation")
    decisions: Mapped[list[ConsultationDecision]] = relationship(
        back_populates="consultation", order_by="ConsultationDecision.id"
    )

    def is_open(self, today: date) -> bool:
        return self.published_at is None and self.opens_on <= today <= self.closes_on

    def __repr__(self) -> str:
        return f"<Consultation {self.family} {self.version}>"


class ConsultationResponse(Base):
    __tablename__ = "consultation_responses"
    __table_args__ = (one_of("publication", PUBLICATION_CHOICES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))  # never shown; for verification only
    publication: Mapped[str] = mapped_column(String(10))
    # SHA-256 of the verification link's token (registry.domain.tokens); None once verified.
    confirm_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    verified_at: Mapped[datetime | None]
    hidden_at: Mapped[datetime | None]
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    consultation: Mapped[Consultation] = relationship(back_populates="responses")
    answers: Mapped[list[ConsultationAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="ConsultationAnswer.id"
    )
    hidden_by: Mapped[User | None] = relationship()

    @property
    def signed(self) -> str | None:
        """Who it is from, as the working group sees it: the name and organisation given, except on an
        anonymous response, which the working group reads without them as the public would."""
        if self.publication == "anonymous":
            return None
        return ", ".join(part for part in (self.name, self.organisation) if part) or None

    @property
    def counts(self) -> bool:
        """Verified and not hidden: what the working group reads and counts."""
        return self.verified_at is not None and self.hidden_at is None

    def __repr__(self) -> str:
        return f"<ConsultationResponse {self.id} to consultation {self.consultation_id}>"


class ConsultationAnswer(Base):
    __tablename__ = "consultation_answers"
    __table_args__ = (UniqueConstraint("response_id", "topic"), one_of("view", VIEWS))

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("consultation_responses.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(20), index=True)
    view: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)

    response: Mapped[ConsultationResponse] = relationship(back_populates="answers")
    themes: Mapped[list[ConsultationTheme]] = relationship(
        cascade="all, delete-orphan", order_by="ConsultationTheme.theme", lazy="selectin"
    )


class ConsultationTheme(Base):
    __tablename__ = "consultation_themes"
    __table_args__ = (UniqueConstraint("answer_id", "theme"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("consultation_answers.id", ondelete="CASCADE"), index=True)
    theme: Mapped[str] = mapped_column(String(60))
    tagged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    tagged_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsultationDecision(Base):
    """The working group's response on one topic: what was decided and why. Public with the published version."""

    __tablename__ = "consultation_decisions"
    __table_args__ = (UniqueConstraint("consultation_id", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    topic: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(default=utcnow)

    consultation: Mapped[Consultation] = relationship(back_populates="decisions")
