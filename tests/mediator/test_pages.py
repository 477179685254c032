"""Every mediator workspace and log-review page renders with the page basics; access is scoped."""

from __future__ import annotations

import pytest

from tests.mediator.conftest import MediatorWorld, add_entry
from tests.test_pages_basics import assert_page_basics

MEDIATOR_PAGES = [
    "/workspace/mediator",
    "/workspace/mediator/profile",
    "/workspace/mediator/declarations",
    "/workspace/mediator/declarations/new",
    "/workspace/mediator/log",
    "/workspace/mediator/log?kind=practice",
    "/workspace/mediator/log/new",
    "/workspace/mediator/log/new/cpd",
    "/workspace/mediator/log/new/supervision",
    "/workspace/mediator/log/new/practice",
    "/workspace/mediator/compliance",
    "/workspace/mediator/renewal",
    "/workspace/mediator/your-data",
]


@pytest.mark.parametrize("path", MEDIATOR_PAGES)
def test_mediator_pages(world: MediatorWorld, path: str) -> None:
    response = world.client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert_page_basics(response.text)


def test_entry_pages(world: MediatorWorld) -> None:
    entry = add_entry(world.mediator, "cpd", "mediation_skills", "2", reflection="Learned a lot")
    for suffix in ("", "/edit", "/delete"):
        response = world.client.get(f"/workspace/mediator/log/{entry.id}{suffix}")
        assert response.status_code == 200, suffix
        assert_page_basics(response.text)
    verified = add_entry(world.mediator, "cpd", "mediation_skills", "2", status="verified")
    response = world.client.get(f"/workspace/mediator/log/{verified.id}/annotate")
    assert_page_basics(response.text)


def test_registrar_pages(world: MediatorWorld, registrar, seed) -> None:
    entry = seed(world.mediator, "supervision", "one_to_one", "1.5")
    number = world.mediator.registration_number
    for path in (
        "/workspace/registrar/log-review",
        f"/workspace/registrar/mediators/{number}/log",
        f"/workspace/registrar/log-entries/{entry.id}",
        "/workspace/registrar/renewals",
    ):
        response = registrar.get(path)
        assert response.status_code == 200, path
        assert_page_basics(response.text)
    assert world.mediator.display_name in registrar.get("/workspace/registrar/log-review").text


def test_a_mediator_account_without_a_register_entry_gets_not_found(client_as) -> None:
    assert client_as("mediator").get("/workspace/mediator/log").status_code == 404


def test_another_bodys_registrar_cannot_see_the_log(world: MediatorWorld, client_as, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "1")
    outsider = client_as("registrar")
    assert outsider.get(f"/workspace/registrar/mediators/{world.mediator.registration_number}/log").status_code == 403
    assert outsider.get(f"/workspace/registrar/log-entries/{entry.id}").status_code == 403
    assert world.mediator.display_name not in outsider.get("/workspace/registrar/log-review").text


def test_other_roles_cannot_reach_the_workspaces(world: MediatorWorld, client_as, client) -> None:
    assert client_as("la_officer").get("/workspace/mediator/log").status_code == 403
    assert world.client.get("/workspace/registrar/log-review").status_code == 403
    response = client.get("/workspace/mediator/log")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_another_mediator_cannot_open_an_entry(world: MediatorWorld, client_as, factories, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "1")
    other = client_as("mediator")
    factories.mediator(user_id=other.user.id)
    for suffix in ("", "/edit", "/delete", "/annotate", "/evidence"):
        assert other.get(f"/workspace/mediator/log/{entry.id}{suffix}").status_code == 404, suffix


def test_the_workspace_points_to_the_public_entry_as_proof_once_accredited(world, client_as, factories) -> None:
    page = world.client.get("/workspace/mediator").text
    number = world.mediator.registration_number
    assert f'id="public-entry">http://localhost/mediators/{number}<' in page
    assert world.client.get(f"/mediators/{number}").status_code == 200

    applicant = client_as("mediator")
    factories.mediator(user_id=applicant.user.id)
    waiting = applicant.get("/workspace/mediator").text
    assert 'id="public-entry"' not in waiting and "once an accrediting body accredits you" in waiting
