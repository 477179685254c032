"""One sub-navigation: ``sub_navigation`` builds the items, ``registerSubNavigation(label, items)`` draws
them, and at most one link is marked (aria-current="page" on its own page, "true" beneath it)."""

from __future__ import annotations

import re

import pytest
from flask import Flask, render_template_string

from registry.web.layout import sub_navigation

OVERSIGHT_PAGES = [
    ("Overview", "workspace.oversight"),
    ("Reviews", "oversight.review_list"),
    ("Concerns", "oversight.concern_list"),
]
MARKED = re.compile(r'href="([^"]+)"\s*aria-current="(page|true)"')
SUB_NAVIGATION = re.compile(r'<nav class="register-sub-navigation".*?</nav>', re.S)


def marked_in_sub_navigation(html: str) -> list[tuple[str, str]]:
    (nav,) = SUB_NAVIGATION.findall(html)
    return MARKED.findall(nav)


@pytest.mark.parametrize(
    ("path", "marked"),
    [
        ("/workspace/oversight", {"Overview": "current"}),
        ("/workspace/oversight/reviews", {"Reviews": "current"}),
        ("/workspace/oversight/reviews/", {"Reviews": "current"}),
        ("/workspace/oversight/reviews/new", {"Reviews": "active"}),
        ("/workspace/oversight/statistics", {}),  # beneath the overview only: the overview is its own page
    ],
)
def test_one_link_is_marked(app: Flask, path: str, marked: dict[str, str]) -> None:
    with app.test_request_context(path):
        items = sub_navigation(OVERSIGHT_PAGES)
    assert [item["text"] for item in items] == ["Overview", "Reviews", "Concerns"]
    assert [item["href"] for item in items] == [
        "/workspace/oversight",
        "/workspace/oversight/reviews",
        "/workspace/oversight/concerns",
    ]
    found = {item["text"]: mark for item in items for mark in ("current", "active") if item[mark]}
    assert found == marked


def test_the_macro_draws_a_named_nav_with_the_current_page(app: Flask) -> None:
    with app.test_request_context("/workspace/oversight/reviews/new"):
        html = render_template_string(
            '{% from "components/sub-navigation.html" import registerSubNavigation %}'
            '{{ registerSubNavigation("Oversight workspace", sub_navigation(pages)) }}',
            pages=OVERSIGHT_PAGES,
        )
    assert '<nav class="register-sub-navigation" aria-label="Oversight workspace">' in html
    assert marked_in_sub_navigation(html) == [("/workspace/oversight/reviews", "true")]


@pytest.mark.parametrize(
    ("role", "path", "label"),
    [
        ("admin", "/workspace/admin/people", "Admin workspace"),
        ("la_officer", "/workspace/local-authority/watchlist", "Local authority workspace"),
        ("registrar", "/workspace/registrar/applications", "Registrar workspace"),
        ("trainer", "/workspace/trainer/programmes/new", "Training provider workspace"),
        ("oversight", "/workspace/oversight/reviews", "Oversight workspace"),
    ],
)
def test_each_workspace_marks_only_its_page(client_as, role: str, path: str, label: str) -> None:
    response = client_as(role).get(path)
    assert response.status_code == 200
    assert f'aria-label="{label}"' in response.text
    assert marked_in_sub_navigation(response.text) == [(path, "page")]


def test_a_page_beneath_a_section_marks_the_section(client_as, factories) -> None:
    client = client_as("mediator")
    factories.mediator(user_id=client.user.id)
    response = client.get("/workspace/mediator/log/new")
    assert response.status_code == 200
    assert 'aria-label="Mediator workspace"' in response.text
    assert marked_in_sub_navigation(response.text) == [("/workspace/mediator/log", "true")]
