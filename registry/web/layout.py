"""What every page's layout needs: the service navigation and the signed-in person's workspaces.

Templates receive ``service_navigation`` (the public sections, for GOV.UK's service navigation,
with the current one marked), ``account_navigation`` (sign in, or the workspace and sign out, shown
in the header) and ``your_workspaces`` (one link per role the person holds, for the workspace
sub-navigation). Outside a request (an email rendered by a CLI command) nothing is added.

Every sub-navigation (a workspace's own pages, the person's workspaces) is built by
``sub_navigation`` (a template global too) and drawn by ``registerSubNavigation(label, items)`` in
templates/components/sub-navigation.html.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, has_request_context, request, url_for
from flask_login import current_user

from registry.auth.capabilities import WORKSPACES
from registry.auth.policy import roles_of
from registry.domain import inbox
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
    "standards_group": "Standards working group",
}


def _path() -> str:
    return request.path.rstrip("/") or "/"


def _beneath(path: str, href: str) -> bool:
    return href != "/" and path.startswith(href.rstrip("/") + "/")


def navigation_item(text: str, href: str) -> dict[str, object]:
    """A header or service navigation link, marked ``current`` on its own page and ``active``
    anywhere beneath it."""
    path = _path()
    return {"text": text, "href": href, "current": path == href, "active": _beneath(path, href)}


def sub_navigation(pages: Iterable[tuple[str, str]]) -> list[dict[str, object]]:
    """The items for ``registerSubNavigation(label, items)``, from (link text, endpoint) pairs.

    The link to this page is ``current`` (aria-current="page"). On a page without a link of its
    own, the link of the section it lies beneath is ``active`` (aria-current="true"), so at most one
    link is marked. A link that other links lie beneath (a workspace's overview) stands for its own
    page only: it is never marked merely because the page lies beneath it.
    """
    path = _path()
    links = [(text, url_for(endpoint)) for text, endpoint in pages]
    hrefs = [href for _, href in links]
    sections = [href for href in hrefs if not any(_beneath(other, href) for other in hrefs)]
    section = None if path in hrefs else next((href for href in sections if _beneath(path, href)), None)
    return [{"text": text, "href": href, "current": href == path, "active": href == section} for text, href in links]


def _account_navigation() -> list[dict[str, object]]:
    if current_user.is_authenticated:
        unread = inbox.unread_count(current_user)
        notifications = navigation_item(
            f"Notifications ({unread} unread)" if unread else "Notifications", url_for("notifications.index")
        )
        workspace = navigation_item("Your workspace", url_for("workspace.index"))
        if notifications["current"] or notifications["active"]:  # beneath /workspace too: mark one link only
            workspace["active"] = False
        return [
            workspace,
            notifications,
            navigation_item("Your account", url_for("account.account")),
            navigation_item("Sign out", url_for("account.sign_out")),
        ]
    return [navigation_item("Sign in", url_for("account.sign_in"))]


def _your_workspaces() -> list[dict[str, object]]:
    if not current_user.is_authenticated:
        return []
    return sub_navigation((WORKSPACE_NAMES[role], WORKSPACES[role]) for role in roles_of(current_user))


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
    app.add_template_global(sub_navigation)
