"""Answers served again before Flask (``registry.fast_lane``) behave as Flask's own: one rate-limit
budget, the request id, conditional and HEAD requests, one log line; and only for anonymous reads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from registry import create_app
from registry.extensions import limiter
from tests.conftest import RequestIsolatedClient, config_for_tests

LIMIT = 6


@pytest.fixture
def limited_app(tmp_path, database_url: str) -> Iterator[Flask]:
    app = create_app(
        config_for_tests(tmp_path, database_url)
        | {"RATELIMIT_ENABLED": True, "API_RATE_LIMIT_ANONYMOUS": f"{LIMIT} per minute"}
    )
    app.test_client_class = RequestIsolatedClient
    limiter.reset()
    yield app
    limiter.reset()


def test_answers_from_the_fast_lane_and_from_flask_spend_one_budget(limited_app, registered) -> None:
    client = limited_app.test_client()
    number = registered().registration_number
    statuses = [client.get(f"/api/v1/mediators/{number}").status_code for _ in range(3)]  # a miss, then kept
    statuses += [client.get("/api/v1/changes?after=0").status_code for _ in range(3)]  # never kept: Flask each time
    assert statuses == [200] * LIMIT
    kept = client.get(f"/api/v1/mediators/{number}")
    assert kept.status_code == 429 and kept.mimetype == "application/problem+json"  # Flask's refusal
    answered = client.get(f"/api/v1/mediators/{number}")
    assert answered.headers["Retry-After"]


def test_a_kept_answer_carries_the_request_id_limits_and_etag(limited_app, registered, caplog) -> None:
    client = limited_app.test_client()
    number = registered().registration_number
    first = client.get(f"/api/v1/mediators/{number}")
    caplog.clear()
    again = client.get(f"/api/v1/mediators/{number}", headers={"X-Request-ID": "la-system-42"})
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["X-Request-ID"] == "la-system-42"
    assert int(again.headers["RateLimit-Remaining"]) == LIMIT - 2
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    lines = [record for record in caplog.records if record.name == "registry.requests"]
    assert len(lines) == 1 and lines[0].request_id == "la-system-42"  # once, with the route, not the path
    assert number not in lines[0].getMessage() and "<registration_number>" in lines[0].getMessage()
    not_modified = client.get(f"/api/v1/mediators/{number}", headers={"If-None-Match": first.headers["ETag"]})
    assert not_modified.status_code == 304 and not_modified.get_data() == b""
    head = client.head(f"/api/v1/mediators/{number}")
    assert head.status_code == 200 and head.get_data() == b""
    assert head.headers["Content-Length"] == str(len(first.get_data()))


def test_only_anonymous_reads_are_kept_and_served(client, registered, client_as) -> None:
    number = registered("Ada Public").registration_number
    client.get(f"/mediators/{number}")  # kept (tests/api/test_representations.py shows it served without the work)
    signed_in = client_as("la_officer").get(f"/mediators/{number}")
    assert "Sign out" in signed_in.text  # Flask answered: the visitor's kept page would show "Sign in"
    keyed = client.get(f"/api/v1/mediators/{number}", headers={"Authorization": "Bearer smr_not-a-key"})
    assert keyed.status_code == 401  # a key that does not work is refused, never served a kept answer


@pytest.mark.parametrize(("hops", "seen"), [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_the_client_address_is_read_through_trusted_proxies_only(tmp_path, database_url, caplog, hops, seen) -> None:
    app = create_app(config_for_tests(tmp_path, database_url) | {"TRUSTED_PROXY_HOPS": hops})
    caplog.clear()
    app.test_client().get("/healthz", headers={"X-Forwarded-For": "203.0.113.9"})
    (line,) = [record for record in caplog.records if record.name == "registry.requests"]
    assert line.request_fields["remote_addr"] == seen  # type: ignore[attr-defined]
