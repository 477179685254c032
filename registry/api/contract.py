"""What every operation of the API answers besides its own body, declared once in the spec.

The conventions (``registry.api.conventions``, ``registry.api.limits``, ``registry.observability``,
``registry.errors``) add the same headers and answers to every operation at run time; this apispec
plugin says so in the spec, operation by operation, so a client generated from it knows them all:

- every response: ``X-Request-ID``; every successful one: ``RateLimit-*`` and ``X-RateLimit-*``;
- every GET: a strong ``ETag`` on its 200 and a ``304`` for a matching ``If-None-Match``;
- every list (an operation with a ``page`` parameter): ``Link`` on its 200;
- every operation: ``429`` (with ``Retry-After``) and ``503`` (the database is away: ``Retry-After``).
"""

from __future__ import annotations

from typing import Any

from apispec import BasePlugin

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
NOT_MODIFIED = {
    "description": "Not modified: the `ETag` sent in `If-None-Match` still matches, so the copy you hold is current.",
    "headers": {name: {"$ref": f"#/components/headers/{name}"} for name in ("ETag", "X-Request-ID")},
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/headers/{name}"}


class ContractPlugin(BasePlugin):
    """Adds the API's common headers and answers to every operation (see the module docstring)."""

    def init_spec(self, spec: Any) -> None:
        for name, header in HEADERS.items():
            spec.components.header(name, header)

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        for method, operation in (operations or {}).items():
            answers = operation.setdefault("responses", {})
            listed = any(parameter.get("name") == "page" for parameter in _parameters(operation))
            for code, answer in list(answers.items()):
                if str(code).startswith("2") and "$ref" not in answer:
                    headers = answer.setdefault("headers", {})
                    for name in ["X-Request-ID", *RATE_LIMIT_HEADERS]:
                        headers.setdefault(name, _ref(name))
                    if method == "get" and str(code) == "200":
                        headers.setdefault("ETag", _ref("ETag"))
                        if listed:
                            headers.setdefault("Link", _ref("Link"))
            if method == "get":
                answers.setdefault("304", NOT_MODIFIED)
            for code in ("429", "503"):
                answers.setdefault(code, {"$ref": f"#/components/responses/PROBLEM_{code}"})


def _parameters(operation: dict[str, Any]) -> list[dict[str, Any]]:
    return [parameter for parameter in operation.get("parameters", []) if isinstance(parameter, dict)]
