"""Static files at fingerprinted addresses (``registry.web.static_files``): every page names them
through ``static_url``, each is kept by browsers for a year and compressed, a stale or made-up
fingerprint is a 404, and a changed file gets a new address."""

from __future__ import annotations

import hashlib
import re
import shutil

import brotli
from flask.testing import FlaskClient

from registry import create_app
from registry.config import PROJECT_ROOT
from tests.conftest import config_for_tests

STATIC = PROJECT_ROOT / "registry" / "static"
GOVUK_COMPONENTS = PROJECT_ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"
# govuk-frontend-wtf's widgets, which draw GOV.UK components no template names.
WIDGETS = {
    "GovCharacterCount": "character-count",
    "GovCheckbox": "checkboxes",
    "GovDateInput": "date-input",
    "GovFileInput": "file-upload",
    "GovPasswordInput": "password-input",
    "GovRadioInput": "radios",
    "GovSelect": "select",
    "GovSubmitInput": "button",
    "GovTextArea": "textarea",
    "GovTextInput": "input",
}
NAMED = re.compile(r'(?:href|src|data-govuk-frontend)="(/static/[^"]+)"')
FINGERPRINTED = re.compile(r"^/static/(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<suffix>\.[a-z]+)$")


def _named(client: FlaskClient, path: str) -> list[str]:
    page = client.get(path)
    assert page.status_code == 200
    return NAMED.findall(page.text)


def test_every_static_file_a_page_names_is_fingerprinted_by_its_content(client: FlaskClient) -> None:
    named = _named(client, "/")
    assert {re.sub(r"\.[0-9a-f]{12}\.", ".", url) for url in named} >= {
        "/static/govuk/register.css",
        "/static/govuk/govuk-frontend.min.js",
        "/static/src/register.js",
        "/static/src/favicon.svg",
    }
    for url in named:
        found = FINGERPRINTED.match(url)
        assert found, f"{url} has no fingerprint"
        content = (STATIC / f"{found['stem']}{found['suffix']}").read_bytes()
        assert hashlib.sha256(content).hexdigest()[:12] == found["digest"]


def test_every_govuk_component_the_pages_use_is_in_the_trimmed_stylesheet() -> None:
    """register.scss compiles in only the components the register uses: one a template or form starts
    using must be added there, or it would be drawn unstyled."""
    components = {path.name for path in GOVUK_COMPONENTS.iterdir() if path.is_dir()}
    used: set[str] = set()
    for path in [*(PROJECT_ROOT / "templates").rglob("*.html"), *(PROJECT_ROOT / "registry").rglob("*.py")]:
        text = path.read_text()
        used |= set(re.findall(r"govuk-([a-z]+(?:-[a-z]+)*)", text)) & components
        used |= set(re.findall(r"components/([a-z-]+)/macro", text)) & components
        used |= {component for widget, component in WIDGETS.items() if re.search(rf"\b{widget}", text)}
    stylesheet = (STATIC / "govuk" / "register.css").read_text()
    missing = sorted(component for component in used if f".govuk-{component}" not in stylesheet)
    assert not missing, f"add these to registry/static/src/register.scss and run make assets: {missing}"
    assert "service-navigation" in used and "password-input" in used and "accordion" not in used


def test_a_fingerprinted_file_is_kept_for_a_year_and_compressed(client: FlaskClient) -> None:
    stylesheet = next(url for url in _named(client, "/") if url.endswith(".css"))
    response = client.get(stylesheet, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200 and response.mimetype == "text/css"
    cache = response.cache_control
    assert cache.public and cache.max_age == 31536000 and cache.immutable and not cache.no_store
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.get_data()) == (STATIC / "govuk" / "register.css").read_bytes()


def test_a_signed_in_person_is_given_the_same_long_kept_files(client_as) -> None:
    client = client_as("la_officer")
    script = next(url for url in _named(client, "/workspace/local-authority") if "/src/register." in url)
    response = client.get(script)
    assert response.status_code == 200 and response.cache_control.immutable and not response.cache_control.no_store


def test_an_unknown_or_stale_fingerprint_is_not_found(client: FlaskClient) -> None:
    assert client.get("/static/govuk/register.000000000000.css").status_code == 404
    assert client.get("/static/govuk/nothing.0123456789ab.css").status_code == 404
    assert client.get("/static/govuk/register.0123456789ab.css/..").status_code == 404


def test_a_plain_address_still_answers_without_the_long_keep(client: FlaskClient) -> None:
    """The accessibility tests load axe this way."""
    response = client.get("/static/src/register.js")
    assert response.status_code == 200 and not response.cache_control.immutable


def test_a_changed_file_gets_a_new_address(tmp_path, database_url: str) -> None:
    app = create_app(config_for_tests(tmp_path, database_url))
    folder = tmp_path / "static"
    shutil.copytree(STATIC, folder)  # the pages (the 404 page too) name the stylesheet and scripts
    app.static_folder = str(folder)
    script = folder / "enhance.js"
    script.write_text("console.log('one')")
    with app.test_request_context():
        from registry.web.static_files import static_url

        first = static_url("enhance.js")
        script.write_text("console.log('two, longer')")
        second = static_url("enhance.js")
    assert first != second and first.startswith("/static/enhance.") and first.endswith(".js")
    client = app.test_client()
    assert client.get(second).text == "console.log('two, longer')"
    assert client.get(first).status_code == 404  # yesterday's address does not serve today's file
