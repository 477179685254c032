"""``/api/v1/docs``: the API's documentation as a page of the register, rendered here from the
OpenAPI document itself, so it loads nothing from another site and cannot drift from the spec."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Flask, current_app, render_template
from flask.typing import ResponseReturnValue
from markupsafe import Markup, escape

from registry.auth.access import public

bp = Blueprint("api-documentation", __name__, url_prefix="/api/v1")
METHODS = ("get", "put", "post", "delete", "patch")


def _resolve(spec: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/components/...``) one level."""
    ref = item.get("$ref")
    if not ref:
        return item
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def prose(text: str | None) -> Markup:
    """The spec's Markdown-lite (paragraphs, `code`, **bold**) as HTML, escaped first."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        html = str(escape(" ".join(block.split())))
        html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
        html = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", html)
        paragraphs.append(f'<p class="govuk-body">{html}</p>')
    return Markup("".join(paragraphs))


def type_of(schema: dict[str, Any] | None) -> Markup:
    """A schema's type in words, linking to named schemas on the page."""
    if not schema:
        return Markup("any")
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return Markup(f'<a class="govuk-link" href="#schema-{escape(name)}">{escape(name)}</a>')
    if "anyOf" in schema:
        return Markup(" or ").join(type_of(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    kinds = kind if isinstance(kind, list) else [kind]
    words = []
    for k in kinds:
        if k == "array":
            words.append(Markup("array of ") + type_of(schema.get("items")))
        else:
            words.append(
                escape(k) + (Markup(f" ({escape(schema['format'])})") if k == "string" and "format" in schema else "")
            )
    return Markup(" or ").join(words)


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation, in path order, with its references resolved for the template."""
    found = []
    for path, item in spec.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            responses = {status: _resolve(spec, r) for status, r in sorted(operation.get("responses", {}).items())}
            found.append(
                {
                    "id": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "").replace("--", "-"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "keyed": bool(operation.get("security")),
                    "parameters": [_resolve(spec, p) for p in shared + operation.get("parameters", [])],
                    "request_body": operation.get("requestBody"),
                    "responses": responses,
                    "tag": (operation.get("tags") or [""])[0],
                }
            )
    return found


@bp.get("/docs")
@public
def documentation() -> ResponseReturnValue:
    spec = current_app.extensions["register_api"].spec.to_dict()
    return render_template(
        "api/docs.html",
        spec=spec,
        operations=operations(spec),
        schemas=spec.get("components", {}).get("schemas", {}),
        prose=prose,
        type_of=type_of,
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
