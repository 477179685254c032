"""Replacing the register's signing key (``flask credentials rotate-key``): a new current key, the old
one's public half kept in the published keyring so every credential, status list and receipt it
signed still verifies. The replacement is audited with both ``kid``s, never with a key.
"""

from __future__ import annotations

from registry.domain import audit
from registry.domain.signing import Keyring


def rotate(keyring: Keyring) -> tuple[str | None, str]:
    """Make a new current key; returns the kid it replaces (None when there was none) and its own."""
    replaced = keyring.current_kid if keyring.private_key_path.exists() else None
    new = keyring.rotate()
    audit.record(None, "signing_key.rotated", "signing_key", new, replaced=replaced)
    return replaced, new
