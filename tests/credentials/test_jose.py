"""The one JOSE layer (``registry.domain.credentials.jose``): signed by joserfc inside the keyring,
checked here by PyJWT (another library), and refused in plain words when anything is off."""

from __future__ import annotations

import jwt
import pytest

from registry.domain.credentials.jose import SignatureRejected, sign_jws, verify_jws
from registry.domain.signing import Keyring, b64url, from_b64url


@pytest.fixture
def keyring(tmp_path) -> Keyring:
    return Keyring(tmp_path / "signing_key.pem", tmp_path / "public.json")


def test_a_jws_verifies_with_another_library_and_carries_kid_and_typ(keyring) -> None:
    token = sign_jws({"sub": "SM-004217-2", "n": 1}, "vc+jwt", keyring)
    header = jwt.get_unverified_header(token)
    assert header == {"alg": "EdDSA", "kid": keyring.current_kid, "typ": "vc+jwt"}
    key = jwt.PyJWK(keyring.public_jwks()[0]).key
    assert jwt.decode(token, key, algorithms=["EdDSA"]) == {"sub": "SM-004217-2", "n": 1}
    assert verify_jws(token, {"keys": keyring.public_jwks()}) == (header, {"sub": "SM-004217-2", "n": 1})


def test_a_changed_payload_or_an_unknown_key_is_refused(keyring, tmp_path) -> None:
    token = sign_jws({"status": "suspended"}, "vc+jwt", keyring)
    head, _, signature = token.split(".")
    changed = b64url(b'{"status":"accredited"}')
    forged = f"{head}.{changed}.{signature}"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, jwt.PyJWK(keyring.public_jwks()[0]).key, algorithms=["EdDSA"])
    with pytest.raises(SignatureRejected, match="changed since the register signed it"):
        verify_jws(forged, keyring.public_jwks())
    stranger = Keyring(tmp_path / "other.pem", tmp_path / "other.json")
    with pytest.raises(SignatureRejected, match="not signed by any key of the register"):
        verify_jws(sign_jws({"status": "accredited"}, "vc+jwt", stranger), keyring.public_jwks())


def test_a_rotated_key_still_verifies_what_it_signed(keyring) -> None:
    old = sign_jws({"n": 1}, "vc+jwt", keyring)
    keyring.rotate()
    assert verify_jws(old, keyring.public_jwks())[1] == {"n": 1}
    assert jwt.get_unverified_header(sign_jws({"n": 2}, "vc+jwt", keyring))["kid"] == keyring.current_kid


@pytest.mark.parametrize(
    "token, words",
    [
        ("", "nothing to check"),
        ("not a token", "three parts"),
        ("a.b.c", "header cannot be read"),
        (f"{b64url(b'[1]')}.e30.", "header cannot be read"),
    ],
)
def test_what_is_not_a_jws_is_refused_saying_why(keyring, token, words) -> None:
    with pytest.raises(SignatureRejected, match=words):
        verify_jws(token, keyring.public_jwks())


def test_another_algorithm_is_refused_even_under_a_known_kid(keyring) -> None:
    token = sign_jws({"n": 1}, "vc+jwt", keyring)
    head, payload, signature = token.split(".")
    header = from_b64url(head).replace(b'"EdDSA"', b'"none"')
    with pytest.raises(SignatureRejected, match="signs only with EdDSA"):
        verify_jws(f"{b64url(header)}.{payload}.", keyring.public_jwks())
