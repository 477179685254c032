"""Rate limits: the documented anonymous and keyed limits, their headers, and 429 with Retry-After.

The suite's app runs without limits; these tests build their own app with them on (the same
database, so the suite's rolled-back transaction still applies) and reset the counters around.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from registry import create_app
from registry.api.limits import DEFAULT_ANONYMOUS_LIMIT, DEFAULT_KEYED_LIMIT
from registry.extensions import limiter
from tests.conftest import RequestIsolatedClient, config_for_tests


@pytest.fixture
def limited_app(tmp_path, database_url: str) -> Iterator[Flask]:
    app = create_app(config_for_tests(tmp_path, database_url) | {"RATELIMIT_ENABLED": True})
    app.test_client_class = RequestIsolatedClient
    limiter.reset()
    yield app
    limiter.reset()


def _amount(limit: str) -> int:
    return int(limit.split()[0])


def test_the_limits_are_documented(client) -> None:
    description = client.get("/api/v1/openapi.json").json["info"]["description"]
    assert f"Without a key: {DEFAULT_ANONYMOUS_LIMIT}" in description
    assert f"with a key: {DEFAULT_KEYED_LIMIT}" in description


def test_anonymous_calls_get_429_with_retry_after_past_the_limit(limited_app) -> None:
    client = limited_app.test_client()
    allowed = _amount(DEFAULT_ANONYMOUS_LIMIT)
    for i in range(allowed):
        response = client.get("/api/v1/bodies")
        assert response.status_code == 200, i
    assert response.headers["RateLimit-Limit"] == str(allowed) == response.headers["X-RateLimit-Limit"]
    assert response.headers["RateLimit-Remaining"] == "0"
    assert 0 <= int(response.headers["RateLimit-Reset"]) <= 60
    refused = client.get("/api/v1/mediators")  # one budget across the whole API
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json["status"] == 429


@pytest.mark.slow
def test_keyed_calls_get_the_higher_limit(limited_app, api_key) -> None:
    client = limited_app.test_client()
    headers = {"Authorization": f"Bearer {api_key().token}"}
    for _ in range(_amount(DEFAULT_ANONYMOUS_LIMIT)):
        client.get("/api/v1/bodies")
    assert client.get("/api/v1/bodies").status_code == 429
    allowed = _amount(DEFAULT_KEYED_LIMIT)
    for i in range(allowed):
        # A cheap call (a 422 answered before any query but the key's) still counts against the budget.
        response = client.get("/api/v1/bodies" if i < 100 else "/api/v1/mediators/mistyped", headers=headers)
        assert response.status_code == (200 if i < 100 else 422), i
    assert response.headers["RateLimit-Limit"] == str(allowed) and response.headers["RateLimit-Remaining"] == "0"
    refused = client.get("/api/v1/bodies", headers=headers)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
