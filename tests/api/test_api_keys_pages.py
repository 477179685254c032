"""API keys in the LA workspace: create and name a key (shown once), see it listed, revoke it."""

from __future__ import annotations

import re

from sqlalchemy import select

from registry.domain import api_keys
from registry.extensions import db
from registry.models import ApiKey
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics

TOKEN = re.compile(r"smr_[A-Za-z0-9_-]{43}")


def test_an_officer_creates_a_key_that_is_shown_once_and_works(client_as) -> None:
    officer = client_as("la_officer")
    page = officer.get("/workspace/local-authority/api-keys")
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert "no API keys yet" in page.text
    created = officer.post(
        "/workspace/local-authority/api-keys",
        data={"name": "Case management", "csrf_token": csrf_token_from(page.text)},
    )
    assert created.status_code == 303  # POST/redirect/GET: reloading the page that shows the key creates nothing
    created = officer.get(created.location)
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    assert_page_basics(created.text)
    token = TOKEN.search(created.text).group(0)
    key = api_keys.authenticate(token)
    assert key is not None and key.name == "Case management"
    assert key.organisation_id == officer.user.roles[0].organisation_id
    listing = officer.get("/workspace/local-authority/api-keys").text
    assert "Case management" in listing and key.prefix in listing and token not in listing
    assert officer.get("/api/v1/watchlist", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_reloading_the_page_that_showed_a_key_shows_it_no_more_and_creates_no_second_key(client_as) -> None:
    officer = client_as("la_officer")
    page = officer.get("/workspace/local-authority/api-keys")
    created = officer.post(
        "/workspace/local-authority/api-keys",
        data={"name": "Case management", "csrf_token": csrf_token_from(page.text)},
        follow_redirects=True,
    )
    assert TOKEN.search(created.text)
    reloaded = officer.get(created.request.path)
    assert reloaded.status_code == 200 and not TOKEN.search(reloaded.text)
    assert "shown when it was made, and only then" in reloaded.text
    assert len(db.session.scalars(select(ApiKey)).all()) == 1


def test_another_las_new_key_page_is_not_found(client_as, api_key, la_organisation) -> None:
    theirs = api_key(la_organisation())
    officer = client_as("la_officer", organisation=la_organisation())
    assert officer.get(f"/workspace/local-authority/api-keys/{theirs.key.id}/created").status_code == 404


def test_a_key_needs_a_name(client_as) -> None:
    officer = client_as("la_officer")
    token = csrf_token_from(officer.get("/workspace/local-authority/api-keys").text)
    response = officer.post("/workspace/local-authority/api-keys", data={"name": "  ", "csrf_token": token})
    assert response.status_code == 200
    facts = assert_page_basics(response.text)
    assert "govuk-error-summary" in facts.classes and "Enter a name for the key" in response.text
    assert not TOKEN.search(response.text)


def test_an_officer_revokes_a_key_of_their_own_la_only(client_as, api_key, la_organisation) -> None:
    ours = la_organisation()
    officer = client_as("la_officer", organisation=ours)
    new = api_key(ours)
    theirs = api_key(la_organisation())
    page = officer.get("/workspace/local-authority/api-keys")
    csrf = csrf_token_from(page.text)
    other = officer.post(f"/workspace/local-authority/api-keys/{theirs.key.id}/revoke", data={"csrf_token": csrf})
    assert other.status_code == 404
    response = officer.post(f"/workspace/local-authority/api-keys/{new.key.id}/revoke", data={"csrf_token": csrf})
    assert response.status_code == 302
    assert api_keys.authenticate(new.token) is None and api_keys.authenticate(theirs.token) is not None
    listing = officer.get("/workspace/local-authority/api-keys").text
    assert "is revoked" in listing and "Revoked" in listing
    revoked = db.session.scalars(select(ApiKey).where(ApiKey.id == new.key.id)).one()
    assert revoked.revoked_by_id == officer.user.id


def test_only_la_officers_reach_the_keys_pages(client, client_as) -> None:
    assert client.get("/workspace/local-authority/api-keys").status_code == 302
    assert client_as("registrar").get("/workspace/local-authority/api-keys").status_code == 403
    assert client_as("la_officer").get("/workspace/local-authority").status_code == 200
    overview = client_as("la_officer").get("/workspace/local-authority").text
    assert "/workspace/local-authority/api-keys" in overview
