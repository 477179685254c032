"""``/api/v1``: the register's signed credentials, its status lists, and checking a signed document.

- ``GET /mediators/{registration_number}/credential`` and ``GET /training-programmes/{reference}/credential``:
  the VC-JWT of a current accreditation (``registry.domain.credentials.issuing``), signed as asked.
- ``GET /status-lists/{purpose}``: the signed Bitstring Status List (``revocation``, ``suspension``),
  with ``Cache-Control: public, max-age=60`` (its ``ttl``) and the usual ``ETag``.
- ``POST /verify``: the verdict on a token (``registry.domain.credentials.verification``), as the page
  ``/verify`` gives it.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from registry.api.mediators import NUMBER_PARAMETER
from registry.api.problems import (
    abort_not_found,
    programme_reference_problems,
    registration_number_problems,
    responses,
)
from registry.api.schemas.credentials import VerdictSchema, VerifyRequestSchema
from registry.api.training_programmes import REFERENCE_PARAMETER
from registry.auth.access import PUBLIC
from registry.domain.credentials import issuing, verification
from registry.domain.credentials.status import PURPOSES
from registry.domain.errors import NotFound
from registry.domain.registration_numbers import normalise

blp = Blueprint(
    "credentials",
    __name__,
    url_prefix="/api/v1",
    description="Signed proof of accreditation that travels: W3C Verifiable Credentials (VC-JWT) in the Open "
    "Badges 3.0 shape, the Bitstring Status Lists that say whether one is revoked or suspended now, and a "
    "check of any document the register signed. The keys are at `/.well-known/jwks.json`.",
)

VC_EXAMPLE = "eyJhbGciOiJFZERTQSIsImN0eSI6InZjIiwia2lkIjoi…In0.eyJAY29udGV4dCI6…fQ.c2lnbmF0dXJl…"
PURPOSE_PARAMETER = {
    "in": "path",
    "name": "purpose",
    "required": True,
    "description": "`revocation` (withdrawn or resigned: final) or `suspension` (suspended or lapsed: "
    "cleared on reinstatement).",
    "schema": {"type": "string", "enum": list(PURPOSES)},
}


def _credential(description: str) -> dict[str, Any]:
    return {"description": description, "content_type": issuing.MEDIA_TYPE, "example": VC_EXAMPLE}


def _vc_jwt(token: str, max_age: int | None = None) -> Response:
    response = Response(token, mimetype=issuing.MEDIA_TYPE)
    if max_age is not None:
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return response


@blp.route("/mediators/<registration_number>/credential", parameters=[NUMBER_PARAMETER])
class MediatorCredential(MethodView):
    access_level = PUBLIC

    @blp.response(
        200,
        **_credential(
            "The mediator's accreditation credential: an `OpenBadgeCredential` (VC Data Model 2.0) as a "
            "compact JWS (`typ` `vc+jwt`, `EdDSA`), issued from the register as it stands and naming its "
            "place on both status lists."
        ),
    )
    @blp.doc(**responses(404, 422))
    def get(self, registration_number: str) -> Response:
        """A mediator's accreditation credential (VC-JWT)

        Issued only for a current accreditation; for an entry that is suspended, lapsed, withdrawn
        or resigned the answer is a 404 problem saying so (its status is at
        `/mediators/{registration_number}/status`)."""
        with registration_number_problems(registration_number):
            return _vc_jwt(issuing.mediator_credential(registration_number))


@blp.route("/training-programmes/<reference>/credential", parameters=[REFERENCE_PARAMETER])
class ProgrammeCredential(MethodView):
    access_level = PUBLIC

    @blp.response(200, **_credential("The programme's accreditation credential, as a mediator's (VC-JWT)."))
    @blp.doc(**responses(404, 422))
    def get(self, reference: str) -> Response:
        """A training programme's accreditation credential (VC-JWT)"""
        with programme_reference_problems(reference):
            normalise(reference, "TP")
            return _vc_jwt(issuing.programme_credential(reference))


@blp.route("/status-lists/<purpose>", parameters=[PURPOSE_PARAMETER])
class StatusList(MethodView):
    access_level = PUBLIC

    @blp.response(
        200,
        description="A `BitstringStatusListCredential` (VC-JWT): `credentialSubject.encodedList` is the "
        "list (at least 131,072 positions) gzipped and base64url-encoded, after the multibase prefix `u`; "
        "position N is bit N counting from the most significant bit of the first byte, 1 meaning revoked "
        "(or suspended). Keep it for `ttl` milliseconds (`Cache-Control: max-age` says the same), then "
        "ask again with `If-None-Match`.",
        content_type=issuing.MEDIA_TYPE,
        example=VC_EXAMPLE,
    )
    @blp.doc(**responses(404))
    def get(self, purpose: str) -> Response:
        """A status list of the register's credentials"""
        try:
            token = issuing.status_list_credential(purpose)
        except NotFound as error:
            abort_not_found(str(error))
        return _vc_jwt(token, max_age=issuing.STATUS_LIST_TTL_SECONDS)


@blp.route("/verify")
class Verify(MethodView):
    access_level = PUBLIC

    @blp.arguments(VerifyRequestSchema)
    @blp.response(200, VerdictSchema)
    def post(self, args: dict[str, str]) -> Any:
        """Check a credential or other document the register signed

        Whether the signature is one of the register's keys', whether it is revoked or suspended now
        (from the register's own status lists), and what it says. A document that does not check is
        still a 200, with `signed_by_register` false and the reason in `headline`."""
        verdict = verification.verify_online(args["token"])
        return {
            "signed_by_register": verdict.signed_by_register,
            "outcome": verdict.outcome,
            "headline": verdict.headline,
            "kind": verdict.kind,
            "kid": verdict.kid,
            "facts": [{"label": label, "value": value} for label, value in verdict.facts],
            "notes": verdict.notes,
            "payload": verdict.payload,
        }
