"""Signed check receipts (issue 18, item 5): a local authority's stored bulk check as evidence that
travels, and the CSV of its results with a detached signature.

**The receipt** (``check_receipt``) is a compact JWS of ``typ`` ``check-receipt+jwt`` made by the one
JOSE layer (``jose.sign_jws``) on the register's keyring. Its payload holds what the check was and
what the register answered, exactly as stored when it was made: the check's id, the date it was
checked as at (``as_at``), when it was made (``recorded_at``, record time), the local authority,
who made it (the officer's name on the website, or the API key's name and prefix), the count of each
outcome and every result in input order (``position``, ``input``, ``registration_number``,
``outcome``, ``name``, ``valid_until``, ``conditions``, ``declared_conflict``: the API's names). It
has no time of signing, so the same check gives the same receipt under the same key. Anyone checks
it on ``/verify``, ``POST /api/v1/verify`` or ``flask credentials verify [--offline JWKS]``
(``verify_receipt``, registered in ``verification.VERIFIERS``): changing any result changes the
payload, and the signature no longer matches.

A receipt proves what the register said when the check was made; it says nothing of today. Its
verdict says so, and there is no status list for receipts: a receipt is never withdrawn.

**The CSV's signature line** (``signed_csv``): the stored check's CSV download ends with one more
line, ``#signature,<JWS>``, where the JWS is *detached* (RFC 7515, appendix F): its header
(``typ`` ``check-results-csv+jws``, ``alg`` ``EdDSA``, ``kid``) and signature, with the payload left
out. The payload is every byte of the file before that line. To check a file, a client:

1. splits off the last line, ``#signature,HEADER..SIGNATURE``; the bytes before it are the payload;
2. finds the key named by the header's ``kid`` in ``/.well-known/jwks.json`` (or a saved copy);
3. verifies the Ed25519 signature over ``HEADER + "." + base64url(payload)`` (no padding) — with any
   JOSE library, by putting ``base64url(payload)`` between the two dots and verifying the compact
   JWS as usual (``csv_signature_holds`` does the same with ``cryptography`` alone).

A spreadsheet that re-saves the file changes its bytes (line endings, quoting), so keep the file as
downloaded; the receipt beside it is the form meant for passing on.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from datetime import UTC
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select

from registry.domain import checks
from registry.domain.credentials import identity
from registry.domain.credentials.jose import JWKS, sign_jws
from registry.domain.credentials.verdicts import UNKNOWN_KIND, VALID, Context, Verdict
from registry.domain.signing import ALG, b64url, from_b64url, register_keyring
from registry.domain.statuses import CHECK_OUTCOMES
from registry.extensions import db
from registry.models import ApiKey, BulkCheck, LocalAuthority, Organisation, User

RECEIPT = "check-receipt+jwt"
CSV_SIGNATURE = "check-results-csv+jws"
MEDIA_TYPE = "application/jose"  # a compact JWS (RFC 7515)
RECEIPT_TYPE = "SendMediationCheckReceipt"
SIGNATURE_LINE = "#signature,"


def receipt_claims(reference: str, organisation_ids: set[int] | list[int]) -> dict[str, Any]:
    """What the receipt of a stored check says (NotFound for a check of another organisation)."""
    result = checks.get_check(reference, organisation_ids)
    check = db.session.scalars(select(BulkCheck).where(BulkCheck.reference == reference)).one()
    organisation = db.session.get(Organisation, check.organisation_id)
    assert organisation is not None
    la = db.session.get(LocalAuthority, organisation.local_authority_id) if organisation.local_authority_id else None
    recorded_at = result.created_at.astimezone(UTC)
    return {
        "iss": identity.did(),
        "iat": int(recorded_at.timestamp()),
        "jti": reference,
        "type": RECEIPT_TYPE,
        "check": {
            "id": reference,
            "as_at": result.as_at.isoformat(),
            "recorded_at": recorded_at.isoformat().replace("+00:00", "Z"),
            "local_authority": {"name": organisation.name, "gss_code": la.gss_code if la else None},
            "checked_by": _checked_by(check),
            "counts": dict(sorted(Counter(item.outcome for item in result.items).items())),
            "results": [
                {
                    "position": item.position,
                    "input": item.input,
                    "registration_number": item.registration_number,
                    "outcome": item.outcome,
                    "name": item.name,
                    "valid_until": item.valid_until.isoformat() if item.valid_until else None,
                    "conditions": item.conditions,
                    "declared_conflict": item.declared_conflict,
                }
                for item in result.items
            ],
        },
    }


def _checked_by(check: BulkCheck) -> dict[str, str]:
    if check.api_key_id is not None:
        key = db.session.get(ApiKey, check.api_key_id)
        if key is not None:
            return {"api_key": f"{key.name} ({key.prefix}…)"}
    officer = db.session.get(User, check.created_by_id) if check.created_by_id is not None else None
    return {"officer": officer.name} if officer is not None else {}


def check_receipt(reference: str, organisation_ids: set[int] | list[int]) -> str:
    """The signed receipt of a stored check, for the organisation that made it."""
    return sign_jws(receipt_claims(reference, organisation_ids), RECEIPT)


def signed_csv(text: str) -> str:
    """``text`` (a stored check's CSV) with its detached-signature line after it (module docstring)."""
    header, _, signature = register_keyring().sign_jws({"typ": CSV_SIGNATURE}, text.encode("utf-8")).split(".")
    return f"{text}{SIGNATURE_LINE}{header}..{signature}\r\n"


def csv_signature_holds(data: bytes, jwks: JWKS) -> bool:
    """Whether a downloaded CSV's last line is the register's signature over every byte before it:
    the client's check of the module docstring, with nothing but the JWK set and ``cryptography``."""
    cut = data.rfind(b"\n" + SIGNATURE_LINE.encode())
    if cut < 0:
        return False
    payload, line = data[: cut + 1], data[cut + 1 + len(SIGNATURE_LINE) :].strip().decode("ascii", "replace")
    header, _, signature = line.partition("..")
    try:
        protected = json.loads(from_b64url(header))
        if not isinstance(protected, dict) or protected.get("alg") != ALG:
            return False
        key = next(key for key in _keys(jwks) if key.get("kid") == protected.get("kid"))
        public = Ed25519PublicKey.from_public_bytes(from_b64url(str(key["x"])))
        public.verify(from_b64url(signature), f"{header}.{b64url(payload)}".encode("ascii"))
    except (ValueError, StopIteration, KeyError, InvalidSignature):
        return False
    return True


def _keys(jwks: JWKS) -> list[Mapping[str, Any]]:
    listed = jwks.get("keys", []) if isinstance(jwks, Mapping) else jwks
    return [key for key in listed if isinstance(key, Mapping)]


def verify_receipt(header: dict[str, Any], payload: dict[str, Any], context: Context) -> Verdict:
    """The verdict on a receipt whose signature has been checked: what the register said then."""
    check = payload.get("check")
    if payload.get("type") != RECEIPT_TYPE or not isinstance(check, dict):
        return Verdict(True, UNKNOWN_KIND, "The register signed this, but it is not a check receipt this check knows.")
    la = check.get("local_authority") or {}
    results = [item for item in check.get("results", []) if isinstance(item, dict)]
    who = check.get("checked_by") or {}
    facts = [
        ("Check id", str(check.get("id"))),
        ("Local authority", str(la.get("name"))),
        ("Checked by", str(who.get("officer") or (f"API key {who['api_key']}" if who.get("api_key") else "—"))),
        ("Checked as at", str(check.get("as_at"))),
        ("Recorded at", str(check.get("recorded_at"))),
        ("Numbers checked", str(len(results))),
    ]
    facts += [(CHECK_OUTCOMES[code].label, str(count)) for code, count in check.get("counts", {}).items()]
    facts += [(f"Line {item.get('position')}", _result_line(item)) for item in results]
    headline = (
        f"This is a genuine check receipt from the register: what it said on {check.get('recorded_at')} about "
        f"{len(results)} numbers checked by {la.get('name')} as at {check.get('as_at')}."
    )
    notes = [
        "A receipt shows what the register said when the check was made, not whether these mediators are "
        "accredited today: check them again for today's answer."
    ]
    return Verdict(True, VALID, headline, kind="check receipt", facts=facts, notes=notes)


def _result_line(item: dict[str, Any]) -> str:
    code = str(item.get("outcome"))
    words = CHECK_OUTCOMES[code].label if code in CHECK_OUTCOMES else code
    number = item.get("registration_number") or item.get("input")
    parts = [str(number), str(item.get("name")) if item.get("name") else "", words]
    if item.get("valid_until"):
        parts.append(f"until {item['valid_until']}")
    if item.get("conditions"):
        parts.append(f"conditions: {item['conditions']}")
    if item.get("declared_conflict"):
        parts.append("declared employment by or a conflict with this local authority")
    return ", ".join(part for part in parts if part)
