"""Two database sessions edit the same accreditation: the second is told, never silently wins.

This needs real commits, so it runs against a scratch database of its own (SQLite file or
PostgreSQL database), with two sessions on separate connections standing in for two registrars.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry import create_app
from registry.domain import accreditation as lifecycle
from registry.domain.audit import verify_chain
from registry.domain.errors import ConcurrentChange
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, Mediator, Organisation, RoleAssignment, User
from tests.accreditation.conftest import DECLARATIONS
from tests.conftest import config_for_tests


@contextmanager
def acting_in(session: Session) -> Iterator[Session]:
    """Point the domain's ``db.session`` at one of the sessions for the duration."""
    original = db.session
    db.session = session  # type: ignore[assignment]
    try:
        yield session
    finally:
        db.session = original


def _register(session: Session) -> tuple[int, int]:
    """A body, its registrar, a mediator and an accreditation that is accredited: (registrar id, accreditation id)."""
    body = Organisation(slug="concurrency-body", name="Concurrency Body", kind="accrediting_body")
    registrar = User(email="registrar@concurrency.test", name="First Registrar", password_hash="x")
    registrar.roles.append(RoleAssignment(role="registrar", organisation=body))
    mediator = Mediator(
        registration_number="SM-004217-2", given_name="Ada", family_name="Mediator", display_name="Ada Mediator"
    )
    session.add_all([body, registrar, mediator])
    session.flush()
    accreditation = lifecycle.apply(mediator, body, None, DECLARATIONS)
    from registry.domain.accreditation.standards_access import criterion_codes

    lifecycle.record_assessment(
        accreditation, registrar, [lifecycle.OutcomeInput(code, "met") for code in criterion_codes("1.0")]
    )
    lifecycle.accredit(accreditation, registrar)
    session.commit()
    return registrar.id, accreditation.id


def test_the_second_of_two_concurrent_edits_is_refused(scratch_database_url: str, tmp_path: Path) -> None:
    app = create_app(config_for_tests(tmp_path, scratch_database_url))
    with app.app_context():
        upgrade()
        engine = db.engine
        try:
            with acting_in(Session(engine)) as setup:
                registrar_id, accreditation_id = _register(setup)
                setup.close()
            first, second = Session(engine, expire_on_commit=False), Session(engine, expire_on_commit=False)
            # Both registrars open the same accreditation (version 2: applied, accredited) ...
            mine, theirs = first.get(Accreditation, accreditation_id), second.get(Accreditation, accreditation_id)
            assert mine.version == theirs.version == 2
            # ... and their pages stay open (the reads end, as a page's request would).
            first.commit()
            second.commit()
            with acting_in(first):
                lifecycle.suspend(mine, first.get(User, registrar_id), reason="Complaint", public_note="Under review")
                first.commit()
            with acting_in(second):
                with pytest.raises(ConcurrentChange, match="changed by someone else"):
                    lifecycle.change_conditions(theirs, second.get(User, registrar_id), conditions="Supervision")
                second.rollback()
            with acting_in(Session(engine)) as check:
                saved = check.get(Accreditation, accreditation_id)
                kinds = check.scalars(
                    select(AccreditationEvent.kind)
                    .where(AccreditationEvent.accreditation_id == accreditation_id)
                    .order_by(AccreditationEvent.sequence)
                ).all()
                assert (saved.status, saved.conditions, saved.version) == ("suspended", None, 3)
                assert kinds == ["applied", "accredited", "suspended"]
                assert check.scalar(select(func.count()).select_from(AccreditationEvent)) == 3
                assert verify_chain()[1] is None
                check.close()
            first.close()
            second.close()
        finally:
            engine.dispose()
