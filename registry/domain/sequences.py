"""Gap-free counters in commit order.

``next_value`` increments a row in ``sequence_counters`` with a plain UPDATE. On PostgreSQL the
UPDATE holds the row lock until the transaction ends, so a second writer waits and gets the next
number only after the first commits: readers paging a change feed by sequence never see number
N+1 committed before N. SQLite has a single writer, which gives the same order.

**One lock order.** A transaction that takes more than one counter takes ``FEED`` first: the
lifecycle's recorder and the audit checkpoint number their rows from it before anything else, and
every write the public can see holds it before moving ``register_version`` on
(``registry.register_version``), so no two transactions ever wait for each other's counters. The
audit trail's counter comes after them: ``audit.record`` flushes what is pending (taking the other
two) before it numbers its event.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from registry.extensions import db
from registry.models import SequenceCounter

#: One counter orders everything the change feed shows: mediators' and programmes' accreditation
#: events and the audit checkpoints (``registry.domain.changes``), so the feed pages by one cursor.
FEED = "accreditation_events"


def next_value(name: str, using: Session | Connection | None = None) -> int:
    """The counter's next value, in the transaction of ``using`` (the request's session by default; a
    connection where a session must not flush, as in a flush event)."""
    executor = using if using is not None else db.session
    result = executor.execute(
        update(SequenceCounter)
        .where(SequenceCounter.name == name)
        .values(value=SequenceCounter.value + 1)
        .returning(SequenceCounter.value)
    ).scalar_one_or_none()
    if result is not None:
        return int(result)
    executor.execute(insert(SequenceCounter).values(name=name, value=0))
    return next_value(name, using)


def hold(name: str, using: Session | Connection | None = None) -> None:
    """Take the counter's row lock now, without moving it on, until the transaction ends: what the
    caller reads next (under PostgreSQL's READ COMMITTED) includes everything committed by the
    writers that held it before, and no later writer numbers anything before the caller commits.
    (SQLite's single writer holds it already.) ``using`` as for ``next_value``."""
    executor = using if using is not None else db.session
    executor.execute(
        update(SequenceCounter).where(SequenceCounter.name == name).values(value=SequenceCounter.value)
    )


def current_value(name: str) -> int:
    value = db.session.execute(select(SequenceCounter.value).where(SequenceCounter.name == name)).scalar()
    return int(value or 0)
