"""The shape every accredited thing shares: a cached state, and an append-only list of events.

A mediator's accreditation (``registry.models.accreditations``) and a training programme's
accreditation (``registry.models.training``) follow one lifecycle (``registry.domain.lifecycle``).
Their tables stay apart, so that each event's foreign key is real (an event belongs to an
accreditation or to a programme, never "one of the two"), but their columns are declared once here:

- ``LifecycleState``: ``status``, ``valid_from``, ``valid_until``, ``conditions`` on the subject, a
  cache of its latest event that the domain keeps in step, with ``status_since`` (the day it entered
  that status) and ``status_sequence`` (its latest event's), so "the status today" is read from one
  row per subject instead of replaying its events (``registry.domain.lifecycle.history``).
- ``LifecycleEvent``: one transition, never updated or deleted. ``sequence`` is global and monotonic
  in commit order (one counter for both tables, ``registry.domain.sequences``), so the change feed
  can merge and page them; ``effective_on`` is valid time (when it took effect in the world),
  ``recorded_at`` record time (when the register learned of it); the state after the event is kept
  on it, so the history replays without the cache. ``reason`` is PRIVATE (the body and oversight).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from registry.models.base import enum_check, utcnow
from registry.models.users import User


class LifecycleState:
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    conditions: Mapped[str | None] = mapped_column(Text)
    status_since: Mapped[date | None]  # None only before the subject's first event is written
    status_sequence: Mapped[int | None] = mapped_column(BigInteger)


def state_checks(statuses: tuple[str, ...]) -> tuple[CheckConstraint, ...]:
    return (
        CheckConstraint(enum_check("status", statuses), name="status"),
        CheckConstraint("valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from", name="valid_period"),
    )


class LifecycleEvent:
    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    effective_on: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    conditions: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # PRIVATE: the body and oversight only
    public_note: Mapped[str | None] = mapped_column(Text)

    @declared_attr
    def actor(cls) -> Mapped[User | None]:
        return relationship(User)


def event_checks(kinds: tuple[str, ...], statuses: tuple[str, ...]) -> tuple[CheckConstraint, ...]:
    return (
        CheckConstraint(enum_check("kind", kinds), name="kind"),
        CheckConstraint(enum_check("to_status", statuses), name="to_status"),
        CheckConstraint("from_status IS NULL OR " + enum_check("from_status", statuses), name="from_status"),
    )
