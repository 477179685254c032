"""Who the register is to a verifier: its addresses from ``PUBLIC_BASE_URL``, its ``did:web``, and its
public keys as a JWK set and a DID document.

``did:web`` is built from ``PUBLIC_BASE_URL``'s host (a port written ``%3A``, a path as more
``:``-separated parts), so ``https://register.example.org`` is ``did:web:register.example.org``,
whose document is ``/.well-known/did.json``. Each key is a verification method ``<did>#<kid>``, so a
verifier that resolves the issuer finds the key a JWS header names.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from flask import current_app

from registry.domain.signing import register_keyring


def base_url() -> str:
    return str(current_app.config["PUBLIC_BASE_URL"]).rstrip("/")


def did() -> str:
    address = urlsplit(base_url())
    host = address.hostname or "localhost"
    if address.port:
        host = f"{host}%3A{address.port}"
    parts = [quote(part, safe="") for part in address.path.split("/") if part]
    return ":".join(["did:web", host, *parts])


def status_list_url(purpose: str) -> str:
    return f"{base_url()}/api/v1/status-lists/{purpose}"


def jwks() -> dict[str, list[dict[str, str]]]:
    """Every public key the register has signed with, current and retired (RFC 7517 JWK set)."""
    keyring = register_keyring()
    _ = keyring.current_kid  # a first key is made (and published) before anything is signed with it
    return {"keys": [{**key, "use": "sig", "alg": "EdDSA"} for key in keyring.public_jwks()]}


def did_document() -> dict[str, Any]:
    identifier = did()
    methods = [
        {"id": f"{identifier}#{key['kid']}", "type": "JsonWebKey", "controller": identifier, "publicKeyJwk": key}
        for key in jwks()["keys"]
    ]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
        "id": identifier,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
