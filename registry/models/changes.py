"""The register's published changes: one row per change to what the public register shows.

Each row is a ``kind`` of change to one ``subject`` (a mediator's registration number, a
programme's reference, an organisation's slug), numbered in the change feed's one order
(``sequence``, from ``registry.domain.sequences.FEED``), with ``data``: every public field of the
subject after the change, exactly as the change feed and the webhooks send it. The rows are written
by ``registry.domain.publication`` in the transaction that makes the change, and never updated.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, one_of, utcnow

MEDIATOR_ENTRY = "mediator_entry"
MEDIATOR_LEFT = "mediator_left"
PROGRAMME = "programme"
ORGANISATION = "organisation"
STANDARDS_VERSION = "standards_version"  # a version published after a consultation (issue 21)
CHANGE_KINDS = (MEDIATOR_ENTRY, MEDIATOR_LEFT, PROGRAMME, ORGANISATION, STANDARDS_VERSION)


class RegisterChange(Base):
    __tablename__ = "register_changes"
    __table_args__ = (
        one_of("kind", CHANGE_KINDS),
        # What was last published of a subject (to compare with what it is now), and a mediator's changes.
        Index("ix_register_changes_subject_sequence", "subject", "sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    def __repr__(self) -> str:
        return f"<RegisterChange {self.sequence} {self.kind} {self.subject}>"
