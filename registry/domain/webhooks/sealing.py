"""A webhook subscription's signing secret: made, shown once, and kept sealed.

The secret is ``whsec_`` + base64 of 32 random bytes (the Standard Webhooks form). The register
must sign with it at every delivery, so it cannot keep only a hash as it does for API keys: it keeps
it encrypted with AES-GCM (a fresh 96-bit nonce each time, stored before the ciphertext) under a
256-bit key derived from SECRET_KEY with HKDF-SHA256. The database therefore never holds it in
clear; a copy of the database without SECRET_KEY gives no one a secret. Replacing SECRET_KEY makes
every sealed secret unreadable: deliveries then fail saying so, and the LA must add its webhooks again.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

PREFIX = "whsec_"
SECRET_BYTES = 32
NONCE_BYTES = 12
# Binds each sealed value to its purpose: the same key and bytes could never pass for anything else.
PURPOSE = b"send-mediation-register webhook signing secret v1"


class SecretUnreadable(Exception):
    """The sealed secret does not open with this SECRET_KEY (it was replaced, or the value altered)."""


def new_secret() -> str:
    return PREFIX + base64.b64encode(os.urandom(SECRET_BYTES)).decode("ascii")


def secret_bytes(secret: str) -> bytes:
    """The HMAC key a secret stands for: the base64 after ``whsec_``, decoded."""
    return base64.b64decode(secret.removeprefix(PREFIX))


def _key() -> AESGCM:
    secret_key = str(current_app.config["SECRET_KEY"]).encode()
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(secret_key)
    return AESGCM(derived)


def seal(secret: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + _key().encrypt(nonce, secret.encode("ascii"), PURPOSE)


def unseal(sealed: bytes) -> str:
    try:
        return _key().decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], PURPOSE).decode("ascii")
    except (InvalidTag, ValueError) as error:
        raise SecretUnreadable("The signing secret cannot be read: SECRET_KEY has changed since it was made") from error
