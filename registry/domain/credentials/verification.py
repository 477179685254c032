"""Checking what the register signed, for the page ``/verify``, ``POST /api/v1/verify`` and
``flask credentials verify``: one entry point, ``verify``, that checks the signature
(``jose.verify_jws``) and then hands the token to the verifier of its JWS ``typ``.

A verifier takes the checked header and payload and a ``Context`` (the time, and where to read the
status lists) and returns a ``Verdict``: whether it is the register's, its ``outcome``, a headline in
plain words, and ``facts`` (what it says, as labelled lines the page, the API and the CLI show alike).

**Adding a verifier** (a signed check receipt, say): write ``verify_receipt(header, payload, context)
-> Verdict`` in a module of its own that imports ``Verdict``, ``Context`` and the outcomes from
``verdicts`` (never this module), and add it to ``VERIFIERS`` at the bottom of this one under the
``typ`` its ``sign_jws(payload, typ)`` used: ``VERIFIERS = {VC_JWT: verify_vc_jwt, RECEIPT: verify_receipt}``.
Nothing else changes: the page, the API and the CLI all call ``verify``, and show the verdict's
headline, facts and notes. A verifier answers ``VALID`` for a document that is good to rely on, or
another outcome of ``verdicts.OUTCOMES`` (add one there, with its words, if none fits).

Online (the page, the API, the CLI without ``--offline``) the status lists are the register's own, read
from the database; offline they are status-list credentials the verifier fetched earlier, each
checked against the same keys (``offline_status_lists``), and the verdict says how old they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from registry.domain import clock
from registry.domain.credentials import identity
from registry.domain.credentials.issuing import VC_JWT
from registry.domain.credentials.jose import JWKS, SignatureRejected, verify_jws
from registry.domain.credentials.receipts import RECEIPT, verify_receipt
from registry.domain.credentials.status import PURPOSES, status_list
from registry.domain.credentials.vc import verify_vc_jwt
from registry.domain.credentials.verdicts import (
    NOT_SIGNED,
    UNKNOWN_KIND,
    Context,
    ListedStatus,
    StatusLists,
    Verdict,
    Verifier,
)


def verify(token: str, jwks: JWKS, context: Context, verifiers: Mapping[str, Verifier] | None = None) -> Verdict:
    """The verdict on ``token``: not the register's, or what the verifier of its ``typ`` says."""
    try:
        header, payload = verify_jws(token, jwks)
    except SignatureRejected as rejected:
        return Verdict(False, NOT_SIGNED, str(rejected))
    verifier = (verifiers if verifiers is not None else VERIFIERS).get(str(header.get("typ")))
    if verifier is None:
        return Verdict(
            True,
            UNKNOWN_KIND,
            f"The register signed this, but it is a kind of document ({header.get('typ')}) this check does not know.",
            kid=header.get("kid"),
            payload=payload,
        )
    verdict = verifier(header, payload, context)
    verdict.kid = header.get("kid")
    verdict.payload = payload
    return verdict


def verify_online(token: str) -> Verdict:
    """The verdict against the register's own keys and status lists, now."""
    return verify(token, identity.jwks(), Context(register_status_lists(), clock.now()))


def register_status_lists() -> StatusLists:
    """The register's own lists, as they stand in this transaction."""
    own = {identity.status_list_url(purpose): purpose for purpose in PURPOSES}

    def read(address: str) -> ListedStatus | None:
        purpose = own.get(address)
        if purpose is None:
            return None
        listed = status_list(purpose)
        return ListedStatus(listed.encoded, listed.changed_at.isoformat()[:19] + "Z")

    return read


def offline_status_lists(tokens: Iterable[str], jwks: JWKS) -> StatusLists:
    """Status-list credentials kept by a verifier, each checked against ``jwks``; raises
    SignatureRejected for one that is not the register's, or not a status list."""
    held: dict[str, ListedStatus] = {}
    for token in tokens:
        _, payload = verify_jws(token, jwks)
        subject = payload.get("credentialSubject")
        if "BitstringStatusListCredential" not in payload.get("type", []) or not isinstance(subject, dict):
            raise SignatureRejected("A file given as a status list is not one of the register's status lists.")
        held[str(payload.get("id"))] = ListedStatus(str(subject.get("encodedList")), str(payload.get("validFrom")))
    return held.get


VERIFIERS: dict[str, Verifier] = {VC_JWT: verify_vc_jwt, RECEIPT: verify_receipt}
