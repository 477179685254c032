"""Errors: HTML pages for people, RFC 9457 problem documents under /api/."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_unknown_api_path_is_a_problem_document(client: FlaskClient) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 404 and body["title"] == "Not Found" and body["type"].startswith("https://")


def test_unknown_page_is_an_html_page(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "<h1" in response.text


def test_wrong_method_on_a_page_says_which_are_allowed(client: FlaskClient) -> None:
    response = client.delete("/sign-in")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
