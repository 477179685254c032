"""The register's signing keys (``registry.domain.signing``): made on first use and kept private,
named by their RFC 7638 thumbprint, and old public keys kept when a new key is made."""

from __future__ import annotations

import json
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from registry.domain.signing import Keyring, SigningKeyError, b64url, public_jwk


def test_a_key_is_made_on_first_use_readable_by_its_owner_only(tmp_path) -> None:
    keyring = Keyring(tmp_path / "keys" / "signing_key.pem", tmp_path / "keys" / "public.json")
    assert not keyring.private_key_path.exists()
    signature = keyring.sign(b"the register")
    assert stat.S_IMODE(keyring.private_key_path.stat().st_mode) == 0o600
    assert len(signature.value) == 64 and signature.kid == keyring.current_kid
    assert keyring.verify(b"the register", signature.kid, signature.value)
    assert not keyring.verify(b"the register!", signature.kid, signature.value)
    # Another process reading the same files signs with the same key.
    again = Keyring(keyring.private_key_path, keyring.public_keys_path)
    assert again.current_kid == signature.kid and again.verify(b"the register", signature.kid, signature.value)
    assert [key["kid"] for key in again.public_jwks()] == [signature.kid]
    assert "PRIVATE" not in repr(keyring) and "PRIVATE" not in keyring.public_keys_path.read_text()


def test_the_kid_is_the_rfc_7638_thumbprint() -> None:
    # RFC 8037 appendix A.1 and A.3: the example Ed25519 key and its JWK thumbprint.
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    jwk = public_jwk(Ed25519PrivateKey.from_private_bytes(seed).public_key())
    assert jwk["x"] == "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    assert jwk["kid"] == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"


def test_a_new_key_keeps_the_old_public_key_so_old_signatures_still_verify(tmp_path) -> None:
    keyring = Keyring(tmp_path / "signing_key.pem", tmp_path / "public.json")
    old = keyring.sign(b"before")
    new_kid = keyring.rotate()
    assert new_kid != old.kid and keyring.current_kid == new_kid
    assert stat.S_IMODE(keyring.private_key_path.stat().st_mode) == 0o600
    later = Keyring(keyring.private_key_path, keyring.public_keys_path)
    assert later.verify(b"before", old.kid, old.value)
    assert later.sign(b"after").kid == new_kid
    assert [key["kid"] for key in later.public_jwks()] == [old.kid, new_kid]
    assert later.public_key("no-such-kid") is None and not later.verify(b"before", "no-such-kid", old.value)


def test_a_key_the_operator_supplies_is_used_and_joins_the_public_keys(tmp_path) -> None:
    key = Ed25519PrivateKey.generate()
    path = tmp_path / "operator.pem"
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    keyring = Keyring.from_settings({"SIGNING_KEY_PATH": path, "SIGNING_PUBLIC_KEYS_PATH": tmp_path / "public.json"})
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert keyring.public_key(keyring.current_kid) is not None
    assert json.loads(keyring.public_keys_path.read_text())["keys"][0]["x"] == b64url(raw)


def test_a_key_file_that_is_not_a_key_is_refused_naming_the_file(tmp_path) -> None:
    path = tmp_path / "signing_key.pem"
    path.write_text("not a key")
    with pytest.raises(SigningKeyError, match="signing_key.pem is not an unencrypted PEM private key"):
        Keyring(path, tmp_path / "public.json").sign(b"x")
