"""Two notification senders at once (two servers running the daily job) send each message exactly once.

PostgreSQL only: each sender claims the next message with ``FOR UPDATE SKIP LOCKED``, which
SQLite does not have. On SQLite (development) run one sender at a time; ``deliver_queued`` says so.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from registry import create_app
from registry.domain.notifications import deliver_queued
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, Notification, User
from tests.accreditation.test_concurrency import _register, acting_in
from tests.conftest import config_for_tests

MESSAGES_PER_EVENT = 20


class RecordingMailer:
    """Records what it sends; slow enough that the two senders' claims interleave."""

    def __init__(self, sent: list[tuple[str, str]], lock: threading.Lock) -> None:
        self.sent, self.lock = sent, lock

    def send(self, to: str, subject: str, body: str, headers: object = None) -> None:
        time.sleep(0.005)
        with self.lock:
            self.sent.append((to, subject))


def _queue(session: Session, accreditation_id: int) -> int:
    accreditation = session.get_one(Accreditation, accreditation_id)
    events = session.scalars(
        select(AccreditationEvent).where(AccreditationEvent.accreditation_id == accreditation_id)
    ).all()
    for index in range(MESSAGES_PER_EVENT):
        officer = User(email=f"officer{index}@la.test", name=f"Officer {index}", password_hash="x")
        session.add(officer)
        for event in events:
            session.add(
                Notification(
                    recipient=officer,
                    organisation_id=accreditation.body_id,
                    mediator_id=accreditation.mediator_id,
                    accreditation_event_id=event.id,
                    subject=f"Change {event.id} for officer {index}",
                    body="A mediator on your watchlist has changed.",
                )
            )
    session.commit()
    return MESSAGES_PER_EVENT * len(events)


def test_two_senders_at_once_send_every_message_exactly_once(scratch_database_url: str, tmp_path: Path) -> None:
    if make_url(scratch_database_url).get_backend_name() != "postgresql":
        pytest.skip("SKIP LOCKED claims need PostgreSQL; on SQLite one sender runs at a time")
    app = create_app(config_for_tests(tmp_path, scratch_database_url))
    with app.app_context():
        upgrade()
        engine = db.engine
        with acting_in(Session(engine)) as setup:
            _, accreditation_id = _register(setup)
            _queue(setup, accreditation_id)
            # Everything the outbox holds: the test's own messages, and the registrar's inbox notice
            # of the application that ``_register`` made.
            queued = setup.scalar(
                select(func.count()).where(Notification.sent_at.is_(None), Notification.email_wanted.is_(True))
            )
            assert queued is not None and queued > MESSAGES_PER_EVENT
            setup.close()

    sent: list[tuple[str, str]] = []
    lock, start = threading.Lock(), threading.Barrier(2)
    reports, errors = [], []
    # Each sender thread gets its own session on the scratch database, as two servers would.
    per_thread = scoped_session(sessionmaker(bind=engine), scopefunc=threading.get_ident)

    def sender() -> None:
        try:
            with app.app_context():
                start.wait(timeout=10)
                reports.append(deliver_queued(RecordingMailer(sent, lock), after_each=per_thread.commit))
                per_thread.commit()
        except Exception as error:  # reported below, so a failure in a thread fails the test
            errors.append(error)
        finally:
            per_thread.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    original, db.session = db.session, per_thread  # type: ignore[assignment]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        db.session = original
    assert not errors, errors
    assert len(reports) == 2 and all(report.failed == 0 for report in reports)

    repeats = {message: n for message, n in Counter(sent).items() if n > 1}
    assert repeats == {} and len(sent) == queued
    assert sorted(report.sent for report in reports) != [0, queued], "one sender did all the work: no overlap tested"
    with Session(engine) as check:
        assert check.scalar(select(func.count()).where(Notification.sent_at.is_(None))) == 0
        assert check.scalar(select(func.max(Notification.attempts))) == 1
    engine.dispose()
