"""``/api/v1/checks`` (key): bulk-check up to 1,000 registration numbers, kept as evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import marshmallow as ma
from flask import Response, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields

from registry.api.auth import SECURITY, key_required, the_key
from registry.api.problems import abort_invalid, abort_not_found, abort_problem, responses
from registry.api.schemas.privileged import CheckRequestSchema, CheckSchema
from registry.domain.accreditation.history import FutureDate
from registry.domain.checks import MAX_NUMBERS, CheckResult, get_check, numbers_from_csv, run_check
from registry.domain.credentials import receipts
from registry.domain.csv_cells import ControlCharacters
from registry.domain.errors import DomainError, NotFound
from registry.errors import validation_errors

blp = Blueprint(
    "checks",
    __name__,
    url_prefix="/api/v1/checks",
    description="Check many registration numbers at once, and keep the result as evidence of due diligence.",
)
CSV_DESCRIPTION = (
    "One registration number per line, or a CSV file with a header row that has a `registration_number` "
    "column. Blank lines are skipped. Give the date as the `as_at` query parameter."
)


@dataclass(frozen=True)
class CheckView:
    result: CheckResult
    url: str


def _view(result: CheckResult) -> CheckView:
    return CheckView(result, url_for("checks.CheckDetail", check_id=result.reference, _external=True))


class CheckQuerySchema(ma.Schema):
    as_at = fields.Date(
        metadata={"description": "Check the status on this date (for a CSV body; a JSON body may say it itself)."}
    )


def _json_request() -> tuple[list[str], date | None]:
    data = request.get_json(silent=True)
    if data is None:
        abort_problem(
            400, "The body is not valid JSON", errors=[{"location": "body", "pointer": "#", "detail": "Not JSON."}]
        )
    try:
        loaded = CheckRequestSchema().load(data)
    except ma.ValidationError as error:
        abort_problem(422, "The request is not valid", "See errors.", errors=_pointers(error.messages))
    return loaded["numbers"], loaded["as_at"]


def _csv_request() -> list[str]:
    try:
        text = request.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError:
        abort_problem(400, "The CSV could not be read", "Send the file as UTF-8 text.")
    try:
        numbers = numbers_from_csv(text)
    except ControlCharacters as refusal:
        abort_problem(
            422,
            "The request is not valid",
            str(refusal),
            errors=[{"location": "body", "pointer": "#", "detail": str(problem)} for problem in refusal.problems],
        )
    except DomainError as error:
        abort_problem(400, "The CSV could not be read", str(error))
    if not 1 <= len(numbers) <= MAX_NUMBERS:
        abort_invalid(f"Send between 1 and {MAX_NUMBERS:,} numbers; this file has {len(numbers):,}.", "#", "body")
    return numbers


def _pointers(messages: Any, location: str = "body") -> list[dict[str, str]]:
    return validation_errors({location: messages})


@blp.route("")
class CheckList(MethodView):
    access_level = "capability:run_bulk_checks"
    decorators = [key_required("run_bulk_checks")]

    @blp.arguments(CheckQuerySchema, location="query")
    @blp.response(
        201,
        CheckSchema,
        description="The check, stored. `Location` is its address.",
        headers={"Location": {"description": "The stored check's address.", "schema": {"type": "string"}}},
    )
    @blp.doc(
        **SECURITY,
        requestBody={
            "required": True,
            "content": {
                "application/json": {"schema": CheckRequestSchema},
                "text/csv": {"schema": {"type": "string", "description": CSV_DESCRIPTION}},
            },
        },
    )
    @blp.doc(**responses(400, 401, 413, 415, 422))
    def post(self, query: dict[str, date]) -> Any:
        """Check up to 1,000 registration numbers

        One result per input, in input order, duplicates and mistyped numbers included. Outcomes:
        `accredited`, `accredited_with_conditions`, `suspended`, `lapsed`, `withdrawn`,
        `not_accredited`, `not_found` (no mediator on the register has it) and `invalid_number`
        (malformed, or the check character is wrong: it looks mistyped). The check is stored:
        keep its `id` as evidence."""
        mimetype = request.mimetype
        if mimetype == "application/json":
            numbers, as_at = _json_request()
            as_at = as_at or query.get("as_at")
        elif mimetype in ("text/csv", "text/plain"):
            numbers, as_at = _csv_request(), query.get("as_at")
        else:
            abort_problem(415, "Send JSON or CSV", "Use Content-Type: application/json or text/csv.")
        key = the_key()
        try:
            result = run_check(numbers, as_at, organisation=key.organisation, store=True, api_key=key)
        except FutureDate as error:
            abort_invalid(str(error), "#/as_at", "body" if mimetype == "application/json" else "query")
        view = _view(result)
        return view, 201, {"Location": view.url}


@blp.route(
    "/<check_id>",
    parameters=[
        {"in": "path", "name": "check_id", "required": True, "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}}
    ],
)
class CheckDetail(MethodView):
    access_level = "capability:run_bulk_checks"
    decorators = [key_required("run_bulk_checks")]

    @blp.response(200, CheckSchema)
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 404))
    def get(self, check_id: str) -> Any:
        """A past check, as it was answered

        Only the local authority that made the check can read it."""
        key = the_key()
        try:
            return _view(get_check(check_id, {key.organisation_id}))
        except NotFound as error:
            abort_not_found(str(error))


RECEIPT_EXAMPLE = (
    "eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiIsInR5cCI6ImNoZWNrLXJlY2VpcHQrand0In0.eyJjaGVjayI6…fQ.c2lnbmF0dXJl…"
)


@blp.route(
    "/<check_id>/receipt",
    parameters=[
        {"in": "path", "name": "check_id", "required": True, "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}}
    ],
)
class CheckReceipt(MethodView):
    access_level = "capability:run_bulk_checks"
    decorators = [key_required("run_bulk_checks")]

    @blp.response(
        200,
        description="The check's receipt: a compact JWS (`typ` `check-receipt+jwt`, `EdDSA`, the `kid` of a key "
        "in `/.well-known/jwks.json`) whose payload holds the check's `id`, `as_at`, `recorded_at`, the local "
        "authority, who made it (`checked_by`: the API key or the officer), the `counts` and every result "
        "as stored. The same check gives the same receipt while the register's key is the same.",
        content_type=receipts.MEDIA_TYPE,
        example=RECEIPT_EXAMPLE,
    )
    @blp.doc(**SECURITY)
    @blp.doc(**responses(401, 404))
    def get(self, check_id: str) -> Any:
        """A past check's signed receipt

        Evidence that travels: keep it, or pass it on; anyone can check it with `POST /api/v1/verify`,
        on the page `/verify`, or offline with `flask credentials verify --offline JWKS`. Only the local
        authority that made the check can fetch it."""
        key = the_key()
        try:
            return Response(receipts.check_receipt(check_id, {key.organisation_id}), mimetype=receipts.MEDIA_TYPE)
        except NotFound as error:
            abort_not_found(str(error))
