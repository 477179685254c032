"""Conventions on every /api/v1 response: problems, 405 with Allow, ETags and 304, CORS."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/no-such-thing", 404),
        ("get", "/api/v1/mediators/SM-000001-X", 404),
        ("post", "/api/v1/mediators", 405),
        ("delete", "/api/v1/changes", 405),
        ("get", "/api/v1/mediators?page=0", 422),
        ("get", "/api/v1/changes?after=-1", 422),
        ("get", "/api/v1/standards/no-such-family/1.0", 404),
        ("get", "/api/v1/checks/0123456789abcdef0123456789abcdef", 401),
    ],
)
def test_errors_are_rfc_9457_problems(client, method: str, path: str, status: int) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"] and body["type"].startswith("https://")


def test_405_says_which_methods_are_allowed(client) -> None:
    response = client.put("/api/v1/mediators")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    watch = client.post("/api/v1/watchlist/SM-000001-X")
    assert watch.status_code == 405 and {"GET", "PUT", "DELETE"} <= set(
        watch.headers["Allow"].replace(" ", "").split(",")
    )


def test_a_body_that_is_not_json_is_a_400_problem(client, api_key) -> None:
    token = api_key().token
    response = client.post(
        "/api/v1/checks",
        data="{not json",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


def test_gets_carry_a_strong_etag_and_answer_if_none_match_with_304(client, registered) -> None:
    number = registered().registration_number
    first = client.get(f"/api/v1/mediators/{number}")
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get(f"/api/v1/mediators/{number}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert client.get(f"/api/v1/mediators/{number}", headers={"If-None-Match": '"stale"'}).status_code == 200
    listing = client.get("/api/v1/local-authorities")
    assert (
        client.get("/api/v1/local-authorities", headers={"If-None-Match": listing.headers["ETag"]}).status_code == 304
    )


def test_the_etag_changes_when_the_answer_does(client, registered) -> None:
    mediator = registered()
    etag = client.get(f"/api/v1/mediators/{mediator.registration_number}").headers["ETag"]
    mediator.bio = "Now mediating in Welsh as well."
    from registry.extensions import db

    db.session.flush()
    changed = client.get(f"/api/v1/mediators/{mediator.registration_number}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_read_endpoints_allow_cors_and_answer_preflight(client) -> None:
    response = client.get("/api/v1/bodies", headers={"Origin": "https://la.example.test"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Link" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/mediators",
        headers={"Origin": "https://la.example.test", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]


def test_keyed_endpoints_do_not_offer_cors(client, api_key) -> None:
    token = api_key().token
    response = client.get("/api/v1/watchlist", headers={"Authorization": f"Bearer {token}", "Origin": "https://x.test"})
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"  # private: registry/security_headers.py
