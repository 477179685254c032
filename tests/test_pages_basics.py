"""Page basics on every page that exists: one h1, the register's title pattern, CSRF on every
POST form, no GOV.UK crown or logo, and a GOV.UK error summary when a form is sent wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask import Flask, flash, render_template
from flask_wtf.csrf import CSRFError
from werkzeug import exceptions

from registry.models.users import ROLES
from tests.conftest import csrf_token_from

TITLE_SUFFIX = "– SEND Mediation Register"


@dataclass
class Form:
    method: str
    csrf_token: str = ""


@dataclass
class PageFacts:
    """What the basics need from a page, gathered in one pass of the stdlib HTML parser."""

    h1_count: int = 0
    title: str = ""
    header_text: str = ""
    classes: set[str] = field(default_factory=set)
    forms: list[Form] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # every id attribute, in order (the crawl checks they are unique)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.facts = PageFacts()
        self._in_title = False
        self._header_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.facts.classes.update(attributes.get("class", "").split())
        if "id" in attributes:
            self.facts.ids.append(attributes["id"])
        if tag == "h1":
            self.facts.h1_count += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "header":
            self._header_depth += 1
        elif tag == "form":
            self.facts.forms.append(Form(method=attributes.get("method", "get").lower()))
        elif tag == "input" and attributes.get("name") == "csrf_token" and self.facts.forms:
            self.facts.forms[-1].csrf_token = attributes.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "header":
            self._header_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title += data
        if self._header_depth:
            self.facts.header_text += data


def page_facts(html: str) -> PageFacts:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.facts


def assert_page_basics(html: str) -> PageFacts:
    facts = page_facts(html)
    title = " ".join(facts.title.split())
    assert facts.h1_count == 1, f"expected exactly one h1, found {facts.h1_count}"
    assert title.endswith(TITLE_SUFFIX), f"title {title!r} does not end {TITLE_SUFFIX!r}"
    assert title != TITLE_SUFFIX and not title.startswith("–"), "the page has no title of its own"
    for form in facts.forms:
        if form.method == "post":
            assert form.csrf_token, "a POST form has no csrf_token"
    crown = {"govuk-logo", "govuk-header__logo", "govuk-header__logotype", "govuk-header__link--homepage"}
    assert not facts.classes & crown, f"GOV.UK logo markup: {facts.classes & crown}"
    assert "GOV.UK" not in facts.header_text, "the header says GOV.UK"
    assert "/assets/images/" not in html, "GOV.UK's crown icons are linked"
    return facts


def test_home_page(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert_page_basics(response.text)


@pytest.mark.parametrize("path", ["/sign-in", "/sign-out"])
def test_account_pages(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert_page_basics(response.text)


def test_sign_out_page_asks_for_a_post_with_csrf(client_as) -> None:
    response = client_as("registrar").get("/sign-out")
    facts = assert_page_basics(response.text)
    assert [form.method for form in facts.forms] == ["post"]


def test_page_not_found(client) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert_page_basics(response.text)
    assert "Page not found" in response.text


@pytest.mark.parametrize("role", ROLES)
def test_each_workspace(client_as, role: str) -> None:
    signed_in = client_as(role)
    response = signed_in.get("/workspace", follow_redirects=True)
    assert response.status_code == 200
    assert_page_basics(response.text)
    assert signed_in.user.name in response.text


def test_workspace_names_the_organisation(client_as, factories) -> None:
    body = factories.organisation(kind="accrediting_body", name="Civil Mediation Council")
    response = client_as("registrar", organisation=body).get("/workspace", follow_redirects=True)
    assert "You act for <strong>Civil Mediation Council</strong>" in response.text


def test_invalid_sign_in_shows_an_error_summary(client) -> None:
    token = csrf_token_from(client.get("/sign-in").text)
    response = client.post("/sign-in", data={"email": "", "password": "", "csrf_token": token})
    assert response.status_code == 200
    facts = assert_page_basics(response.text)
    assert "govuk-error-summary" in facts.classes
    assert " ".join(facts.title.split()).startswith("Error: ")
    assert "Enter your email address" in response.text and "Enter your password" in response.text


def test_flashed_messages_show_as_notification_banners(app: Flask) -> None:
    with app.test_request_context("/"):
        flash("Accreditation granted", "success")
        flash("Your evidence is due next week")
        html = render_template("public/home.html", accredited_count=3)
    assert_page_basics(html)
    assert len(re.findall(r'class="govuk-notification-banner[ "]', html)) == 2
    assert "govuk-notification-banner--success" in html and 'role="alert"' in html
    assert "Accreditation granted" in html and "Your evidence is due next week" in html


def test_a_form_without_its_token_gets_the_expired_form_page(client) -> None:
    response = client.post("/sign-in", data={"email": "someone@example.test", "password": "x"})
    assert response.status_code == 400
    assert_page_basics(response.text)
    assert "this form has expired" in response.text


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("errors/400.html", exceptions.BadRequest()),
        ("errors/403.html", exceptions.Forbidden()),
        ("errors/404.html", exceptions.NotFound()),
        ("errors/405.html", exceptions.MethodNotAllowed(valid_methods=["GET"])),
        ("errors/429.html", exceptions.TooManyRequests()),
        ("errors/500.html", exceptions.InternalServerError()),
        ("errors/csrf.html", CSRFError("The CSRF token is missing.")),
        ("errors/generic.html", exceptions.ImATeapot()),
    ],
)
def test_error_pages_need_only_the_error(app: Flask, template: str, error: exceptions.HTTPException) -> None:
    with app.test_request_context("/somewhere"):
        html = render_template(template, error=error)
    facts = assert_page_basics(html)
    assert "govuk-link" in facts.classes, "an error page must offer a way onward"


def test_standards_pages(client) -> None:
    index = client.get("/standards")
    assert index.status_code == 200
    assert_page_basics(index.text)
    versions = sorted(set(re.findall(r'href="(/standards/[a-z-]+/[0-9][^"/]*)"', index.text)))
    assert versions, "the standards index links to no version"
    for path in versions:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_page_basics(response.text)
