"""The register's signing keys: Ed25519, each named by a ``kid``.

What the register signs (today its audit checkpoints; later its credentials and check receipts)
goes through a ``Keyring``: ``sign(message)`` gives the signature and the ``kid`` of the key that
made it, and ``verify(message, kid, signature)`` checks one against the public key of that ``kid``.

Decisions:

- **One current private key**, a PKCS#8 PEM file at ``SIGNING_KEY_PATH`` (default
  ``instance/signing_key.pem``). When there is none, the first signature generates it there, mode
  0600, written whole and then linked into place (two processes starting at once end up with the
  same key). The private key is never logged, never written to the audit trail, the database or an
  export, and nothing here returns it.
- **Every public key stays.** Each key the register signs with is added to the public keyring at
  ``SIGNING_PUBLIC_KEYS_PATH`` (default ``instance/signing_public_keys.json``, a JWK set), and
  ``rotate()`` replaces the private key but keeps the old public key there, so what an old key
  signed still verifies. A key supplied by the operator is added on first use too. The keyring is
  outside the database, so a forged public key row cannot make a forged signature verify.
- **kid** is the RFC 7638 JWK thumbprint of the public key (SHA-256 of ``{"crv","kty","x"}``,
  base64url without padding): anyone holding the public key can compute it.
- A signature is 64 bytes; text forms use base64url without padding (``b64url``).
- **JWS** (``Keyring.sign_jws``): a compact JWS (RFC 7515) made by ``joserfc`` inside the keyring, so
  the private key never leaves it. ``alg`` is ``EdDSA`` (RFC 8037): RFC 9864 prefers ``Ed25519`` for
  the same signature, but PyJWT and most verifiers of credentials know only ``EdDSA`` today, so
  ``JOSE`` (the one registry of algorithms here and in ``credentials.jose``) allows exactly that one,
  without joserfc's deprecation warning.
- ``register_keyring()`` is the keyring the app's settings name, read afresh at each use, so a key
  rotated by another process is the one used and published.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from flask import current_app
from joserfc import jws
from joserfc.errors import UnsupportedAlgorithmError
from joserfc.jwk import OKPKey

from registry.files import write_whole

ALG = "EdDSA"


class _EdDSAOnly(jws.JWSRegistry):
    """joserfc's JWS registry, allowing ``EdDSA`` and nothing else (no ``none``, no HMAC confusion)."""

    def get_alg(self, name: str) -> jws.JWSAlgModel:
        if name != ALG:
            raise UnsupportedAlgorithmError(f"Algorithm of '{name}' is not allowed")
        return self.algorithms[name]


JOSE = _EdDSAOnly(algorithms=[ALG])


class SigningKeyError(Exception):
    """A key file that cannot be used (the message names the file, never its content)."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_jwk(key: Ed25519PublicKey) -> dict[str, str]:
    """The public key as an RFC 8037 JWK, with its ``kid``."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    members = {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}
    thumbprint = hashlib.sha256(json.dumps(members, sort_keys=True, separators=(",", ":")).encode()).digest()
    return {**members, "kid": b64url(thumbprint)}


def kid_of(key: Ed25519PublicKey) -> str:
    return public_jwk(key)["kid"]


@dataclass(frozen=True)
class Signature:
    kid: str
    value: bytes


class Keyring:
    """The current signing key (read or made on first use) and every public key ever used."""

    def __init__(self, private_key_path: Path, public_keys_path: Path) -> None:
        self.private_key_path = Path(private_key_path)
        self.public_keys_path = Path(public_keys_path)
        self._private: Ed25519PrivateKey | None = None
        self._public: dict[str, Ed25519PublicKey] | None = None

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> Keyring:
        """The keyring the settings name (``SIGNING_KEY_PATH``, ``SIGNING_PUBLIC_KEYS_PATH``)."""
        return cls(Path(str(settings["SIGNING_KEY_PATH"])), Path(str(settings["SIGNING_PUBLIC_KEYS_PATH"])))

    def __repr__(self) -> str:  # never the key itself
        return f"Keyring({str(self.private_key_path)!r}, {str(self.public_keys_path)!r})"

    @property
    def current_kid(self) -> str:
        return kid_of(self._key().public_key())

    def sign(self, message: bytes) -> Signature:
        key = self._key()
        return Signature(kid_of(key.public_key()), key.sign(message))

    def sign_jws(self, protected: Mapping[str, object], payload: bytes) -> str:
        """A compact JWS of ``payload`` under the current key: ``protected`` with ``alg`` and ``kid`` set."""
        key = self._key()
        header = {**protected, "alg": ALG, "kid": kid_of(key.public_key())}
        return jws.serialize_compact(header, payload, OKPKey.import_key(_pem(key)), registry=JOSE)

    def public_key(self, kid: str) -> Ed25519PublicKey | None:
        """The public key named ``kid``, current or retired; None if this register never had it."""
        if self._public is None:
            if self.private_key_path.exists():
                self._key()  # a key the operator supplied joins the keyring before it is read
            self._public = {jwk["kid"]: _public_key_from(jwk) for jwk in self.public_jwks()}
        return self._public.get(kid)

    def verify(self, message: bytes, kid: str, signature: bytes) -> bool:
        """Whether ``signature`` is the key ``kid``'s over ``message`` (False for a key it does not hold)."""
        key = self.public_key(kid)
        if key is None:
            return False
        try:
            key.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def public_jwks(self) -> list[dict[str, str]]:
        """Every public key kept, oldest first, as JWKs."""
        if not self.public_keys_path.exists():
            return []
        try:
            keys = json.loads(self.public_keys_path.read_text())["keys"]
            return [{name: str(key[name]) for name in ("crv", "kty", "x", "kid")} for key in keys]
        except (ValueError, KeyError, TypeError) as error:
            raise SigningKeyError(f"{self.public_keys_path} is not a JWK set of public keys") from error

    def rotate(self) -> str:
        """Make a new current key; the old one's public key stays in the keyring. Returns the new kid."""
        if self.private_key_path.exists():
            self._keep_public(self._key().public_key())
        key = Ed25519PrivateKey.generate()
        self._keep_public(key.public_key())
        write_whole(self.private_key_path, _pem(key), 0o600, replace=True)
        self._private = key
        return kid_of(key.public_key())

    def _key(self) -> Ed25519PrivateKey:
        if self._private is None:
            if not self.private_key_path.exists():
                write_whole(self.private_key_path, _pem(Ed25519PrivateKey.generate()), 0o600, replace=False)
            self._private = self._read()
            self._keep_public(self._private.public_key())
        return self._private

    def _read(self) -> Ed25519PrivateKey:
        try:
            key = serialization.load_pem_private_key(self.private_key_path.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as error:
            raise SigningKeyError(f"{self.private_key_path} is not an unencrypted PEM private key") from error
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError(f"{self.private_key_path} is not an Ed25519 key")
        return key

    def _keep_public(self, key: Ed25519PublicKey) -> None:
        jwks = self.public_jwks()
        jwk = public_jwk(key)
        if any(kept["kid"] == jwk["kid"] for kept in jwks):
            return
        document = json.dumps({"keys": [*jwks, jwk]}, indent=2) + "\n"
        write_whole(self.public_keys_path, document.encode(), 0o644, replace=True)
        self._public = None


def register_keyring() -> Keyring:
    """The keyring of the running app's settings."""
    return Keyring.from_settings(current_app.config)


def _public_key_from(jwk: Mapping[str, str]) -> Ed25519PublicKey:
    try:
        key = Ed25519PublicKey.from_public_bytes(from_b64url(jwk["x"]))
    except ValueError as error:
        raise SigningKeyError(f"the public key {jwk['kid']} in the keyring is not an Ed25519 key") from error
    if kid_of(key) != jwk["kid"]:
        raise SigningKeyError(f"the public key {jwk['kid']} in the keyring does not match its kid")
    return key


def _pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
