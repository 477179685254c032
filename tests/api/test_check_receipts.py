"""Signed check receipts (issue 18, item 5): every stored bulk check, from the API and the LA's
workspace, as a JWS anyone can verify (``/verify``, ``POST /api/v1/verify``, ``flask credentials verify
--offline``), and the CSV download with a detached signature a client checks itself."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import jwt

from registry.domain import clock
from registry.domain.checks import run_check
from registry.domain.credentials import receipts
from registry.extensions import db
from tests.api.test_checks_api import _headers
from tests.fixtures.clients import sign_in

PAST = clock.today() - timedelta(days=3)


def _claims(token: str) -> dict:
    """The payload, read without checking (what a reader sees before verifying)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _keyed_check(client, registered, api_key):  # type: ignore[no-untyped-def]
    key = api_key(name="Case management system")
    ada, bea = registered("Ada Receipt"), registered("Bea Receipt", status="suspended")
    numbers = [ada.registration_number, bea.registration_number, "SM-000001-1"]
    response = client.post("/api/v1/checks", json={"numbers": numbers, "as_at": str(PAST)}, headers=_headers(key.token))
    assert response.status_code == 201, response.text
    return key, response.json


def test_a_stored_check_has_a_receipt_signed_by_the_register(client, registered, api_key) -> None:
    key, check = _keyed_check(client, registered, api_key)
    response = client.get(f"/api/v1/checks/{check['id']}/receipt", headers=_headers(key.token))
    assert response.status_code == 200 and response.mimetype == "application/jose"
    token = response.text
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["typ"] == "check-receipt+jwt" and header["alg"] == "EdDSA"
    # Another library than the one that signed it, against the published keys.
    jwks = client.get("/.well-known/jwks.json").json
    public = jwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == header["kid"]))
    claims = jwt.decode(token, public, algorithms=["EdDSA"], options={"verify_aud": False})
    receipt = claims["check"]
    assert receipt["id"] == check["id"] and receipt["as_at"] == str(PAST)
    assert receipt["recorded_at"].startswith(check["created_at"][:19])
    assert receipt["checked_by"] == {"api_key": f"Case management system ({key.key.prefix}…)"}
    assert receipt["local_authority"]["name"]
    assert [r["outcome"] for r in receipt["results"]] == [i["outcome"] for i in check["items"]]
    assert [r["input"] for r in receipt["results"]] == [i["input"] for i in check["items"]]
    assert receipt["counts"] == check["counts"]
    # The same check gives the same receipt; another LA's key cannot have it.
    assert client.get(f"/api/v1/checks/{check['id']}/receipt", headers=_headers(key.token)).text == token
    other = api_key()
    refused = client.get(f"/api/v1/checks/{check['id']}/receipt", headers=_headers(other.token))
    assert refused.status_code == 404 and refused.mimetype == "application/problem+json"
    assert client.get(f"/api/v1/checks/{check['id']}/receipt").status_code == 401


def test_a_receipt_verifies_and_a_changed_result_does_not(client, registered, api_key) -> None:
    key, check = _keyed_check(client, registered, api_key)
    token = client.get(f"/api/v1/checks/{check['id']}/receipt", headers=_headers(key.token)).text
    verdict = client.post("/api/v1/verify", json={"token": token}).json
    assert verdict["signed_by_register"] is True and verdict["outcome"] == "valid"
    assert verdict["kind"] == "check receipt" and "genuine check receipt" in verdict["headline"]
    facts = dict(map(tuple, ([f["label"], f["value"]] for f in verdict["facts"])))
    assert facts["Check id"] == check["id"] and facts["Checked as at"] == str(PAST)
    assert "Suspended" in facts["Line 2"]

    header, payload, signature = token.split(".")
    claims = _claims(token)
    claims["check"]["results"][1]["outcome"] = "accredited"  # someone "improves" a result
    changed = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = client.post("/api/v1/verify", json={"token": f"{header}.{changed}.{signature}"}).json
    assert forged["signed_by_register"] is False and forged["outcome"] == "not_signed_by_register"


def test_a_receipt_verifies_offline_from_the_command_line(app, client, registered, api_key, tmp_path) -> None:
    key, check = _keyed_check(client, registered, api_key)
    receipt = tmp_path / "receipt.jwt"
    receipt.write_text(client.get(f"/api/v1/checks/{check['id']}/receipt", headers=_headers(key.token)).text)
    jwks = tmp_path / "jwks.json"
    jwks.write_text(client.get("/.well-known/jwks.json").text)
    runner = app.test_cli_runner()

    good = runner.invoke(args=["credentials", "verify", str(receipt), "--offline", str(jwks)])
    assert good.exit_code == 0, good.output
    assert "genuine check receipt" in good.output and check["id"] in good.output
    assert "Ada Receipt" in good.output and "not whether these mediators are accredited today" in good.output

    header, _, signature = receipt.read_text().split(".")
    claims = _claims(receipt.read_text())
    claims["check"]["results"][1]["outcome"] = "accredited"
    changed = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    receipt.write_text(f"{header}.{changed}.{signature}")
    forged = runner.invoke(args=["credentials", "verify", str(receipt), "--offline", str(jwks)])
    assert forged.exit_code == 1 and "does not match" in forged.output


def test_the_officer_downloads_a_receipt_and_a_signed_csv(app, client, registered, factories) -> None:
    officer = factories.person_with_role("la_officer")
    officer.name = "Olu Officer"
    db.session.flush()
    ada = registered("Ada Csv")
    page_client = app.test_client()
    sign_in(page_client, officer)
    result = run_check(
        [ada.registration_number, "=HYPERLINK(1)"],
        organisation=officer.roles[0].organisation,
        actor=officer,
        store=True,
    )
    page = page_client.get(f"/workspace/local-authority/checks/{result.reference}")
    assert page.status_code == 200 and 'id="download-receipt"' in page.text

    receipt = page_client.get(f"/workspace/local-authority/checks/{result.reference}/receipt.jwt")
    assert receipt.status_code == 200 and receipt.mimetype == "application/jose"
    assert "attachment" in receipt.headers["Content-Disposition"]
    assert _claims(receipt.text)["check"]["checked_by"] == {"officer": "Olu Officer"}
    assert client.post("/api/v1/verify", json={"token": receipt.text}).json["outcome"] == "valid"

    download = page_client.get(f"/workspace/local-authority/checks/{result.reference}/results.csv")
    data = download.data
    assert data.decode().splitlines()[-1].startswith("#signature,")
    jwks = client.get("/.well-known/jwks.json").json
    assert receipts.csv_signature_holds(data, jwks)
    changed = data.replace(b"Ada Csv", b"Ada Cs v", 1)
    assert not receipts.csv_signature_holds(changed, jwks)
    assert not receipts.csv_signature_holds(data.replace(b"#signature,", b"#signature,x"), jwks)
    assert not receipts.csv_signature_holds(data.rsplit(b"#signature", 1)[0], jwks)


def test_another_las_officer_gets_no_receipt(app, factories, registered) -> None:
    owner = factories.person_with_role("la_officer")
    result = run_check(
        [registered("Ada Other").registration_number],
        organisation=owner.roles[0].organisation,
        actor=owner,
        store=True,
    )
    stranger = factories.person_with_role("la_officer")
    page_client = app.test_client()
    sign_in(page_client, stranger)
    assert page_client.get(f"/workspace/local-authority/checks/{result.reference}/receipt.jwt").status_code == 404
