"""Fixtures for oversight: people in each role, mediators on the register, concerns, and the day the
movable clock (tests/fixtures/clock.py's ``frozen_clock``) starts on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from registry.domain import clock
from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db
from registry.models import Accreditation, Concern, LogEntry, Mediator, Organisation, User
from tests.fixtures.factories import Factories

TODAY = date(2026, 6, 15)
LEEDS, BRADFORD, CAMDEN = "E08000035", "E08000032", "E09000007"


@pytest.fixture
def clock_start() -> date:
    """Oversight's ``frozen_clock`` starts on ``TODAY``."""
    return TODAY


@pytest.fixture
def oversight_user(factories: type[Factories]) -> User:
    return factories.person_with_role("oversight")


@pytest.fixture
def body(factories: type[Factories]) -> Organisation:
    return factories.organisation(kind="accrediting_body", name="Northern Mediation Body")


@pytest.fixture
def registrar(factories: type[Factories], body: Organisation) -> User:
    return factories.person_with_role("registrar", body)


@pytest.fixture
def accredited(factories: type[Factories]) -> Callable[..., Mediator]:
    """``accredited(body, since=date, areas=(LEEDS,), status="accredited", with_user=True)``: a mediator
    on the register whose accreditation started ``since`` and runs past today."""

    def make(
        body: Organisation,
        *,
        since: date | None = None,
        until: date | None = None,
        areas: tuple[str, ...] = (LEEDS,),
        status: str = "accredited",
        with_user: bool = True,
    ) -> Mediator:
        user = factories.person_with_role("mediator") if with_user else None
        mediator = factories.mediator(user_id=user.id if user else None)
        mediator.areas.extend(find_local_authority(code) for code in areas)
        since = since or clock.today() - timedelta(days=400)
        until = until or clock.today() + timedelta(days=200)
        factories.accreditation(mediator, body=body, status=status, valid_from=since, valid_until=until)
        db.session.flush()
        return mediator

    return make


@pytest.fixture
def concern_about() -> Callable[..., Concern]:
    def make(
        mediator: Mediator, email: str | None = "parent@example.com", description: str = "Private details"
    ) -> Concern:
        concern = raise_concern(
            ConcernInput(
                subject="mediator",
                description=description,
                registration_number=mediator.registration_number,
                raised_by_name="Sam Parent",
                raised_by_email=email,
            ),
            today=clock.today(),
        )
        concern.received_at = clock.now()
        db.session.flush()
        return concern

    return make


def accreditation_of(mediator: Mediator) -> Accreditation:
    from sqlalchemy import select

    return db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()


def full_log(mediator, day, *, cpd_hours=10) -> None:
    """Log entries on ``day`` that meet every requirement of the CPD scheme (with ``cpd_hours`` of CPD)."""
    for kind, category, hours in (
        ("cpd", "send_law_policy_practice", cpd_hours),
        ("supervision", "one_to_one", 4),
        ("practice", "send_mediation", 10),
    ):
        db.session.add(
            LogEntry(
                mediator_id=mediator.id,
                kind=kind,
                category=category,
                occurred_on=day,
                quarter_hours=hours * 4,
                title="Entry",
            )
        )
    db.session.flush()
