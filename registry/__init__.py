"""The SEND Mediation Register. ``create_app`` is the only thing here: no work at import time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from registry.config import PROJECT_ROOT, settings_from_environment


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.from_mapping(settings_from_environment(Path(app.instance_path)))
    if config:
        app.config.update(config)

    from registry import (
        cli,
        compression,
        database,
        errors,
        extensions,
        fast_lane,
        health,
        observability,
        register_version,
        security_headers,
        shared_state,
        templating,
        unit_of_work,
    )
    from registry.api import register_api
    from registry.auth import login
    from registry.domain import publication, subscriptions
    from registry.web import register_web

    extensions.db.init_app(app)
    shared_state.init_app(app)
    register_version.init_app(app)  # public changes move the register's version on; kept answers key on it
    database.init_app(app)
    unit_of_work.init_app(app)  # first: its after-request commit runs last, after every other hook
    subscriptions.init_app(app)  # who reacts to each domain event (registry.domain.events)
    publication.init_app(app)  # every public change is published to the change feed as it commits
    extensions.migrate.init_app(
        app, extensions.db, directory=str(PROJECT_ROOT / "migrations"), **database.MIGRATION_OPTIONS
    )
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    login.init_app(app)
    templating.init_app(app)
    fast_lane.init_app(app)  # kept public answers, served before Flask: inside the request clock below
    observability.init_app(app)  # request ids, the JSON request log, /metrics
    errors.init_app(app)
    compression.init_app(app)  # public answers compressed: its hook runs after security_headers' no-store
    security_headers.init_app(app)  # before the blueprints and the API: its hook runs after theirs
    register_web(app)
    register_api(app)
    health.init_app(app)
    cli.init_app(app)
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:  # outermost, so everything inside sees the client's address and scheme, not the proxy's
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]
    return app
