"""The public API under /api/v1, built with flask-smorest (OpenAPI 3.1)."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from registry.extensions import csrf


class RegisterApi(Api):
    """flask-smorest's Api, minus its JSON error handler: ``registry.errors`` answers every error,
    as an RFC 9457 problem under /api/ (keeping headers such as ``Allow`` that smorest drops)."""

    def _register_error_handlers(self) -> None:
        return None


api = RegisterApi()


def register_api(app: Flask) -> None:
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    api.init_app(app, spec_kwargs={"info": {"description": "The public register of accredited SEND mediators."}})
    # API calls authenticate with a bearer key or not at all; there is no cookie session to forge.
    for blueprint_name in ("api-docs",):
        if blueprint_name in app.blueprints:
            csrf.exempt(app.blueprints[blueprint_name])
