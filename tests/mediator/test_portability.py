"""The mediator's JSON download holds everything about them, their private data included."""

from __future__ import annotations

import json
from datetime import date

from registry.domain.declarations import DeclarationInput, add_declaration
from registry.extensions import db
from tests.mediator.conftest import MediatorWorld


def test_everything_held_about_the_mediator_downloads_as_json(world: MediatorWorld, seed) -> None:
    world.mediator.home_address = "1 Private Road"
    world.mediator.private_email = "me@example.test"
    db.session.flush()
    seed(
        world.mediator,
        "cpd",
        "mediation_skills",
        "2",
        reflection="My reflection",
        status="rejected",
        review_note="Needs evidence",
        annotation="Sent it by post",
    )
    add_declaration(
        world.mediator, world.user, DeclarationInput("conflict", "other", date(2025, 1, 1), other_body="A school trust")
    )

    response = world.client.get("/workspace/mediator/your-data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.data)
    assert data["account"]["email"] == world.user.email and "password_hash" not in json.dumps(data)
    profile = data["profile"]
    assert profile["registration_number"] == world.mediator.registration_number
    assert profile["home_address"] == "1 Private Road" and profile["private_email"] == "me@example.test"
    assert profile["independence_declarations"][0]["other_body"] == "A school trust"
    [entry] = data["log"]
    assert (entry["hours"], entry["reflection"], entry["review_note"], entry["annotation"]) == (
        "2",
        "My reflection",
        "Needs evidence",
        "Sent it by post",
    )
    [accreditation] = data["accreditations"]
    assert accreditation["status"] == "accredited" and accreditation["events"]
    assert "reason" not in accreditation["events"][0], "the body's private reasons are not the mediator's data"


def test_other_people_cannot_download_it(client, client_as) -> None:
    assert client.get("/workspace/mediator/your-data.json").status_code == 302
    assert client_as("registrar").get("/workspace/mediator/your-data.json").status_code == 403
