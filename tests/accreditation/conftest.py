"""Fixtures for the accreditation lifecycle: a body with a registrar, a mediator who can sign in, and
a quick way to reach each status through the real operations (the movable clock, ``frozen_clock``,
is tests/fixtures/clock.py's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from registry.domain import accreditation as lifecycle
from registry.domain.accreditation.standards_access import criterion_codes
from registry.models import Accreditation, Mediator, Organisation, User
from tests.fixtures.clock import Clock
from tests.fixtures.factories import Factories

DECLARATIONS = lifecycle.Declarations(
    not_employed_by_local_authority=True,
    independent_of_health_bodies=True,
    has_indemnity_insurance=True,
    training_completed="Foundation course (40 hours) and the approved SEND course (12 hours).",
    practice_experience="Co-mediated 6 SEND cases under supervision.",
    consents_to_publication=True,
)


@dataclass
class World:
    body: Organisation
    registrar: User
    mediator: Mediator
    mediator_user: User


@pytest.fixture
def world(factories: type[Factories]) -> World:
    body = factories.organisation(kind="accrediting_body", name="Test Mediation Body")
    registrar = factories.person_with_role("registrar", body)
    mediator_user = factories.person_with_role("mediator")
    mediator = factories.mediator(user_id=mediator_user.id)
    return World(body, registrar, mediator, mediator_user)


def assess_all(accreditation: Accreditation, assessor: User, outcome: str = "met") -> None:
    version = lifecycle.open_application(accreditation).standards_version
    lifecycle.record_assessment(
        accreditation, assessor, [lifecycle.OutcomeInput(code, outcome, "") for code in criterion_codes(version)]
    )


@pytest.fixture
def make_accreditation(factories: type[Factories]) -> Callable[..., Accreditation]:
    """``make_accreditation(world, "suspended")``: a new accreditation brought to that status today."""

    def make(
        world: World, status: str = "accredited", mediator: Mediator | None = None, moving: Clock | None = None
    ) -> Accreditation:
        mediator = mediator or world.mediator
        accreditation = lifecycle.apply(mediator, world.body, world.mediator_user, DECLARATIONS)
        if status == "applied":
            return accreditation
        assess_all(accreditation, world.registrar)
        if status == "refused":
            lifecycle.refuse(accreditation, world.registrar, reason="Not enough practice.")
            return accreditation
        lifecycle.accredit(accreditation, world.registrar)
        if status == "suspended":
            lifecycle.suspend(accreditation, world.registrar, reason="Complaint under review", public_note="Paused.")
        elif status == "withdrawn":
            lifecycle.withdraw(accreditation, world.registrar, reason="Misconduct")
        elif status == "resigned":
            lifecycle.resign(accreditation, world.mediator_user)
        elif status == "lapsed":
            assert moving is not None, "a lapsed accreditation needs the frozen clock, to move past valid_until"
            moving.advance((accreditation.valid_until - moving.today).days + 1)
            lifecycle.lapse(accreditation, None)
        return accreditation

    return make
