"""What every page's layout needs: the service navigation and the signed-in person's workspaces.

Templates receive ``service_navigation`` (the public sections, for GOV.UK's service navigation,
with the current one marked), ``account_navigation`` (sign in, or the workspace and sign out, shown
in the header) and ``your_workspaces`` (one link per role the person holds, for the workspace
sub-navigation). Outside a request (an email rendered by a CLI command) nothing is added.
"""

from __future__ import annotations

from flask import Flask, has_request_context, request, url_for
from flask_login import current_user

from registry.auth.capabilities import WORKSPACES
from registry.auth.policy import roles_of
from registry.errors import database_unavailable

# Plain paths rather than url_for: several of these pages arrive in later issues, and the
# addresses are fixed by DESIGN §11 either way.
PUBLIC_NAVIGATION = (
    ("Find a mediator", "/mediators"),
    ("Check a number", "/check"),
    ("Standards", "/standards"),
    ("Training", "/training"),
    ("Routes to resolve a disagreement", "/routes-to-resolve"),
)

WORKSPACE_NAMES = {
    "admin": "Register administration",
    "oversight": "Oversight panel",
    "registrar": "Registrar",
    "trainer": "Training provider",
    "provider": "Mediation provider",
    "la_officer": "Local authority",
    "mediator": "Mediator",
}


def navigation_item(text: str, href: str) -> dict[str, object]:
    """A link marked ``current`` on its own page and ``active`` anywhere beneath it."""
    path = request.path.rstrip("/") or "/"
    return {
        "text": text,
        "href": href,
        "current": path == href,
        "active": href != "/" and path.startswith(href.rstrip("/") + "/"),
    }


def _account_navigation() -> list[dict[str, object]]:
    if current_user.is_authenticated:
        return [
            navigation_item("Your workspace", url_for("workspace.index")),
            navigation_item("Your account", url_for("account.account")),
            navigation_item("Sign out", url_for("account.sign_out")),
        ]
    return [navigation_item("Sign in", url_for("account.sign_in"))]


def _your_workspaces() -> list[dict[str, object]]:
    if not current_user.is_authenticated:
        return []
    return [navigation_item(WORKSPACE_NAMES[role], url_for(WORKSPACES[role])) for role in roles_of(current_user)]


def layout_context() -> dict[str, object]:
    if not has_request_context():
        return {}
    if database_unavailable():  # who is signed in cannot be read: show the public navigation only
        return {
            "service_navigation": [navigation_item(text, href) for text, href in PUBLIC_NAVIGATION],
            "account_navigation": [],
            "your_workspaces": [],
            "workspace_names": WORKSPACE_NAMES,
        }
    return {
        "service_navigation": [navigation_item(text, href) for text, href in PUBLIC_NAVIGATION],
        "account_navigation": _account_navigation(),
        "your_workspaces": _your_workspaces(),
        "workspace_names": WORKSPACE_NAMES,
    }


def init_app(app: Flask) -> None:
    app.context_processor(layout_context)
