"""Follow every link the demo register shows, as a visitor and as each demo sign-in.

Every page a link leads to must open (no 404 or 403 behind a link we show, no 500), pass the
page basics (and say no "bodys", no double full stop, use no id twice, and mark at most one link of each
navigation aria-current), and — for the visitor — never show a private detail of any demo mediator or concern.
The demo data has every status, a year of log entries, training programmes, oversight reviews
and outcome returns (``registry.demo``), so most pages are reached with real content.

Links of one shape (``/mediators/SM-…``, ``?page=2``) are followed a few times each, not all.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.demo.people import DEMO_EMAILS
from registry.extensions import db
from registry.models import User
from tests.fixtures.clients import sign_in
from tests.fixtures.demo import DEMO_TEST_PASSWORD
from tests.fixtures.privacy import mark_unpublished, shows_the_marker
from tests.test_pages_basics import assert_page_basics, page_facts

PAGES_PER_SIGN_IN = 160
VISITS_PER_SHAPE = 2
NOT_FOLLOWED = ("/sign-out", "/static/", "/assets/", "/api/")  # the API has its own fuzzing
STILL_FOLLOWED = ("/api/v1/docs",)
# Where a visitor's crawl starts (the readability test crawls the same public pages).
VISITOR_STARTS = (
    "/", "/mediators?status=any", "/training", "/oversight", "/statistics",
    "/local-authorities/sheffield", "/providers",
)  # fmt: skip


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


class _Wording(HTMLParser):
    """Each <nav>'s count of aria-current links, and the page's visible text (no script or style)."""

    def __init__(self) -> None:
        super().__init__()
        self.navs: list[int] = []
        self.current_pages = 0
        self._open_navs: list[int] = []
        self._hidden = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            self._open_navs.append(len(self.navs))
            self.navs.append(0)
        elif tag in ("script", "style"):
            self._hidden += 1
        current = dict(attrs).get("aria-current") if tag == "a" else None
        if current and self._open_navs:
            self.navs[self._open_navs[-1]] += 1
        self.current_pages += current == "page"

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._open_navs:
            self._open_navs.pop()
        elif tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


DOUBLE_FULL_STOP = re.compile(r"(?<![.\w/])\.\.(?![./\w])|\w\.\.(?=\s|$)")


def wording_problems(html: str) -> list[str]:
    """No navigation marks two links as current; no "bodys"; no double full stop in what the page says."""
    parser = _Wording()
    parser.feed(html)
    text = " ".join("".join(parser.text).split())
    problems = [f"a navigation marks {n} links aria-current" for n in parser.navs if n > 1]
    if parser.current_pages > 1:
        problems.append(f"{parser.current_pages} links say they are this page (aria-current=page)")
    if re.search(r"\bbodys\b", text, re.IGNORECASE):
        problems.append("says “bodys”")
    problems += [
        f"a double full stop: …{text[max(m.start() - 30, 0) : m.end() + 10]}…" for m in DOUBLE_FULL_STOP.finditer(text)
    ]
    return problems


def duplicate_ids(html: str) -> list[str]:
    """Every id used more than once on the page (WCAG 4.1.1 as GOV.UK asks: a label, an error summary's
    link or aria-labelledby pointing at a duplicated id finds the wrong element)."""
    ids = page_facts(html).ids
    return [f"the id “{name}” is used {ids.count(name)} times" for name in sorted(set(ids)) if ids.count(name) > 1]


def _links(html: str, base: str) -> Iterator[str]:
    parser = _Links()
    parser.feed(html)
    for href in parser.hrefs:
        url = urlsplit(urljoin(base, href))
        if url.scheme not in ("", "http") or url.netloc not in ("", "localhost"):
            continue  # another site, mailto:
        path = url.path + (f"?{url.query}" if url.query else "")
        if path.startswith(STILL_FOLLOWED) or not path.startswith(NOT_FOLLOWED):
            yield path


def _shape(path: str) -> str:
    """What makes two links "the same page": digits and query values do not."""
    path = re.sub(r"SM-\d{6}-[\dX]|TP-\d{6}-[\dX]|CN-[0-9A-Z]{4}-[0-9A-Z]{4}|\d+", "#", path)
    path = re.sub(r"^/local-authorities/[a-z-]+", "/local-authorities/*", path)  # 153 pages of one shape
    return re.sub(r"=[^&]*", "=", path)


def _crawl(client: FlaskClient, starts: list[str]) -> tuple[dict[str, str], list[str]]:
    """Pages visited (path → html) and every problem found, naming the page that linked to it."""
    queue = deque((start, "(start)") for start in starts)
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    pages: dict[str, str] = {}
    problems: list[str] = []
    while queue and len(pages) < PAGES_PER_SIGN_IN:
        path, linked_from = queue.popleft()
        shape = _shape(path)
        if path in seen or shapes.get(shape, 0) >= VISITS_PER_SHAPE:
            continue
        seen.add(path)
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(path)
        if response.status_code in (301, 302, 303):
            queue.append((urlsplit(response.location).path or "/", path))
            continue
        if response.status_code != 200:
            problems.append(f"{path} (linked from {linked_from}) answered {response.status_code}")
            continue
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        pages[path] = html
        try:
            assert_page_basics(html)
        except AssertionError as error:
            problems.append(f"{path}: {error}")
        problems += [f"{path}: {problem}" for problem in wording_problems(html)]
        problems += [f"{path}: {problem}" for problem in duplicate_ids(html)]
        queue.extend((link, path) for link in _links(html, path))
    return pages, problems


def test_every_link_a_visitor_sees_opens_and_shows_nothing_private(client: FlaskClient, demo_register) -> None:
    """The privacy sentinel over the demo register: every field the field registry does not call public
    holds the marker (``tests.fixtures.privacy``), and no page a visitor can reach shows it."""
    written = mark_unpublished()
    assert {"Mediator.home_address", "LogEntry.reflection", "AccreditationEvent.reason", "User.name"} <= written
    pages, problems = _crawl(client, list(VISITOR_STARTS))
    assert problems == []
    assert len(pages) > 20, sorted(pages)
    assert [path for path, html in pages.items() if shows_the_marker(html)] == []


# What each person must be able to reach by following links from their workspace.
MUST_REACH = {
    "admin@demo.test": ("/workspace/admin/people", "/workspace/admin/organisations", "/workspace/admin/audit-trail"),
    "oversight@demo.test": (
        "/workspace/oversight/reviews", "/workspace/oversight/audits", "/workspace/oversight/concerns",
        "/workspace/admin/audit-trail", "/workspace/consultations",
    ),
    "registrar@demo.test": (
        "/workspace/registrar/applications", "/workspace/registrar/log-review", "/workspace/registrar/programmes",
        "/workspace/registrar/concerns", "/workspace/actions",
    ),
    "registrar2@demo.test": ("/workspace/registrar/applications",),
    "trainer@demo.test": ("/workspace/trainer/programmes", "/workspace/trainer/programmes/new", "/workspace/actions"),
    "provider@demo.test": (
        "/workspace/provider/returns", "/workspace/actions", "/workspace/provider/page",
        "/workspace/provider/mediators", "/workspace/provider/local-authorities",
        "/workspace/provider/local-authorities/new", "/workspace/provider/concerns",
        "/providers/meadowbank-mediation-services",
    ),
    "mediator@demo.test": (
        "/workspace/mediator/accreditation", "/workspace/mediator/profile", "/workspace/mediator/log",
        "/workspace/mediator/compliance", "/workspace/notifications", "/workspace/notifications/settings",
        "/workspace/mediator/providers",
    ),
    "la@demo.test": (
        "/workspace/local-authority/watchlist", "/workspace/local-authority/api-keys",
        "/workspace/local-authority/api-keys/webhooks", "/check", "/workspace/local-authority/services",
    ),
}  # fmt: skip


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_every_link_a_signed_in_person_sees_opens(app: Flask, demo_register, email: str) -> None:
    client = app.test_client()
    sign_in(client, db.session.scalars(select(User).where(User.email == email)).one(), DEMO_TEST_PASSWORD)
    pages, problems = _crawl(client, ["/workspace"])
    assert problems == []
    assert set(MUST_REACH[email]) <= set(pages), sorted(set(MUST_REACH[email]) - set(pages))
