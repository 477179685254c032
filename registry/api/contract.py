"""What every operation of the API answers besides its own body, declared once in the spec.

The conventions (``registry.api.conventions``, ``registry.api.limits``, ``registry.observability``,
``registry.errors``) add the same headers and answers to every operation at run time; this apispec
plugin says so in the spec, operation by operation, so a client generated from it knows them all:

- every response: ``X-Request-ID``; every successful one: ``RateLimit-*`` and ``X-RateLimit-*``;
- every GET: a strong ``ETag`` on its 200 and a ``304`` for a matching ``If-None-Match``;
- every list (an operation with a ``page`` parameter): ``Link`` on its 200;
- every operation: ``429`` (with ``Retry-After``) and ``503`` (the database is away: ``Retry-After``);
- a query parameter coded by a vocabulary of the current standards (``specialism``, ``language``, ``format``):
  its codes as an ``enum`` (any other is a 422: ``registry.domain.search.UnknownFilterValue``);
- every operation: an ``operationId`` made from its method and path (``get_mediators_registration_number``),
  so generated clients name their functions alike;
- ``LINKS``: OpenAPI links from an answer to the operations a client goes on to (a search result
  to its mediator, a mediator to their status and history, a stored check to itself), so tools
  that walk the API (schemathesis' stateful phase) follow the journeys people make.
"""

from __future__ import annotations

from typing import Any

from apispec import BasePlugin

from registry.api.problems import responses

HEADERS: dict[str, dict[str, Any]] = {
    "X-Request-ID": {
        "description": "This request's id: the one sent, when it is a sane token, else a new one. Quote it "
        "when asking about a request.",
        "schema": {"type": "string"},
    },
    "ETag": {
        "description": "A strong validator of this answer: send it back in `If-None-Match`.",
        "schema": {"type": "string"},
    },
    "Link": {
        "description": "RFC 8288 links to the `first`, `prev`, `next` and `last` pages.",
        "schema": {"type": "string"},
    },
    "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "string"}},
    "WWW-Authenticate": {"description": "`Bearer`: send an API key.", "schema": {"type": "string"}},
    "Allow": {"description": "The methods this address allows.", "schema": {"type": "string"}},
    "X-Register-Sequence": {"description": "The sequence the export was taken at.", "schema": {"type": "integer"}},
    "X-Register-Rows": {
        "description": "How many mediators the export lists: a copy with fewer rows is incomplete.",
        "schema": {"type": "integer"},
    },
    "Repr-Digest": {
        "description": "RFC 9530: the SHA-256 of the whole file (`sha-256=:<base64>:`), to check a copy.",
        "schema": {"type": "string"},
    },
    **{
        f"{prefix}-{name}": {"description": description, "schema": {"type": "integer"}}
        for prefix, reset in (("RateLimit", "seconds until the window resets"), ("X-RateLimit", "its Unix time"))
        for name, description in (
            ("Limit", "Requests allowed in the window."),
            ("Remaining", "Requests left in the window."),
            ("Reset", f"When the window resets: {reset}."),
        )
    },
}
RATE_LIMIT_HEADERS = [
    f"{prefix}-{name}" for prefix in ("RateLimit", "X-RateLimit") for name in ("Limit", "Remaining", "Reset")
]


def header_refs(*names: str) -> dict[str, dict[str, str]]:
    """The spec's references to these headers of ``HEADERS`` (declared once, as components)."""
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


NOT_MODIFIED = {
    "description": "Not modified: the `ETag` sent in `If-None-Match` still matches, so the copy you hold is current.",
    "headers": header_refs("ETag", "X-Request-ID"),
}


PREFIX = "/api/v1/"
NUMBER = "registration_number"
# (method, path, status) → {link name: (operationId it leads to, its parameters from this answer)}
LINKS: dict[tuple[str, str, str], dict[str, tuple[str, dict[str, str]]]] = {
    ("get", "/api/v1/mediators", "200"): {
        "first_result": ("get_mediators_registration_number", {NUMBER: "$response.body#/items/0/registration_number"}),
    },
    ("get", "/api/v1/mediators/{registration_number}", "200"): {
        "status": ("get_mediators_registration_number_status", {NUMBER: "$request.path.registration_number"}),
        "history": ("get_mediators_registration_number_history", {NUMBER: "$request.path.registration_number"}),
    },
    ("get", "/api/v1/mediators/{registration_number}/status", "200"): {
        "profile": ("get_mediators_registration_number", {NUMBER: "$response.body#/registration_number"}),
    },
    ("post", "/api/v1/checks", "201"): {
        "check": ("get_checks_check_id", {"check_id": "$response.body#/id"}),
    },
    ("get", "/api/v1/watchlist", "200"): {
        "first_watched": ("get_mediators_registration_number", {NUMBER: "$response.body#/items/0/registration_number"}),
    },
}


def operation_id(method: str, path: str) -> str:
    """``get`` of ``/api/v1/mediators/{registration_number}`` → ``get_mediators_registration_number``."""
    words = "".join(ch if ch.isalnum() else "_" for ch in path.removeprefix(PREFIX))
    return "_".join([method, *(word for word in words.split("_") if word)])


class ContractPlugin(BasePlugin):
    """Adds the API's common headers and answers to every operation (see the module docstring).
    ``codes``: for each vocabulary-coded query parameter, the codes it may take."""

    def __init__(self, codes: dict[str, list[str]]) -> None:
        self.codes = codes

    def init_spec(self, spec: Any) -> None:
        for name, header in HEADERS.items():
            spec.components.header(name, header)

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        for method, operation in (operations or {}).items():
            operation.setdefault("operationId", operation_id(method, path or ""))
            self._declare_codes(operation)
            answers = operation.setdefault("responses", {})
            for code, answer in answers.items():
                if str(code).startswith("2") and "$ref" not in answer:
                    _declare_success(method, path or "", str(code), answer, _lists(operation))
            if method == "get":
                answers.setdefault("304", NOT_MODIFIED)
            for code, problem in responses(429, 503)["responses"].items():
                answers.setdefault(code, problem)

    def _declare_codes(self, operation: dict[str, Any]) -> None:
        for parameter in _parameters(operation):
            if parameter.get("in") == "query" and parameter.get("name") in self.codes:
                parameter["schema"] = {**parameter.get("schema", {}), "enum": self.codes[parameter["name"]]}


def _declare_success(method: str, path: str, code: str, answer: dict[str, Any], listed: bool) -> None:
    """A successful answer's common headers, and its links to the operations a client goes on to."""
    names = ["X-Request-ID", *RATE_LIMIT_HEADERS]
    if method == "get" and code == "200":
        names += ["ETag", "Link"] if listed else ["ETag"]
    headers = answer.setdefault("headers", {})
    for name, ref in header_refs(*names).items():
        headers.setdefault(name, ref)
    links = LINKS.get((method, path, code), {})
    if links:
        answer["links"] = {
            name: {"operationId": target, "parameters": parameters} for name, (target, parameters) in links.items()
        }


def _lists(operation: dict[str, Any]) -> bool:
    """A paginated list: it takes a ``page``."""
    return any(parameter.get("name") == "page" for parameter in _parameters(operation))


def _parameters(operation: dict[str, Any]) -> list[dict[str, Any]]:
    return [parameter for parameter in operation.get("parameters", []) if isinstance(parameter, dict)]
