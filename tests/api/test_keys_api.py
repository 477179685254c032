"""Keyed endpoints refuse anonymous callers and revoked keys with a 401 problem; a key's use is recorded."""

from __future__ import annotations

import pytest

from registry.domain import api_keys
from registry.extensions import db

KEYED = [("get", "/api/v1/watchlist"), ("post", "/api/v1/checks"), ("put", "/api/v1/watchlist/SM-000001-X")]


@pytest.mark.parametrize(("method", "path"), KEYED)
def test_keyed_endpoints_refuse_anonymous_calls(client, method: str, path: str) -> None:
    response = getattr(client, method)(path, json={"numbers": ["SM-000001-X"]})
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer smr_not-a-key", "Bearer ", "Basic dXNlcjpwYXNz", "smr_x"])
def test_a_key_that_does_not_work_is_refused_everywhere(client, header: str) -> None:
    for path in ("/api/v1/watchlist", "/api/v1/bodies"):
        response = client.get(path, headers={"Authorization": header})
        assert response.status_code == 401, (path, header)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_key_stops_working_at_once(client, api_key) -> None:
    new = api_key()
    headers = {"Authorization": f"Bearer {new.token}"}
    assert client.get("/api/v1/watchlist", headers=headers).status_code == 200
    api_keys.revoke_key(new.key, None)
    db.session.flush()
    response = client.get("/api/v1/watchlist", headers=headers)
    assert response.status_code == 401 and "revoked" in response.json["detail"]


def test_the_key_scheme_is_case_insensitive_and_use_is_recorded(client, api_key) -> None:
    new = api_key()
    assert new.key.last_used_at is None
    assert client.get("/api/v1/watchlist", headers={"Authorization": f"bearer {new.token}"}).status_code == 200
    db.session.refresh(new.key)
    assert new.key.last_used_at is not None
