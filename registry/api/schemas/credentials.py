"""What ``POST /api/v1/verify`` takes and answers (``registry.domain.credentials.verification``)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from registry.domain.credentials.jose import MAX_TOKEN_CHARACTERS, TOKEN_PATTERN
from registry.domain.credentials.verdicts import OUTCOMES


class VerifyRequestSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    token = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=MAX_TOKEN_CHARACTERS),
            validate.Regexp(TOKEN_PATTERN, error="A signed document is three parts of base64url text joined by dots."),
        ],
        metadata={
            "description": "The signed document as text: a credential (`application/vc+jwt`, from "
            "`/mediators/{registration_number}/credential`) or another compact JWS the register signed, "
            "exactly as given (no spaces or line breaks).",
            "example": "eyJhbGciOiJFZERTQSIsImN0eSI6InZjIiwia2lkIjoi...",
        },
    )


class FactSchema(ma.Schema):
    label = fields.String(required=True, metadata={"example": "Registration number"})
    value = fields.String(required=True, metadata={"example": "SM-004217-2"})


class VerdictSchema(ma.Schema):
    signed_by_register = fields.Boolean(
        required=True,
        metadata={"description": "Whether the signature is one of the register's keys' (`/.well-known/jwks.json`)."},
    )
    outcome = fields.String(
        required=True,
        validate=validate.OneOf(OUTCOMES),
        metadata={
            "description": "`valid` only when it is the register's and good to rely on now; `revoked` and "
            "`suspended` come from the status lists (`status_not_checked` when a list could not be read); "
            "`expired`, `not_yet_valid` from its dates; "
            "`not_signed_by_register` when the signature does not check (changed, or never the register's).",
            "example": "valid",
        },
    )
    headline = fields.String(required=True, metadata={"description": "The verdict in plain words."})
    kind = fields.String(required=True, metadata={"example": "accreditation credential"})
    kid = fields.String(allow_none=True, required=True, metadata={"description": "The key that signed it."})
    facts = fields.List(fields.Nested(FactSchema), required=True, metadata={"description": "What it says."})
    notes = fields.List(fields.String(), required=True, metadata={"description": "What could not be checked, and how."})
    payload = fields.Dict(
        allow_none=True, required=True, metadata={"description": "The signed content, once its signature checks."}
    )
