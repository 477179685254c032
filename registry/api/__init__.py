"""The public API under /api/v1, built with flask-smorest (OpenAPI 3.1 at /api/v1/openapi.json,
a readable page at /api/v1/docs).

Adding a resource (``/training-programmes`` comes this way):

1. Write ``registry/api/<resource>.py`` with a flask-smorest ``Blueprint`` whose ``url_prefix``
   starts ``/api/v1`` and one ``MethodView`` per address. Every view class declares
   ``access_level`` (``PUBLIC``, or ``"capability:<name>"`` with
   ``decorators = [key_required("<name>")]`` and ``@blp.doc(**SECURITY)``, both from ``auth``).
2. A GET with arguments: ``@reads_query(blp, <QuerySchema>, <Schema>, 404)`` from ``conventions``
   (the query string read with the schema, page lists with ``PageQuerySchema``; the 200 answer with
   a schema from ``schemas/public.py``, public fields only, listed explicitly, or
   ``schemas/privileged.py``; the problems it may answer besides 422; 429 and 503, and the common
   headers, every operation declares through ``contract``). Otherwise
   ``@blp.arguments`` and ``@blp.response(200, <Schema>)``, with problems documented by
   ``@blp.doc(**responses(404))``. Lists return ``paginated(Page(...))`` from ``conventions``.
   Stop with ``abort_problem``/``abort_not_found``/``abort_mistyped`` (or, around a call about a
   registration number, ``registration_number_problems``) from ``problems``, never a bare 500. Call
   the domain; no queries here.
   A path parameter holding a registration number or reference is documented with a ``format``
   (``registration-number``), not a ``pattern``: a pattern cannot say which check character is right,
   so fuzzers would take mistyped numbers (a 422 by contract) for valid ones.
3. Add the blueprint to ``BLUEPRINTS`` below (it then gets the rate limits, CORS, ETags).
4. Regenerate the committed contract and review its diff:
   ``UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi_snapshot.py``.
"""

from __future__ import annotations

import http

from flask import Flask
from flask_smorest import Api, Blueprint

from registry.api import (
    changes,
    checks,
    conventions,
    credentials,
    docs,
    mediators,
    reference,
    standards,
    training_programmes,
    watchlist,
)
from registry.api.auth import refuse_broken_keys
from registry.api.contract import ContractPlugin, header_refs
from registry.api.limits import DEFAULT_ANONYMOUS_LIMIT, DEFAULT_KEYED_LIMIT, limit_blueprint
from registry.api.problems import PROBLEM_DESCRIPTIONS
from registry.api.schemas.common import ProblemSchema
from registry.domain.search import filter_codes
from registry.extensions import csrf

BLUEPRINTS: tuple[Blueprint, ...] = (
    mediators.blp,
    checks.blp,
    watchlist.blp,
    changes.blp,
    standards.blp,
    reference.bodies_blp,
    reference.local_authorities_blp,
    training_programmes.blp,
    credentials.blp,
)
PROBLEM_JSON = "application/problem+json"
# The headers each documented problem carries besides X-Request-ID (declared in registry.api.contract).
PROBLEM_HEADERS = {401: ("WWW-Authenticate",), 405: ("Allow",), 429: ("Retry-After",), 503: ("Retry-After",)}

for _blueprint in BLUEPRINTS:  # once per blueprint, not per app: the limits live on the shared limiter
    limit_blueprint(_blueprint)
    _blueprint.before_request(refuse_broken_keys)


class RegisterApi(Api):
    """flask-smorest's Api, minus its JSON error handler: ``registry.errors`` answers every error,
    as an RFC 9457 problem under /api/ (keeping headers such as ``Allow`` that smorest drops).
    Its documented error responses are problems too."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        return None

    def _register_responses(self) -> None:
        self.spec.components.schema("Problem", schema=ProblemSchema)
        problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
        for status in http.HTTPStatus:
            if status >= 400:
                response = {"description": status.phrase, "content": {PROBLEM_JSON: problem}}
                self.spec.components.response(status.name, response, lazy=True)
        self.spec.components.response(
            self.DEFAULT_ERROR_RESPONSE_NAME,
            {"description": "A problem (RFC 9457).", "content": {PROBLEM_JSON: problem}},
            lazy=True,
        )
        for code, description in PROBLEM_DESCRIPTIONS.items():
            headers = header_refs(*PROBLEM_HEADERS.get(code, ()), "X-Request-ID")
            response = {"description": description, "content": {PROBLEM_JSON: problem}, "headers": headers}
            self.spec.components.response(f"PROBLEM_{code}", response)


def _description(app: Flask) -> str:
    return (
        "The public register of accredited SEND mediators in England, for local authorities' systems, "
        "advocates and open-data users.\n\n"
        "**Keys.** Most endpoints need no key. Bulk checks and the watchlist need your local authority's API "
        "key (`Authorization: Bearer smr_…`), which an LA officer creates in the LA workspace; it is shown "
        "once. Sending a key that does not work is refused with 401 everywhere.\n\n"
        f"**Rate limits.** Without a key: {app.config['API_RATE_LIMIT_ANONYMOUS']} per IP address; with a key: "
        f"{app.config['API_RATE_LIMIT_KEYED']} per key, across the whole API. Every response says where you "
        "stand (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` in seconds, and the "
        "`X-RateLimit-*` equivalents with `X-RateLimit-Reset` as a Unix time); past the limit you get 429 "
        "with `Retry-After`.\n\n"
        "**Conventions.** Errors are RFC 9457 problems (`application/problem+json`); invalid requests list "
        "each bad value in `errors` with a JSON pointer. A mistyped registration number is a 422 that says "
        'so, never "not accredited". Lists are paginated (`page`, `per_page` up to 100) with `Link` headers '
        "and `has_more`. GET responses carry strong `ETag`s and answer `If-None-Match` with 304. Read "
        "endpoints allow CORS from any origin. Dates are ISO 8601; timestamps are UTC.\n\n"
        "**Keeping a copy.** Load `/exports/register.csv`, note its `X-Register-Sequence`, then follow "
        "`/changes?after=` that sequence: nothing is missed in between."
    )


def _filter_codes(app: Flask) -> dict[str, list[str]]:
    with app.app_context():
        return filter_codes()


def register_api(app: Flask) -> None:
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_RATE_LIMIT_ANONYMOUS", DEFAULT_ANONYMOUS_LIMIT)
    app.config.setdefault("API_RATE_LIMIT_KEYED", DEFAULT_KEYED_LIMIT)
    api = RegisterApi(
        app,
        spec_kwargs={
            "info": {"description": _description(app)},
            "extra_plugins": [ContractPlugin(_filter_codes(app))],
            # Where this register answers (its paths already begin /api/v1), so a generated client
            # needs no base address of its own.
            "servers": [{"url": str(app.config["PUBLIC_BASE_URL"]).rstrip("/"), "description": "This register"}],
        },
    )
    api.spec.components.security_scheme(
        "apiKey",
        {"type": "http", "scheme": "bearer", "description": "Your local authority's API key: `smr_…`."},
    )
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.extensions["register_api"] = api
    conventions.init_app(app)
    docs.init_app(app)
    # API calls authenticate with a bearer key or not at all; there is no cookie session to forge.
    for name in ("api-docs", *(blueprint.name for blueprint in BLUEPRINTS)):
        csrf.exempt(app.blueprints[name])
