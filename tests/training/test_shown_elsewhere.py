"""Completions shown on other areas' pages: the mediator's public profile lists the accredited
programmes they completed (programme, version, year); the registrar sees foundation and SEND
specialist completions beside an accreditation application."""

from __future__ import annotations

from registry.domain import accreditation as lifecycle
from registry.domain import training
from tests.accreditation.conftest import DECLARATIONS
from tests.fixtures.clients import sign_in
from tests.training.test_public_pages import page_ok


def test_the_public_profile_lists_completed_programmes(client, world, make_programme, factories, frozen_clock) -> None:
    factories.accreditation(world.mediator)
    foundation = make_programme("foundation", title="Foundation in SEND mediation")
    cpd = make_programme("cpd_course", title="Adulthood update")
    for programme in (foundation, cpd):
        training.record_completion(programme, world.trainer, world.mediator.registration_number, "2026-03-04")
    html = page_ok(client.get(f"/mediators/{world.mediator.registration_number}"))
    assert "Accredited training completed" in html
    assert (
        "Foundation in SEND mediation</a>, version 1, 2026" in html and "Adulthood update</a>, version 1, 2026" in html
    )
    assert f'href="/training/{foundation.reference}"' in html


def test_the_registrar_sees_training_beside_the_application(
    app, world, make_programme, factories, frozen_clock
) -> None:
    mediator_user = factories.person_with_role("mediator")
    world.mediator.user_id = mediator_user.id
    accreditation = lifecycle.apply(world.mediator, world.body, mediator_user, DECLARATIONS)
    foundation = make_programme("foundation", title="Foundation in SEND mediation")
    cpd = make_programme("cpd_course", title="Adulthood update")
    for programme in (foundation, cpd):
        training.record_completion(programme, world.trainer, world.mediator.registration_number, "2026-03-04")
    registrar = app.test_client()
    sign_in(registrar, world.registrar)
    html = page_ok(registrar.get(f"/workspace/registrar/applications/{accreditation.id}"))
    assert "Training recorded by providers" in html
    assert "Foundation in SEND mediation" in html and "4 March 2026" in html
    assert "Adulthood update" not in html  # CPD courses are not part of the route in
