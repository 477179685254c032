"""Accreditation credentials, the status lists and verification, in process (issue 18, items 2–4).

A credential is checked here with PyJWT, not joserfc that signed it; the status lists are decoded
with gzip and base64 alone. The same over real HTTP: ``test_credentials_http.py``.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import logging
import re
from pathlib import Path

import jwt
import pytest
from sqlalchemy import select

from registry.domain import accreditation as lifecycle
from registry.domain.credentials.jose import sign_jws
from registry.domain.credentials.status import LIST_SIZE, entry_of
from registry.domain.signing import b64url, from_b64url
from registry.extensions import db
from registry.models import AuditEvent
from tests.fixtures.clients import sign_in
from tests.fixtures.privacy import MARKER, mark_signing_key, shows_the_marker

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _credential(client, number: str) -> str:
    response = client.get(f"/api/v1/mediators/{number}/credential")
    assert response.status_code == 200, response.text
    assert response.mimetype == "application/vc+jwt"
    return response.text


def _claims(client, token: str) -> dict:
    """The credential's payload, its signature checked by PyJWT against the served JWK set."""
    keys = client.get("/.well-known/jwks.json").get_json()["keys"]
    kid = jwt.get_unverified_header(token)["kid"]
    key = jwt.PyJWK(next(k for k in keys if k["kid"] == kid)).key
    return jwt.decode(token, key, algorithms=["EdDSA"], options={"verify_aud": False})


def _bit(client, purpose: str, index: int) -> bool:
    """The bit at ``index`` of the served status list, decoded with the standard library only."""
    token = client.get(f"/api/v1/status-lists/{purpose}").text
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    encoded = payload["credentialSubject"]["encodedList"]
    assert encoded[0] == "u"
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= LIST_SIZE
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def _verdict(client, token: str) -> dict:
    response = client.post("/api/v1/verify", json={"token": token})
    assert response.status_code == 200, response.text
    return response.get_json()


def test_a_credential_is_an_open_badge_signed_by_the_register(client, world, make_accreditation) -> None:
    accreditation = make_accreditation(world)
    number = world.mediator.registration_number
    token = _credential(client, number)
    header = jwt.get_unverified_header(token)
    assert header["typ"] == "vc+jwt" and header["cty"] == "vc" and header["alg"] == "EdDSA"
    claims = _claims(client, token)
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert claims["issuer"]["id"] == "did:web:127.0.0.1%3A5000"
    assert claims["issuer"]["name"] == "SEND Mediation Register, for Test Mediation Body"
    subject = claims["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == number
    assert subject["name"] == world.mediator.display_name
    assert subject["achievement"]["creator"]["name"] == "Test Mediation Body"
    assert accreditation.standards_version in subject["achievement"]["id"]
    assert claims["validFrom"] == f"{accreditation.valid_from}T00:00:00Z"
    assert claims["validUntil"] == f"{accreditation.valid_until}T23:59:59Z"
    statuses = {entry["statusPurpose"]: entry for entry in claims["credentialStatus"]}
    assert set(statuses) == {"revocation", "suspension"}
    assert statuses["revocation"]["statusListIndex"] == statuses["suspension"]["statusListIndex"]
    assert statuses["suspension"]["statusListCredential"] == "http://127.0.0.1:5000/api/v1/status-lists/suspension"
    # Only public fields: nothing of the mediator's private details or the accreditation's events.
    assert "email" not in json.dumps(claims) and "reason" not in json.dumps(claims)
    # The same accreditation names the same position in every credential, and signs to the same token.
    assert _credential(client, number) == token
    assert _verdict(client, token)["outcome"] == "valid"


def test_suspension_shows_on_the_list_and_reinstatement_clears_it(client, world, make_accreditation) -> None:
    accreditation = make_accreditation(world)
    token = _credential(client, world.mediator.registration_number)
    index = int(_claims(client, token)["credentialStatus"][0]["statusListIndex"])
    assert not _bit(client, "suspension", index) and not _bit(client, "revocation", index)

    lifecycle.suspend(accreditation, world.registrar, reason="Complaint under review", public_note="Paused.")
    assert _bit(client, "suspension", index) and not _bit(client, "revocation", index)
    verdict = _verdict(client, token)
    assert verdict["signed_by_register"] is True and verdict["outcome"] == "suspended"
    assert "suspended" in verdict["headline"]
    # No new credential while suspended: the entry says so instead.
    refused = client.get(f"/api/v1/mediators/{world.mediator.registration_number}/credential")
    assert refused.status_code == 404 and "not accredited now" in refused.get_json()["detail"]

    lifecycle.reinstate(accreditation, world.registrar)
    assert not _bit(client, "suspension", index)
    assert _verdict(client, token)["outcome"] == "valid"
    assert (
        int(
            _claims(client, _credential(client, world.mediator.registration_number))["credentialStatus"][0][
                "statusListIndex"
            ]
        )
        == index
    )


def test_withdrawal_revokes_for_good(client, world, make_accreditation) -> None:
    accreditation = make_accreditation(world)
    token = _credential(client, world.mediator.registration_number)
    index = int(_claims(client, token)["credentialStatus"][0]["statusListIndex"])
    lifecycle.withdraw(accreditation, world.registrar, reason="Misconduct")
    assert _bit(client, "revocation", index)
    assert _verdict(client, token)["outcome"] == "revoked"


def test_a_changed_credential_is_not_the_registers(client, world, make_accreditation) -> None:
    make_accreditation(world)
    token = _credential(client, world.mediator.registration_number)
    head, payload, signature = token.split(".")
    claims = json.loads(from_b64url(payload))
    claims["credentialSubject"]["name"] = "Someone Else"
    forged = ".".join([head, b64url(json.dumps(claims).encode()), signature])
    with pytest.raises(jwt.InvalidSignatureError):
        _claims(client, forged)
    verdict = _verdict(client, forged)
    assert verdict["signed_by_register"] is False and verdict["outcome"] == "not_signed_by_register"
    assert "changed since the register signed it" in verdict["headline"]
    assert verdict["payload"] is None


def test_the_status_list_is_cacheable_and_says_how_fresh(client, world, make_accreditation) -> None:
    make_accreditation(world)
    _credential(client, world.mediator.registration_number)
    response = client.get("/api/v1/status-lists/revocation")
    assert response.status_code == 200 and response.mimetype == "application/vc+jwt"
    assert response.headers["Cache-Control"] == "public, max-age=60"
    claims = _claims(client, response.text)
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert claims["credentialSubject"]["statusPurpose"] == "revocation"
    assert claims["credentialSubject"]["ttl"] == 60_000
    again = client.get("/api/v1/status-lists/revocation", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/api/v1/status-lists/other").status_code == 404


def test_only_a_current_accreditation_gets_a_credential(client, world, make_accreditation) -> None:
    make_accreditation(world, "applied")
    number = world.mediator.registration_number
    assert client.get(f"/api/v1/mediators/{number}/credential").status_code == 404
    assert client.get(f"/api/v1/mediators/{number[:-1]}0/credential").status_code in (404, 422)
    assert client.get("/api/v1/mediators/SM-000000-1/credential").status_code in (404, 422)
    assert client.get("/api/v1/mediators/nonsense/credential").status_code == 422


def test_keys_are_published_as_a_jwk_set_and_a_did_document(client) -> None:
    keys = client.get("/.well-known/jwks.json")
    assert keys.status_code == 200 and keys.mimetype == "application/jwk-set+json"
    assert keys.headers["Access-Control-Allow-Origin"] == "*"
    jwk = keys.get_json()["keys"][0]
    assert set(jwk) == {"kty", "crv", "x", "kid", "use", "alg"}  # public members only
    did = client.get("/.well-known/did.json").get_json()
    assert did["id"] == "did:web:127.0.0.1%3A5000"
    assert did["assertionMethod"] == [f"did:web:127.0.0.1%3A5000#{jwk['kid']}"]
    assert did["verificationMethod"][0]["publicKeyJwk"] == jwk


def test_the_verify_page_says_in_plain_words(client, world, make_accreditation) -> None:
    make_accreditation(world)
    token = _credential(client, world.mediator.registration_number)
    page = client.get("/verify")
    assert page.status_code == 200
    csrf = CSRF.search(page.text).group(1)
    good = client.post("/verify", data={"csrf_token": csrf, "token": token})
    assert good.status_code == 200 and "Genuine and current" in good.text
    assert world.mediator.registration_number in good.text and "Test Mediation Body" in good.text
    empty = client.post("/verify", data={"csrf_token": csrf, "token": "  "})
    assert "Paste a credential or receipt, or upload its file" in empty.text
    forged = client.post("/verify", data={"csrf_token": csrf, "token": token[:-4] + "AAAA"})
    assert "Not signed by the register" in forged.text


def test_the_mediator_downloads_their_credential_from_the_workspace(app, world, make_accreditation) -> None:
    make_accreditation(world)
    client = app.test_client()
    sign_in(client, world.mediator_user)
    assert "Download your credential" in client.get("/workspace/mediator/your-data").text
    download = client.get("/workspace/mediator/credential.jwt")
    assert download.status_code == 200 and download.mimetype == "application/vc+jwt"
    assert f"{world.mediator.registration_number}-credential.jwt" in download.headers["Content-Disposition"]
    assert _claims(client, download.text)["credentialSubject"]["identifier"][0]["identityHash"] == (
        world.mediator.registration_number
    )


def test_the_command_line_verifies_offline_against_saved_keys_and_lists(
    app, client, world, make_accreditation, tmp_path
) -> None:
    accreditation = make_accreditation(world)
    credential = tmp_path / "credential.jwt"
    credential.write_text(_credential(client, world.mediator.registration_number))
    jwks = tmp_path / "jwks.json"
    jwks.write_text(client.get("/.well-known/jwks.json").text)

    def saved_lists() -> list[str]:
        paths = []
        for purpose in ("revocation", "suspension"):
            path = tmp_path / f"{purpose}.jwt"
            path.write_text(client.get(f"/api/v1/status-lists/{purpose}").text)
            paths.append(str(path))
        return paths

    runner = app.test_cli_runner()
    good = runner.invoke(args=["credentials", "verify", str(credential), "--offline", str(jwks), *saved_lists()])
    assert good.exit_code == 0, good.output
    assert "genuine credential" in good.output and world.mediator.registration_number in good.output
    lifecycle.suspend(accreditation, world.registrar, reason="Complaint", public_note="Paused.")
    suspended = runner.invoke(args=["credentials", "verify", str(credential), "--offline", str(jwks), *saved_lists()])
    assert suspended.exit_code == 1 and "suspended" in suspended.output
    unchecked = runner.invoke(args=["credentials", "verify", str(credential), "--offline", str(jwks)])
    assert unchecked.exit_code == 1 and "could not be checked" in unchecked.output
    online = runner.invoke(args=["credentials", "verify", str(credential)])
    assert online.exit_code == 1 and "suspended" in online.output
    credential.write_text(credential.read_text().replace(".", ".x", 1))
    forged = runner.invoke(args=["credentials", "verify", str(credential), "--offline", str(jwks)])
    assert forged.exit_code == 1 and "not" in forged.output.lower()


def test_the_privacy_sentinel_would_see_the_private_key_or_a_private_field_in_a_credential(
    app, client, world, make_accreditation
) -> None:
    make_accreditation(world)
    mark_signing_key()
    pem = Path(app.config["SIGNING_KEY_PATH"]).read_text()
    assert shows_the_marker(pem) and shows_the_marker(json.dumps({"key": pem.splitlines()[1]}))
    assert shows_the_marker(sign_jws({"note": MARKER}, "vc+jwt"))  # inside a signed document's content
    for path in (
        f"/api/v1/mediators/{world.mediator.registration_number}/credential",
        "/api/v1/status-lists/revocation",
        "/.well-known/jwks.json",
        "/.well-known/did.json",
    ):
        assert not shows_the_marker(client.get(path).get_data(as_text=True)), path


def test_every_ending_sets_its_bit_in_the_transaction_of_its_event(
    world, make_accreditation, factories, frozen_clock
) -> None:
    """Lapse and resignation too, through the lifecycle alone (no credential fetched first)."""
    lapsed = make_accreditation(world, "lapsed", moving=frozen_clock)
    entry = entry_of(lapsed)
    assert entry is not None and entry.suspended and not entry.revoked
    resigned = make_accreditation(world, "resigned", mediator=factories.mediator())
    entry = entry_of(resigned)
    assert entry is not None and entry.revoked and not entry.suspended
    applied = make_accreditation(world, "applied", mediator=factories.mediator())
    assert entry_of(applied) is None  # an applicant has no position: nothing is issued for an application


def test_positions_are_drawn_at_random_and_never_shared(world, make_accreditation, factories) -> None:
    positions = {entry_of(make_accreditation(world, mediator=factories.mediator())).status_index for _ in range(6)}
    assert len(positions) == 6
    assert positions != set(range(min(positions), min(positions) + 6))  # not handed out in order


def test_the_private_key_is_in_no_log_line(client, world, make_accreditation, caplog) -> None:
    make_accreditation(world)
    mark_signing_key()
    with caplog.at_level(logging.DEBUG):
        token = _credential(client, world.mediator.registration_number)
        for path in ("/api/v1/status-lists/revocation", "/.well-known/jwks.json", "/.well-known/did.json", "/verify"):
            client.get(path)
        _verdict(client, token)
        _verdict(client, token[:-4] + "AAAA")
    assert caplog.records and not shows_the_marker(caplog.text)


def test_a_change_of_conditions_is_in_the_next_credential_at_the_same_position(
    client, world, make_accreditation
) -> None:
    accreditation = make_accreditation(world)
    before = _claims(client, _credential(client, world.mediator.registration_number))
    lifecycle.change_conditions(accreditation, world.registrar, conditions="Supervised for six months.")
    after = _claims(client, _credential(client, world.mediator.registration_number))
    assert after["description"] == "Accredited — conditions apply: Supervised for six months."
    assert after["id"] != before["id"]  # a new credential, for the accreditation as it now stands
    assert after["credentialStatus"] == before["credentialStatus"]


def test_the_verify_page_reads_an_uploaded_file(client, world, make_accreditation) -> None:
    make_accreditation(world)
    token = _credential(client, world.mediator.registration_number)
    csrf = CSRF.search(client.get("/verify").text).group(1)
    checked = client.post(
        "/verify",
        data={"csrf_token": csrf, "file": (io.BytesIO(token.encode()), "credential.jwt")},
        content_type="multipart/form-data",
    )
    assert "Genuine and current" in checked.text
    wrong = client.post(
        "/verify",
        data={"csrf_token": csrf, "file": (io.BytesIO(b"\xff\xfe\x00"), "credential.jwt")},
        content_type="multipart/form-data",
    )
    assert "The file must be a credential saved as text" in wrong.text


def test_a_rotated_key_keeps_old_credentials_verifying(
    app, client, world, make_accreditation, tmp_path, monkeypatch
) -> None:
    # A keyring of this test's own: the suite's app (and its key) outlives it.
    for setting in ("SIGNING_KEY_PATH", "SIGNING_PUBLIC_KEYS_PATH"):
        monkeypatch.setitem(app.config, setting, tmp_path / Path(app.config[setting]).name)
    make_accreditation(world)
    old = _credential(client, world.mediator.registration_number)
    old_kid = jwt.get_unverified_header(old)["kid"]
    rotated = app.test_cli_runner().invoke(args=["credentials", "rotate-key"])
    assert rotated.exit_code == 0 and f"the key {old_kid} stays published" in rotated.output
    new = _credential(client, world.mediator.registration_number)
    new_kid = jwt.get_unverified_header(new)["kid"]
    assert new_kid != old_kid
    assert {key["kid"] for key in client.get("/.well-known/jwks.json").get_json()["keys"]} >= {old_kid, new_kid}
    assert _verdict(client, old)["outcome"] == "valid" and _verdict(client, new)["outcome"] == "valid"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "signing_key.rotated")).one()
    assert event.subject_id == new_kid and event.data["replaced"] == old_kid


def test_the_command_line_says_what_is_wrong_with_what_it_was_given(app, tmp_path) -> None:
    runner = app.test_cli_runner()
    binary = tmp_path / "photo.jwt"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    assert "is not a credential saved as text" in runner.invoke(args=["credentials", "verify", str(binary)]).output
    text = tmp_path / "note.jwt"
    text.write_text("hello")
    refused = runner.invoke(args=["credentials", "verify", str(text)])
    assert refused.exit_code == 1 and "three parts joined by dots" in refused.output
    jwks = tmp_path / "jwks.json"
    jwks.write_text("not json")
    assert "is not a JWK set" in runner.invoke(args=["credentials", "verify", str(text), "--offline", str(jwks)]).output
    lists_alone = runner.invoke(args=["credentials", "verify", str(text), str(text)])
    assert lists_alone.exit_code == 2 and "only with --offline" in lists_alone.output
