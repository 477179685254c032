"""Compact JWS on the register's keyring: ``sign_jws`` and ``verify_jws``, the one JOSE layer.

``sign_jws(payload, typ)`` serialises ``payload`` as JSON and signs it with the current key
(``EdDSA``, header ``alg``, ``kid``, ``typ``). ``verify_jws(token, jwks)`` checks a token against a set
of public keys (the register's published JWK set, or one a verifier keeps offline) and returns its
header and payload, or raises ``SignatureRejected`` saying, in plain words, why it is not the
register's. It checks the signature only: what the payload claims (dates, status) is for the verifier
of each ``typ`` (``credentials.verification``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from registry.domain.signing import ALG, JOSE, Keyring, from_b64url, register_keyring

MAX_TOKEN_CHARACTERS = 900_000  # a receipt of 1,000 results fits; a JSON body of it stays under 1 MB
TOKEN_PATTERN = r"^[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*$"  # compact JWS: base64url parts


class SignatureRejected(Exception):
    """A token that is not a well-formed JWS signed by one of the given keys; the message says why."""


def sign_jws(
    payload: Mapping[str, Any],
    typ: str,
    keyring: Keyring | None = None,
    *,
    headers: Mapping[str, str] | None = None,
) -> str:
    """``payload`` as a compact JWS of type ``typ``, signed with the current key of ``keyring`` (by
    default the register's); ``headers``: more protected header members (such as ``cty``)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    return (keyring or register_keyring()).sign_jws({**(headers or {}), "typ": typ}, body)


JWKS = Mapping[str, Any] | Sequence[Mapping[str, Any]]


def verify_jws(token: str, jwks: JWKS) -> tuple[dict[str, Any], dict[str, Any]]:
    """The header and payload of ``token`` once its signature is checked against ``jwks`` (a JWK set,
    ``{"keys": [...]}``, or a list of JWKs)."""
    token = "".join(token.split())  # pasted tokens come wrapped over lines
    if not token:
        raise SignatureRejected("There is nothing to check: paste or upload a credential or receipt.")
    if len(token) > MAX_TOKEN_CHARACTERS or token.count(".") != 2:
        raise SignatureRejected("This is not a signed credential or receipt: it should be three parts joined by dots.")
    header = _header(token)
    keys = _keys(jwks)
    kid = header.get("kid")
    if not isinstance(kid, str) or kid not in {key.get("kid") for key in keys}:
        raise SignatureRejected("It was not signed by any key of the register (its key is not in the register's list).")
    if header.get("alg") != ALG:
        raise SignatureRejected(f"It is signed with {header.get('alg')!r}; the register signs only with {ALG}.")
    try:
        signed = jws.deserialize_compact(token, KeySet.import_key_set({"keys": keys}), registry=JOSE)
    except JoseError as error:
        raise SignatureRejected(
            "The signature does not match: it has been changed since the register signed it, or was never signed by it."
        ) from error
    try:
        payload = json.loads(signed.payload)
    except ValueError as error:
        raise SignatureRejected("The signed content is not JSON.") from error
    if not isinstance(payload, dict):
        raise SignatureRejected("The signed content is not a JSON object.")
    return dict(signed.protected), payload


def _header(token: str) -> dict[str, Any]:
    try:
        header = json.loads(from_b64url(token.split(".", 1)[0]))
    except ValueError as error:
        raise SignatureRejected("This is not a signed credential or receipt: its header cannot be read.") from error
    if not isinstance(header, dict):
        raise SignatureRejected("This is not a signed credential or receipt: its header cannot be read.")
    return header


def _keys(jwks: JWKS) -> list[dict[str, Any]]:
    listed = jwks.get("keys", []) if isinstance(jwks, Mapping) else jwks
    return [dict(key) for key in listed if isinstance(key, Mapping)]
