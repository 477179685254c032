"""A credential checked as another organisation's system would, over real HTTP: the register served by
werkzeug from a thread (tests/api/test_la_day_http.py's server), the keys fetched from
``/.well-known/jwks.json``, the signature checked by PyJWT (the register signs with joserfc), and the
status list it names fetched from its ``statusListCredential`` address and decoded with the standard
library. Then the mediator is suspended, and reinstated.
"""

from __future__ import annotations

import base64
import gzip
import json

import jwt
import requests
from flask import Flask
from sqlalchemy import select

from registry.domain.accreditation import operations
from registry.extensions import db
from registry.models import Accreditation, User
from tests.api import test_la_day_http as served
from tests.fixtures.factories import Factories, make_accreditation

# The served register's fixtures (a database of its own, committed for real; no rolled-back session).
db_session, live_app, live_url = served.db_session, served.live_app, served.live_url


def _payload(token: str) -> dict:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _suspended_bit(entry: dict) -> bool:
    """Follow the credential's status entry to the list over HTTP; read the bit with gzip and base64 only."""
    listed = requests.get(entry["statusListCredential"], timeout=10)
    assert listed.status_code == 200 and listed.headers["Content-Type"] == "application/vc+jwt"
    assert "max-age=60" in listed.headers["Cache-Control"] and listed.headers["ETag"]
    encoded = _payload(listed.text)["credentialSubject"]["encodedList"]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def test_another_system_verifies_a_credential_and_follows_its_status(live_app: Flask, live_url: str) -> None:
    live_app.config["PUBLIC_BASE_URL"] = live_url  # the credential's addresses lead back to this server
    with live_app.app_context():
        body = Factories.organisation(kind="accrediting_body", name="HTTP Body")
        registrar = Factories.person_with_role("registrar", body)
        mediator = Factories.mediator()
        make_accreditation(mediator, body)
        number, registrar_id = mediator.registration_number, registrar.id
        db.session.commit()

    token = requests.get(f"{live_url}/api/v1/mediators/{number}/credential", timeout=10).text
    keys = requests.get(f"{live_url}/.well-known/jwks.json", timeout=10).json()
    header = jwt.get_unverified_header(token)
    key = jwt.PyJWK(next(k for k in keys["keys"] if k["kid"] == header["kid"])).key
    claims = jwt.decode(token, key, algorithms=["EdDSA"])
    assert claims["credentialSubject"]["identifier"][0]["identityHash"] == number
    did = requests.get(f"{live_url}/.well-known/did.json", timeout=10).json()
    assert claims["issuer"]["id"] == did["id"] and f"{did['id']}#{header['kid']}" in did["assertionMethod"]
    entry = next(e for e in claims["credentialStatus"] if e["statusPurpose"] == "suspension")
    assert _suspended_bit(entry) is False

    with live_app.app_context():
        accreditation = db.session.scalars(
            select(Accreditation).where(Accreditation.mediator.has(registration_number=number))
        ).one()
        operations.suspend(
            accreditation, db.session.get_one(User, registrar_id), reason="Complaint", public_note="Paused."
        )
        db.session.commit()
    jwt.decode(token, key, algorithms=["EdDSA"])  # still the register's signature
    assert _suspended_bit(entry) is True
    verdict = requests.post(f"{live_url}/api/v1/verify", json={"token": token}, timeout=10).json()
    assert verdict["signed_by_register"] is True and verdict["outcome"] == "suspended"

    with live_app.app_context():
        accreditation = db.session.scalars(
            select(Accreditation).where(Accreditation.mediator.has(registration_number=number))
        ).one()
        operations.reinstate(accreditation, db.session.get_one(User, registrar_id), reason="Cleared")
        db.session.commit()
    assert _suspended_bit(entry) is False
    assert requests.post(f"{live_url}/api/v1/verify", json={"token": token}, timeout=10).json()["outcome"] == "valid"

    tampered = token.split(".")
    tampered[1] = (
        base64.urlsafe_b64encode(json.dumps({**claims, "validUntil": "2099-12-31T23:59:59Z"}).encode())
        .decode()
        .rstrip("=")
    )
    forged = ".".join(tampered)
    try:
        jwt.decode(forged, key, algorithms=["EdDSA"])
    except jwt.InvalidSignatureError:
        pass
    else:
        raise AssertionError("PyJWT accepted a changed credential")
    assert requests.post(f"{live_url}/api/v1/verify", json={"token": forged}, timeout=10).json()["outcome"] == (
        "not_signed_by_register"
    )
