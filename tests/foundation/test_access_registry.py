"""Every endpoint declares who may reach it; a new route fails here until someone classifies it."""

from __future__ import annotations

from flask import Flask

from registry.auth.access import PUBLIC, SIGNED_IN, access_level_of
from registry.auth.capabilities import ALL_CAPABILITIES


def test_every_endpoint_declares_its_access_level(app: Flask) -> None:
    undeclared = sorted(
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if access_level_of(rule.endpoint, app.view_functions[rule.endpoint]) is None
    )
    assert undeclared == [], f"endpoints without an access level: {undeclared}"


def test_declared_levels_are_known(app: Flask) -> None:
    known = {PUBLIC, SIGNED_IN} | {f"capability:{c}" for c in ALL_CAPABILITIES}
    levels = {access_level_of(rule.endpoint, app.view_functions[rule.endpoint]) for rule in app.url_map.iter_rules()}
    assert levels <= known


def test_workspace_pages_need_sign_in_and_the_right_role(client, client_as) -> None:
    response = client.get("/workspace/registrar")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert client_as("la_officer").get("/workspace/registrar").status_code == 403
    assert client_as("registrar").get("/workspace/registrar").status_code == 200


def test_each_role_reaches_its_own_workspace(client_as) -> None:
    expected = {
        "admin": "/workspace/admin",
        "oversight": "/workspace/oversight",
        "registrar": "/workspace/registrar",
        "trainer": "/workspace/trainer",
        "provider": "/workspace/provider",
        "la_officer": "/workspace/local-authority",
        "mediator": "/workspace/mediator",
    }
    for role, path in expected.items():
        c = client_as(role)
        response = c.get("/workspace")
        assert response.status_code == 302 and response.headers["Location"].endswith(path), role
        assert c.get(path).status_code == 200, role
