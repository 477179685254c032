"""Hardened responses (registry/security_headers.py): the same protective headers on pages, API
answers and error pages; HSTS only over HTTPS; ``no-store`` on what is private and not on what is
public. And no template holds an inline script or style, which the policy would block."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from registry import create_app
from registry.config import PROJECT_ROOT
from registry.models import Mediator
from tests.fixtures.factories import Factories

TEMPLATES = PROJECT_ROOT / "templates"
EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def assert_hardened(response: TestResponse) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, f"{name} on {response.request.path}"
    policy = dict(
        (directive.split(" ", 1) + [""])[:2] for directive in response.headers["Content-Security-Policy"].split("; ")
    )
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # SESSION_COOKIE_SECURE is off in tests


def no_store(response: TestResponse) -> bool:
    return response.cache_control.no_store


@pytest.fixture
def listed(factories: type[Factories]) -> Mediator:
    mediator = factories.mediator(display_name="Ada Lovelace")
    factories.accreditation(mediator)
    return mediator


@pytest.fixture
def api_token(factories: type[Factories]) -> str:
    from registry.domain import api_keys

    officer = factories.person_with_role("la_officer")
    return api_keys.create_key(officer.roles[0].organisation, officer, "Case management system").token


def test_public_pages_are_hardened_and_keep_their_caching(client: FlaskClient, listed: Mediator) -> None:
    for path in ("/", "/mediators", f"/mediators/{listed.registration_number}", "/api/v1/docs"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_hardened(response)
        assert "Cache-Control" not in response.headers, path


def test_error_pages_are_hardened(client: FlaskClient) -> None:
    for path in ("/no-such-page", "/api/v1/no-such-thing"):
        response = client.get(path)
        assert response.status_code == 404
        assert_hardened(response)
        assert not no_store(response)


def test_the_public_api_keeps_its_etags_and_cors(client: FlaskClient, listed: Mediator) -> None:
    path = f"/api/v1/mediators/{listed.registration_number}"
    response = client.get(path, headers={"Origin": "https://la.example.test"})
    assert response.status_code == 200
    assert_hardened(response)
    assert response.headers["Cache-Control"] == "no-cache" and response.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get(path, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not no_store(again)


def test_keyed_api_answers_are_not_stored(client: FlaskClient, api_token: str) -> None:
    keyed = {"Authorization": f"Bearer {api_token}"}
    for path in ("/api/v1/watchlist", "/api/v1/mediators"):  # a keyed endpoint, and a public one called with a key
        response = client.get(path, headers=keyed)
        assert response.status_code == 200, path
        assert_hardened(response)
        assert response.headers["Cache-Control"] == "no-store", path
        assert response.headers["ETag"]
    watchlist = client.get("/api/v1/watchlist", headers=keyed)
    again = client.get("/api/v1/watchlist", headers={**keyed, "If-None-Match": watchlist.headers["ETag"]})
    assert again.status_code == 304 and again.headers["Cache-Control"] == "no-store"
    refused = client.get("/api/v1/watchlist", headers={"Authorization": "Bearer smr_not-a-key"})
    assert refused.status_code == 401 and no_store(refused)


def test_pages_for_a_signed_in_person_are_not_stored(client_as: Callable[..., FlaskClient]) -> None:
    officer = client_as("la_officer")
    for path in ("/workspace/local-authority", "/", "/no-such-page"):
        response = officer.get(path)
        assert_hardened(response)
        assert response.headers["Cache-Control"] == "no-store", path


def test_static_files_stay_cacheable_for_a_signed_in_person(client_as: Callable[..., FlaskClient]) -> None:
    response = client_as("la_officer").get("/static/src/register.js")
    assert response.status_code == 200 and not no_store(response)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_hsts_is_sent_over_https(tmp_path: Path, database_url: str) -> None:
    """Only when SESSION_COOKIE_SECURE says the site is on HTTPS (every other test here runs without)."""
    from tests.conftest import config_for_tests

    app: Flask = create_app({**config_for_tests(tmp_path, database_url), "SESSION_COOKIE_SECURE": True})
    response = app.test_client().get("/no-such-page")
    assert response.status_code == 404
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
EXTENDS_GOVUK_TEMPLATE = re.compile(r"""\{%-?\s*extends\s+["']govuk_frontend_jinja/template\.html""")
SCRIPT_URL = re.compile(r"""<[a-z][^>]*=\s*["']?\s*javascript:""", re.IGNORECASE)


def test_no_template_has_inline_script_or_style() -> None:
    """The policy blocks inline script, inline style and event-handler attributes: a template that
    used one would break in the browser (tests/browser/test_csp.py catches what this cannot)."""
    kinds = {
        "an inline <script>": INLINE_SCRIPT,
        "inline style": INLINE_STYLE,
        "an inline event handler": INLINE_HANDLER,
        "a javascript: address": SCRIPT_URL,
    }
    found = [
        f"{template.relative_to(PROJECT_ROOT)}: {kind} {match.group(0)[:60]!r}"
        for template in sorted(TEMPLATES.rglob("*.html"))
        for kind, pattern in kinds.items()
        for match in pattern.finditer(template.read_text())
    ]
    found += [
        f"{template.relative_to(PROJECT_ROOT)} extends GOV.UK's template, which has an inline script"
        for template in sorted(TEMPLATES.rglob("*.html"))
        if EXTENDS_GOVUK_TEMPLATE.search(template.read_text())
    ]
    assert not found, "move these into registry/static (the CSP blocks them):\n" + "\n".join(found)
