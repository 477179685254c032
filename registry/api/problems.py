"""Stopping a request with an RFC 9457 problem, and documenting which problems an operation returns.

``abort_problem`` raises the HTTP error with the problem's fields attached; ``registry.errors``
renders every error under /api/ as ``application/problem+json`` from them. ``PROBLEM_RESPONSES``
are the response components the operations refer to (registered by ``RegisterApi``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from flask import abort
from werkzeug.exceptions import HTTPException

from registry.domain.errors import NotFound
from registry.domain.registration_numbers import InvalidRegistrationNumber

# What each documented problem status means in this API.
PROBLEM_DESCRIPTIONS = {
    400: "The request could not be read (for example, a body that is not JSON or CSV, or JSON nested too deeply).",
    401: "A valid API key is needed: send `Authorization: Bearer smr_…`.",
    404: "There is nothing at this address (or it belongs to another local authority).",
    405: "The method is not allowed here; the `Allow` header lists those that are.",
    413: "The request body is too large.",
    415: "The request body is not in a media type this operation accepts.",
    422: "The request was read but is not valid; `errors` says where, with JSON pointers.",
    429: "Too many requests; wait for the number of seconds in `Retry-After`.",
    503: "The register cannot answer for a moment (its database is away); try again after `Retry-After` seconds.",
}


def abort_problem(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    type_slug: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, object] | None = None,
) -> NoReturn:
    try:
        abort(status)
    except HTTPException as error:
        error.data = {  # type: ignore[attr-defined]  # what flask-smorest reads from an HTTPException
            "title": title,
            "detail": detail,
            "type_slug": type_slug,
            "errors": errors,
            "headers": headers or {},
            "extra": extra or {},  # further members of the problem (ProblemSchema declares them)
        }
        raise


def abort_mistyped(error: InvalidRegistrationNumber, text: str, location: str = "path") -> NoReturn:
    """A malformed or mistyped registration number: 422, never a 500 and never "not accredited"."""
    abort_problem(
        422,
        "Check the registration number",
        f"{text!r} is not a registration number on this register. {error}.",
        type_slug="invalid-registration-number",
        errors=[{"location": location, "pointer": "#/registration_number", "detail": str(error)}],
    )


def abort_invalid(detail: str, pointer: str, location: str = "query") -> NoReturn:
    """A value that passed the schema but broke a rule (a date in the future, an unknown LA code)."""
    abort_problem(
        422, "The request is not valid", detail, errors=[{"location": location, "pointer": pointer, "detail": detail}]
    )


def abort_not_found(detail: str) -> NoReturn:
    abort_problem(404, "Not found", detail)


@contextmanager
def registration_number_problems(registration_number: str) -> Iterator[None]:
    """Around a call about the mediator at ``registration_number``: a mistyped number is a 422 problem,
    one that is not on the register (or not on this watchlist) a 404."""
    try:
        yield
    except InvalidRegistrationNumber as error:
        abort_mistyped(error, registration_number)
    except NotFound as error:
        abort_not_found(str(error))


@contextmanager
def programme_reference_problems(reference: str) -> Iterator[None]:
    """Around a call about the training programme ``reference``: a reference that cannot be one is a
    422 problem, one that is not on the register a 404."""
    try:
        yield
    except InvalidRegistrationNumber as error:
        abort_problem(
            422,
            "Check the programme reference",
            f"{reference!r} is not a training programme reference on this register. {error}.",
            type_slug="invalid-programme-reference",
            errors=[{"location": "path", "pointer": "#/reference", "detail": str(error)}],
        )
    except NotFound as error:
        abort_not_found(str(error))


def responses(*statuses: int) -> dict[Any, Any]:
    """``@blp.doc(**responses(404, 422))``: the operation documents these problem responses."""
    return {"responses": {str(status): {"$ref": f"#/components/responses/PROBLEM_{status}"} for status in statuses}}
