"""``/verify``: anyone pastes or uploads a credential (or another document the register signed) and is
told in plain words whether the signature is the register's, whether it is revoked or suspended now,
and what it says (``registry.domain.credentials.verification``, as ``POST /api/v1/verify`` answers).

And the register's public keys, for verifiers: ``/.well-known/jwks.json`` (a JWK set) and
``/.well-known/did.json`` (the ``did:web`` document naming the same keys).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template
from flask.typing import ResponseReturnValue

from registry.auth.access import public
from registry.domain.credentials import identity, verification
from registry.domain.errors import DomainError
from registry.extensions import limiter
from registry.web.refusals import show_refusal
from registry.web.verify.forms import VerifyForm

bp = Blueprint("verify", __name__)

KEYS_MAX_AGE = 300  # a rotated key appears within five minutes; old keys never leave


@bp.route("/verify", methods=["GET", "POST"])
@public
@limiter.limit("30 per minute", methods=["POST"])
def verify() -> ResponseReturnValue:
    form = VerifyForm()
    if form.validate_on_submit():
        try:
            token = form.signed_text()
        except DomainError as error:
            show_refusal(form, error, "token")
        else:
            return render_template("verify/result.html", verdict=verification.verify_online(token))
    return render_template("verify/index.html", form=form)


@bp.get("/.well-known/jwks.json")
@public
def jwks() -> Response:
    return _public_json(identity.jwks(), "application/jwk-set+json")


@bp.get("/.well-known/did.json")
@public
def did() -> Response:
    return _public_json(identity.did_document(), "application/did+json")


def _public_json(document: object, mimetype: str) -> Response:
    response = jsonify(document)
    response.mimetype = mimetype
    response.headers["Cache-Control"] = f"public, max-age={KEYS_MAX_AGE}"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
