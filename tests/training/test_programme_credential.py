"""A training programme's accreditation credential (issue 18, item 2): issued while it is accredited,
its bits on the status lists following its events as a mediator's do."""

from __future__ import annotations

import jwt

from registry.domain import training
from registry.domain.credentials.status import entry_of
from tests.fixtures.clients import sign_in


def test_an_accredited_programme_has_a_credential_that_follows_its_status(client, world, make_programme) -> None:
    programme = make_programme()
    response = client.get(f"/api/v1/training-programmes/{programme.reference}/credential")
    assert response.status_code == 200 and response.mimetype == "application/vc+jwt"
    kid = jwt.get_unverified_header(response.text)["kid"]
    keys = client.get("/.well-known/jwks.json").get_json()["keys"]
    key = jwt.PyJWK(next(k for k in keys if k["kid"] == kid)).key
    claims = jwt.decode(response.text, key, algorithms=["EdDSA"])
    subject = claims["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == programme.reference and subject["name"] == programme.title
    assert subject["achievement"]["name"] == "Accredited SEND mediation training: Foundation training"
    assert subject["achievement"]["creator"]["name"] == "Test Mediation Body"
    assert "Kestrel Mediation Academy" in subject["achievement"]["description"]

    training.suspend(programme, world.registrar, world.body, reason="Complaint", public_note="Paused.")
    entry = entry_of(programme)
    assert entry is not None and entry.suspended and not entry.revoked
    verdict = client.post("/api/v1/verify", json={"token": response.text}).get_json()
    assert verdict["outcome"] == "suspended"
    assert client.get(f"/api/v1/training-programmes/{programme.reference}/credential").status_code == 404
    training.withdraw(programme, world.registrar, world.body, reason="Misconduct")
    assert entry.revoked
    assert client.post("/api/v1/verify", json={"token": response.text}).get_json()["outcome"] == "revoked"


def test_a_programme_never_accredited_has_no_position_and_no_credential(client, make_programme) -> None:
    programme = make_programme(status="submitted")
    assert entry_of(programme) is None
    assert client.get(f"/api/v1/training-programmes/{programme.reference}/credential").status_code == 404
    assert client.get("/api/v1/training-programmes/TP-nonsense/credential").status_code == 422


def test_the_trainer_finds_the_credential_on_the_programme_page(app, world, make_programme) -> None:
    programme = make_programme()
    client = app.test_client()
    sign_in(client, world.trainer)
    page = client.get(f"/workspace/trainer/programmes/{programme.reference}").text
    assert f"/api/v1/training-programmes/{programme.reference}/credential" in page
