"""The accessibility statement, the privacy page and the footer that links every page to them."""

from __future__ import annotations

import re

import pytest

from tests.test_pages_basics import assert_page_basics


def _footer_links(html: str) -> list[str]:
    footer = html[html.index('<footer class="govuk-footer">') :]
    return re.findall(r'class="govuk-footer__link" href="(/[^"]*)"', footer)


def test_every_footer_link_leads_somewhere(client) -> None:
    links = _footer_links(client.get("/").text)
    assert {"/accessibility", "/privacy", "/oversight", "/statistics", "/concerns/new", "/api/v1/docs"} <= set(links)
    assert "/what-is-send-mediation" in links
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize(
    ("path", "must_say"),
    [
        ("/accessibility", ("WCAG", "partially compliant", "without JavaScript", "Reporting a problem")),
        ("/privacy", ("What is public", "What is never public", "Cookies", "Information Commissioner")),
    ],
)
def test_the_statements_say_what_they_must(client, path: str, must_say: tuple[str, ...]) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert_page_basics(response.text)
    for words in must_say:
        assert words in response.text, words


def test_the_operators_contact_appears_only_when_configured(app, client, monkeypatch) -> None:
    assert "mailto:" not in client.get("/accessibility").text
    monkeypatch.setitem(app.config, "CONTACT_EMAIL", "register@operator.example")
    for path in ("/accessibility", "/privacy"):
        assert 'href="mailto:register@operator.example"' in client.get(path).text


def test_the_only_cookie_is_the_one_the_privacy_page_names(app, factories) -> None:
    from tests.fixtures.clients import sign_in

    browser = app.test_client()
    set_cookies = []
    for path in ("/", "/mediators", "/check", "/concerns/new"):
        set_cookies += browser.get(path).headers.getlist("Set-Cookie")
    sign_in(browser, factories.person_with_role("la_officer"))
    set_cookies += browser.get("/workspace").headers.getlist("Set-Cookie")
    # Flask-Login also sends an order to delete a "remember me" cookie the register never sets.
    kept = [cookie for cookie in set_cookies if "Max-Age=0" not in cookie]
    assert {cookie.split("=", 1)[0] for cookie in kept} == {"session"}
    assert all("Expires" not in cookie and "Max-Age" not in cookie for cookie in kept)  # gone with the browser
