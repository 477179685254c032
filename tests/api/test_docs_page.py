"""``/api/v1/docs``: a readable page rendered from the spec, loading nothing from another site."""

from __future__ import annotations

import re

from tests.test_pages_basics import assert_page_basics


def test_the_docs_page_shows_every_operation_and_schema(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert_page_basics(response.text)
    for path, item in spec["paths"].items():
        for method in item:
            if method != "parameters":
                assert f"{method.upper()} {path}" in response.text, (method, path)
    for name in ("Problem", "MediatorProfile", "CheckItem", "ChangeFeed"):
        assert f'id="schema-{name}"' in response.text
    assert "accredited_with_conditions" in response.text and "API key needed" in response.text
    assert "<strong>Rate limits.</strong>" in response.text


def test_the_docs_page_loads_nothing_from_another_site(client) -> None:
    html = client.get("/api/v1/docs").text
    loaded = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded, "expected the page's own stylesheet and script"
    assert all(url.startswith("/") and not url.startswith("//") for url in loaded), loaded
