"""The secrets the register hands out once: a session's cookie, an account link, an API key.

Each is 32 random bytes (``secrets.token_urlsafe(32)``, 256 bits); only its SHA-256 is stored, so
reading the tables gives nobody a working secret, and a secret is found by an indexed equality
lookup on its hash. (A slow password hash would add nothing: nobody can search a 2^256 space.)
"""

from __future__ import annotations

import hashlib
import secrets


def new_token(prefix: str = "") -> str:
    """A fresh secret, after ``prefix`` (an API key's ``smr_``)."""
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What is stored of ``token``: its SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()
