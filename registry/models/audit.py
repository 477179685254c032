"""The audit trail: every privileged change, with its actor, hash-chained so tampering shows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_events"
    # The admin's view of the trail filters by subject type, newest first.
    __table_args__ = (Index("ix_audit_events_subject_type_sequence", "subject_type", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger, unique=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(64))  # a signing key's kid is 43
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SequenceCounter(Base):
    """Named counters handed out under a row lock, so numbers are gap-free in commit order."""

    __tablename__ = "sequence_counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditCheckpoint(Base):
    """A signed statement of the audit trail's head: it held ``events`` events and the last one's
    hash was ``head_hash`` at ``taken_at``. Published in the change feed at ``sequence`` (one counter
    orders the feed, ``registry.domain.sequences.FEED``) and appended to the checkpoint file outside
    the database (``registry.domain.audit_checkpoints``)."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger, unique=True)
    events: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[str] = mapped_column(String(64))
    taken_at: Mapped[datetime] = mapped_column()
    kid: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(100))
    # The event count of an earlier checkpoint this one knowingly replaces (after restoring a backup
    # older than it); None for an ordinary checkpoint. Signed and published like the rest.
    supersedes: Mapped[int | None] = mapped_column(BigInteger)
