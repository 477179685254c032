"""Page blueprints, one package per area (routes.py + forms.py)."""

from __future__ import annotations

from flask import Flask, Response, current_app, send_from_directory
from flask_login import current_user

from registry.auth import policy
from registry.auth.access import public
from registry.config import PROJECT_ROOT


@public
def assets(filename: str) -> Response:
    """GOV.UK Frontend's fonts, images and manifest, which its CSS loads from /assets/."""
    return send_from_directory(current_app.config["GOVUK_ASSETS_PATH"], filename, max_age=86400)


def _template_helpers() -> dict[str, object]:
    return {"policy": policy, "current_user": current_user, "roles_of": policy.roles_of}


def register_web(app: Flask) -> None:
    from registry.web import input_guard, layout, static_files
    from registry.web.numbers import BoundedInt

    app.url_map.converters["int"] = BoundedInt  # before any route is added
    from registry.web.account import settings  # noqa: F401  (adds the /account pages to the account blueprint)
    from registry.web.account.routes import bp as account_bp
    from registry.web.public.routes import bp as public_bp
    from registry.web.standards.routes import bp as standards_bp
    from registry.web.workspace.routes import bp as workspace_bp

    app.config.setdefault("GOVUK_ASSETS_PATH", str(PROJECT_ROOT / "registry" / "static" / "govuk" / "assets"))
    app.add_url_rule("/assets/<path:filename>", endpoint="assets", view_func=assets)
    app.context_processor(_template_helpers)
    layout.init_app(app)
    static_files.init_app(app)  # static_url(): fingerprinted addresses, kept for a year
    input_guard.init_app(app)
    for bp in (public_bp, account_bp, workspace_bp, standards_bp):
        app.register_blueprint(bp)
    from registry.web.check.routes import bp as check_bp
    from registry.web.concerns.routes import bp as concerns_bp
    from registry.web.find.routes import bp as find_bp
    from registry.web.guidance.routes import bp as guidance_bp
    from registry.web.la import services  # noqa: F401  (adds the commissioned services pages to the la blueprint)
    from registry.web.la.routes import bp as la_bp
    from registry.web.local_authorities.routes import bp as local_authorities_bp

    for bp in (find_bp, check_bp, la_bp, guidance_bp, concerns_bp, local_authorities_bp):
        app.register_blueprint(bp)
    from registry.web.log_review.routes import bp as log_review_bp
    from registry.web.mediator.routes import bp as mediator_bp

    for bp in (mediator_bp, log_review_bp):
        app.register_blueprint(bp)
    from registry.web.programme_decisions.routes import bp as programme_decisions_bp
    from registry.web.trainer.routes import bp as trainer_bp
    from registry.web.training.routes import bp as training_bp

    for bp in (training_bp, trainer_bp, programme_decisions_bp):
        app.register_blueprint(bp)
    from registry.web.actions.routes import bp as actions_bp
    from registry.web.admin.routes import bp as admin_bp
    from registry.web.concern_handling.routes import bp as concern_handling_bp
    from registry.web.oversight import audits  # noqa: F401  (adds the CPD audit pages to the oversight blueprint)
    from registry.web.oversight.routes import bp as oversight_bp
    from registry.web.published.routes import bp as published_bp
    from registry.web.returns.routes import bp as returns_bp

    for bp in (oversight_bp, concern_handling_bp, returns_bp, actions_bp, published_bp, admin_bp):
        app.register_blueprint(bp)
    from registry.web.provider.routes import bp as provider_bp
    from registry.web.providers.routes import bp as providers_bp

    for bp in (provider_bp, providers_bp):
        app.register_blueprint(bp)
    from registry.web.applications.routes import bp as applications_bp
    from registry.web.mediators.routes import bp as mediators_bp
    from registry.web.notifications.routes import bp as notifications_bp
    from registry.web.registrar.routes import bp as registrar_bp

    for bp in (registrar_bp, applications_bp, mediators_bp, notifications_bp):
        app.register_blueprint(bp)
    from registry.web.account_links.routes import bp as account_links_bp
    from registry.web.api_keys.routes import bp as api_keys_bp
    from registry.web.api_keys.webhooks import bp as webhooks_bp

    app.register_blueprint(api_keys_bp)
    app.register_blueprint(webhooks_bp)
    app.register_blueprint(account_links_bp)
    from registry.web.verify.routes import bp as verify_bp

    app.register_blueprint(verify_bp)
    from registry.web.consultations.routes import bp as consultations_bp
    from registry.web.consultations.work import bp as consultation_work_bp

    app.register_blueprint(consultations_bp)
    app.register_blueprint(consultation_work_bp)
