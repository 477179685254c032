"""Every form the demo register shows, sent with odd answers by a visitor and by each demo sign-in.

The answers are the ones that have broken registers before: numbers too large for any column,
text longer than any limit, empty answers, negative numbers, choices that are not offered,
impossible dates and markup. Whatever the form, the register must answer with a page (a form
error, a refusal, a redirect) and never a server error. Forms are found by following links from
each workspace (one page of each shape), so a new form is covered without listing it here.
"""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.demo.people import DEMO_EMAILS
from registry.extensions import db
from registry.models import User
from tests.fixtures.clients import sign_in
from tests.fixtures.demo import DEMO_TEST_PASSWORD
from tests.test_crawl import _links, _shape

ODD_ANSWERS = ("99999999999999999999", "x" * 6000, "", "-1", "not-a-choice", "2026-02-30", "<script>alert(1)</script>")
PAGES_PER_SIGN_IN = 80


class _Forms(HTMLParser):
    """POST forms and their fields: (name, kind, offered values)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str, list[str]]]]] = []
        self._fields: list[tuple[str, str, list[str]]] | None = None
        self._options: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._fields = [] if a.get("method", "get").lower() == "post" else None
            if self._fields is not None:
                self.forms.append((a.get("action", ""), self._fields))
        elif self._fields is None:
            return
        elif tag == "input" and a.get("name"):
            self._fields.append((a["name"], a.get("type", "text"), [a.get("value", "")]))
        elif tag == "textarea" and a.get("name"):
            self._fields.append((a["name"], "textarea", []))
        elif tag == "select" and a.get("name"):
            self._options = []
            self._fields.append((a["name"], "select", self._options))
        elif tag == "option" and self._options is not None:
            self._options.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._options = None


def _answers(fields: list[tuple[str, str, list[str]]], odd: str) -> dict[str, str]:
    answers = {}
    for name, kind, offered in fields:
        if name == "csrf_token":
            answers[name] = offered[0]
        elif kind == "file":
            continue
        elif kind in ("select", "radio", "checkbox"):
            answers[name] = odd if odd in ("", "not-a-choice") else (offered[-1] if offered else odd)
        else:
            answers[name] = odd
    return answers


def _send_every_form(client: FlaskClient, start: str) -> tuple[int, list[str]]:
    public_forms = ["/concerns/new", "/check", "/local-authorities/sheffield/alerts", "/verify"]
    queue, seen, shapes = deque([start, *public_forms]), set(), set()
    sent, problems = 0, []
    while queue and len(seen) < PAGES_PER_SIGN_IN:
        path = queue.popleft()
        if path in seen or _shape(path) in shapes:
            continue
        seen.add(path)
        shapes.add(_shape(path))
        page = client.get(path)
        if page.status_code != 200 or page.mimetype != "text/html":
            continue
        html = page.get_data(as_text=True)
        queue.extend(_links(html, path))
        parser = _Forms()
        parser.feed(html)
        for action, fields in parser.forms:
            target = urljoin(path, action or path)
            if target.endswith("/sign-out"):
                continue
            for odd in ODD_ANSWERS:
                response = client.post(target, data=_answers(fields, odd))
                sent += 1
                if response.status_code >= 500:
                    problems.append(f"{target} (form on {path}) with {odd[:20]!r}: {response.status_code}")
    return sent, problems


@pytest.mark.parametrize("email", [None, *DEMO_EMAILS])
def test_odd_answers_in_every_form_never_cause_a_server_error(app: Flask, demo_register, email: str | None) -> None:
    client = app.test_client()
    if email:
        sign_in(client, db.session.scalars(select(User).where(User.email == email)).one(), DEMO_TEST_PASSWORD)
    # Start from the workspace /workspace sends the person to (the crawl follows links, not redirects).
    start = client.get("/workspace").headers["Location"] if email else "/"
    sent, problems = _send_every_form(client, start)
    assert problems == []
    assert sent >= len(ODD_ANSWERS), "no form was found to send"
